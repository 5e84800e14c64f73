"""``ilearn sync`` and its actions (setup, status, resolve): one line each, or a short list."""

from __future__ import annotations

import argparse
import sys

from ilearn_tui.cli.common import journal_for
from ilearn_tui.cli.output import out
from ilearn_tui.domain.text import plural
from ilearn_tui.errors import IlearnError
from ilearn_tui.store.journal import Journal
from ilearn_tui.textsafe import one_line

MINE = "--- this computer's version ---"
THEIRS = "--- the other computer's version ---"


def run(args: argparse.Namespace) -> int:
    from ilearn_tui.sync import engine

    action = args.sync_command or "now"
    with journal_for(args) as journal:
        if action == "setup":
            stored = engine.setup(journal, args.url, join=args.join)
            out(f"sync remote set to {one_line(stored, 200)}; run 'ilearn sync' to send and receive")
            return 0
        if action == "status":
            _status(journal)
            return 0
        if action == "resolve":
            return _resolve(journal, args)
        return _sync_all(journal, allow_deletes=args.allow_deletes)


def _sync_all(journal: Journal, *, allow_deletes: bool) -> int:
    """Her own remote, then each group: a line each; what a group skipped, on stderr."""
    from ilearn_tui.services.syncing import sync_all

    outcome = sync_all(journal, allow_deletes=allow_deletes)
    for part in outcome.parts:
        if part.ok:
            out(one_line(part.line, 300))
        else:
            sys.stderr.write(f"ilearn: {one_line(part.line, 300)}\n")
        for warning in part.warnings:
            sys.stderr.write(f"ilearn: skipped: {warning}\n")
    return 0 if outcome.ok else 1


def _status(journal: Journal) -> None:
    from ilearn_tui.sync import engine
    from ilearn_tui.sync.resolve import value_text

    state = engine.status(journal)
    remote = one_line(state.remote, 200) if state.remote else "none (run 'ilearn sync setup URL')"
    last = state.last_sync[:16].replace("T", " ") if state.last_sync else "never"
    out(f"remote: {remote}")
    out(f"last sync: {last}")
    kept = f" ({state.kept_home} of them student information, kept here)" if state.kept_home else ""
    out(f"pending: {plural(state.pending, 'change')} to send{kept}")
    if state.undo:
        out(f"undo the last sync: ilearn restore {one_line(state.undo, 300)}")
    out(f"conflicts: {len(state.conflicts)}")
    for c in state.conflicts:
        other = one_line(value_text(c.other), 50)
        where = f"conflicted copy {c.copy_id[:8]}" if c.copy_id else f"other value {other!r}"
        out(f"  {c.table} {c.key[:8]} {c.field}: kept this computer's; {where}")
        out(f"    resolve: ilearn sync resolve {c.key[:8]} --keep mine|theirs, or --edit")


def _resolve(journal: Journal, args: argparse.Namespace) -> int:
    from ilearn_tui.cli.record_values import run_editor  # the record forms: only to edit a conflict
    from ilearn_tui.sync import resolve

    conflict = resolve.find_conflict(journal, args.conflict)
    about = f"{conflict.table} {conflict.key[:8]} {conflict.field}"
    if args.keep == "mine":
        resolve.keep_mine(journal, conflict)
        out(f"resolved {about}: kept this computer's; it travels on the next 'ilearn sync'")
        return 0
    if args.keep == "theirs":
        resolve.keep_theirs(journal, conflict)
        out(f"resolved {about}: kept the other computer's; it travels on the next 'ilearn sync'")
        return 0
    resolve.check_editable(conflict)
    start = "\n".join(
        (MINE, resolve.value_text(conflict.kept), "", THEIRS, resolve.value_text(conflict.other), "")
    )
    edited, status = run_editor(journal, start)
    if status != 0:
        raise IlearnError(f"the editor exited with status {status}; nothing was changed")
    text = "\n".join(line for line in edited.splitlines() if line.strip() not in (MINE, THEIRS)).strip()
    if edited == start or not text:
        out(f"no change to {about}; the conflict is still listed")
        return 0
    resolve.keep_edit(journal, conflict, text)
    out(f"resolved {about}: kept your edit; it travels on the next 'ilearn sync'")
    return 0

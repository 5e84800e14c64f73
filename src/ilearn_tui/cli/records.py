"""``ilearn show ID``, ``ilearn edit ID`` and ``ilearn delete ID``: one record from the shell.

Any kind of record is named the same way, by its id or the first characters of it. ``edit``
goes through the same rules as the app's forms (``domain.forms.clean``) and the same date rule,
so a value the app would refuse is refused here too, with the line of the file at fault; what
was typed is then kept as a draft and the next ``ilearn edit`` of that record starts from it.
"""

from __future__ import annotations

import argparse
import sys

from ilearn_tui.cli import record_values
from ilearn_tui.cli.common import journal_for
from ilearn_tui.cli.output import out
from ilearn_tui.cli.record_text import EditError, entries, parse, to_text
from ilearn_tui.errors import IlearnError
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.lookup import Found, children_of, find_record
from ilearn_tui.textsafe import one_line, printable


def run(args: argparse.Namespace) -> int:
    with journal_for(args) as journal:
        found = find_record(journal, args.record)
        if args.command == "show":
            return _show(journal, found)
        if args.command == "edit":
            return _edit(journal, found)
        return _delete(journal, found)


def _show(journal: Journal, found: Found) -> int:
    values = record_values.load(journal, found)
    out(f"{found.kind.noun} {found.id}")
    for entry in entries(found.kind.name):
        shown = record_values.display(journal, entry, values.get(entry.name, ""))
        if entry.type == "long":
            if shown:
                out(f"{entry.label}:")
                for line in shown.splitlines():
                    out(f"  {line}" if line.strip() else "")
        elif entry.type == "lines":
            if shown:
                out(f"{entry.label.split(' (')[0]}:")
                for line in shown.splitlines():
                    out(f"  - “{line}”" if entry.name == "feedback" else f"  - {line}")
        elif shown:
            out(f"{entry.label}: {shown}")
    for child in children_of(journal, found):
        out(f"{child.kind.noun.capitalize()}: “{child.label}” ({child.id[:8]})")
    if found.kind.name == "activity":
        from ilearn_tui.store.session_items import spin_offs

        for spin_id, title, day in spin_offs(journal, found.id):
            out(f"Spun off: “{one_line(title, 70)}” {day} ({spin_id[:8]})")
    return 0


def _delete(journal: Journal, found: Found) -> int:
    from ilearn_tui.domain.forms import KINDS
    from ilearn_tui.store.records import delete_record
    from ilearn_tui.store.reflections import delete_reflection

    if found.kind.name == "reflection":
        trash_id = delete_reflection(journal, found.id)
    else:
        trash_id = delete_record(journal, KINDS[found.kind.name], found.id)
    out(
        f"Moved {found.kind.noun} “{found.label}” to the trash; "
        f"put it back with: ilearn trash restore {trash_id[:8]}"
    )
    return 0


def _edit(journal: Journal, found: Found) -> int:
    from ilearn_tui.store.drafts import discard_draft, list_drafts, save_draft

    values = record_values.load(journal, found)
    original = to_text(
        found.kind.name, found.id, values, record_values.notes(journal, found.kind.name, values)
    )
    # Kept under its own id and no reflection target: the app offers it back as text to read,
    # never as an edit of a reflection (which would save the field lines into its body).
    draft_id = f"edit:{found.id}"
    kept = next((d for d in list_drafts(journal) if d.id == draft_id), None)
    start = original
    if kept is not None:
        start = kept.body
        _say(f"starting from your unsaved edit of {kept.updated_at[:16].replace('T', ' ')}")
    edited, status = record_values.run_editor(journal, start)

    def keep(reason: str) -> IlearnError:
        save_draft(
            journal, draft_id, "", f"ilearn edit {found.id[:8]}: {found.kind.noun} “{found.label}”", edited
        )
        return IlearnError(
            f"{reason}; nothing was saved, and your edit is kept: 'ilearn edit {found.id[:8]}' reopens it"
        )

    if status != 0:
        if edited != start:
            raise keep(f"the editor exited with status {status}")
        raise IlearnError(f"the editor exited with status {status}; nothing was saved")
    if edited == original:
        if kept is not None:
            discard_draft(journal, kept.id)
        _say(f"no change to {found.kind.noun} “{found.label}”")
        return 0
    try:
        typed, where = parse(found.kind.name, edited)
        changed = record_values.save(journal, found, values, typed, where)
    except EditError as exc:
        raise keep(str(exc)) from None
    if kept is not None:
        discard_draft(journal, kept.id)
    if changed:
        found = find_record(journal, found.id)
        _say(f"Saved {found.kind.noun} “{found.label}” · id {found.id[:8]}")
    else:
        _say(f"no change to {found.kind.noun} “{found.label}”")
    print(found.id)
    return 0


def _say(message: str) -> None:
    sys.stderr.write(printable(one_line(message, 300)) + "\n")

"""``ilearn sync``, ``ilearn sync setup URL``, ``ilearn sync status``: one line each, or a short list."""

from __future__ import annotations

import argparse
import json

from ilearn_tui.cli.common import journal_for
from ilearn_tui.cli.output import out
from ilearn_tui.domain.text import plural
from ilearn_tui.textsafe import one_line


def run(args: argparse.Namespace) -> int:
    from ilearn_tui.sync import engine

    action = args.sync_command or "now"
    with journal_for(args) as journal:
        if action == "setup":
            stored = engine.setup(journal, args.url, join=args.join)
            out(f"sync remote set to {one_line(stored, 200)}; run 'ilearn sync' to send and receive")
            return 0
        if action == "status":
            state = engine.status(journal)
            remote = one_line(state.remote, 200) if state.remote else "none (run 'ilearn sync setup URL')"
            last = state.last_sync[:16].replace("T", " ") if state.last_sync else "never"
            out(f"remote: {remote}")
            out(f"last sync: {last}")
            out(f"pending: {plural(state.pending, 'change')} to send")
            out(f"conflicts: {len(state.conflicts)}")
            for c in state.conflicts:
                other = one_line(str(json.loads(c.other)), 50)
                where = f"conflicted copy {c.copy_id[:8]}" if c.copy_id else f"other value {other!r}"
                out(f"  {c.table} {c.key[:8]} {c.field}: kept this computer's; {where}")
            return 0
        url, summary = engine.sync(journal)
        out(one_line(summary.line(url), 300))
        return 0

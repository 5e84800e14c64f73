"""``ilearn trash``: deleted items wait here until restored or purged."""

from __future__ import annotations

import argparse

from ilearn_tui.cli.common import journal_for
from ilearn_tui.cli.output import out, plural
from ilearn_tui.errors import UsageError
from ilearn_tui.textsafe import one_line


def run(args: argparse.Namespace) -> int:
    from ilearn_tui.store import trash

    action = args.trash_command or "list"
    if action == "purge" and args.older_than is not None and args.older_than < 0:
        raise UsageError("--older-than must be 0 or more days")
    with journal_for(args) as journal:
        if action == "list":
            items = trash.list_trash(journal)
            if not items:
                out("The trash is empty.")
            for item in items:
                out(
                    f"{item.id[:8]}  {item.deleted_at[:16].replace('T', ' ')}  {item.kind:<10} "
                    f"{one_line(item.label, 50)}"
                )
            return 0
        if action == "restore":
            item = trash.restore(journal, trash.find_trash(journal, args.item))
            out(f"restored {item.kind} {one_line(item.label, 60)!r}")
            return 0
        count = trash.purge(journal, args.older_than)
        out(f"purged {plural(count, 'item')} from the trash")
        return 0

"""``ilearn cycle``: the school years of the journal."""

from __future__ import annotations

import argparse

from ilearn_tui.cli.common import journal_for
from ilearn_tui.cli.output import out


def run(args: argparse.Namespace) -> int:
    from ilearn_tui.store.cycles import start_next_cycle

    with journal_for(args) as journal:
        if args.cycle_command == "next":
            start_next_cycle(journal)
            cycle = journal.cycles()[-1]
            out(
                f"started {cycle.title} ({cycle.starts_on} to {cycle.ends_on}); "
                "the vision and open goals came along"
            )
            return 0
        current = journal.current_cycle()
        for cycle in journal.cycles():
            mark = "*" if current and cycle.id == current.id else " "
            out(f"{mark} {cycle.title:<10} {cycle.starts_on} to {cycle.ends_on}")
        if current is None:
            out("No cycle yet: the first entry you add starts this school year's.")
        return 0

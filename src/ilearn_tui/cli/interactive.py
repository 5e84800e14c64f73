"""``ilearn`` and ``ilearn demo``: open the full-screen app on a terminal.

When output is not a terminal (a pipe, a script, a test), print the journal at a glance
instead: where the teacher is in the five stages, what is recorded, what to do next.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from ilearn_tui import locations
from ilearn_tui.cli.output import out
from ilearn_tui.domain.stages import all_statuses, next_step
from ilearn_tui.domain.text import noun_for
from ilearn_tui.domain.vocab import STAGES
from ilearn_tui.errors import DamagedJournalError, MissingJournalError
from ilearn_tui.store.journal import Journal, open_journal
from ilearn_tui.store.overview import count_records, cycle_counts, recent_reflections
from ilearn_tui.textsafe import one_line

_COUNTS = (
    ("reflections", "reflection", "reflections"),
    ("goals", "goal", "goals"),
    ("questions", "research question", "research questions"),
    ("activities", "learning activity", "learning activities"),
    ("evidence", "piece of evidence", "pieces of evidence"),
    ("checks", "progress check", "progress checks"),
    ("shares", "share", "shares"),
)


class FullScreen(Protocol):
    """The full-screen app, handed in from above: the command line never imports the app."""

    def open(self, journal: Journal, *, demo: bool) -> int:
        """Run the app until the teacher leaves; returns the exit status."""
        ...

    def recover(self, where: locations.Locations, problem: str) -> Path | None:
        """The backup the teacher chose to restore, or None."""
        ...


def run(args: argparse.Namespace, full_screen: Callable[[], FullScreen] | None = None) -> int:
    """Open the app on a terminal when one is given; else print the journal at a glance."""
    interactive = full_screen is not None and sys.stdin.isatty() and sys.stdout.isatty()
    app = full_screen() if interactive and full_screen is not None else None
    if args.command == "demo":
        from ilearn_tui.demo import build_demo

        with (
            tempfile.TemporaryDirectory(prefix="ilearn-demo-") as folder,
            open_journal(locations.resolve(Path(folder))) as journal,
        ):
            build_demo(journal)
            return _open(journal, demo=True, app=app)
    where = locations.resolve(getattr(args, "home", None))
    try:
        journal = open_journal(where)
    except (DamagedJournalError, MissingJournalError) as exc:
        if app is None or not _recover(app, where, str(exc)):
            raise
        journal = open_journal(where)
    with journal:
        return _open(journal, demo=False, app=app)


def _recover(app: FullScreen, where: locations.Locations, problem: str) -> bool:
    """Ask, in a small full-screen dialog, whether to restore the newest good backup."""
    from ilearn_tui.store import connection
    from ilearn_tui.store.backup import restore_from

    backup = app.recover(where, problem)
    if backup is None:
        return False
    with open_journal(where, allow_new=True) as journal:
        restore_from(journal.conn, backup)
        connection.prepare(journal.conn, where.db_path, where.backups_dir)
    return True


def _open(journal: Journal, *, demo: bool, app: FullScreen | None) -> int:
    """The exit status: 0 after a normal quit, 1 after a hang-up, a signal or a crash."""
    if app is None:
        _summary(journal, demo=demo)
        return 0
    return app.open(journal, demo=demo)


def _summary(journal: Journal, *, demo: bool) -> None:
    name = journal.get_meta("teacher_name")
    heading = "ilearn demo journal" if demo else "ilearn — your professional learning journal"
    out(heading + (f" of {name}" if name else ""))
    cycle = journal.current_cycle()
    out(f"Cycle: {cycle.title} ({cycle.starts_on} to {cycle.ends_on})" if cycle else "No cycle yet.")
    out("")
    counts = cycle_counts(journal, cycle.id if cycle else None)
    for number, status in all_statuses(counts).items():
        out(f"  {number} {STAGES[number]:<11} {status.symbol} {status.value}")
    out("")
    out(f"Next step: {next_step(counts, how_to_reflect='ilearn reflect TEXT')}")
    out("")
    for table, one, many in _COUNTS:
        count = count_records(journal, table)
        out(f"  {count:>7,} {noun_for(count, one, many)}")
    recent = recent_reflections(journal, 3)
    if recent:
        out("")
        out("Recent reflections:")
        for day, title in recent:
            out(f"  {day}  {one_line(title, 60)}")
    out("")
    out("Go on with: ilearn reflect 'TEXT' --tag T · ilearn goal add 'TITLE' --question 'Q' ·")
    out("            ilearn log --types · ilearn search WORD · ilearn export --out portfolio.md")

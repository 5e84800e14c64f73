"""``ilearn`` and ``ilearn demo``: the journal at a glance.

Until the full-screen interface is installed this prints where the teacher is in the
five stages, what is recorded, and the commands to go on with.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from ilearn_tui import locations
from ilearn_tui.cli.output import out
from ilearn_tui.domain.vocab import STAGES
from ilearn_tui.store.journal import Journal, open_journal
from ilearn_tui.textsafe import one_line

_COUNTS = (
    ("reflections", "reflections"),
    ("goals", "goals"),
    ("questions", "research questions"),
    ("activities", "learning activities"),
    ("evidence", "pieces of evidence"),
    ("checks", "progress checks"),
    ("shares", "shares"),
)


def run(args: argparse.Namespace) -> int:
    if args.command == "demo":
        from ilearn_tui.demo import build_demo

        with (
            tempfile.TemporaryDirectory(prefix="ilearn-demo-") as folder,
            open_journal(locations.resolve(Path(folder))) as journal,
        ):
            build_demo(journal)
            _summary(journal, demo=True)
        return 0
    with open_journal(locations.resolve(getattr(args, "home", None))) as journal:
        _summary(journal, demo=False)
    return 0


def _summary(journal: Journal, *, demo: bool) -> None:
    conn = journal.conn
    name = journal.get_meta("teacher_name")
    heading = "ilearn demo journal" if demo else "ilearn — your professional learning journal"
    out(heading + (f" of {name}" if name else ""))
    cycle = journal.current_cycle()
    out(f"Cycle: {cycle.title} ({cycle.starts_on} to {cycle.ends_on})" if cycle else "No cycle yet.")
    out("")
    for number, stage in STAGES.items():
        out(f"  {number} {stage:<11} {_stage_status(journal, number, cycle.id if cycle else None)}")
    out("")
    for table, label in _COUNTS:
        count = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        out(f"  {count:>7,} {label}")
    recent = conn.execute(
        "SELECT date, title FROM reflections ORDER BY date DESC, time DESC LIMIT 3"
    ).fetchall()
    if recent:
        out("")
        out("Recent reflections:")
        for day, title in recent:
            out(f"  {day}  {one_line(title, 60)}")
    out("")
    out("Go on with: ilearn reflect 'TEXT' --tag T · ilearn goal add 'TITLE' --question 'Q' ·")
    out("            ilearn log --types · ilearn search WORD · ilearn export --out portfolio.md")


def _stage_status(journal: Journal, stage: int, cycle_id: str | None) -> str:
    if cycle_id is None:
        return "not begun"
    conn = journal.conn

    def count(sql: str) -> int:
        return int(conn.execute(sql, (cycle_id,)).fetchone()[0])

    if stage == 1:
        vision = count("SELECT count(*) FROM visions WHERE cycle_id = ? AND trim(body) != ''")
        outcomes = count("SELECT count(*) FROM outcomes WHERE cycle_id = ?")
        return "complete" if vision else ("begun" if outcomes else "not begun")
    if stage == 2:
        goals = count("SELECT count(*) FROM goals WHERE cycle_id = ?")
        asked = count(
            "SELECT count(*) FROM goals g WHERE g.cycle_id = ? AND EXISTS "
            "(SELECT 1 FROM questions q WHERE q.goal_id = g.id)"
        )
        return "complete" if asked else ("begun" if goals else "not begun")
    if stage == 3:
        done = count("SELECT count(*) FROM activities WHERE cycle_id = ? AND status = 'done'")
        planned = count("SELECT count(*) FROM activities WHERE cycle_id = ?")
        return "complete" if done else ("begun" if planned else "not begun")
    if stage == 4:
        checks = count("SELECT count(*) FROM checks c JOIN goals g ON g.id = c.goal_id WHERE g.cycle_id = ?")
        work = count("SELECT count(*) FROM innovations WHERE cycle_id = ?") + count(
            "SELECT count(*) FROM evidence WHERE cycle_id = ?"
        )
        return "complete" if checks and work else ("begun" if checks or work else "not begun")
    shared = count("SELECT count(*) FROM shares WHERE cycle_id = ?")
    return "complete" if shared else "not begun"

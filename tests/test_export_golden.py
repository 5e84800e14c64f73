"""The exports of one fixed journal, byte for byte: a change to any renderer's output shows here.

The expected files in ``tests/golden`` were written by the renderers as they were before the
portfolio moved to typed records; a change meant to alter an export rewrites them
(``ILEARN_WRITE_GOLDEN=1``) and the diff is reviewed with the change.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from ilearn_tui import __version__
from ilearn_tui.domain.renewal import PRESETS
from ilearn_tui.portfolio.model import Scope
from ilearn_tui.services.exports import RenewalRule, export_text
from ilearn_tui.store import plan
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.plan import insert_row
from ilearn_tui.store.reflections import add_reflection
from tests.sample_journal import fill

GOLDEN = Path(__file__).parent / "golden"
TODAY = date(2025, 5, 1)
NAMES = ["Dana", "Robin"]


def _fill(journal: Journal) -> None:
    """The sample journal, plus hidden characters, names to redact and private records."""
    fill(journal)
    cycle = journal.conn.execute("SELECT id FROM cycles").fetchone()[0]
    goal = journal.conn.execute("SELECT id FROM goals ORDER BY created_at").fetchone()[0]
    activity = journal.conn.execute("SELECT id FROM activities ORDER BY date").fetchone()[0]
    question = journal.conn.execute("SELECT id FROM questions").fetchone()[0]
    with journal.write() as conn:
        insert_row(
            conn,
            "evidence",
            {
                "cycle_id": cycle,
                "title": "Cert \x1b[31m Dana",
                "kind": "certificate",
                "date": "2024-09-11",
                "activity_id": activity,
                "goal_id": goal,
                "description": "by Dana",
            },
        )
        insert_row(
            conn,
            "innovations",
            {
                "cycle_id": cycle,
                "title": "Dana's stems \u202e",
                "question_id": question,
                "phase": "observe",
                "plan": "# plan\nDana",
                "act": "act *x*",
                "observe": "o",
            },
        )
        insert_row(
            conn,
            "shares",
            {
                "cycle_id": cycle,
                "audience": "global",
                "title": "Blog | Dana",
                "venue": "blog",
                "date": "2025-02-01",
                "link": "https://example.org/b",
                "notes": "Dana",
            },
        )
    planned = plan.add_activity(
        journal, "course", "Planned with Dana", day="2025-03-01", hours=2, credits=1, goal_ids=[goal]
    )
    with journal.write() as conn:
        conn.execute(
            "UPDATE activities SET status = 'planned', topic = 'Data Literacy', provider = 'Dana Co' "
            "WHERE id = ?",
            (planned,),
        )
        conn.execute(
            "UPDATE activities SET topic = 'data  literacy', link = 'https://x.org' WHERE id = ?", (activity,)
        )
    add_reflection(
        journal, "Private note about Dana\x07", tags=["Dana", "b", "A"], day="2024-10-01", time="09:00"
    )
    add_reflection(journal, "Secret", day="2024-10-02", time="09:00", private=True)
    # Linked to the goal: listed under it, its deep heading kept one level below the last.
    add_reflection(
        journal,
        "# Talk moves with Dana\n### Only a third-level heading\nPairs argued from evidence.\n##### deeper",
        day="2024-11-05",
        time="10:00",
        links={"goal_id": [goal]},
    )
    add_reflection(
        journal, "Private goal note", day="2024-11-06", time="10:00", private=True, links={"goal_id": [goal]}
    )
    journal.set_meta("teacher_role", "Science teacher")
    journal.set_meta("school", "Dana High")
    _sessions(journal, goal)


def _sessions(journal: Journal, goal: str) -> None:
    """A session led with Dana (names to redact, a hidden character, a link and a path), a
    spin-off of it inside the range scope, and one with nothing but its role."""
    from ilearn_tui.domain.model import ACTIVITY
    from ilearn_tui.store.session_items import write_lines

    with journal.write() as conn:
        led = plan.add_activity(
            journal,
            "workshop",
            "Claim cards | a teacher-led session",
            day="2024-10-20",
            hours=1.5,
            goal_ids=[goal],
            role="facilitated",
            attendees=18,
        )
        write_lines(conn, ACTIVITY, led, "co_facilitators", ["Dana Reyes", "Sam Lee"])
        write_lines(conn, ACTIVITY, led, "feedback", ["Dana's stems worked\u202e", "I'll try it *tomorrow*"])
        write_lines(conn, ACTIVITY, led, "materials", ["https://example.org/claims", "slides/claims.pdf"])
        plan.add_activity(
            journal,
            "book",
            "Argument book study",
            day="2024-11-15",
            hours=3,
            goal_ids=[goal],
            spun_off_from=led,
        )
        plan.add_activity(
            journal, "mini", "Lunch mini-session", day="2025-01-12", role="facilitated", attendees=0
        )


def _scopes(journal: Journal) -> dict[str, Scope]:
    goal = journal.conn.execute("SELECT id FROM goals ORDER BY created_at").fetchone()[0]
    return {
        "all": Scope(),
        "private": Scope(include_private=True),
        "goal": Scope(goal_id=goal),
        "range": Scope(date_from="2024-10-01", date_to="2024-12-31"),
    }


CASES = [
    (kind, scope, redacted)
    for kind in ("md", "html", "review", "renewal")
    for scope in ("all", "private", "goal", "range")
    for redacted in (False, True)
]


@pytest.mark.parametrize(("kind", "scope", "redacted"), CASES)
def test_exports_of_a_fixed_journal_are_unchanged(
    journal: Journal, kind: str, scope: str, redacted: bool
) -> None:
    _fill(journal)
    # A Massachusetts teacher: the renewal record's rule, and the review packet's goal-kind note.
    renewal = RenewalRule(PRESETS["MA"], date(2024, 7, 1)) if kind in ("renewal", "review") else None
    result = export_text(
        journal, kind, _scopes(journal)[scope], NAMES if redacted else [], renewal=renewal, today=TODAY
    )
    text = result.text.replace(__version__, "VERSION")
    text += f"\n--left_out={result.left_out} redactions={list(result.redactions.items())}\n"
    expected = GOLDEN / f"{kind}-{scope}-{'redacted' if redacted else 'plain'}.txt"
    if os.environ.get("ILEARN_WRITE_GOLDEN"):
        expected.write_text(text, encoding="utf-8")
    assert text == expected.read_text(encoding="utf-8")

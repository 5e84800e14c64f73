"""A journal with one record of every kind, under known ids, for the show/edit/delete tests.

Each record can be named by a short prefix; two records share the prefix ``abab`` so a prefix
can be ambiguous. ``EDITOR`` is a real editor process for ``$EDITOR``: a small script that
rewrites the file it is given.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from ilearn_tui.domain import forms
from ilearn_tui.locations import resolve
from ilearn_tui.store.journal import open_journal
from ilearn_tui.store.records import save_record
from ilearn_tui.store.reflections import add_reflection
from tests.helpers.cli import Result, invoke_in, tables

Cli = Callable[..., Result]
TODAY = date.today().isoformat()


def rid(n: int, prefix: str = "c0de") -> str:
    return f"{prefix}{n:04x}-0000-4000-8000-000000000000"


GOAL, QUESTION, ACTIVITY = rid(1), rid(2), rid(3)
# Each kind, the id of its record, and a line ``show`` prints for it.
RECORDS: dict[str, tuple[str, str]] = {
    "goal": (GOAL, "Goal: Better questioning"),
    "question": (QUESTION, "Action-research question: Does wait time help?"),
    "activity": (ACTIVITY, "Hours: 2"),
    "vision": (rid(4), "  Every student asks a question worth answering."),
    "outcome": (rid(5), "Kind: habit of mind"),
    "interest": (rid(6), "Learn or share?: learn"),
    "innovation": (rid(7), "Phase: act"),
    "evidence": (rid(8), "Title: Exit tickets"),
    "check": (rid(9), "Self-rating 1–5: 3"),
    "share": (rid(10), "Audience: local"),
}
TWINS = (rid(1, "abab"), rid(2, "abab"))  # a goal and an activity whose ids share "abab"

# Rewrites the file it is given: each EDIT_PAIRS "old=>new" replaces the first line starting
# with old ("<NUL>" in new is a NUL character, which an environment variable cannot carry).
EDITOR = """
import os, re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
for pair in os.environ.get("EDIT_PAIRS", "").split("||"):
    if pair:
        old, new = pair.split("=>")
        new = new.replace("<NUL>", chr(0))
        text, count = re.subn("(?m)^" + re.escape(old), lambda m: new, text, count=1)
        assert count == 1, (old, text)
open(path, "w", encoding="utf-8").write(text)
"""


def build(home: Path) -> str:
    """One record of every kind; returns the reflection's id."""
    invoke_in(home, "goal", "list")  # creates the journal and its first cycle
    with open_journal(resolve(home)) as journal:
        cycle = journal.cycle_for(TODAY)

        def put(kind: str, values: dict[str, object], links: dict[str, list[str]] | None = None) -> None:
            save_record(journal, forms.KINDS[kind], values, links, cycle_id=cycle)

        put(
            "goal",
            {"id": GOAL, "title": "Better questioning", "why": "Students think first.", "status": "open"},
        )
        put("question", {"id": QUESTION, "goal_id": GOAL, "text": "Does wait time help?"})
        put(
            "activity",
            {"id": ACTIVITY, "type": "book", "title": "Visible Learning", "date": TODAY, "hours": 2.0},
            {"activity_goals": [GOAL]},
        )
        put("vision", {"id": rid(4), "body": "Every student asks a question worth answering."})
        put("outcome", {"id": rid(5), "text": "Curiosity", "kind": "habit of mind"})
        put("interest", {"id": rid(6), "kind": "learn", "text": "Questioning routines"})
        put(
            "innovation", {"id": rid(7), "title": "Wait-time trial", "phase": "act", "plan": "Count to five."}
        )
        put("evidence", {"id": rid(8), "title": "Exit tickets", "kind": "student work", "date": TODAY})
        put(
            "check",
            {"id": rid(9), "goal_id": GOAL, "indicator": "student engagement", "rating": 3, "date": TODAY},
        )
        put("share", {"id": rid(10), "audience": "local", "title": "PLC talk", "date": TODAY})
        put("goal", {"id": TWINS[0], "title": "Twin goal", "status": "open"})
        put("activity", {"id": TWINS[1], "type": "plc", "title": "Twin activity", "date": TODAY})
        return add_reflection(
            journal, "Tried wait time.\nMore hands went up.", tags=["questioning"], links={"goal_id": [GOAL]}
        )


def edit(ilearn: Cli, editor: str, ref: str, *pairs: tuple[str, str]) -> Result:
    env = {"EDITOR": editor, "EDIT_PAIRS": "||".join(f"{a}=>{b}" for a, b in pairs)}
    return ilearn("edit", ref, env=env)


def without_drafts(home: Path) -> dict[str, list[dict[str, Any]]]:
    found = tables(home)
    found.pop("drafts", None)
    return found

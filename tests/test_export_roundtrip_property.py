"""Property: any small journal → JSON export → import into an empty home → the same JSON export.

Journals are made through the store's own functions (as the app and the command line make
them), from random unicode text, tags, dates, goals with questions, activities with hours and
progress checks with ratings.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ilearn_tui.domain import vocab
from ilearn_tui.locations import resolve
from ilearn_tui.portfolio.json_export import dumps, journal_document
from ilearn_tui.portfolio.json_import import import_document, load_document
from ilearn_tui.store import plan
from ilearn_tui.store.growth import add_check
from ilearn_tui.store.journal import Journal, open_journal
from ilearn_tui.store.reflections import add_reflection

# Any printable text, with the odd newline, tab, emoji, combining mark or right-to-left script.
TEXT = st.text(
    alphabet=st.characters(exclude_categories=("Cs", "Cc"), include_characters="\n\t"),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() != "")
WORD = st.text(
    alphabet=st.characters(exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp"), exclude_characters="#@"),
    min_size=1,
    max_size=12,
).filter(lambda s: s.strip() == s and not any(ch.isspace() for ch in s))
DAY = st.dates(min_value=date(2001, 1, 1), max_value=date(2035, 12, 31)).map(date.isoformat)


@dataclass
class Reflection:
    body: str
    title: str
    tags: list[str]
    day: str
    stage: int | None
    private: bool


@dataclass
class Goal:
    title: str
    questions: list[str]
    day: str
    activities: list[tuple[str, str, str, float, float]]  # type, title, day, hours, credits
    checks: list[tuple[str, str, int]]  # indicator, day, rating


REFLECTIONS = st.builds(
    Reflection,
    body=TEXT,
    title=st.one_of(st.just(""), TEXT),
    tags=st.lists(WORD, max_size=3),
    day=DAY,
    stage=st.one_of(st.none(), st.integers(1, 5)),
    private=st.booleans(),
)
AMOUNT = st.floats(min_value=0, max_value=100, allow_nan=False).map(lambda x: round(x, 2))
GOALS = st.builds(
    Goal,
    title=TEXT,
    questions=st.lists(TEXT, max_size=2),
    day=DAY,
    activities=st.lists(
        st.tuples(st.sampled_from(sorted(vocab.ACTIVITY_TYPES)), TEXT, DAY, AMOUNT, AMOUNT), max_size=3
    ),
    checks=st.lists(st.tuples(st.sampled_from(vocab.INDICATOR_KINDS), DAY, st.integers(1, 5)), max_size=3),
)


def build(journal: Journal, reflections: list[Reflection], goals: list[Goal]) -> None:
    for goal in goals:
        goal_id = plan.add_goal(
            journal, goal.title, questions=goal.questions, cycle_id=journal.cycle_for(goal.day)
        )
        for type_, title, day, hours, credits in goal.activities:
            plan.add_activity(
                journal, type_, title, day=day, hours=hours, credits=credits, goal_ids=[goal_id]
            )
        for indicator, day, rating in goal.checks:
            add_check(journal, goal_id, indicator, rating=rating, day=day)
    for r in reflections:
        add_reflection(
            journal,
            r.body,
            title=r.title,
            tags=r.tags,
            day=r.day,
            time="07:30",
            stage=r.stage,
            private=r.private,
        )


def export(journal: Journal) -> str:
    document, _ = journal_document(journal, include_private=True)
    return dumps(document)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reflections=st.lists(REFLECTIONS, max_size=6), goals=st.lists(GOALS, max_size=3))
def test_json_round_trip_is_identical(reflections: list[Reflection], goals: list[Goal]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        with open_journal(resolve(root / "first")) as first:
            first.auto_backup = False
            build(first, reflections, goals)
            text = export(first)
        (root / "all.json").write_text(text, encoding="utf-8")
        with open_journal(resolve(root / "second")) as second:
            second.auto_backup = False
            import_document(second, load_document(root / "all.json"))
            assert export(second) == text

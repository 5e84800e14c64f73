"""The Markdown portfolio: order of sections, scopes, privacy, and Markdown that parses."""

from __future__ import annotations

from datetime import date

from markdown_it import MarkdownIt

from ilearn_tui.portfolio.gather import Scope, gather
from ilearn_tui.portfolio.markdown import cell, render
from ilearn_tui.store import plan
from ilearn_tui.store.evidence import add_evidence
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.reflections import add_reflection


def headings(text: str) -> list[tuple[int, str]]:
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    found = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            found.append((int(token.tag[1]), tokens[index + 1].content))
    return found


def build(journal: Journal) -> str:
    goal = plan.add_goal(journal, "Student talk", questions=["Does think-pair-share help?"])
    plan.add_activity(
        journal, "book", "Talk moves | study", hours=4, credits=1, goal_ids=[goal], day="2026-10-01"
    )
    plan.add_activity(journal, "plc", "Science PLC", hours=2, day="2026-10-08")
    plan.add_activity(journal, "course", "Planned course", hours=10, status="planned", day="2026-12-01")
    add_evidence(journal, "https://example.org/slides", title="Slides", goal_id=goal)
    add_evidence(journal, "https://example.org/class-list", title="Class list", student_info=True)
    add_reflection(
        journal,
        "# Heading inside\nPairs talked more.",
        tags=["talk"],
        day="2026-10-02",
        stage=4,
        links={"goal_id": [goal]},
    )
    add_reflection(journal, "Another day, no goal.", day="2026-10-09")
    return goal


def test_sections_come_in_the_portfolio_order(journal: Journal) -> None:
    build(journal)
    text = render(gather(journal, Scope()), today=date(2026, 11, 1))
    level2 = [title for level, title in headings(text) if level == 2]
    assert level2 == [
        "Contents",
        "1. Imagine — vision",
        "2. Inspire — learning plan",
        "3. Illuminate — learning",
        "4. Innovate — innovation and evidence",
        "5. Infiltrate — sharing",
        "Reflections",
        "Hours and credits",
    ]
    # The teacher's own heading sits below ours, never at the portfolio's top levels.
    assert (4, "Heading inside") in headings(text)


def test_totals_count_done_work_only(journal: Journal) -> None:
    build(journal)
    text = render(gather(journal, Scope()))
    assert "| **Total (done)** | | | | **6** | **1** | |" in text
    assert "Talk moves \\| study" in text


def test_student_information_is_left_out_unless_asked(journal: Journal) -> None:
    build(journal)
    shared = gather(journal, Scope())
    assert "Class list" not in render(shared) and shared.left_out == 1
    assert "Class list" in render(gather(journal, Scope(include_private=True)))


def test_goal_scope_keeps_only_linked_records(journal: Journal) -> None:
    goal = build(journal)
    text = render(gather(journal, Scope(goal_id=goal)))
    assert "Pairs talked more" in text and "Another day" not in text
    assert "Science PLC" not in text and "Talk moves" in text


def test_date_scope(journal: Journal) -> None:
    build(journal)
    text = render(gather(journal, Scope(date_from="2026-10-05", date_to="2026-10-31")))
    assert "Another day" in text and "Pairs talked more" not in text


def test_cells_are_one_line_and_escaped() -> None:
    assert cell("a | b\nc") == "a \\| b c"
    assert cell("") == "—"


def test_hours_by_month_table(journal: Journal) -> None:
    build(journal)
    text = render(gather(journal, Scope()))
    assert "### Hours by month" in text
    assert "| 2026-10 | 6 | ████████████████████ |" in text


def test_each_cycles_vision_is_named_by_its_cycle(journal: Journal) -> None:
    from ilearn_tui.domain.forms import KINDS
    from ilearn_tui.store.records import save_record

    first = journal.cycle_for("2025-10-01")
    save_record(journal, KINDS["vision"], {"body": "Argue from evidence."}, cycle_id=first)
    alone = render(gather(journal, Scope()), links={})
    assert (3, "My vision") in headings(alone)
    second = journal.cycle_for("2026-10-01")
    save_record(journal, KINDS["vision"], {"body": "Design the tests."}, cycle_id=second)
    text = render(gather(journal, Scope()), links={})
    assert [h for h in headings(text) if h[1].startswith("My vision")] == [
        (3, "My vision, 2025–26"),
        (3, "My vision, 2026–27"),
    ]

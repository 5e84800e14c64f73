"""One journal's hours, credits and topics read the same in every report that shows them."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from ilearn_tui import locations
from ilearn_tui.cli.main import run
from ilearn_tui.domain.renewal import custom_requirement, progress
from ilearn_tui.domain.totals import NO_GOAL, Line, totals
from ilearn_tui.portfolio.gather import Scope, gather
from ilearn_tui.portfolio.markdown import render
from ilearn_tui.portfolio.packets import renewal_record, review_packet
from ilearn_tui.portfolio.showcase import render_html
from ilearn_tui.store import plan
from ilearn_tui.store.growth import counted_activities, hours_report
from ilearn_tui.store.journal import Journal, open_journal

DONE_HOURS, DONE_CREDITS, PLANNED_HOURS = 12.5, 1.5, 10.0


def _fill(journal: Journal) -> None:
    goal = plan.add_goal(journal, "Wait time")
    add = plan.add_activity
    add(
        journal,
        "workshop",
        "Data course",
        day="2025-01-10",
        hours=6,
        credits=1,
        topic="Data  Literacy",
        goal_ids=[goal],
    )
    add(
        journal,
        "book",
        "Data book",
        day="2025-02-10",
        hours=4,
        credits=0.5,
        topic="data literacy ",
        goal_ids=[goal],
    )
    add(journal, "course", "Other", day="2025-02-20", hours=2.5)
    add(
        journal,
        "conference",
        "Not yet",
        day="2025-04-01",
        hours=10,
        credits=2,
        topic="Data Literacy",
        status="planned",
        goal_ids=[goal],
    )


@pytest.fixture
def filled(journal: Journal) -> Journal:
    _fill(journal)
    return journal


def test_planned_hours_stay_apart_from_every_group() -> None:
    lines = [
        Line("book", "Data  Literacy", "2025-01-10", 3, 1, "done", ("g",)),
        Line("book", "data literacy", "2025-01-20", 2, 0, "done"),
        Line("course", "data literacy", "2025-02-01", 7, 3, "planned", ("g",)),
    ]
    summed = totals(lines)
    assert (summed.done.activities, summed.done.hours, summed.done.credits) == (2, 5, 1)
    assert (summed.planned.activities, summed.planned.hours) == (1, 7)
    assert {k: v.hours for k, v in summed.by_goal.items()} == {"g": 3, NO_GOAL: 2}
    assert {k: v.hours for k, v in summed.by_topic.items()} == {"data literacy": 5}
    assert {k: v.hours for k, v in summed.by_type.items()} == {"book": 5}
    assert list(summed.by_month) == ["2025-01"]


def test_ilearn_hours_and_the_dashboard_report_agree(
    filled: Journal, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = hours_report(filled, None)
    assert (report.hours, report.credits, report.activities) == (DONE_HOURS, DONE_CREDITS, 3)
    assert report.planned_hours == PLANNED_HOURS
    assert report.by_topic == {"data literacy": 10, "(no topic)": 2.5}
    assert report.by_goal == {"Wait time": 10, "(no goal)": 2.5}, "a goal's hours leave planned ones out"
    filled.close()
    assert run(["--home", str(home), "hours", "--cycle", "all", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["hours"], shown["credits"], shown["planned_hours"]) == (
        DONE_HOURS,
        DONE_CREDITS,
        PLANNED_HOURS,
    )
    assert shown["by_topic"] == report.by_topic and shown["by_goal"] == report.by_goal


def test_the_markdown_portfolio_shows_the_same_totals(filled: Journal) -> None:
    text = render(gather(filled, Scope()), today=date(2025, 5, 1))
    assert f"| **Total (done)** | | | | **{DONE_HOURS:g}** | **{DONE_CREDITS:g}** | |" in text
    assert f"| **Total** | **3** | **{DONE_HOURS:g}** | **{DONE_CREDITS:g}** |" in text
    assert "| 2025-04 |" not in text, "a planned month has no hours"


def test_the_packets_show_the_same_totals_and_one_topic(filled: Journal) -> None:
    portfolio = gather(filled, Scope())
    review = review_packet(portfolio, today=date(2025, 5, 1))
    assert f"{DONE_HOURS:g} hours, {DONE_CREDITS:g} credits in 3 activities" in review
    assert f"Planned, not yet done: 1 activity, {PLANNED_HOURS:g} hours." in review
    assert f"| **Total** | **3** | **{DONE_HOURS:g}** | **{DONE_CREDITS:g}** |" in review
    record = renewal_record(portfolio, today=date(2025, 5, 1))
    topics = record.split("## Totals by topic")[1].split("##")[0]
    assert re.findall(r"^\| ([^|]+?) \|", topics, re.M)[1:] == ["(no topic)", "data literacy"]
    assert "| data literacy | 2 | 10 | 1.5 |" in topics
    assert f"**3 activities** | | **{DONE_HOURS:g}** | **{DONE_CREDITS:g}** |" in record


def test_the_showcase_shows_the_same_totals(filled: Journal) -> None:
    page = render_html(gather(filled, Scope()), today=date(2025, 5, 1))
    assert f"<strong>{DONE_HOURS:g}</strong><span>hours of learning</span>" in page
    assert f"<strong>{DONE_CREDITS:g}</strong><span>credits</span>" in page
    assert "<strong>3</strong><span>activities done</span>" in page


def test_renewal_progress_groups_a_topic_however_it_was_typed(filled: Journal) -> None:
    rule = custom_requirement("PDPs", 20, 5, minimums={"Data   LITERACY": 1})
    counted = counted_activities(filled, date(2024, 8, 1), date(2025, 8, 1))
    result = progress(rule, date(2024, 8, 1), counted, date(2025, 5, 1))
    assert set(result.by_topic) == {"data literacy", "(no topic)"}
    assert result.by_topic["data literacy"] == 1.5  # credits as entered count as the units
    assert rule.category("data literacy ") is not None and rule.category("Data Literacy") is not None


def test_ilearn_renewal_and_hours_share_the_topic_key(
    filled: Journal, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filled.close()
    assert (
        run(
            ["--home", str(home), "renewal", "set", "custom", "--start", "2024-08-01", "--amount", "20"]
            + ["--years", "5", "--minimum", "Data  Literacy=1"]
        )
        == 0
    )
    capsys.readouterr()
    assert run(["--home", str(home), "renewal", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["by_topic"] == {"data literacy": 1.5, "(no topic)": 2.5}
    assert shown["by_category"]["data literacy"]["have"] == 1.5
    journal = open_journal(locations.resolve(str(home)))
    try:
        assert "data literacy" in hours_report(journal, None).by_topic
    finally:
        journal.close()

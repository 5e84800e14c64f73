"""Growth in numbers: renewal arithmetic, hours reports and progress checks."""

from __future__ import annotations

from datetime import date

import pytest

from ilearn_tui.domain.renewal import PRESETS, Counted, custom_requirement, period_end, progress
from ilearn_tui.errors import UsageError
from ilearn_tui.store import plan
from ilearn_tui.store.evidence import add_evidence
from ilearn_tui.store.growth import add_check, counted_activities, goal_checks, hours_report
from ilearn_tui.store.journal import Journal

TODAY = date(2026, 11, 22)


def item(topic: str, hours: float = 0, credits: float = 0, certificate: bool = True) -> Counted:
    return Counted(topic + str(hours), f"{topic} session", topic, hours, credits, certificate)


def test_massachusetts_categories_and_the_per_topic_minimum() -> None:
    rule = PRESETS["MA"]
    result = progress(
        rule, date(2024, 7, 1), [item("sei", 16), item("swd", 9), item("pedagogy", 0, 20)], TODAY
    )
    assert result.by_category == {"sei": 16, "pedagogy": 20}
    assert result.total == 36 and result.remaining == 114
    joined = " ".join(result.warnings)
    assert "topic “swd” has 9 PDPs; a topic counts from 10" in joined
    assert "Content" not in joined  # a category's shortfall is named once, by unmet()
    assert "Content: 0 of 15 PDPs" in result.unmet()
    assert result.period_end == date(2029, 7, 1) and result.days_left(TODAY) == 952


def test_uncategorised_units_do_not_pay_the_category_minimums() -> None:
    """Past the total but short in every category: what remains is the categories' sum."""
    result = progress(PRESETS["MA"], date(2024, 7, 1), [item("", 170), item("content", 12)], TODAY)
    assert result.total == 182 and result.by_category == {"content": 12}
    assert result.remaining == 15 + 15 + 3 + 15


def test_a_category_is_found_by_its_label_too() -> None:
    rule = PRESETS["MA"]
    assert rule.category("Pedagogy") is rule.category("pedagogy") is not None
    assert rule.category("  content knowledge ") is not None
    assert rule.category("science") is None


def test_missing_certificates_are_one_warning_naming_a_few() -> None:
    items = [item(f"topic{n}", 12, certificate=False) for n in range(5)]
    warnings = progress(PRESETS["TX"], date(2024, 7, 1), items, TODAY).warnings
    (line,) = [w for w in warnings if "certificate" in w]
    assert line.startswith("no certificate or record attached to 5 activities: “topic0 session”")
    assert line.endswith("and 2 more")


def test_credits_as_entered_win_over_hours() -> None:
    assert item("x", hours=3, credits=45).units(PRESETS["IL"]) == 45
    assert item("x", hours=3).units(PRESETS["IL"]) == 3


def test_missing_certificates_and_deadlines_are_flagged() -> None:
    rule = PRESETS["TX"]
    late = progress(rule, date(2021, 12, 1), [item("math", 10, certificate=False)], TODAY)
    joined = " ".join(late.warnings)
    assert "no certificate" in joined and "140 CPE hours to go" in joined


def test_new_york_share_for_english_language_learners() -> None:
    result = progress(PRESETS["NY"], date(2023, 9, 1), [item("ell", 20), item("math", 80)], TODAY)
    assert result.total == 100 and result.remaining == 0
    assert not any("English language learners" in w for w in result.warnings)


def test_custom_requirements_are_checked() -> None:
    rule = custom_requirement("points", 60, 3, {"Reading": 10}, topic_minimum=2)
    assert rule.category("reading") is not None
    with pytest.raises(ValueError):
        custom_requirement("points", 10, 3, {"a": 20})
    with pytest.raises(ValueError):
        custom_requirement("points", 0, 3)


def test_a_leap_day_period() -> None:
    assert period_end(date(2024, 2, 29), 5) == date(2029, 2, 28)


def test_hours_report_matches_what_was_logged(journal: Journal) -> None:
    goal = plan.add_goal(journal, "Literacy")
    plan.add_activity(
        journal, "workshop", "A", hours=3, credits=1, day="2026-09-10", topic="SEI", goal_ids=[goal]
    )
    plan.add_activity(journal, "book", "B", hours=2.5, day="2026-10-01")
    plan.add_activity(journal, "course", "C", hours=10, day="2026-12-01", status="planned")
    report = hours_report(journal, journal.cycle_for("2026-09-10"))
    assert (report.hours, report.credits, report.activities, report.planned_hours) == (5.5, 1, 2, 10)
    assert report.by_topic == {"sei": 3, "(no topic)": 2.5}
    assert report.by_goal == {"Literacy": 3, "(no goal)": 2.5}
    assert report.by_month == {"2026-09": 3, "2026-10": 2.5}


def test_certificates_are_found_through_evidence(journal: Journal) -> None:
    done = plan.add_activity(journal, "course", "Certified", hours=5, day="2026-09-01")
    plan.add_activity(journal, "course", "Uncertified", hours=5, day="2026-09-02")
    evidence = add_evidence(journal, "https://example.org/cert", title="Certificate", kind="certificate")
    journal.conn.execute("UPDATE evidence SET activity_id = ? WHERE id = ?", (done, evidence))
    counted = counted_activities(journal, date(2026, 8, 1), date(2027, 8, 1))
    assert [(c.title, c.has_certificate) for c in counted] == [("Certified", True), ("Uncertified", False)]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"rating": 9}, "1 to 5"),
        ({"rating": 0}, "1 to 5"),
        ({}, "either"),
        ({"rating": 3, "value": 2.0}, "either"),
        ({"value": float("nan")}, "number"),
    ],
)
def test_bad_checks_are_refused(journal: Journal, kwargs: dict[str, object], message: str) -> None:
    goal = plan.add_goal(journal, "G")
    with pytest.raises(UsageError, match=message):
        add_check(journal, goal, "other", **kwargs)  # type: ignore[arg-type]
    assert goal_checks(journal, goal) == []


def test_checks_over_time(journal: Journal) -> None:
    goal = plan.add_goal(journal, "G")
    add_check(journal, goal, "student engagement", rating=2, day="2026-09-01")
    add_check(journal, goal, "student achievement", value=71.5, day="2026-10-01", note="unit test")
    assert goal_checks(journal, goal) == [
        ("2026-09-01", "student engagement", 2, None, ""),
        ("2026-10-01", "student achievement", None, 71.5, "unit test"),
    ]

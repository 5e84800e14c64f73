"""The thirteen states' presets: each one's number, its conversions and caps, and what is unmet."""

from __future__ import annotations

from datetime import date

import pytest

from ilearn_tui.domain.renewal import (
    PRESETS,
    STATES,
    Counted,
    current_start,
    from_config,
    progress,
)

TODAY = date(2026, 12, 1)


def done(
    topic: str, hours: float = 0, credits: float = 0, type_: str = "workshop", role: str = "attended"
) -> Counted:
    return Counted(f"{topic}{hours}{type_}", f"{topic} {type_}", topic, hours, credits, True, type_, role)


@pytest.mark.parametrize(
    ("key", "amount", "units", "years"),
    [
        ("MA", 150, "PDPs", 5),
        ("NY", 100, "CTLE hours", 5),
        ("TX", 150, "CPE hours", 5),
        ("TX-PRO", 200, "CPE hours", 5),
        ("IL", 120, "hours", 5),
        ("IL-NBCT", 60, "hours", 5),
        ("VA", 270, "points", 10),
        ("PA", 180, "hours", 5),
        ("FL", 120, "inservice points", 5),
        ("OH", 180, "contact hours", 5),
        ("NJ", 20, "hours", 1),
        ("NC", 8, "renewal credits", 5),
        ("GA-NOT-EMPLOYED", 100, "hours", 5),
        ("WA", 100, "clock hours", 5),
    ],
)
def test_each_preset_carries_its_number(key: str, amount: float, units: str, years: int) -> None:
    rule = PRESETS[key]
    assert (rule.amount, rule.units, rule.years) == (amount, units, years)


def test_every_state_has_a_preset_with_a_source_and_a_checked_date() -> None:
    assert len(STATES) == 13
    for state in STATES:
        assert state in PRESETS, state
    for rule in PRESETS.values():
        assert rule.source.startswith(("https://", "http://")), rule.key
        assert date.fromisoformat(rule.checked_on) <= TODAY, rule.key


def test_secondary_figures_say_to_confirm_them() -> None:
    assert "confirm the points with your division" in PRESETS["VA"].confirm
    for key in ("TX", "NC", "NJ", "GA"):
        assert PRESETS[key].confirm, key
    assert not PRESETS["FL"].confirm  # the regulation itself is the source


@pytest.mark.parametrize(
    ("key", "semester_hours", "units"),
    [("PA", 6, 180), ("FL", 6, 120), ("VA", 1, 30), ("OH", 6, 180), ("IL", 2, 30), ("MA", 2, 45)],
)
def test_semester_hours_convert_by_the_state_rule(key: str, semester_hours: float, units: float) -> None:
    assert PRESETS[key].from_semester_hours(semester_hours) == units


def test_north_carolina_counts_ten_clock_hours_to_a_renewal_credit() -> None:
    rule = PRESETS["NC"]
    assert rule.from_hours(25) == pytest.approx(2.5)
    result = progress(rule, date(2024, 7, 1), [done("subject", 50), done("general", 30)], TODAY)
    assert result.total == pytest.approx(8) and result.remaining == 0


def test_north_carolina_k5_names_its_literacy_split() -> None:
    result = progress(PRESETS["NC-K5"], date(2024, 7, 1), [done("subject", 60), done("literacy", 10)], TODAY)
    assert result.unmet() == ["Literacy: 1 of 3 renewal credits", "Total: 7 of 8 renewal credits"]


def test_texas_caps_leave_out_what_passes_the_share() -> None:
    rule = PRESETS["TX"]  # independent study at most 20% of 150 = 30; presenting 10% = 15
    items = [
        done("reading", 20, type_="book"),
        done("data", 25, type_="resource"),
        done("ell", 20, role="facilitated"),
        done("swd", 100),
    ]
    result = progress(rule, date(2024, 7, 1), items, TODAY)
    assert result.capped == {"Independent study": 15, "Presenting": 5}
    assert result.by_topic == {"reading": 20, "data": 10, "ell": 15, "swd": 100}
    assert result.total == 145 and result.remaining == 5
    assert any(
        w.startswith("Independent study: 15 CPE hours left out; at most 20% of 150 (30)")
        for w in result.warnings
    )


def test_massachusetts_adds_thirty_per_additional_licence() -> None:
    rule, _ = from_config({"preset": "MA", "start": "2024-07-01", "extra_licences": 2})
    assert rule.amount == 210
    with pytest.raises(ValueError, match="asks nothing more"):
        from_config({"preset": "NY", "start": "2024-07-01", "extra_licences": 1})
    with pytest.raises(ValueError, match="0 or more"):
        from_config({"preset": "MA", "start": "2024-07-01", "extra_licences": -1})


def test_the_unmet_rule_is_named_with_what_is_done() -> None:
    items = [done("sei", 5), done("swd", 20), done("content", 20), done("pedagogy", 20)]
    result = progress(PRESETS["MA"], date(2024, 7, 1), items, TODAY)
    assert "topic “sei” has 5 PDPs; a topic counts from 10" in result.warnings
    assert result.unmet() == ["SEI/ESL: 0 of 15 PDPs", "Total: 60 of 150 PDPs"]
    assert [(c.key, have) for c, have in result.short_categories()] == [("sei", 0)]
    more = progress(PRESETS["MA"], date(2024, 7, 1), [*items, done("sei", 8)], TODAY)
    assert more.unmet()[0] == "SEI/ESL: 13 of 15 PDPs"


def test_washington_asks_fifteen_hours_in_equity() -> None:
    result = progress(PRESETS["WA"], date(2024, 7, 1), [done("science", 100), done("equity", 5)], TODAY)
    assert result.total == 105 and result.remaining == 10
    assert result.unmet() == ["Equity: 5 of 15 clock hours"]


def test_florida_asks_twenty_points_in_students_with_disabilities() -> None:
    result = progress(PRESETS["FL"], date(2024, 7, 1), [done("math", 0, credits=120)], TODAY)
    assert result.remaining == 20 and result.unmet() == [
        "Students with disabilities: 0 of 20 inservice points"
    ]


def test_california_tracks_without_a_bogus_zero_of_zero() -> None:
    rule = PRESETS["CA"]
    result = progress(rule, date(2024, 7, 1), [done("science", 12)], TODAY)
    assert result.total == 12 and result.remaining == 0 and result.unmet() == []
    assert result.done_share == 1.0
    assert "0 of 0" not in rule.summary() and "track for yourself" in rule.summary()


def test_new_jersey_counts_twenty_hours_in_each_year() -> None:
    rule = PRESETS["NJ"]
    assert current_start(rule, date(2023, 9, 1), TODAY) == date(2026, 9, 1)
    assert current_start(rule, date(2026, 9, 1), date(2026, 9, 1)) == date(2026, 9, 1)
    assert current_start(PRESETS["MA"], date(2019, 9, 1), TODAY) == date(
        2019, 9, 1
    )  # fixed: ended stays ended
    result = progress(rule, date(2026, 9, 1), [done("math", 12)], TODAY)
    assert result.unmet() == ["Total: 12 of 20 hours"]
    assert "8 hours to go this year; 274 days left" in result.warnings


def test_virginia_runs_ten_years_with_trainings_to_file() -> None:
    rule = PRESETS["VA"]
    result = progress(rule, date(2020, 7, 1), [], TODAY)
    assert result.period_end == date(2030, 7, 1)
    assert "dyslexia awareness training" in rule.checklist


def test_north_carolina_counts_a_semester_hour_as_fifteen_contact_hours() -> None:
    for key in ("NC", "NC-K5", "NC-6-12"):
        rule = PRESETS[key]
        assert rule.from_semester_hours(2) == pytest.approx(rule.from_hours(30)) == pytest.approx(3)
    assert "1.5 renewal credits" in PRESETS["NC"].confirm
    for key in ("NC-K5", "NC-6-12"):  # the split is the 2024 rule, and says so
        assert any("from 30 June 2024" in note for note in PRESETS[key].notes), key


def test_north_carolina_6_12_asks_four_in_the_subject_and_leaves_four_general() -> None:
    rule = PRESETS["NC-6-12"]
    short = progress(rule, date(2024, 7, 1), [done("subject", 30), done("general", 50)], TODAY)
    assert short.total == pytest.approx(8) and short.remaining == pytest.approx(1)
    assert short.unmet() == ["Subject: 3 of 4 renewal credits"]
    met = progress(rule, date(2024, 7, 1), [done("subject", 40), done("general", 40)], TODAY)
    assert met.unmet() == [] and met.remaining == 0


@pytest.mark.parametrize(("key", "ell"), [("NY", 15), ("NY-ESOL", 50)])
def test_new_york_asks_its_share_of_the_hundred_on_english_learners(key: str, ell: float) -> None:
    rule = PRESETS[key]
    category = rule.category("ell")
    assert category is not None and category.minimum == ell
    assert ell / rule.amount == {"NY": 0.15, "NY-ESOL": 0.50}[key]
    result = progress(rule, date(2024, 7, 1), [done("ell", 10), done("math", 90)], TODAY)
    assert result.total == 100 and result.remaining == ell - 10
    assert result.unmet() == [f"ELL: 10 of {ell:g} CTLE hours"]


def test_texas_mentoring_is_capped_at_thirty_percent_and_the_caps_grow_with_the_total() -> None:
    items = [done("mentoring", 70, type_="coaching"), done("reading", 30, type_="book")]
    classroom = progress(PRESETS["TX"], date(2024, 7, 1), items, TODAY)
    assert classroom.capped == {"Mentoring": 25}  # 30% of 150 = 45 of the 70
    assert classroom.total == 75
    professional = progress(PRESETS["TX-PRO"], date(2024, 7, 1), items, TODAY)
    assert professional.capped == {"Mentoring": 10}  # 30% of 200 = 60; 20% of 200 = 40 >= 30
    assert professional.total == 90 and professional.remaining == 110


def test_illinois_national_board_teachers_need_sixty_hours() -> None:
    result = progress(PRESETS["IL-NBCT"], date(2024, 7, 1), [done("science", 45)], TODAY)
    assert result.unmet() == ["Total: 45 of 60 hours"]
    assert PRESETS["IL-NBCT"].from_semester_hours(4) == 60  # 1 semester hour = 15 hours


def test_georgia_employed_tracks_and_not_employed_counts_a_hundred_hours() -> None:
    employed = progress(PRESETS["GA"], date(2024, 7, 1), [done("science", 12)], TODAY)
    assert employed.unmet() == [] and employed.done_share == 1.0
    assert "no hour count" in PRESETS["GA"].notes[0]
    away = progress(PRESETS["GA-NOT-EMPLOYED"], date(2024, 7, 1), [done("science", 12)], TODAY)
    assert away.unmet() == ["Total: 12 of 100 hours"]


def test_massachusetts_topic_below_ten_counts_toward_nothing() -> None:
    rule = PRESETS["MA"]
    result = progress(rule, date(2024, 7, 1), [done("pedagogy", 9.5), done("content", 10)], TODAY)
    assert result.total == 10 and result.by_category == {"content": 10}
    assert rule.from_semester_hours(1) == 22.5

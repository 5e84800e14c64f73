"""The demo's data file: it parses, names only known fields, and its mistakes are reported by place."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from importlib import resources

import pytest

from ilearn_tui.demo import build_demo
from ilearn_tui.demo.content import SECTIONS, TOP_LEVEL, DemoContentError, load_content, parse_content
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.overview import is_empty

SHIPPED = resources.files("ilearn_tui.demo").joinpath("teacher.toml").read_text(encoding="utf-8")


def test_the_shipped_file_parses_and_names_only_known_fields() -> None:
    document = tomllib.loads(SHIPPED)
    assert set(document) <= set(SECTIONS) | set(TOP_LEVEL) | {"files"}
    for section, fields in SECTIONS.items():
        assert document[section], f"{section} is empty"
        for row in document[section]:
            assert set(row) <= set(fields), (section, set(row) - set(fields))
    content = load_content()
    assert content.teacher["name"] == "Maren Ekdahl"
    assert len(content.sections["reflections"]) == len(document["reflections"])
    assert set(content.files) == {"schoolyard-field-day.csv", "investigation-planner.md"}


def test_every_key_a_record_points_at_is_defined() -> None:
    content = load_content().sections
    keys = {row["key"] for section in content.values() for row in section if "key" in row}
    keys |= {q["key"] for goal in content["goals"] for q in goal["questions"]}
    named = [name for goal in content["goals"] for name in goal["outcomes"]]
    named += [
        name for section in ("activities", "shares") for row in content[section] for name in row["goals"]
    ]
    named += [row["goal"] for row in content["checks"]] + [row["question"] for row in content["innovations"]]
    named += [key for row in content["reflections"] for keys_ in row["links"].values() for key in keys_]
    named += [row["spun_off_from"] for row in content["activities"] if row["spun_off_from"]]
    assert set(named) <= keys


def test_the_demo_teacher_led_sessions_and_one_spun_off_a_book_study(journal: Journal) -> None:
    build_demo(journal, today=date(2027, 3, 1))
    rows = journal.conn.execute(
        "SELECT s.title, s.attendees, count(i.id), b.type FROM activities s "
        "JOIN session_items i ON i.activity_id = s.id LEFT JOIN activities b ON b.spun_off_from = s.id "
        "WHERE s.role = 'facilitated' GROUP BY s.id ORDER BY s.date"
    ).fetchall()
    assert [tuple(r) for r in rows] == [
        ("Mini-session I led: CER frames", 12, 2, None),
        ("Mini-session I led: hinge questions", 26, 6, "book"),
    ]


def test_session_fields_on_an_activity_not_led_are_refused(journal: Journal) -> None:
    content = parse_content(_replace_first(r'^role = "attended"\n', 'role = "attended"\nattendees = 3\n'))
    with pytest.raises(DemoContentError, match=r"^activities #1: attendees is only for a session you led"):
        build_demo(journal, today=date(2025, 3, 10), content=content)
    assert is_empty(journal)


def _replace_first(pattern: str, replacement: str) -> str:
    changed, count = re.subn(pattern, replacement, SHIPPED, count=1, flags=re.MULTILINE)
    assert count == 1
    return changed


@pytest.mark.parametrize(
    ("pattern", "replacement", "message"),
    [
        (r"^title = ", "titel = ", r"^goals #1: unknown field 'titel'; known: key, year, title"),
        (
            r'^year = "previous"\nkind = "learn"',
            'year = "previous"\nknd = "learn"',
            r"^interests #1: unknown field 'knd'",
        ),
        (
            r'^date = "09-10"',
            'date = "9/10"',
            r"^activities #1: the field 'date' must be a date written \"MM-DD\"",
        ),
        (
            r'^year = "current"',
            'year = "this"',
            r"^outcomes #6: the field 'year' must be one of previous, current",
        ),
        (r"^hours = 12$", 'hours = "twelve"', r"^activities #1: the field 'hours' must be a number"),
        (
            r"^links = \{ goals",
            "links = { goal",
            r"^reflections #2: the field 'links' has unknown kinds goal; known: goals",
        ),
        (r'^status = "achieved"\n', "", r"^goals #1: the field 'status' is missing"),
        (r"^\[\[checks\]\]", "[[check]]", r"unknown section 'check'"),
        (r"^school = ", "schol = ", r"^\[teacher\]: unknown field 'schol'"),
        (r'^title = "', 'title = "unclosed\n', r"cannot be read"),
    ],
)
def test_a_mistake_in_the_file_names_its_section_and_field(
    pattern: str, replacement: str, message: str
) -> None:
    with pytest.raises(DemoContentError, match=message):
        parse_content(_replace_first(pattern, replacement))


def test_a_link_to_an_unknown_key_is_reported_and_nothing_is_written(journal: Journal) -> None:
    content = parse_content(_replace_first(r'^goals = \["P1", "P2"\]', 'goals = ["P1", "P9"]'))
    with pytest.raises(DemoContentError, match=r"^activities #1: no record has the key 'P9'"):
        build_demo(journal, today=date(2025, 3, 10), content=content)
    assert is_empty(journal)  # one bulk write: the half-built demo was rolled back


@pytest.mark.parametrize(
    ("pattern", "replacement", "message"),
    [
        (r'^role = "attended"', 'role = "presented"', r"^activities: role: Input should be 'attended' or"),
        (r'^status = "achieved"', 'status = "finished"', r"^goals: status: Input should be"),
        (r'^type = "', 'type = "party', r"^activities: type: Input should be"),
    ],
)
def test_a_value_the_record_model_refuses_is_named_and_nothing_is_written(
    journal: Journal, pattern: str, replacement: str, message: str
) -> None:
    content = parse_content(_replace_first(pattern, replacement))
    with pytest.raises(DemoContentError, match=message):
        build_demo(journal, today=date(2025, 3, 10), content=content)
    assert is_empty(journal)

"""Rows into records in one place: typed records for the exports, dicts for table-generic readers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ilearn_tui.domain.records import Evidence, Goal, Reflection
from ilearn_tui.domain.registry import columns
from ilearn_tui.portfolio.gather import gather
from ilearn_tui.portfolio.model import Scope, changed
from ilearn_tui.portfolio.redaction import Redactor, _reflection, redact_portfolio
from ilearn_tui.portfolio.sanitize import show_hidden
from ilearn_tui.store import portfolio_query as q
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.reflections import add_reflection
from ilearn_tui.store.rows import dicts, from_dict, records, select_list
from tests.sample_journal import fill


def test_records_are_built_from_exactly_their_columns_with_flags_as_bools(journal: Journal) -> None:
    add_reflection(journal, "Kept", day="2025-01-02", time="08:00", private=True)
    sql = f"SELECT {select_list(Reflection)} FROM reflections"
    [r] = list(records(Reflection, journal.conn.execute(sql)))
    assert (r.body, r.date, r.time) == ("Kept", "2025-01-02", "08:00")
    assert r.private is True and r.starred is False
    assert r.tags == []  # an extra: gathered by whoever needs it, never read from the row


def test_a_select_that_does_not_match_the_record_is_refused(journal: Journal) -> None:
    add_reflection(journal, "Kept", day="2025-01-02")
    with pytest.raises(ValueError, match="Reflection is built from"):
        list(records(Reflection, journal.conn.execute("SELECT id, body FROM reflections")))
    shuffled = select_list(Reflection).replace("date, time", "time, date")
    with pytest.raises(ValueError):
        list(records(Reflection, journal.conn.execute(f"SELECT {shuffled} FROM reflections")))


def test_the_export_queries_stream(journal: Journal) -> None:
    fill(journal)
    stream = q.reflections(journal, q.ReflectionWindow())
    assert isinstance(stream, Iterator)
    first = next(stream)
    assert isinstance(first, Reflection) and first.body.startswith("# Week")


def test_dicts_name_every_selected_column(journal: Journal) -> None:
    fill(journal)
    [row, *_] = list(dicts(journal.conn.execute("SELECT * FROM goals ORDER BY created_at")))
    assert set(row) == set(columns(Goal))
    assert row["title"] == "Raise the quality of student talk in science"


def test_a_dict_becomes_a_record_only_with_all_its_columns(journal: Journal) -> None:
    fill(journal)
    row = next(q.table_rows(journal, "evidence"))
    ev = from_dict(Evidence, {**row, "unrelated": 1})
    assert ev.id == row["id"] and isinstance(ev.student_info, bool)
    del row["title"]
    with pytest.raises(KeyError, match="title"):
        from_dict(Evidence, row)


def test_a_record_is_copied_only_when_its_free_text_changes() -> None:
    goal = Goal("g1", "c1", "Talk with Dana", why="Dana asked", status="open")
    same = changed(goal, lambda text: text)
    assert same is goal
    swapped = changed(goal, lambda text: text.replace("Dana", "[x]"))
    assert swapped is not goal and (swapped.title, swapped.why) == ("Talk with [x]", "[x] asked")
    assert (swapped.id, swapped.status) == ("g1", "open")  # ids and vocabularies are never rewritten
    assert goal.title == "Talk with Dana"  # the original is left as it was


def test_reflections_naming_nobody_are_not_copied_by_redaction(journal: Journal) -> None:
    fill(journal)
    add_reflection(journal, "Coached by Dana", tags=["dana"], day="2025-01-02")
    read = list(q.reflections(journal, q.ReflectionWindow()))
    redactor = Redactor(["Dana"])
    kept = [r is _reflection(r, redactor) for r in read]
    assert kept.count(False) == 1
    p = gather(journal, Scope())
    show_hidden(p)
    counts = redact_portfolio(p, ["Dana"])
    [named] = [r for r in p.reflections if r.body.startswith("Coached")]
    assert (named.body, named.tags) == ("Coached by [redacted]", ["[redacted]"])
    assert list(counts) == ["dana"]  # counted as the reflections were read

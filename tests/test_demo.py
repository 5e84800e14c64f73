"""The demo journal: a believable two-year history that every screen and export can show."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from ilearn_tui.demo import build_demo
from ilearn_tui.domain import vocab
from ilearn_tui.domain.stages import Status, all_statuses
from ilearn_tui.errors import UsageError
from ilearn_tui.locations import resolve
from ilearn_tui.store.journal import Journal, open_journal
from ilearn_tui.store.overview import cycle_counts
from ilearn_tui.store.reflections import add_reflection
from ilearn_tui.store.search import search

TODAY = date(2025, 3, 10)
# Days that squeeze the current year hardest: its first day, its last, and a leap day.
EDGE_DAYS = (date(2025, 8, 1), date(2025, 7, 31), date(2024, 2, 29), date(2026, 1, 1))


def count(journal: Journal, sql: str, *params: object) -> int:
    return int(journal.conn.execute(sql, params).fetchone()[0])


def table_rows(journal: Journal, table: str) -> int:
    return count(journal, f"SELECT count(*) FROM {table}")


@pytest.fixture
def demo(journal: Journal) -> Journal:
    build_demo(journal, today=TODAY)
    return journal


@pytest.fixture
def fresh_journal(tmp_path: Path) -> Iterator[Journal]:
    """A second empty journal beside the fixture's, for comparing two builds."""
    journal = open_journal(resolve(tmp_path / "second"))
    try:
        yield journal
    finally:
        journal.close()


def test_builds_quickly_into_an_empty_journal(journal: Journal) -> None:
    started = time.perf_counter()
    build_demo(journal, today=TODAY)
    assert time.perf_counter() - started < 2.0
    assert journal.get_meta("teacher_name")
    assert "teacher" in journal.get_meta("teacher_role")
    assert journal.get_meta("school")


def test_counts_are_in_range(demo: Journal) -> None:
    assert table_rows(demo, "cycles") == 2
    assert table_rows(demo, "visions") == 2
    assert 35 <= table_rows(demo, "activities") <= 45
    assert 2 <= table_rows(demo, "innovations") <= 3
    assert 8 <= table_rows(demo, "evidence") <= 14
    assert 50 <= table_rows(demo, "reflections") <= 70
    assert table_rows(demo, "shares") >= 4
    assert table_rows(demo, "goal_outcomes") >= table_rows(demo, "goals")
    assert table_rows(demo, "activity_goals") >= 30
    assert table_rows(demo, "reflection_links") >= 30
    for cycle in demo.cycles():
        assert 4 <= count(demo, "SELECT count(*) FROM outcomes WHERE cycle_id = ?", cycle.id) <= 6
        assert count(demo, "SELECT count(*) FROM goals WHERE cycle_id = ?", cycle.id) >= 3


def test_records_use_the_whole_vocabulary(demo: Journal) -> None:
    kinds = {row[0] for row in demo.conn.execute("SELECT DISTINCT kind FROM outcomes")}
    assert kinds == set(vocab.OUTCOME_KINDS)
    assert {row[0] for row in demo.conn.execute("SELECT DISTINCT kind FROM interests")} == {"learn", "share"}
    types = {row[0] for row in demo.conn.execute("SELECT DISTINCT type FROM activities")}
    assert types <= set(vocab.ACTIVITY_TYPES)
    assert len(types) >= 12
    assert count(demo, "SELECT count(*) FROM activities WHERE role = 'facilitated'") >= 3
    audiences = {row[0] for row in demo.conn.execute("SELECT DISTINCT audience FROM shares")}
    assert audiences == set(vocab.SHARE_AUDIENCES)
    stages = {row[0] for row in demo.conn.execute("SELECT DISTINCT stage FROM reflections")}
    assert stages == {None, *vocab.STAGES}
    indicators = {row[0] for row in demo.conn.execute("SELECT DISTINCT indicator FROM checks")}
    assert len(indicators) >= 4


def test_goals_carry_questions_and_a_trend_of_checks(demo: Journal) -> None:
    for goal_id, why, skills, signs, target in demo.conn.execute(
        "SELECT id, why, skills, success_indicators, target_date FROM goals"
    ).fetchall():
        assert why and skills and signs and target
        assert 1 <= count(demo, "SELECT count(*) FROM questions WHERE goal_id = ?", goal_id) <= 2
        ratings = [
            row[0]
            for row in demo.conn.execute(
                "SELECT rating FROM checks WHERE goal_id = ? AND rating IS NOT NULL ORDER BY date", (goal_id,)
            )
        ]
        assert len(ratings) >= 2
        assert all(1 <= r <= 5 for r in ratings)
    assert count(demo, "SELECT count(*) FROM checks WHERE value IS NOT NULL") >= 4
    for question_id in demo.conn.execute("SELECT question_id FROM innovations").fetchall():
        assert question_id[0] is not None


def test_evidence_has_links_files_and_student_information(demo: Journal) -> None:
    links = count(demo, "SELECT count(*) FROM evidence WHERE url LIKE 'https://example.org/%'")
    files = demo.conn.execute("SELECT file_name, sha256, size FROM evidence WHERE file_name != ''").fetchall()
    assert links > len(files) >= 1
    for name, sha, size in files:
        stored = demo.locations.evidence_dir / name
        assert stored.is_file()
        assert stored.stat().st_size == size
        assert name.startswith(sha)
    assert 1 <= count(demo, "SELECT count(*) FROM evidence WHERE student_info = 1") <= 3


def test_every_stage_has_work_in_both_cycles(demo: Journal) -> None:
    for cycle in demo.cycles():
        statuses = all_statuses(cycle_counts(demo, cycle.id))
        assert all(status is Status.COMPLETE for status in statuses.values()), (cycle.title, statuses)
        for stage in vocab.STAGES:
            assert count(
                demo, "SELECT count(*) FROM reflections WHERE cycle_id = ? AND stage = ?", cycle.id, stage
            )
        assert count(demo, "SELECT count(*) FROM innovations WHERE cycle_id = ?", cycle.id)
        assert count(demo, "SELECT count(*) FROM reflections WHERE cycle_id = ?", cycle.id) >= 20


@pytest.mark.parametrize("today", [TODAY, *EDGE_DAYS])
def test_dates_fit_the_school_years_around_today(tmp_path: Path, today: date) -> None:
    with open_journal(resolve(tmp_path / "j")) as journal:
        build_demo(journal, today=today)
        current, previous = sorted(journal.cycles(), key=lambda c: c.starts_on, reverse=True)
        assert current.starts_on <= today.isoformat() <= current.ends_on
        assert previous.ends_on < current.starts_on
        day = today.isoformat()
        for table in ("activities", "evidence", "shares", "reflections"):
            outside = count(
                journal,
                f"SELECT count(*) FROM {table} t JOIN cycles c ON c.id = t.cycle_id "
                "WHERE t.date < c.starts_on OR t.date > c.ends_on",
            )
            assert outside == 0, table
        done_later = f"SELECT count(*) FROM {{}} WHERE date > '{day}'"
        for table in ("reflections", "evidence", "shares", "checks"):
            assert count(journal, done_later.format(table)) == 0, table
        assert count(journal, done_later.format("activities") + " AND status = 'done'") == 0
        planned = count(
            journal, "SELECT count(*) FROM activities WHERE status = 'planned' AND cycle_id = ?", current.id
        )
        assert planned >= 3
        assert (
            count(journal, f"SELECT count(*) FROM activities WHERE status = 'planned' AND date < '{day}'")
            == 0
        )


def test_search_finds_demo_content(demo: Journal) -> None:
    for word, kind in (("hinge", "reflection"), ("investigations", "goal"), ("scichat", "activity")):
        hits = search(demo, word, limit=50)
        assert hits, word
        assert kind in {hit.kind for hit in hits}, word
    assert any(hit.kind == "evidence" for hit in search(demo, "rubric", limit=50))
    assert any(hit.kind == "share" for hit in search(demo, "blog", limit=50))
    assert search(demo, "controls", limit=50)


def test_tags_are_searchable(demo: Journal) -> None:
    assert count(demo, "SELECT count(DISTINCT tag_id) FROM reflection_tags") >= 20
    assert (
        count(
            demo,
            "SELECT count(*) FROM reflections r WHERE NOT EXISTS "
            "(SELECT 1 FROM reflection_tags t WHERE t.reflection_id = r.id)",
        )
        == 0
    )


def test_same_day_builds_the_same_journal(journal: Journal, fresh_journal: Journal) -> None:
    build_demo(journal, today=TODAY)
    build_demo(fresh_journal, today=TODAY)
    queries = (
        "SELECT title, starts_on, ends_on FROM cycles ORDER BY starts_on",
        "SELECT title, status, target_date FROM goals ORDER BY title",
        "SELECT title, date, status, hours FROM activities ORDER BY date, title",
        "SELECT title, date, student_info FROM evidence ORDER BY date, title",
        "SELECT date, time, title, body, stage FROM reflections ORDER BY date, time, title",
        "SELECT indicator, date, rating, value FROM checks ORDER BY date, indicator, rating, value",
        "SELECT created_at FROM reflections ORDER BY created_at",
    )
    for sql in queries:
        assert journal.conn.execute(sql).fetchall() == fresh_journal.conn.execute(sql).fetchall(), sql


def test_database_is_consistent(demo: Journal) -> None:
    assert demo.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert demo.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert table_rows(demo, "search_docs") == count(demo, "SELECT count(*) FROM search_index")


def test_refuses_a_journal_that_is_not_empty(journal: Journal) -> None:
    add_reflection(journal, "My own first entry", day="2025-01-10")
    with pytest.raises(UsageError):
        build_demo(journal, today=TODAY)
    assert table_rows(journal, "reflections") == 1
    assert table_rows(journal, "goals") == 0


def test_defaults_to_the_real_today(journal: Journal) -> None:
    build_demo(journal)
    current = journal.current_cycle()
    assert current is not None
    assert current.starts_on <= date.today().isoformat() <= current.ends_on


def test_the_demo_teacher_renews_in_massachusetts_with_gaps_to_show(demo: Journal) -> None:
    """The demo comes with a renewal requirement, met in total but not in every category,
    so the renewal views have a real per-category and per-topic flag to show."""
    from ilearn_tui.settings import load_settings
    from ilearn_tui.store.growth import renewal_progress

    config = load_settings(demo.locations).renewal
    assert config == {"preset": "MA", "start": "2023-08-01"}
    result = renewal_progress(demo, config, TODAY)
    assert result.by_category["pedagogy"] >= 15 and result.by_category["content"] >= 15
    assert "sei" not in result.by_category and "swd" not in result.by_category
    assert result.remaining == 30 and 0 < result.done_share < 1
    assert any(w.startswith("topic “swd” has 1.5 PDPs") for w in result.warnings)

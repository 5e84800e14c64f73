"""The store on real SQLite files: durability settings, schema versions, permissions."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from ilearn_tui.errors import DamagedJournalError, NewerSchemaError, UsageError
from ilearn_tui.locations import Locations, resolve
from ilearn_tui.store import plan
from ilearn_tui.store.journal import Journal, open_journal
from ilearn_tui.store.reflections import (
    ReflectionFilter,
    add_reflection,
    count_reflections,
    delete_reflection,
    get_reflection,
    list_reflections,
    update_reflection,
)
from ilearn_tui.store.schema import SCHEMA_VERSION
from tests.helpers.journals import UNDO_AFTER_V6


def test_connection_settings_are_durable(journal: Journal) -> None:
    conn = journal.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_folders_and_files_are_private(journal: Journal, locations: Locations) -> None:
    assert stat.S_IMODE(locations.data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(locations.db_path.stat().st_mode) == 0o600


def test_nothing_is_created_until_the_journal_is_opened(tmp_path: Path) -> None:
    where = resolve(tmp_path / "later")
    assert not where.data_dir.exists()


def test_ilearn_home_variable_and_argument(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ILEARN_HOME", str(tmp_path / "env"))
    assert resolve().data_dir == tmp_path / "env"
    assert resolve(tmp_path / "arg").data_dir == tmp_path / "arg"


def test_a_newer_journal_is_refused_untouched(locations: Locations) -> None:
    open_journal(locations).close()
    raw = sqlite3.connect(locations.db_path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    before = locations.db_path.read_bytes()
    with pytest.raises(NewerSchemaError, match="newer ilearn"):
        open_journal(locations)
    assert locations.db_path.read_bytes() == before


def test_a_foreign_file_is_moved_aside_not_lost(locations: Locations) -> None:
    locations.ensure()
    locations.db_path.write_bytes(b"these are not the droids\n" * 100)
    with pytest.raises(DamagedJournalError, match="moved to"):
        open_journal(locations)
    [kept] = list(locations.damaged_dir.glob("journal-*.sqlite3"))
    assert kept.read_bytes().startswith(b"these are not")
    assert not locations.db_path.exists()


def test_another_programs_sqlite_file_is_refused(locations: Locations) -> None:
    locations.ensure()
    other = sqlite3.connect(locations.db_path)
    other.execute("CREATE TABLE songs (name TEXT)")
    other.commit()
    other.close()
    with pytest.raises(DamagedJournalError, match="not an ilearn journal"):
        open_journal(locations)


def test_migration_backs_up_first_and_keeps_data(
    locations: Locations, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ilearn_tui.store import connection, schema

    with open_journal(locations) as journal:
        add_reflection(journal, "kept across the upgrade")
    step = "ALTER TABLE reflections ADD COLUMN mood TEXT NOT NULL DEFAULT '';"
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, step])
    monkeypatch.setattr(connection, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with open_journal(locations) as journal:
        assert journal.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
        assert journal.conn.execute("SELECT body, mood FROM reflections").fetchone()[0] == (
            "kept across the upgrade"
        )
    backups = list(locations.backups_dir.glob("*before-upgrade*"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert old.execute("SELECT count(*) FROM reflections").fetchone()[0] == 1


def test_failed_migration_leaves_the_journal_as_it_was(
    locations: Locations, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ilearn_tui.store import connection, schema

    with open_journal(locations) as journal:
        add_reflection(journal, "still here")
    bad = "ALTER TABLE reflections ADD COLUMN x TEXT;\nTHIS IS NOT SQL;"
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, bad])
    monkeypatch.setattr(connection, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(sqlite3.OperationalError):
        open_journal(locations)
    monkeypatch.undo()
    with open_journal(locations) as journal:
        columns = [r[1] for r in journal.conn.execute("PRAGMA table_info(reflections)")]
        assert "x" not in columns
        assert count_reflections(journal) == 1


def test_reflection_round_trip_with_tags_and_links(journal: Journal) -> None:
    goal = plan.add_goal(journal, "Better questions", questions=["Does wait time help?"])
    rid = add_reflection(
        journal,
        "# Period 3\nWait time worked.",
        tags=["#Questioning", "talk", "talk"],
        day="2025-10-01",
        stage=4,
        links={"goal_id": [goal]},
    )
    got = get_reflection(journal, rid)
    assert got is not None
    assert got.title == "Period 3"
    assert got.tags == ["Questioning", "talk"]
    assert got.stage == 4
    assert count_reflections(journal, ReflectionFilter(goal_id=goal)) == 1
    assert count_reflections(journal, ReflectionFilter(tag="questioning")) == 1
    update_reflection(journal, rid, body="changed", title="New", tags=["other"], stage=None, day="2025-10-02")
    got = get_reflection(journal, rid)
    assert got is not None and got.body == "changed" and got.tags == ["other"]
    delete_reflection(journal, rid)
    assert get_reflection(journal, rid) is None


def test_reflections_page_newest_first_with_filters(journal: Journal) -> None:
    for day in ("2024-09-01", "2025-01-15", "2025-09-03"):
        add_reflection(journal, f"entry on {day}", day=day, tags=["a"] if day > "2025" else [])
    page = list_reflections(journal, limit=2)
    assert [r.date for r in page] == ["2025-09-03", "2025-01-15"]
    assert [r.date for r in list_reflections(journal, offset=2)] == ["2024-09-01"]
    flt = ReflectionFilter(tag="a", date_from="2025-02-01")
    assert [r.date for r in list_reflections(journal, flt)] == ["2025-09-03"]


def test_a_far_page_read_from_the_other_end_is_the_same_page(journal: Journal) -> None:
    """Given the total, pages past the middle are read backwards; they must not differ."""
    days = ["2025-01-01", "2025-01-01", "2025-01-02", "2025-01-03", "2025-01-03", "2025-01-03", "2025-02-01"]
    for n, day in enumerate(days):  # same days (and no times), so the rowid breaks the ties
        add_reflection(journal, f"entry {n}", day=day, tags=["a"] if n % 2 else [])
    for flt in (ReflectionFilter(), ReflectionFilter(tag="a")):
        total = count_reflections(journal, flt)
        for newest_first in (True, False):
            whole = [r.id for r in list_reflections(journal, flt, limit=100, newest_first=newest_first)]
            for offset in range(total + 1):
                for limit in (1, 2, 3, total + 2):
                    page = list_reflections(
                        journal, flt, offset=offset, limit=limit, newest_first=newest_first, total=total
                    )
                    assert [r.id for r in page] == whole[offset : offset + limit], (offset, limit)


def test_each_school_year_gets_one_cycle(journal: Journal) -> None:
    add_reflection(journal, "autumn", day="2025-09-01")
    add_reflection(journal, "spring", day="2026-03-01")
    add_reflection(journal, "next year", day="2026-08-01")
    assert [c.title for c in journal.cycles()] == ["2025–26", "2026–27"]
    assert journal.find_cycle("2025-26").starts_on == "2025-08-01"


@pytest.mark.parametrize("body", ["", "   \n", "nul\x00byte"])
def test_bad_reflection_text_is_refused(journal: Journal, body: str) -> None:
    with pytest.raises(UsageError):
        add_reflection(journal, body)
    assert count_reflections(journal) == 0


def test_goal_lookup_by_prefix(journal: Journal) -> None:
    first = plan.add_goal(journal, "Questioning strategies")
    plan.add_goal(journal, "Question walls")
    assert plan.find_goal(journal, "questioning") == first
    assert plan.find_goal(journal, first[:8]) == first
    with pytest.raises(UsageError, match="more than one"):
        plan.find_goal(journal, "quest")


def test_a_failed_write_saves_nothing(journal: Journal) -> None:
    with pytest.raises(sqlite3.IntegrityError), journal.write() as conn:
        plan.insert_row(conn, "goals", {"cycle_id": journal.cycle_for("2025-09-01"), "title": "a"})
        plan.insert_row(conn, "questions", {"goal_id": "no-such-goal", "text": "orphan"})
    assert journal.conn.execute("SELECT count(*) FROM goals").fetchone()[0] == 0


def test_two_connections_see_each_others_writes(locations: Locations) -> None:
    one = open_journal(locations)
    two = open_journal(locations)
    try:
        add_reflection(one, "from the first window")
        add_reflection(two, "from the second window")
        assert count_reflections(one) == count_reflections(two) == 2
    finally:
        one.close()
        two.close()


def test_upgrading_folds_duplicate_links_and_keeps_them_single(journal: Journal) -> None:
    """Journals from before version 4 could hold one link many times; the upgrade keeps one."""
    from ilearn_tui.store.connection import prepare

    goal = plan.add_goal(journal, "Better questions")
    rid = add_reflection(journal, "Wait time worked.", links={"goal_id": [goal]})
    conn = journal.conn
    conn.executescript(
        "DROP INDEX reflection_links_once; PRAGMA user_version = 3;"
        + UNDO_AFTER_V6
        + f"INSERT INTO reflection_links(reflection_id, goal_id) VALUES ('{rid}', '{goal}');"
        f"INSERT INTO reflection_links(reflection_id, goal_id) VALUES ('{rid}', '{goal}');"
    )
    assert conn.execute("SELECT count(*) FROM reflection_links").fetchone()[0] == 3
    prepare(conn, journal.locations.db_path, journal.locations.backups_dir)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT count(*) FROM reflection_links").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO reflection_links(reflection_id, goal_id) VALUES (?, ?)", (rid, goal))


def test_a_new_goal_is_saved_with_its_questions_in_one_write(journal: Journal) -> None:
    from ilearn_tui.domain.forms import KINDS
    from ilearn_tui.store.plan import list_goals
    from ilearn_tui.store.records import save_record

    cycle_id = journal.cycle_for("2026-12-01")
    goal_id = save_record(journal, KINDS["goal"], {"title": "G"}, cycle_id=cycle_id, questions=["A?", "B?"])
    [goal] = list_goals(journal)
    assert goal.id == goal_id and [q.text for q in goal.questions] == ["A?", "B?"]
    with pytest.raises(ValueError, match="new goal"):
        save_record(journal, KINDS["goal"], {"title": "H"}, record_id=goal_id, questions=["C?"])
    with pytest.raises(ValueError, match="new goal"):
        save_record(journal, KINDS["share"], {"title": "S"}, cycle_id=cycle_id, questions=["C?"])
    assert [q.text for q in list_goals(journal)[0].questions] == ["A?", "B?"]

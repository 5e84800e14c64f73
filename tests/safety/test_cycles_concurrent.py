"""One school year, one cycle: concurrent first writes, the unique key, and folding old duplicates."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import threading
from pathlib import Path

import pytest

from ilearn_tui.errors import UsageError
from ilearn_tui.locations import Locations, make_private_dir, resolve
from ilearn_tui.store import connection, schema
from ilearn_tui.store.backup import list_backups
from ilearn_tui.store.doctor import examine
from ilearn_tui.store.fileformat import APPLICATION_ID
from ilearn_tui.store.journal import Journal, open_journal
from ilearn_tui.store.search import search
from tests.conftest import ILEARN, run_in


def test_eight_parallel_reflects_on_a_fresh_journal_make_one_cycle(home: Path) -> None:
    command = [ILEARN] if ILEARN else ["python3", "-m", "ilearn_tui"]
    procs = [
        subprocess.Popen([*command, "--home", str(home), "reflect", f"concurrent {n}"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for n in range(8)
    ]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 8, errors
    with open_journal(resolve(home)) as journal:
        cycles = journal.cycles()
        assert len(cycles) == 1, cycles
        rows = journal.conn.execute("SELECT DISTINCT cycle_id FROM reflections").fetchall()
        assert [r[0] for r in rows] == [cycles[0].id]
        assert journal.conn.execute("SELECT count(*) FROM reflections").fetchone()[0] == 8
    assert run_in(home, "hours", "--cycle", cycles[0].title).code == 0


def test_threads_racing_for_a_new_year_agree_on_one_cycle(locations: Locations) -> None:
    open_journal(locations).close()
    journals = [open_journal(locations) for _ in range(8)]
    start = threading.Barrier(len(journals))
    found: list[str] = []

    def first_write(journal: Journal) -> None:
        start.wait()
        found.append(journal.cycle_for("2031-09-15"))

    threads = [threading.Thread(target=first_write, args=(j,)) for j in journals]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert len(set(found)) == 1 and len(found) == 8
        assert [c.id for c in journals[0].cycles()] == found[:1]
    finally:
        for journal in journals:
            journal.conn.close()


def test_same_dates_twice_is_refused(journal: Journal) -> None:
    journal.add_cycle("2024–25", "2024-08-01", "2025-07-31")
    with pytest.raises(UsageError, match="already exists"):
        journal.add_cycle("Another name", "2024-08-01", "2025-07-31")
    with pytest.raises(sqlite3.IntegrityError):
        journal.conn.execute(
            "INSERT INTO cycles(id, title, starts_on, ends_on, created_at, updated_at) "
            "VALUES ('x', 'x', '2024-08-01', '2025-07-31', 'n', 'n')"
        )
    assert len(journal.cycles()) == 1


def test_every_table_that_belongs_to_a_cycle_is_folded(journal: Journal) -> None:
    """A new table with a cycle_id must join the fold, or upgrading would orphan its rows."""
    tables = [r[0] for r in journal.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    owning = {
        table
        for table in tables
        for fk in journal.conn.execute(f"PRAGMA foreign_key_list({table})")
        if fk[2] == "cycles"
    }
    assert owning == {*schema.CYCLE_TABLES, "visions"}


# --- the upgrade from version 4 ---------------------------------------------------------
def _stamp(n: int) -> str:
    return f"2026-09-0{n}T10:00:00.000000+00:00"


def _v4_with_duplicates(path: Path) -> None:
    """A version-4 journal as concurrent first writes left it: three cycles for 2026–27."""
    make_private_dir(path.parent)
    path.touch(mode=0o600)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for script in schema.MIGRATIONS[:4]:
        connection._run_script(conn, script)
    conn.execute("PRAGMA user_version = 4")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    cycles = [("keep", 1), ("dup-a", 2), ("dup-b", 3)]
    for cycle_id, n in cycles:
        conn.execute(
            "INSERT INTO cycles VALUES (?, '2026–27', '2026-08-01', '2027-07-31', ?, ?)",
            (cycle_id, _stamp(n), _stamp(n)),
        )
    conn.execute("INSERT INTO cycles VALUES ('other', '2025–26', '2025-08-01', '2026-07-31', ?, ?)",
                 (_stamp(1), _stamp(1)))
    for n, (cycle_id, _) in enumerate(cycles * 2):
        conn.execute(
            "INSERT INTO reflections(id, cycle_id, date, title, body, created_at, updated_at) "
            "VALUES (?, ?, '2026-10-01', ?, 'gallery walk notes', ?, ?)",
            (f"r{n}", cycle_id, f"Entry {n}", _stamp(1), _stamp(1)),
        )
    conn.execute("INSERT INTO goals(id, cycle_id, title, created_at, updated_at) VALUES "
                 "('g1', 'dup-b', 'Questioning', 'n', 'n')")
    conn.execute("INSERT INTO activities(id, cycle_id, type, title, date, hours, created_at, updated_at) "
                 "VALUES ('a1', 'dup-a', 'plc', 'PLC', '2026-10-02', 2, 'n', 'n')")
    conn.execute("INSERT INTO visions(id, cycle_id, body, created_at, updated_at) "
                 "VALUES ('v-keep', 'keep', 'Every student talks.', 'n', 'n')")
    conn.execute("INSERT INTO visions(id, cycle_id, body, school_mission, created_at, updated_at) "
                 "VALUES ('v-b', 'dup-b', 'Feedback within a day.', 'Learning for all', 'n', 'n')")
    conn.execute("INSERT INTO visions(id, cycle_id, body, created_at, updated_at) "
                 "VALUES ('v-a', 'dup-a', '', 'n', 'n')")
    payload = json.dumps({"rows": [["activities", {"id": "a9", "cycle_id": "dup-b"}]]})
    conn.execute("INSERT INTO trash VALUES ('t1', 'activity', 'Old PLC', ?, 'n')", (payload,))
    conn.execute("COMMIT")
    conn.close()


def test_upgrade_folds_duplicate_cycles_onto_the_oldest(locations: Locations) -> None:
    _v4_with_duplicates(locations.db_path)
    with open_journal(locations) as journal:
        conn = journal.conn
        assert connection.schema_version(conn) == schema.SCHEMA_VERSION
        assert [(c.id, c.title) for c in journal.cycles()] == [("other", "2025–26"), ("keep", "2026–27")]
        assert conn.execute("SELECT count(*) FROM reflections WHERE cycle_id = 'keep'").fetchone()[0] == 6
        assert conn.execute("SELECT cycle_id FROM goals").fetchone()[0] == "keep"
        assert conn.execute("SELECT cycle_id FROM activities").fetchone()[0] == "keep"
        vision = conn.execute("SELECT id, body, school_mission FROM visions").fetchall()
        assert [tuple(v) for v in vision] == [
            ("v-keep", "Every student talks.\n\nFeedback within a day.", "Learning for all")
        ]
        payload = conn.execute("SELECT payload FROM trash").fetchone()[0]
        assert "dup-b" not in payload and '"cycle_id": "keep"' in payload
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert journal.find_cycle("2026-27").id == "keep"
        assert len(search(journal, "gallery")) == 6
        report = examine(journal)
        assert report.problems == [], report.problems
        assert "cycles: one per school year" in report.ok
    assert any("before-upgrade-v4" in p.name for p in list_backups(locations.backups_dir))


def test_upgrade_moves_a_duplicates_vision_to_a_keeper_without_one(locations: Locations) -> None:
    _v4_with_duplicates(locations.db_path)
    conn = sqlite3.connect(locations.db_path)
    conn.execute("DELETE FROM visions WHERE id = 'v-keep'")
    conn.commit()
    conn.close()
    with open_journal(locations) as journal:
        rows = journal.conn.execute("SELECT cycle_id, body, school_mission FROM visions").fetchall()
        assert [tuple(r) for r in rows] == [("keep", "Feedback within a day.", "Learning for all")]


def test_doctor_reports_duplicate_cycles_that_remain(journal: Journal) -> None:
    journal.add_cycle("2026–27", "2026-08-01", "2027-07-31")
    journal.conn.execute("DROP INDEX cycles_once")  # as a journal edited by hand could be
    journal.conn.execute(
        "INSERT INTO cycles VALUES ('twin', '2026–27', '2026-08-01', '2027-07-31', 'n', 'n')"
    )
    journal.add_cycle("2026-27", "2030-01-01", "2030-06-30")
    problems = examine(journal).problems
    assert any("2 cycles share the dates of '2026–27'" in p for p in problems), problems
    assert any("3 cycles are titled" in p and "--cycle" in p for p in problems), problems

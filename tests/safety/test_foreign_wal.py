"""A ``-wal`` file that belongs to another database is named and moved aside, never replayed.

Real files, real processes: a writer killed before its WAL was checkpointed leaves a WAL that
must still be replayed; the same WAL beside a different journal (copied over the file) must not.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ilearn_tui.locations import resolve
from ilearn_tui.store.journal import open_journal
from ilearn_tui.store.reflections import add_reflection
from ilearn_tui.store.walcheck import foreign_wal_reason, others_have_it_open, wal_page_size
from tests.conftest import run_ilearn

# A writer that saves reflections, checkpoints part of them into the journal file (as SQLite
# does every 1,000 pages), saves more and is killed before it closes: those are only in the WAL.
KILLED_WRITER = """
import os, sys
from pathlib import Path
from ilearn_tui.locations import resolve
from ilearn_tui.store.journal import open_journal
from ilearn_tui.store.reflections import add_reflection
journal = open_journal(resolve(Path(sys.argv[1])))
for n in range(int(sys.argv[2])):
    if n == int(sys.argv[2]) // 2:
        journal.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    add_reflection(journal, f"{sys.argv[3]} entry {n} " + "words " * 200)
os._exit(9)
"""

# Keeps the journal open until its stdin closes, as a running app does.
HOLDER = """
import sys
from pathlib import Path
from ilearn_tui.locations import resolve
from ilearn_tui.store.journal import open_journal
journal = open_journal(resolve(Path(sys.argv[1])))
journal.conn.execute("SELECT count(*) FROM reflections").fetchone()
print("open", flush=True)
sys.stdin.read()
"""


def killed_writer(home: Path, entries: int, label: str) -> None:
    done = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(home), str(entries), label], timeout=60)
    assert done.returncode == 9


def reflections_in(home: Path) -> list[str]:
    with open_journal(resolve(home)) as journal:
        return [str(r[0]) for r in journal.conn.execute("SELECT body FROM reflections ORDER BY body")]


def wal_of(home: Path) -> Path:
    return Path(f"{resolve(home).db_path}-wal")


def test_a_killed_writers_own_wal_is_replayed(tmp_path: Path) -> None:
    home = tmp_path / "home"
    killed_writer(home, 30, "mine")
    assert wal_of(home).stat().st_size > 0 and wal_page_size(wal_of(home)) is not None
    assert foreign_wal_reason(resolve(home).db_path, probe=True) is None
    done = run_ilearn("reflect", "after the crash", home=home)
    assert done.code == 0, done.err
    bodies = reflections_in(home)
    assert len(bodies) == 31 and sum(b.startswith("mine entry") for b in bodies) == 30
    assert not resolve(home).damaged_dir.exists()


def test_a_foreign_wal_is_named_and_moved_aside_not_replayed(tmp_path: Path) -> None:
    home_c, home_d = tmp_path / "c", tmp_path / "d"
    killed_writer(home_c, 40, "journal C")  # C's WAL, never checkpointed
    with open_journal(resolve(home_d)) as journal_d:
        for n in range(3):
            add_reflection(journal_d, f"journal D entry {n}")
    journal = resolve(home_c).db_path
    shutil.copyfile(resolve(home_d).db_path, journal)  # D copied over C; C's -wal stays
    assert wal_of(home_c).exists()

    done = run_ilearn("reflect", "D", home=home_c)
    assert done.code == 1
    lines = done.err.strip().splitlines()
    assert len(lines) == 1, done.err
    assert "constraint failed" not in done.err
    assert "journal.sqlite3-wal" in lines[0] and "does not belong" in lines[0] and "moved to" in lines[0]
    assert not wal_of(home_c).exists()
    moved = list(resolve(home_c).damaged_dir.glob("journal-*.sqlite3-wal"))
    assert len(moved) == 1 and str(moved[0]) in lines[0]

    again = run_ilearn("reflect", "D", home=home_c)
    assert again.code == 0, again.err
    assert reflections_in(home_c) == ["D", *(f"journal D entry {n}" for n in range(3))]
    doctor = run_ilearn("doctor", home=home_c)
    assert doctor.code == 0, doctor.out + doctor.err


def test_a_wal_with_another_page_size_is_foreign(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with open_journal(resolve(home)) as journal:
        add_reflection(journal, "kept")
    other = tmp_path / "other.sqlite3"
    script = (
        "import sqlite3, os, sys; c = sqlite3.connect(sys.argv[1]); c.execute('PRAGMA page_size=8192');"
        "c.execute('PRAGMA journal_mode=WAL'); c.execute('CREATE TABLE t(x)');"
        "c.execute('INSERT INTO t VALUES (1)'); c.commit(); os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", script, str(other)], check=True, timeout=30)
    shutil.copyfile(f"{other}-wal", wal_of(home))
    reason = foreign_wal_reason(resolve(home).db_path, probe=True)
    assert reason is not None and "8,192" in reason and "4,096" in reason
    done = run_ilearn("reflect", "new", home=home)
    assert done.code == 1 and "does not belong" in done.err
    assert run_ilearn("reflect", "new", home=home).code == 0
    assert reflections_in(home) == ["kept", "new"]


@pytest.mark.parametrize("junk", [b"", b"short", os.urandom(40_000), b"\x37\x7f\x06\x82" + bytes(60)])
def test_a_wal_sqlite_would_ignore_is_left_alone(tmp_path: Path, junk: bytes) -> None:
    home = tmp_path / "home"
    with open_journal(resolve(home)) as journal:
        add_reflection(journal, "kept")
    wal_of(home).write_bytes(junk)
    assert foreign_wal_reason(resolve(home).db_path, probe=True) is None
    done = run_ilearn("reflect", "new", home=home)
    assert done.code == 0, done.err
    assert reflections_in(home) == ["kept", "new"]


def test_a_wal_in_use_by_another_process_is_not_judged(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with open_journal(resolve(home)) as journal:
        add_reflection(journal, "kept")
    journal_path = resolve(home).db_path
    assert others_have_it_open(journal_path) is False
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(home)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        assert others_have_it_open(journal_path) is True
        done = run_ilearn("reflect", "while the app is open", home=home)
        assert done.code == 0, done.err
        assert wal_of(home).exists()  # the live WAL was neither moved nor damaged
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    assert others_have_it_open(journal_path) is False
    assert reflections_in(home) == ["kept", "while the app is open"]
    with sqlite3.connect(journal_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

"""Backups are verified copies; restore brings one back after saving the present state."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ilearn_tui.errors import IlearnError
from ilearn_tui.locations import Locations
from ilearn_tui.store.backup import backup_to_dir, backup_to_file, list_backups, restore_from
from ilearn_tui.store.doctor import examine
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.reflections import add_reflection, count_reflections


def test_backup_is_a_complete_checked_copy(journal: Journal, locations: Locations) -> None:
    add_reflection(journal, "worth keeping", tags=["x"])
    path = backup_to_dir(journal.conn, locations.backups_dir)
    copy = sqlite3.connect(path)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT body FROM reflections").fetchone()[0] == "worth keeping"
    assert list_backups(locations.backups_dir) == [path]


def test_backup_never_overwrites_without_force(journal: Journal, tmp_path: Path) -> None:
    target = tmp_path / "copy.sqlite3"
    target.write_text("precious")
    with pytest.raises(IlearnError, match="already exists"):
        backup_to_file(journal.conn, target)
    assert target.read_text() == "precious"
    backup_to_file(journal.conn, target, force=True)
    assert target.read_bytes().startswith(b"SQLite format 3")


def test_restore_replaces_the_contents(journal: Journal, tmp_path: Path) -> None:
    add_reflection(journal, "before")
    saved = backup_to_file(journal.conn, tmp_path / "b.sqlite3")
    add_reflection(journal, "after")
    restore_from(journal.conn, saved)
    assert count_reflections(journal) == 1


@pytest.mark.parametrize("content", [b"", b"garbage" * 100, b"SQLite format 3\x00" + b"\xff" * 5000])
def test_restore_refuses_damaged_files(journal: Journal, tmp_path: Path, content: bytes) -> None:
    add_reflection(journal, "still mine")
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(content)
    with pytest.raises(IlearnError):
        restore_from(journal.conn, bad)
    assert count_reflections(journal) == 1


def test_doctor_finds_damaged_and_missing_evidence(journal: Journal, tmp_path: Path) -> None:
    from ilearn_tui.store.evidence import add_evidence, list_evidence

    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(name)
        add_evidence(journal, str(tmp_path / name))
    assert examine(journal).problems == []
    first, second = list_evidence(journal)
    (journal.locations.evidence_dir / first.file_name).write_text("tampered")
    (journal.locations.evidence_dir / second.file_name).unlink()
    (journal.locations.evidence_dir / "stray.bin").write_text("?")
    problems = " ".join(examine(journal).problems)
    assert "changed or damaged" in problems and "missing" in problems and "belong to no" in problems


def test_the_quick_check_refuses_a_damaged_copy_too(journal: Journal, locations: Locations) -> None:
    from ilearn_tui.store.backup import _verify

    for n in range(300):
        add_reflection(journal, f"entry {n} " + "words " * 40)
    path = backup_to_dir(journal.conn, locations.backups_dir, reason="before-sync", quick=True)
    copy = sqlite3.connect(path)
    assert copy.execute("SELECT count(*) FROM reflections").fetchone()[0] == 300
    page = copy.execute("PRAGMA page_size").fetchone()[0]
    root = copy.execute("SELECT rootpage FROM sqlite_master WHERE name = 'reflections'").fetchone()[0]
    copy.close()
    _verify(path, "quick_check")
    data = bytearray(path.read_bytes())
    start = (root - 1) * page  # the table's root page: its cell pointers now point anywhere
    data[start + 8 : start + 200] = b"\xff" * 192
    path.chmod(0o600)
    path.write_bytes(bytes(data))
    with pytest.raises(IlearnError, match=r"failed its integrity check|does not open"):
        _verify(path, "quick_check")

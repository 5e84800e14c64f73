"""Backup, restore and doctor from the shell, and the journal's private files.

Bad input must give exit 2 (usage) or 1 (anything else), exactly one ``ilearn:`` line on
stderr, no traceback, no raw escape characters — and leave the journal exactly as it was.
Most cases run the command line in-process (the ``ilearn`` fixture, as a fresh process would);
a few per command run the installed ``ilearn`` as a separate process (``cli``), as a teacher
would, so the exit status and the bytes on stdout are checked for real too.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers.cli import Result, assert_fails, json_export, ok, snapshot
from tests.helpers.journals import backups, data_journal, stored_evidence

Cli = Callable[..., Result]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A journal with goals, a linked reflection, an activity, a link and private evidence."""
    return data_journal(tmp_path_factory.mktemp("template"))


# --- backup / restore -------------------------------------------------------------------
def test_backup_and_restore_bring_back_the_old_state(cli: Cli, home: Path, seeded: str) -> None:
    """Restore replaces the journal with the backup, and keeps the replaced one as a backup."""
    written = ok(cli("backup"))
    match = re.search(r"(/\S+\.sqlite3)", written)
    assert match, written
    backup = Path(match.group(1))
    assert backup.parent == home / "backups" and backup.is_file()
    assert backup.stat().st_mode & 0o777 == 0o600
    ok(cli("reflect", "added after the backup: quokka"))
    assert json.loads(ok(cli("search", "quokka", "--json")))
    restored = ok(cli("restore", str(backup)))
    assert "before-restore" in restored
    # It says what it brought back, so a teacher can tell one backup from another.
    holds = r"\(\d+ reflections? and \d+ other records?, \d{4}-\d\d-\d\d \d\d:\d\d\)"
    assert re.search(holds, restored), restored
    assert json.loads(ok(cli("search", "quokka", "--json"))) == []
    assert snapshot(home) == seeded
    saved = [name for name in backups(home) if "before-restore" in name]
    assert len(saved) == 1
    # ... and the replaced journal can itself be restored.
    ok(cli("restore", str(home / "backups" / saved[0])))
    assert json.loads(ok(cli("search", "quokka", "--json")))


def test_backup_out_refuses_to_overwrite(ilearn: Cli, home: Path, seeded: str, tmp_path: Path) -> None:
    """backup --out follows the same no-overwrite rule as export; the copy restores."""
    target = tmp_path / "copy.sqlite3"
    ok(ilearn("backup", "--out", str(target)))
    before = target.read_bytes()
    assert_fails(ilearn("backup", "--out", str(target)), 1)
    assert target.read_bytes() == before
    ok(ilearn("backup", "--out", str(target), "--force"))
    assert_fails(ilearn("backup", "--out", str(tmp_path / "nodir" / "x.sqlite3")), 1)
    other = tmp_path / "other-home"
    ok(ilearn("--home", str(other), "restore", str(target), use_home=False))
    assert json_export(other) == json_export(home)


def _bad_restore_source(kind: str, tmp_path: Path, home: Path) -> Path:
    target = tmp_path / f"{kind}.sqlite3"
    if kind == "missing":
        return tmp_path / "nosuch.sqlite3"
    if kind == "json-export":
        target.write_text(json_export(home))
    elif kind == "directory":
        target.mkdir()
    elif kind == "truncated":
        target.write_bytes((home / "journal.sqlite3").read_bytes()[:8192])
    elif kind == "foreign-sqlite":
        conn = sqlite3.connect(target)
        conn.execute("CREATE TABLE t(x)")
        conn.commit()
        conn.close()
    elif kind == "empty":
        target.write_bytes(b"")
    else:
        raise AssertionError(kind)
    return target


@pytest.mark.parametrize(
    "kind", ["missing", "json-export", "directory", "truncated", "foreign-sqlite", "empty"]
)
def test_restore_of_a_non_backup_changes_nothing(
    ilearn: Cli, home: Path, seeded: str, tmp_path: Path, kind: str
) -> None:
    """Restoring the wrong file is refused with one line and the journal is untouched."""
    assert_fails(ilearn("restore", str(_bad_restore_source(kind, tmp_path, home))), 1)
    assert snapshot(home) == seeded


def test_restore_needs_a_path(ilearn: Cli, home: Path, seeded: str) -> None:
    assert_fails(ilearn("restore"), 2)
    assert snapshot(home) == seeded


def test_a_refused_restore_leaves_the_backups_alone(
    ilearn: Cli, home: Path, seeded: str, tmp_path: Path
) -> None:
    """Trying the wrong file must not crowd the genuine safety copies out of rotation."""
    before = backups(home)
    assert_fails(ilearn("restore", str(_bad_restore_source("json-export", tmp_path, home))), 1)
    assert backups(home) == before


def test_a_damaged_journal_is_reported_and_restorable(ilearn: Cli, home: Path, seeded: str) -> None:
    """A journal overwritten with garbage: one line naming a backup, and restore brings it back."""
    ok(ilearn("backup"))
    db = home / "journal.sqlite3"
    with db.open("r+b") as handle:
        handle.write(b"garbage!" * 512)
    result = ilearn("doctor")
    assert_fails(result, 1)
    match = re.search(r"ilearn restore (\S+\.sqlite3)", result.err)
    assert match, result.err
    ok(ilearn("restore", match.group(1)))
    assert snapshot(home) == seeded


# --- doctor -----------------------------------------------------------------------------
def test_doctor_on_a_healthy_journal(ilearn: Cli, seeded: str) -> None:
    result = ilearn("doctor")
    assert "healthy" in ok(result)
    assert result.err == ""
    assert "PROBLEM" not in result.out


def test_doctor_finds_a_changed_evidence_file(ilearn: Cli, home: Path, seeded: str) -> None:
    """Evidence is checked against its hash, so silent corruption is found."""
    stored = stored_evidence(home)
    stored.chmod(0o600)
    stored.write_bytes(b"not what was stored\n")
    result = ilearn("doctor")
    assert_fails(result, 1, quiet=False)
    assert "PROBLEM" in result.out and stored.name in result.out


def test_doctor_finds_a_missing_evidence_file(ilearn: Cli, home: Path, seeded: str) -> None:
    stored = stored_evidence(home)
    stored.unlink()
    result = ilearn("doctor")
    assert_fails(result, 1, quiet=False)
    assert "missing" in result.out and stored.name in result.out


# --- files and permissions --------------------------------------------------------------
def test_data_folder_is_private(ilearn: Cli, home: Path, tmp_path: Path) -> None:
    """Folders it makes 0700, files 0600; a folder the teacher named keeps its own mode."""
    home.mkdir(mode=0o755)
    home.chmod(0o755)
    source = tmp_path / "e.txt"
    source.write_text("evidence\n")
    ok(ilearn("evidence", "add", str(source)))
    ok(ilearn("backup"))
    assert home.stat().st_mode & 0o777 == 0o755
    assert (home / "journal.sqlite3").stat().st_mode & 0o777 == 0o600
    for folder in ("evidence", "backups"):
        assert (home / folder).stat().st_mode & 0o777 == 0o700, folder
        for path in (home / folder).iterdir():
            assert path.stat().st_mode & 0o777 == 0o600, path

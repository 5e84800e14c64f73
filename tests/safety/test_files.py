"""Files beside the journal: links planted in shared folders, odd names, folder modes, full disks."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ilearn_tui import atomicfile
from ilearn_tui.errors import IlearnError, UsageError
from ilearn_tui.locations import Locations, make_private_dir, resolve
from ilearn_tui.settings import Settings, load_settings, save_settings
from ilearn_tui.store import autobackup
from ilearn_tui.store.backup import backup_to_file, list_backups, restore_from
from ilearn_tui.store.journal import Journal, open_journal
from ilearn_tui.store.reflections import add_reflection, count_reflections
from tests.conftest import run_in


# --- the atomic writer and planted links ------------------------------------------------
def test_temp_file_is_opened_exclusively_without_following_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The temporary file is made with O_CREAT|O_EXCL|O_NOFOLLOW under a name nobody can guess."""
    seen: list[tuple[str, int]] = []
    real_open = os.open

    def spying_open(path: str | os.PathLike[str], flags: int, *args: object, **kw: object) -> int:
        seen.append((os.fspath(path), flags))
        return real_open(path, flags, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", spying_open)
    atomicfile.write_file(tmp_path / "a.md", "one")
    atomicfile.write_file(tmp_path / "b.md", "two")
    temps = [(p, f) for p, f in seen if p.endswith(".tmp")]
    assert len(temps) == 2
    for _, flags in temps:
        assert flags & os.O_CREAT and flags & os.O_EXCL and flags & os.O_NOFOLLOW
    name = Path(temps[0][0]).name
    assert name.startswith(".a.md.") and name != f".a.md.{os.getpid()}.tmp", "not guessable from the pid"


def test_planted_link_at_the_old_temp_name_is_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("someone else's file")
    victim.chmod(0o644)
    for pid in range(os.getpid(), os.getpid() + 50):  # the names the old writer used
        (tmp_path / f".portfolio.md.{pid}.tmp").symlink_to(victim)
    target = tmp_path / "portfolio.md"
    atomicfile.write_file(target, "the portfolio")
    assert victim.read_text() == "someone else's file"
    assert stat.S_IMODE(victim.stat().st_mode) == 0o644
    assert not target.is_symlink() and target.read_text() == "the portfolio"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_link_at_the_target_is_replaced_never_written_through(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("someone else's file")
    target = tmp_path / "portfolio.md"
    target.symlink_to(victim)
    with pytest.raises(FileExistsError):  # without overwrite a link counts as a file
        atomicfile.write_file(target, "new")
    atomicfile.write_file(target, "the portfolio", overwrite=True)
    assert victim.read_text() == "someone else's file"
    assert not target.is_symlink() and target.read_text() == "the portfolio"
    leftovers = sorted(p.name for p in tmp_path.iterdir())
    assert leftovers == ["portfolio.md", "victim.txt"]


# --- restore by a quoted URI ------------------------------------------------------------
URI_NAMES = ["journal #2.sqlite3", "backup?.sqlite3", "50%off.sqlite3", "a%2541.sqlite3"]


@pytest.mark.parametrize("name", URI_NAMES)
def test_restore_opens_names_with_uri_characters(journal: Journal, tmp_path: Path, name: str) -> None:
    folder = tmp_path / "bk"
    folder.mkdir()
    for n in range(3):
        add_reflection(journal, f"precious {n}")
    source = backup_to_file(journal.conn, folder / name)
    add_reflection(journal, "after the backup")
    restore_from(journal.conn, source)
    assert count_reflections(journal) == 3
    assert sorted(p.name for p in folder.iterdir()) == [name], "no stray file was created"


def test_restore_checks_and_copies_the_same_file(journal: Journal, tmp_path: Path) -> None:
    """A file at the name cut off at ``#`` must not be the one checked or copied."""
    add_reflection(journal, "the real backup")
    real = backup_to_file(journal.conn, tmp_path / "journal #2.sqlite3")
    add_reflection(journal, "second")
    decoy = backup_to_file(journal.conn, tmp_path / "journal ")
    add_reflection(journal, "third")
    restore_from(journal.conn, real)
    assert count_reflections(journal) == 1
    assert decoy.exists()


def test_restore_cli_with_a_hash_in_the_name(home: Path, tmp_path: Path) -> None:
    for n in range(2):
        run_in(home, "reflect", f"entry {n}")
    backups = tmp_path / "bk"
    backups.mkdir()
    assert run_in(home, "backup", "--out", str(backups / "journal #2.sqlite3")).code == 0
    run_in(home, "reflect", "later")
    result = run_in(home, "restore", str(backups / "journal #2.sqlite3"))
    assert result.code == 0, result
    assert [p.name for p in backups.iterdir()] == ["journal #2.sqlite3"]


# --- folder modes and --home ------------------------------------------------------------
def test_existing_shared_folder_keeps_its_mode(home: Path) -> None:
    home.mkdir()
    home.chmod(0o1777)
    (home / "someone-elses.txt").write_text("x")
    assert run_in(home, "reflect", "x").code == 0
    assert stat.S_IMODE(home.stat().st_mode) == 0o1777
    for made in ("config", "backups"):
        if (home / made).exists():
            assert stat.S_IMODE((home / made).stat().st_mode) == 0o700, made
    assert stat.S_IMODE((home / "journal.sqlite3").stat().st_mode) == 0o600


def test_read_only_command_changes_no_mode(home: Path) -> None:
    assert run_in(home, "reflect", "x").code == 0
    home.chmod(0o755)
    assert run_in(home, "goal", "list").code == 0
    assert stat.S_IMODE(home.stat().st_mode) == 0o755


def test_folders_ilearn_creates_are_private_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        make_private_dir(tmp_path / "a" / "b" / "c")
    finally:
        os.umask(old)
    for path in (tmp_path / "a", tmp_path / "a" / "b", tmp_path / "a" / "b" / "c"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o700, path


def test_make_private_dir_refuses_a_file(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    with pytest.raises(OSError):
        make_private_dir(tmp_path / "f")


@pytest.mark.parametrize("empty", ["", "   "])
def test_empty_home_is_a_usage_error(empty: str, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="--home"):
        resolve(empty)
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    cwd.chmod(0o755)
    proc = subprocess.run(
        [sys.executable, "-m", "ilearn_tui", "--home", empty, "reflect", "empty home"],
        cwd=cwd, capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 2, proc
    assert "--home" in proc.stderr and "Traceback" not in proc.stderr
    assert list(cwd.iterdir()) == [] and stat.S_IMODE(cwd.stat().st_mode) == 0o755


# --- the background auto-backup reads the same settings --------------------------------
def test_auto_backup_reads_settings_from_the_platform_config_folder() -> None:
    where = resolve()  # the default layout: data and config in different places
    assert where.config_dir != where.data_dir / "config"
    with open_journal(where) as journal:
        journal.auto_backup = False
        add_reflection(journal, "x")
    save_settings(where, Settings(backup_interval_minutes=0))
    assert autobackup.run(where) == 0
    assert autobackup.run(where) == 0
    assert len(list_backups(where.backups_dir)) == 2, "interval 0 from the config folder was honoured"
    save_settings(where, Settings(backup_interval_minutes=60))
    assert autobackup.run(where) == 0
    assert len(list_backups(where.backups_dir)) == 2


def test_spawned_auto_backup_is_given_the_config_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []
    monkeypatch.setattr(subprocess, "Popen", lambda argv, **kw: calls.append(argv))
    where = Locations(data_dir=Path("/data/ilearn"), config_dir=Path("/conf/ilearn"))
    autobackup.spawn(where)
    assert calls[0][-2:] == ["/data/ilearn", "/conf/ilearn"]


# --- settings on a full disk ------------------------------------------------------------
def test_full_disk_while_saving_settings_names_the_file_and_leaves_no_temp(
    locations: Locations, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_settings(locations, Settings(theme="first"))
    before = locations.settings_path.read_text()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomicfile.os, "fsync", full)
    with pytest.raises(IlearnError, match=r"settings\.json") as caught:
        save_settings(locations, Settings(theme="second"))
    assert "No space left on device" in str(caught.value)
    monkeypatch.undo()
    assert locations.settings_path.read_text() == before
    assert [p.name for p in locations.config_dir.iterdir()] == ["settings.json"]
    assert load_settings(locations).theme == "first"
    save_settings(locations, Settings(theme="third"))  # space again: the save lands
    assert json.loads(locations.settings_path.read_text())["theme"] == "third"

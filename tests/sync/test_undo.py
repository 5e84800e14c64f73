"""The backup before an incremental merge: an undo file of the rows it changes, restorable as such."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path
from typing import Any

import pytest

from ilearn_tui.store import sync_state, undo
from ilearn_tui.store.recovery import best_backup
from ilearn_tui.store.rotation import KEEP_UNDO, undo_to_remove
from ilearn_tui.store.undo_restore import describe
from tests.sync.helpers import Computer, two_homes

State = dict[str, list[tuple[Any, ...]]]


def _backups(computer: Computer) -> Path:
    with computer.journal() as journal:
        return journal.locations.backups_dir


def _undo_files(computer: Computer) -> list[Path]:
    return undo.undo_files(_backups(computer))


def _full_copies(computer: Computer) -> list[str]:
    folder = _backups(computer)
    return sorted(p.name for p in folder.glob("journal-*-before-sync.sqlite3")) if folder.is_dir() else []


def _state(computer: Computer) -> State:
    """Every row a merge may write (the search index and change log aside), and the sync position."""
    with computer.journal() as journal:
        found: State = {}
        for table in undo.tables(journal.conn).values():
            rows = journal.conn.execute(f"SELECT {table.select()} FROM {table.name}").fetchall()
            if table.name == "meta":
                rows = [r for r in rows if r[1] in (sync_state.APPLIED, sync_state.JOURNAL_ID)]
            found[table.name] = sorted((tuple(r) for r in rows), key=repr)
        return found


def _search(computer: Computer, word: str) -> str:
    return computer.ok("search", word)


@pytest.fixture
def synced(pair: tuple[Computer, Computer, Path]) -> tuple[Computer, Computer, dict[str, str]]:
    """Both computers hold the same two reflections and a goal, after a first sync each."""
    laptop, desktop, _ = pair
    ids = {
        "kept": laptop.reflect("Exit tickets on Monday."),
        "gone": laptop.reflect("A reflection deleted later."),
    }
    laptop.ok("goal", "add", "Better questions")
    laptop.ok("sync")
    desktop.ok("sync")
    return laptop, desktop, ids


def _laptop_changes(laptop: Computer, ids: dict[str, str]) -> None:
    """An edit, a new record, a delete and a new tag: every kind of row a merge writes."""
    laptop.edit(ids["kept"], "Exit tickets on Monday, and a gallery walk.")
    laptop.ok("reflect", "A new one from school.", "--tag", "walks")
    laptop.ok("delete", ids["gone"])
    laptop.ok("sync")


def _merged(
    synced: tuple[Computer, Computer, dict[str, str]],
) -> tuple[Computer, Computer, dict[str, str]]:
    """The laptop's changes, received by the desktop: its newest undo file undoes that merge."""
    laptop, desktop, ids = synced
    _laptop_changes(laptop, ids)
    desktop.ok("sync")
    return laptop, desktop, ids


def test_an_incremental_merge_keeps_an_undo_file_that_puts_back_exactly_the_rows_before_it(
    synced: tuple[Computer, Computer, dict[str, str]],
) -> None:
    laptop, desktop, ids = synced
    assert _undo_files(desktop) == [] and len(_full_copies(desktop)) == 1  # the first sync: a full copy
    _laptop_changes(laptop, ids)
    before = _state(desktop)
    desktop.ok("sync")
    assert len(_full_copies(desktop)) == 1  # no second full copy
    [saved] = _undo_files(desktop)
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert _state(desktop) != before
    facts = describe(saved)
    assert facts is not None and facts.records == 3  # the edited, the new and the trashed reflection
    assert facts.words().startswith("before sync of ") and facts.words().endswith(": 3 records")

    status = desktop.ok("sync", "status")
    assert f"undo the last sync: ilearn restore {saved} (before sync of " in status
    line = desktop.ok("restore", str(saved))
    assert "undo the last sync" not in desktop.ok("sync", "status")  # done, and not offered again
    assert line.startswith("undid the sync of ") and "3 records as before it" in line
    assert _state(desktop) == before
    assert "gallery walk" not in _search(desktop, "tickets") and "deleted later" in _search(
        desktop, "deleted"
    )
    assert "pending: 0 changes" in desktop.ok("sync", "status")  # the undo is not sent as an edit
    desktop.ok("sync")  # the next sync receives that merge's changes again
    assert desktop.records() == laptop.records()


def test_an_undo_can_itself_be_undone(synced: tuple[Computer, Computer, dict[str, str]]) -> None:
    _laptop, desktop, _ids = _merged(synced)
    merged = _state(desktop)
    line = desktop.ok("restore", str(_undo_files(desktop)[0]))
    again = Path(line.rsplit("ilearn restore ", 1)[1])
    assert again.is_file() and again in _undo_files(desktop)
    desktop.ok("restore", str(again))
    assert _state(desktop) == merged


def test_a_record_changed_since_the_merge_keeps_its_later_version(
    synced: tuple[Computer, Computer, dict[str, str]],
) -> None:
    _laptop, desktop, ids = _merged(synced)
    desktop.edit(ids["kept"], "Written at home after the sync.")
    line = desktop.ok("restore", str(_undo_files(desktop)[0]))
    assert "; kept 1 later change;" in line
    assert "Written at home after the sync." in desktop.bodies()
    assert "A new one from school." not in desktop.bodies()  # what that sync brought is gone again
    assert "pending: 1 change" in desktop.ok("sync", "status")  # her edit still goes out


def test_a_record_the_merge_brought_stays_when_something_written_since_names_it(
    synced: tuple[Computer, Computer, dict[str, str]],
) -> None:
    laptop, desktop, _ = synced
    laptop.ok("goal", "add", "Student talk")
    laptop.ok("sync")
    desktop.ok("sync")
    desktop.ok("reflect", "Counted the turns of talk.", "--goal", "Student talk")
    line = desktop.ok("restore", str(_undo_files(desktop)[0]))
    assert "; kept 1 later change;" in line
    assert "Student talk" in desktop.ok("goal", "list")
    with desktop.journal() as journal:
        linked = journal.conn.execute("SELECT count(*) FROM reflection_links").fetchone()[0]
    assert linked == 1  # her link to it is still there


def test_an_undo_file_is_refused_once_the_journal_has_synced_again(
    synced: tuple[Computer, Computer, dict[str, str]],
) -> None:
    laptop, desktop, _ids = _merged(synced)
    first = _undo_files(desktop)[0]
    laptop.reflect("One more from school.")
    laptop.ok("sync")
    desktop.ok("sync")
    before = _state(desktop)
    result = desktop.run("restore", str(first))
    assert result.code == 1 and result.err.count("\n") == 1 and "synced since" in result.err
    assert _state(desktop) == before
    desktop.ok("restore", str(_undo_files(desktop)[0]))  # the newest one still undoes its own sync
    assert "One more from school." not in desktop.bodies()


def _tear(path: Path) -> None:
    """Overwrite one whole page in the middle: every page of a fresh file belongs to a table."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    start = (len(data) // page // 2) * page
    data[start : start + page] = b"\xab" * page
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("damage", "said"),
    [("torn", "damaged"), ("truncated", "malformed"), ("rows removed", "do not add up")],
)
def test_a_damaged_undo_file_is_refused_with_one_line(
    synced: tuple[Computer, Computer, dict[str, str]], tmp_path: Path, damage: str, said: str
) -> None:
    _laptop, desktop, _ids = _merged(synced)
    copy = tmp_path / "undo-copy.sqlite3"
    shutil.copy(_undo_files(desktop)[0], copy)
    if damage == "torn":
        _tear(copy)
    elif damage == "truncated":
        copy.write_bytes(copy.read_bytes()[:6000])
    else:
        import sqlite3

        conn = sqlite3.connect(copy)
        with conn:
            conn.execute("DELETE FROM reflections")
        conn.close()
    before = _state(desktop)
    result = desktop.run("restore", str(copy))
    assert result.code == 1 and result.err.startswith("ilearn: ") and result.err.count("\n") == 1
    assert said in result.err
    assert _state(desktop) == before


def test_an_undo_file_of_another_journal_is_refused(
    synced: tuple[Computer, Computer, dict[str, str]], tmp_path: Path
) -> None:
    _laptop, desktop, _ = synced
    (tmp_path / "someone-else").mkdir()
    school, home, _ = two_homes(tmp_path / "someone-else")
    school.reflect("Another teacher's words.")
    school.ok("sync")
    home.ok("sync")
    school.reflect("More of them.")
    school.ok("sync")
    home.ok("sync")
    before = _state(desktop)
    result = desktop.run("restore", str(_undo_files(home)[0]))
    assert result.code == 1 and "another journal" in result.err and result.err.count("\n") == 1
    assert _state(desktop) == before


def test_the_merge_is_not_applied_when_its_undo_file_cannot_be_written(
    synced: tuple[Computer, Computer, dict[str, str]],
) -> None:
    laptop, desktop, ids = synced
    _laptop_changes(laptop, ids)
    backups = _backups(desktop)
    shutil.rmtree(backups)
    backups.write_text("not a folder")  # the backups folder cannot hold the file
    before = _state(desktop)
    result = desktop.run("sync")
    assert result.code == 1 and result.err.count("\n") == 1
    assert _state(desktop) == before
    backups.unlink()
    desktop.ok("sync")
    assert desktop.records() == laptop.records()


def test_recovery_never_offers_an_undo_file_as_a_backup(
    synced: tuple[Computer, Computer, dict[str, str]],
) -> None:
    _laptop, desktop, _ids = _merged(synced)
    folder = _backups(desktop)
    newest = sorted(folder.glob("*.sqlite3"), key=lambda p: p.stat().st_mtime)[-1]
    assert newest.name.startswith("undo-")
    best = best_backup(folder)
    assert (
        best is not None
        and best.path.name.startswith("journal-")
        and best.path.name.endswith("-before-sync.sqlite3")
    )
    result = desktop.run("restore", str(best.path))  # a full copy still restores as a full copy
    assert result.code == 0 and result.out.startswith("restored from ")


def test_only_the_newest_undo_files_are_kept(tmp_path: Path) -> None:
    names = [tmp_path / f"undo-20261202-0510{n:02d}-000001-sync.sqlite3" for n in range(KEEP_UNDO + 5)]
    removed = undo_to_remove(names)
    assert sorted(removed) == names[:5]

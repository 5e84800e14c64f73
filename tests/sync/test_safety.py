"""What protects the journal during a sync: backups, hash checks, listed conflicts, retries."""

from __future__ import annotations

from pathlib import Path

import pytest

from ilearn_tui.store import sync_state
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.reflections import add_reflection
from ilearn_tui.sync import records
from ilearn_tui.sync.repo import SyncRepo
from tests.sync.helpers import Computer, double_edit_goal
from tests.sync.helpers import summary as summary_line


def _backups(computer: Computer) -> list[str]:
    with computer.journal() as journal:
        folder = journal.locations.backups_dir
        return sorted(p.name for p in folder.glob("*before-sync*")) if folder.is_dir() else []


def test_a_verified_backup_is_taken_before_a_merge_that_changes_the_journal(
    pair: tuple[Computer, Computer, Path],
) -> None:
    laptop, desktop, _ = pair
    laptop.reflect("Something to receive.")
    laptop.ok("sync")
    assert _backups(laptop) == []  # sending alone changes nothing here
    desktop.ok("sync")
    assert len(_backups(desktop)) == 1
    desktop.ok("sync")
    assert len(_backups(desktop)) == 1  # a sync that receives nothing takes none


def test_an_evidence_file_damaged_on_the_remote_is_refused(
    pair: tuple[Computer, Computer, Path], tmp_path: Path
) -> None:
    laptop, desktop, remote = pair
    source = tmp_path / "photo.jpg"
    source.write_bytes(b"\xff\xd8 the real photo")
    laptop.ok("evidence", "add", str(source), "--title", "Anchor chart")
    laptop.ok("sync")
    served = SyncRepo(remote)
    try:
        head = served.head()
        files = served.files(head)
        path = next(p for p in files if p.startswith(records.EVIDENCE))
        files[path] = served.add_blob(b"not the photo")
        served.commit(files, [head] if head else [], "damage")
    finally:
        served.close()
    before = desktop.records()
    result = desktop.run("sync")
    assert result.code != 0 and "arrived damaged" in result.err and result.err.count("\n") == 1
    assert desktop.records() == before


def test_a_double_edit_of_a_goal_is_listed_with_the_other_value(
    pair: tuple[Computer, Computer, Path],
) -> None:
    laptop, desktop, _ = pair
    double_edit_goal(laptop, desktop)
    laptop.ok("sync")
    status = desktop.ok("sync", "status")
    assert "conflicts: 1" in status and "goals" in status and "Better questions at school" in status
    assert laptop.records() == desktop.records()


def test_a_merge_is_not_applied_over_a_write_made_after_it_was_read(journal: Journal) -> None:
    since = sync_state.last_mark(journal)
    add_reflection(journal, "Typed in another window during the sync.")
    merge = sync_state.Merge(puts=[("drafts", _draft())])
    with pytest.raises(sync_state.ChangedDuringSyncError):
        sync_state.apply_merge(journal, merge, since=since, commit="c" * 40)
    assert journal.conn.execute("SELECT count(*) FROM drafts").fetchone()[0] == 0
    sync_state.apply_merge(journal, merge, since=sync_state.last_mark(journal), commit="c" * 40)
    assert journal.conn.execute("SELECT count(*) FROM drafts").fetchone()[0] == 1


def test_what_a_merge_writes_is_not_sent_back_as_pending(journal: Journal) -> None:
    add_reflection(journal, "Written here, still to send.")
    before = sync_state.pending(journal)
    assert before
    merge = sync_state.Merge(puts=[("drafts", _draft())])
    sync_state.apply_merge(journal, merge, since=sync_state.last_mark(journal), commit="c" * 40)
    assert journal.conn.execute("SELECT count(*) FROM drafts").fetchone()[0] == 1
    assert sync_state.pending(journal) == before


def _draft() -> dict[str, object]:
    stamp = "2026-03-02T10:00:00+00:00"
    return {
        "id": "d1",
        "target": "",
        "title": "",
        "body": "A draft from the other computer.",
        "created_at": stamp,
        "updated_at": stamp,
    }


def test_a_second_sync_of_the_same_journal_waits_its_turn(pair: tuple[Computer, Computer, Path]) -> None:
    import fcntl

    from ilearn_tui.locations import resolve

    laptop, _, _ = pair
    laptop.reflect("One sync at a time.")
    with open(resolve(laptop.home).data_dir / "sync.lock", "a+b") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        result = laptop.run("sync")
        assert result.code != 0 and "another 'ilearn sync' of this journal is running" in result.err
        fcntl.flock(held.fileno(), fcntl.LOCK_UN)
    laptop.ok("sync")


def test_after_restoring_an_older_backup_the_newer_records_come_back(
    pair: tuple[Computer, Computer, Path], tmp_path: Path
) -> None:
    laptop, desktop, _ = pair
    laptop.reflect("Before the backup.")
    laptop.ok("sync")
    copy = tmp_path / "old.sqlite3"
    laptop.ok("backup", "--out", str(copy))
    laptop.reflect("After the backup.")
    laptop.ok("sync")
    laptop.ok("restore", str(copy))
    assert laptop.bodies() == {"Before the backup."}
    laptop.ok("sync")
    assert laptop.bodies() == {"Before the backup.", "After the backup."}
    desktop.ok("sync")
    assert laptop.records() == desktop.records()


def test_a_lost_local_repository_is_fetched_again_and_nothing_doubles(
    pair: tuple[Computer, Computer, Path],
) -> None:
    import shutil

    from ilearn_tui.locations import resolve

    laptop, desktop, _ = pair
    laptop.reflect("Kept through the loss.")
    laptop.ok("sync")
    desktop.ok("sync")
    shutil.rmtree(resolve(laptop.home).data_dir / "sync")
    laptop.reflect("Written after the loss.")
    assert summary_line(laptop.ok("sync"))[2] == 0
    desktop.ok("sync")
    assert laptop.records() == desktop.records()
    assert desktop.bodies() == {"Kept through the loss.", "Written after the loss."}

"""A damaged journal is detected at open, kept aside, and the newest good backup is named."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest

from ilearn_tui.errors import DamagedJournalError, MissingJournalError
from ilearn_tui.locations import Locations
from ilearn_tui.store.backup import backup_to_dir
from ilearn_tui.store.journal import open_journal
from ilearn_tui.store.reflections import add_reflection, count_reflections


def make_journal_with_backup(locations: Locations, entries: int = 300) -> None:
    with open_journal(locations) as journal:
        with journal.write():
            for n in range(entries):
                add_reflection(journal, f"entry {n} " + "words " * 50)
        backup_to_dir(journal.conn, locations.backups_dir, reason="manual")
        journal.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def truncate(locations: Locations) -> None:
    size = locations.db_path.stat().st_size
    with locations.db_path.open("r+b") as handle:
        handle.truncate(size // 2)


def garble(locations: Locations) -> None:
    with locations.db_path.open("r+b") as handle:
        handle.seek(100)
        handle.write(os.urandom(8192))


def foreign(locations: Locations) -> None:
    locations.db_path.write_text("Dear diary,\n" * 500)


@pytest.mark.parametrize("damage", [truncate, garble, foreign], ids=lambda f: f.__name__)
def test_damage_is_detected_kept_and_a_backup_offered(
    locations: Locations, damage: Callable[[Locations], None]
) -> None:
    make_journal_with_backup(locations)
    damage(locations)
    damaged_bytes = locations.db_path.read_bytes()
    with pytest.raises(DamagedJournalError) as caught:
        open_journal(locations)
    message = str(caught.value)
    assert "moved to" in message and "ilearn restore" in message
    [kept] = locations.damaged_dir.glob("journal-*.sqlite3")
    assert kept.read_bytes() == damaged_bytes
    # No silent empty journal in its place:
    with pytest.raises(MissingJournalError, match="ilearn restore"):
        open_journal(locations)


def test_restore_after_damage_brings_the_entries_back(locations: Locations, cli: Callable[..., Any]) -> None:
    make_journal_with_backup(locations, entries=20)
    truncate(locations)
    first = cli("reflect", "new entry")
    assert first.code == 1 and "ilearn restore" in first.err and len(first.err.splitlines()) == 1
    backup = first.err.split("ilearn restore ")[1].strip()
    restored = cli("restore", backup)
    assert restored.code == 0, restored.err
    with open_journal(locations) as journal:
        assert count_reflections(journal) == 20

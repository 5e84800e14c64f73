"""Backup rotation keeps recent, daily, weekly and monthly copies, and every manual one."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from ilearn_tui.locations import Locations
from ilearn_tui.store.backup import auto_backup, list_backups
from ilearn_tui.store.journal import open_journal
from ilearn_tui.store.reflections import add_reflection
from ilearn_tui.store.rotation import KEEP_RECENT, to_remove

NOW = datetime(2026, 6, 30, 12, 0, 0)


def name(when: datetime, reason: str = "auto") -> Path:
    return Path(f"journal-{when:%Y%m%d-%H%M%S}-000000-{reason}.sqlite3")


def test_hourly_backups_for_two_years_thin_out() -> None:
    paths = [name(NOW - timedelta(hours=h)) for h in range(0, 24 * 730, 6)]
    removed = set(to_remove(paths, NOW))
    kept = sorted((p for p in paths if p not in removed), reverse=True)
    assert kept[:KEEP_RECENT] == paths[:KEEP_RECENT]
    assert len(kept) < 40
    kept_days = {p.name[8:16] for p in kept}
    for days_ago in range(7):
        assert (NOW - timedelta(days=days_ago)).strftime("%Y%m%d") in kept_days
    months = {p.name[8:14] for p in kept}
    assert len(months) >= 12


def test_manual_and_unknown_files_are_never_removed() -> None:
    paths = [name(NOW - timedelta(days=d), "manual") for d in range(100)]
    paths.append(Path("journal-my-own-copy.sqlite3"))
    assert to_remove(paths, NOW) == []


def test_safety_copies_keep_their_newest_five() -> None:
    paths = [name(NOW - timedelta(days=d), "before-import") for d in range(9)]
    assert sorted(to_remove(paths, NOW)) == sorted(paths[5:])


def test_automatic_backup_after_changes_at_most_once_per_interval(locations: Locations) -> None:
    with open_journal(locations) as journal:
        add_reflection(journal, "one")
    assert len(list_backups(locations.backups_dir)) == 1
    with open_journal(locations) as journal:
        add_reflection(journal, "two")
    assert len(list_backups(locations.backups_dir)) == 1, "within the interval: no second copy"
    with open_journal(locations) as journal:
        assert auto_backup(journal.conn, locations.backups_dir, min_interval_minutes=0) is not None
    with open_journal(locations) as journal:
        journal.conn.execute("SELECT count(*) FROM reflections").fetchone()
    assert len(list_backups(locations.backups_dir)) == 2, "no changes: no copy"


def test_quick_commands_back_up_in_the_background(cli, home: Path) -> None:  # type: ignore[no-untyped-def]
    import time

    assert cli("reflect", "first words").code == 0
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not list_backups(home / "backups"):
        time.sleep(0.1)
    [copy] = list_backups(home / "backups")
    assert copy.name.endswith("-auto.sqlite3")
    import sqlite3

    assert sqlite3.connect(copy).execute("SELECT body FROM reflections").fetchone()[0] == "first words"

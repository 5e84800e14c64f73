"""After damage, the advice names a backup that holds the journal, and says what it holds."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from ilearn_tui.locations import Locations
from ilearn_tui.store.backup import backup_to_dir
from ilearn_tui.store.journal import Journal, open_journal
from ilearn_tui.store.recovery import advice, best_backup, holds
from ilearn_tui.store.reflections import add_reflection
from tests.conftest import run_in


def _backup(journal: Journal, reason: str) -> Path:
    path = backup_to_dir(journal.conn, journal.locations.backups_dir, reason=reason)
    time.sleep(0.002)  # names carry microseconds; keep them in order
    return path


def _empty_copy(locations: Locations, reason: str) -> Path:
    """A backup of an empty journal, taken in a second folder (as restore does of a new one)."""
    from ilearn_tui.locations import resolve

    other = resolve(locations.data_dir.parent / f"other-{reason}")
    with open_journal(other) as empty:
        empty.auto_backup = False
        path = backup_to_dir(empty.conn, locations.backups_dir, reason=reason)
    time.sleep(0.002)
    return path


def test_an_empty_before_restore_copy_is_never_named_over_a_full_one(journal: Journal) -> None:
    for n in range(3):
        add_reflection(journal, f"precious entry {n}")
    manual = _backup(journal, "manual")
    empty = _empty_copy(journal.locations, "before-restore")
    best = best_backup(journal.locations.backups_dir)
    assert best is not None and best.path == manual != empty
    assert best.reflections == 3


def test_a_copy_restore_discarded_yields_to_the_journal_restored(journal: Journal) -> None:
    add_reflection(journal, "one stray entry")
    stray = _backup(journal, "manual")
    for n in range(3):
        add_reflection(journal, f"precious entry {n}")
    full = _backup(journal, "manual")
    stray.rename(stray.with_name(stray.name.replace("manual", "before-restore")))
    os.utime(full)
    # The newest file is now a before-restore copy of one entry; the advice names the full one.
    newer = _backup(journal, "before-restore")
    assert best_backup(journal.locations.backups_dir).path == full  # type: ignore[union-attr]
    assert newer.exists()


def test_a_before_restore_copy_is_named_when_nothing_else_holds_content(journal: Journal) -> None:
    add_reflection(journal, "only here")
    only = _backup(journal, "before-restore")
    _empty_copy(journal.locations, "auto")
    assert best_backup(journal.locations.backups_dir).path == only  # type: ignore[union-attr]


def test_only_empty_backups_still_names_the_newest(journal: Journal) -> None:
    _empty_copy(journal.locations, "auto")
    newest = _empty_copy(journal.locations, "before-restore")
    best = best_backup(journal.locations.backups_dir)
    assert best is not None and best.path == newest and best.records == 0
    assert holds(best).startswith("0 reflections, ")


def test_damaged_backups_are_skipped(journal: Journal) -> None:
    add_reflection(journal, "kept")
    good = _backup(journal, "manual")
    bad = _backup(journal, "auto")
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    assert best_backup(journal.locations.backups_dir).path == good  # type: ignore[union-attr]


def test_no_backup_at_all(locations: Locations) -> None:
    assert best_backup(locations.backups_dir) is None
    assert "no good backup was found" in advice(locations)


def test_the_advice_says_what_the_backup_holds(journal: Journal) -> None:
    from ilearn_tui.store import plan

    for n in range(3):
        add_reflection(journal, f"entry {n}")
    plan.add_goal(journal, "Better questions")
    path = _backup(journal, "manual")
    words = advice(journal.locations)
    assert re.search(r"\(3 reflections and \d+ other records?, \d{4}-\d\d-\d\d \d\d:\d\d\)", words), words
    assert words.endswith(f"ilearn restore {path}")


def test_restore_then_damage_again_names_the_full_backup(home: Path) -> None:
    """The red-team sequence: back up, damage, restore, damage again, follow the advice."""
    for n in range(3):
        assert run_in(home, "reflect", f"precious entry {n}").code == 0
    assert run_in(home, "backup").code == 0
    journal_file = home / "journal.sqlite3"
    journal_file.write_text("garbage\n")
    first = run_in(home, "reflect", "x")
    assert first.code != 0 and "3 reflections" in first.err, first
    manual = re.search(r"ilearn restore (\S+manual\.sqlite3)", first.err)
    assert manual, first.err
    assert run_in(home, "restore", manual.group(1)).code == 0
    journal_file.write_text("garbage\n")
    second = run_in(home, "reflect", "y")
    named = re.search(r"ilearn restore (\S+\.sqlite3)", second.err)
    assert named and "before-restore" not in named.group(1), second.err
    assert "3 reflections" in second.err
    assert run_in(home, "restore", named.group(1)).code == 0
    from ilearn_tui.locations import resolve

    with open_journal(resolve(home)) as journal:
        bodies = sorted(r[0] for r in journal.conn.execute("SELECT body FROM reflections"))
    assert bodies == [f"precious entry {n}" for n in range(3)]

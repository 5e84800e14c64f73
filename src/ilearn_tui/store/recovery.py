"""A damaged journal is moved aside, never deleted, and the newest good backup is named."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ilearn_tui.locations import Locations, make_private_dir
from ilearn_tui.store.backup import list_backups, newest_good_backup


def quarantine(locations: Locations) -> Path:
    """Move the journal and its WAL/SHM files into ``damaged/``; returns the journal's new path."""
    make_private_dir(locations.damaged_dir)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = locations.damaged_dir / f"journal-{stamp}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{locations.db_path}{suffix}")
        if source.exists():
            source.rename(Path(f"{target}{suffix}"))
    return target


def advice(locations: Locations) -> str:
    """What to do next, in one sentence, naming the newest backup that opens."""
    good = newest_good_backup(locations.backups_dir)
    if good is not None:
        return f"restore the newest good backup with: ilearn restore {good}"
    return "no good backup was found; your files are kept as they were"


def has_history(locations: Locations) -> bool:
    """Whether this data folder once held a journal (backups or damaged copies remain)."""
    damaged = locations.damaged_dir
    return bool(list_backups(locations.backups_dir)) or (
        damaged.is_dir() and any(damaged.glob("journal-*.sqlite3"))
    )

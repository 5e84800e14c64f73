"""A damaged journal is moved aside, never deleted, and the backup to restore is named.

Which backup: the newest that passes its integrity check *and* holds the journal's content.
The newest good file alone is not enough: ``restore`` first copies the journal it replaces
("before-restore"), and after a damage that copy is often of an empty journal, while the
backup just restored, a little older, holds everything.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ilearn_tui.errors import IlearnError
from ilearn_tui.locations import Locations, make_private_dir
from ilearn_tui.store.backup import list_backups, open_read_only
from ilearn_tui.store.rotation import parse_name
from ilearn_tui.store.schema import CYCLE_TABLES


@dataclass(frozen=True)
class BackupFacts:
    """What a good backup holds, for the advice to say (the words are the caller's)."""

    path: Path
    taken_at: datetime
    reason: str
    reflections: int
    records: int  # everything a teacher wrote: reflections, goals, activities, evidence…

    @property
    def holds_content(self) -> bool:
        return self.records > 0


def describe(path: Path) -> BackupFacts | None:
    """The facts of one backup, or None if it does not open or fails its integrity check."""
    try:
        conn = open_read_only(path)
    except IlearnError:
        return None
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            return None
        counts: dict[str, int] = {}
        for table in CYCLE_TABLES:
            try:
                counts[table] = int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            except sqlite3.OperationalError:
                counts[table] = 0  # an older schema without that table
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()
    parsed = parse_name(path)
    taken_at, reason = parsed if parsed else (datetime.fromtimestamp(path.stat().st_mtime), "")
    return BackupFacts(path, taken_at, reason, counts["reflections"], sum(counts.values()))


def best_backup(folder: Path) -> BackupFacts | None:
    """The newest good full copy with content that is not a copy a restore discarded.

    Only full copies are candidates (``list_backups``): a sync's undo file holds the rows of
    one merge, and restoring a damaged journal from it would give back ten records, not all.

    Failing that, the newest good one with content; failing that, the newest good one.
    Backups are examined newest first and the search stops at the first of the best kind.
    """
    fallback: list[BackupFacts] = []
    for path in list_backups(folder):
        facts = describe(path)
        if facts is None:
            continue
        if facts.holds_content and facts.reason != "before-restore":
            return facts
        fallback.append(facts)
    with_content = [f for f in fallback if f.holds_content]
    candidates = with_content or fallback
    return candidates[0] if candidates else None


def holds(facts: BackupFacts) -> str:
    """Words like "3 reflections, 2026-12-01 18:52": enough to tell two backups apart."""
    noun = "reflection" if facts.reflections == 1 else "reflections"
    others = facts.records - facts.reflections
    more = f" and {others} other record{'s' if others != 1 else ''}" if others else ""
    return f"{facts.reflections} {noun}{more}, {facts.taken_at:%Y-%m-%d %H:%M}"


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
    """What to do next, in one sentence, naming the backup to restore and what it holds."""
    best = best_backup(locations.backups_dir)
    if best is not None:
        return f"restore the newest good backup ({holds(best)}) with: ilearn restore {best.path}"
    return "no good backup was found; your files are kept as they were"


def has_history(locations: Locations) -> bool:
    """Whether this data folder once held a journal (backups or damaged copies remain)."""
    damaged = locations.damaged_dir
    return bool(list_backups(locations.backups_dir)) or (
        damaged.is_dir() and any(damaged.glob("journal-*.sqlite3"))
    )

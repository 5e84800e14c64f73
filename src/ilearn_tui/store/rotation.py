"""Which backups to keep: recent, daily, weekly and monthly copies, like a careful archivist.

Automatic backups thin out with age; manual ones are never removed; the safety copies taken
before an upgrade, import or restore keep their newest few, and a sync's undo files (small:
the rows of one merge) their newest ``KEEP_UNDO``.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

_NAME = re.compile(r"^journal-(\d{8}-\d{6})-\d+-(?P<reason>[a-z0-9-]+)\.sqlite3$")
KEEP_RECENT = 5
KEEP_DAYS = 7
KEEP_WEEKS = 5
KEEP_MONTHS = 12
KEEP_SAFETY = 5
KEEP_UNDO = 20


def parse_name(path: Path) -> tuple[datetime, str] | None:
    """When a backup was taken and why, from its name; None for a name the policy did not write."""
    match = _NAME.match(path.name)
    if not match:
        return None
    return datetime.strptime(match.group(1), "%Y%m%d-%H%M%S"), match.group("reason")


def to_remove(paths: list[Path], now: datetime) -> list[Path]:
    """The backups the policy lets go of; anything it does not understand is kept."""
    autos: list[tuple[datetime, Path]] = []
    safety: dict[str, list[tuple[datetime, Path]]] = {}
    for path in paths:
        parsed = parse_name(path)
        if parsed is None:
            continue
        when, reason = parsed
        if reason == "auto":
            autos.append((when, path))
        elif reason.startswith("before-"):
            safety.setdefault(reason.split("-v")[0], []).append((when, path))
    keep: set[Path] = set()
    autos.sort(reverse=True)
    keep.update(path for _, path in autos[:KEEP_RECENT])
    buckets: dict[tuple[str, object], Path] = {}
    for when, path in autos:  # newest first, so the first seen in a bucket is kept
        age = now - when
        if age <= timedelta(days=KEEP_DAYS):
            buckets.setdefault(("day", when.date()), path)
        elif age <= timedelta(weeks=KEEP_WEEKS):
            buckets.setdefault(("week", when.isocalendar()[:2]), path)
        elif age <= timedelta(days=31 * KEEP_MONTHS):
            buckets.setdefault(("month", (when.year, when.month)), path)
    keep.update(buckets.values())
    remove = [path for _, path in autos if path not in keep]
    for items in safety.values():
        items.sort(reverse=True)
        remove += [path for _, path in items[KEEP_SAFETY:]]
    return remove


def undo_to_remove(paths: list[Path]) -> list[Path]:
    """The undo files beyond the newest ``KEEP_UNDO`` (their names sort by the time they hold)."""
    return sorted(paths, key=lambda p: p.name, reverse=True)[KEEP_UNDO:]


def rotate(folder: Path, now: datetime | None = None) -> list[Path]:
    """Delete the backups the policy no longer needs; returns what was removed."""
    if not folder.is_dir():
        return []
    removed = to_remove(sorted(folder.glob("journal-*.sqlite3")), now or datetime.now())
    removed += undo_to_remove(list(folder.glob("undo-*.sqlite3")))
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def rotate_undo(folder: Path) -> list[Path]:
    """Thin out the undo files alone: after each sync, without judging the full copies."""
    removed = undo_to_remove(list(folder.glob("undo-*.sqlite3"))) if folder.is_dir() else []
    for path in removed:
        path.unlink(missing_ok=True)
    return removed

"""Verified copies of the journal through SQLite's online backup API.

A copy is written to a temporary file, checked with ``integrity_check`` and only then
renamed into place, so a backup that exists is a backup that opens.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from ilearn_tui.atomicfile import atomic_write
from ilearn_tui.errors import IlearnError
from ilearn_tui.locations import FILE_MODE, make_private_dir
from ilearn_tui.store.fileformat import APPLICATION_ID, SQLITE_HEADER


def open_read_only(path: Path) -> sqlite3.Connection:
    """Open a copy read-only, by a URI in which every byte of the name is quoted.

    Read-only, because checking a damaged file must never write beside it; quoted, because
    a raw ``#``, ``?`` or ``%`` in a name would make SQLite open (and create) another file.
    """
    try:
        return sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise IlearnError(f"the copy at {path} does not open: {exc}") from exc


def _check(conn: sqlite3.Connection, path: Path, pragma: str = "integrity_check") -> None:
    try:
        result = conn.execute(f"PRAGMA {pragma}").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise IlearnError(f"the copy at {path} does not open: {exc}") from exc
    if result != "ok":
        raise IlearnError(f"the copy at {path} failed its integrity check: {result}")


def _verify(path: Path, pragma: str) -> None:
    check = open_read_only(path)
    try:
        _check(check, path, pragma)
    finally:
        check.close()


def backup_to_file(
    conn: sqlite3.Connection, target: Path, *, force: bool = False, quick: bool = False
) -> Path:
    """Copy the live journal to ``target`` atomically; refuse to replace a file unless forced.

    ``quick`` verifies the copy with ``quick_check`` instead of ``integrity_check``: every
    page and every row is read and checked as with the full check, but the indexes are not
    compared with their tables (the full check's costliest part; an index can be rebuilt from
    its table, the rows are what a backup keeps). For the backup before each sync's merge,
    where the full check of a large journal took about a second every time.
    """
    target = target.absolute()
    if target.exists() and not force:
        raise IlearnError(f"{target} already exists; use --force to replace it")
    if not target.parent.is_dir():
        raise IlearnError(f"the folder {target.parent} does not exist")
    try:
        with atomic_write(target, overwrite=force, mode=FILE_MODE) as pending:
            dest = sqlite3.connect(pending.path)  # SQLite writes the copy by its own handle
            try:
                conn.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")
            finally:
                dest.close()
            _verify(pending.path, "quick_check" if quick else "integrity_check")
    except FileExistsError:
        raise IlearnError(f"{target} already exists; use --force to replace it") from None
    except OSError as exc:
        raise IlearnError(f"cannot write the backup {target}: {exc.strerror}") from exc
    return target


def backup_to_dir(
    conn: sqlite3.Connection, folder: Path, reason: str = "manual", *, quick: bool = False
) -> Path:
    """Write a dated, verified backup into the journal's ``backups/`` folder (``quick``: as above)."""
    make_private_dir(folder)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return backup_to_file(conn, folder / f"journal-{stamp}-{reason}.sqlite3", quick=quick)


def newest_backup_age(folder: Path, reason: str = "auto") -> float | None:
    """Seconds since the newest backup of this kind was written, or None if there is none."""
    import time

    times = [p.stat().st_mtime for p in folder.glob(f"journal-*-{reason}.sqlite3")] if folder.is_dir() else []
    return time.time() - max(times) if times else None


def auto_backup(conn: sqlite3.Connection, folder: Path, min_interval_minutes: int) -> Path | None:
    """Back up after changes, at most once per interval, then thin out old copies."""
    from ilearn_tui.store.rotation import rotate

    age = newest_backup_age(folder)
    if age is not None and age < min_interval_minutes * 60:
        return None
    path = backup_to_dir(conn, folder, reason="auto")
    rotate(folder)
    return path


def list_backups(folder: Path) -> list[Path]:
    """Full copies in the folder, newest first (by the time in their names).

    Never a sync's undo files (``undo-*.sqlite3``, see ``store/undo``): they hold one merge's
    rows, not a journal, so nothing that offers a backup to restore may see them here.
    """
    if not folder.is_dir():
        return []
    return sorted(folder.glob("journal-*.sqlite3"), key=lambda p: p.name, reverse=True)


def restore_from(
    conn: sqlite3.Connection, source: Path, *, keep_current_in: Path | None = None
) -> Path | None:
    """Replace the live journal's contents with a verified copy of ``source``.

    With ``keep_current_in``, the journal as it was is backed up there first, but only once
    ``source`` has passed every check: a wrong file must not push real copies out of rotation.
    Returns that safety copy.
    """
    from ilearn_tui.store.fileformat import SCHEMA_VERSION

    if not source.is_file():
        raise IlearnError(f"no backup file at {source}")
    with source.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise IlearnError(f"{source} is not an ilearn backup")
    src = open_read_only(source)  # one handle checks and copies: they read the same file
    try:
        _check(src, source)
        app_id = src.execute("PRAGMA application_id").fetchone()[0]
        version = src.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise IlearnError(f"{source} is an SQLite file but not an ilearn backup")
        if src.execute("SELECT 1 FROM sqlite_master WHERE name = 'undo_rows'").fetchone():
            raise IlearnError(f"{source} is a sync's undo file, not a full copy of the journal")
        if version > SCHEMA_VERSION:
            raise IlearnError(f"{source} comes from a newer ilearn (schema {version})")
        saved = (
            None if keep_current_in is None else backup_to_dir(conn, keep_current_in, reason="before-restore")
        )
        src.backup(conn)
    finally:
        src.close()
    return saved

"""Opening the journal: durable settings, schema checks and migrations.

Durability choices: WAL where the folder allows it (readers never block the writer),
``synchronous=FULL`` (a committed entry survives power loss, not only a crash), foreign keys
on, and a busy timeout so that a second copy of the app waits instead of failing.
"""

from __future__ import annotations

import os
import sqlite3
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from ilearn_tui.errors import DamagedJournalError, IlearnError, NewerSchemaError
from ilearn_tui.locations import FILE_MODE, make_private_dir
from ilearn_tui.store.fileformat import APPLICATION_ID, SCHEMA_VERSION, SQLITE_HEADER

BUSY_TIMEOUT_MS = 15_000


def _create_private_file(path: Path) -> None:
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
    os.close(fd)


def check_header(path: Path) -> None:
    """Refuse a file that is not SQLite, or is shorter than its header says, before opening it.

    Both checks read only the first 100 bytes, so they cost nothing on a large journal.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(100)
        size = path.stat().st_size
    except OSError as exc:
        raise IlearnError(f"cannot read the journal {path}: {exc.strerror}") from exc
    if not head:
        return  # an empty file is a journal that was never written to
    if not head.startswith(SQLITE_HEADER) or len(head) < 100:
        raise DamagedJournalError(f"the journal {path} is damaged or not an ilearn journal")
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    counter_valid = head[24:28] == head[92:96]
    # A checkpoint cut short by a crash can leave the file shorter than its header says while
    # the write-ahead log still holds every page; SQLite repairs that itself on open.
    # Asked once, not "exists, then size": another process closing the journal removes the log
    # between the two.
    try:
        wal_holds_pages = Path(f"{path}-wal").stat().st_size > 0
    except FileNotFoundError:
        wal_holds_pages = False
    if pages and counter_valid and size < pages * page_size and not wal_holds_pages:
        raise DamagedJournalError(
            f"the journal {path} is truncated ({size:,} of {pages * page_size:,} bytes)"
        )


# How many connections made by ``connect`` are open in this process, per journal path: while
# any is, the foreign-WAL probe must not open and close the journal's -shm (see walcheck).
_open_here: dict[str, int] = {}


def _forget(key: str) -> None:
    left = _open_here.get(key, 0) - 1
    if left > 0:
        _open_here[key] = left
    else:
        _open_here.pop(key, None)


class _JournalConnection(sqlite3.Connection):
    """A connection that keeps ``_open_here`` right, whether closed or garbage-collected."""

    _forget_me: weakref.finalize[..., object] | None = None

    def close(self) -> None:
        if self._forget_me is not None:
            self._forget_me()
        super().close()


def _set_foreign_wal_aside(path: Path, reason: str) -> str:
    """Move a -wal (and its -shm) that does not fit the journal into ``damaged/``; say so."""
    wal = Path(f"{path}-wal")
    aside = path.parent / "damaged"
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = aside / f"{path.stem}-{stamp}{path.suffix}-wal"
    try:
        make_private_dir(aside)
        wal.rename(target)
        shm = Path(f"{path}-shm")
        if shm.exists():
            shm.rename(Path(f"{str(target)[: -len('-wal')]}-shm"))
    except OSError as exc:
        raise IlearnError(
            f"{wal.name} beside the journal {path} does not belong to it ({reason}), and it "
            f"could not be moved aside ({exc.strerror}); move {wal} (and {path.name}-shm) away "
            "yourself, then try again"
        ) from exc
    return (
        f"{wal.name} beside the journal {path} does not belong to it ({reason}): it holds "
        f"changes to another database, or is damaged; it was moved to {target} (nothing was "
        f"deleted) and {path.name} itself is unchanged"
    )


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) a journal file with the durability settings applied.

    A ``-wal`` file that does not fit the journal is moved aside before SQLite can replay it
    (see ``walcheck``); the journal then opens as it is, after a check of its own.
    """
    from ilearn_tui.store.walcheck import foreign_wal_reason

    key = str(path.absolute())
    set_aside: str | None = None
    if not path.exists():
        try:
            _create_private_file(path)
        except FileExistsError:
            pass  # another copy of the app created it first
        except OSError as exc:
            raise IlearnError(f"cannot create the journal {path}: {exc.strerror}") from exc
    else:
        check_header(path)
        reason = foreign_wal_reason(path, probe=key not in _open_here)
        if reason is not None:
            set_aside = _set_foreign_wal_aside(path, reason)
    try:
        conn = sqlite3.connect(
            path,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
            factory=_JournalConnection,
        )
    except sqlite3.Error as exc:
        raise IlearnError(f"cannot open the journal {path}: {exc}") from exc
    assert isinstance(conn, _JournalConnection)
    _open_here[key] = _open_here.get(key, 0) + 1
    conn._forget_me = weakref.finalize(conn, _forget, key)
    conn.row_factory = sqlite3.Row
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        conn.close()
        if not os.access(path.parent, os.W_OK) or not os.access(path, os.W_OK):
            raise IlearnError(
                f"the data folder {path.parent} is read-only, so the journal cannot be opened there; "
                "copy it somewhere writable or choose another folder with --home"
            ) from exc
        if "not a database" in str(exc) or "malformed" in str(exc):
            raise DamagedJournalError(f"the journal {path} is damaged or not an ilearn journal") from exc
        raise IlearnError(f"cannot open the journal {path}: {exc}") from exc
    if set_aside is not None:
        _after_setting_aside(conn, path, set_aside)
    return conn


def _after_setting_aside(conn: sqlite3.Connection, path: Path, set_aside: str) -> None:
    """The journal without the foreign WAL: damaged itself, or fine (then say what happened)."""
    try:
        ok = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    except sqlite3.DatabaseError:
        ok = False
    conn.close()
    if not ok:
        raise DamagedJournalError(f"the journal {path} is damaged ({set_aside})")
    raise IlearnError(f"{set_aside}; run the command again to use the journal as it is")


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Run a block as one ``BEGIN IMMEDIATE`` transaction: all of it is saved, or none.

    Nested use becomes a savepoint, so helpers that write can be called inside a larger write.
    """
    if conn.in_transaction:
        conn.execute("SAVEPOINT nested")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK TO nested")
                conn.execute("RELEASE nested")
            raise
        else:
            conn.execute("RELEASE nested")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        # SQLite may already have rolled back by itself (a full disk, for one).
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def prepare(conn: sqlite3.Connection, path: Path, backup_dir: Path | None) -> None:
    """Bring the schema up to date, refusing files from a newer version or another program."""
    try:
        version = schema_version(conn)
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    except sqlite3.DatabaseError as exc:
        raise DamagedJournalError(f"the journal {path} is damaged: {exc}") from exc
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(
            f"the journal {path} was written by a newer ilearn (schema {version}, this one "
            f"knows {SCHEMA_VERSION}); update ilearn to open it"
        )
    if has_tables and app_id != APPLICATION_ID:
        raise DamagedJournalError(f"{path} is an SQLite file but not an ilearn journal")
    if version == SCHEMA_VERSION:
        return
    # The migrations (and the record model some are made from) are read only to upgrade.
    from ilearn_tui.store.schema import MIGRATIONS

    if version > 0 and backup_dir is not None:
        from ilearn_tui.store.backup import backup_to_dir

        backup_to_dir(conn, backup_dir, reason=f"before-upgrade-v{version}")
    with write_transaction(conn):
        # Re-read inside the lock: another process may have migrated meanwhile.
        version = schema_version(conn)
        for step in range(version, SCHEMA_VERSION):
            _run_script(conn, MIGRATIONS[step])
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """Execute a multi-statement script inside the current transaction.

    ``executescript`` would commit first, so statements are split on complete boundaries.
    """
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            conn.execute(buffer)
            buffer = ""
    if buffer.strip():
        conn.execute(buffer)

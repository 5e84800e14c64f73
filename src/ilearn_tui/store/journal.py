"""The journal: one open database plus the folders beside it, and the shared helpers.

Record-specific queries live in sibling modules (``reflections``, ``plan``, ``search``);
this class ties them to one connection so callers hold a single object.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from ilearn_tui.domain.text import school_year_bounds
from ilearn_tui.errors import DamagedJournalError, IlearnError, MissingJournalError, NotFoundError, UsageError
from ilearn_tui.locations import Locations
from ilearn_tui.store import connection
from ilearn_tui.store.rows import like_prefix, records, select_list

if TYPE_CHECKING:
    from ilearn_tui.domain.records import Cycle


def new_id() -> str:
    """A new record id; ``uuid`` (and the ``platform`` it loads) only once something is written."""
    import uuid

    return str(uuid.uuid4())


def now_stamp() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class Journal:
    """An open journal. Use :func:`open_journal` and close it (or use ``with``)."""

    def __init__(self, conn: sqlite3.Connection, locations: Locations, *, auto_backup: bool = True) -> None:
        self.conn = conn
        self.locations = locations
        self.auto_backup = auto_backup
        # Quick commands hand the automatic backup to a background process (see autobackup).
        self.backup_in_background = False
        # Rows written to temporary tables (a search's marking window): not the journal's.
        self._scratch_changes = 0

    @property
    def changed(self) -> bool:
        """Whether this session wrote to the journal itself, which is what earns a backup."""
        return self.conn.total_changes > self._scratch_changes

    @contextmanager
    def scratch(self) -> Iterator[None]:
        """Writes inside the block touch only temporary tables, so they do not count as changes."""
        before = self.conn.total_changes
        try:
            yield
        finally:
            self._scratch_changes += self.conn.total_changes - before

    def close(self) -> None:
        """Close, first taking an automatic backup if this session changed anything."""
        try:
            if self.auto_backup and self.changed:
                from ilearn_tui.settings import load_settings
                from ilearn_tui.store.backup import auto_backup, newest_backup_age

                interval = load_settings(self.locations).backup_interval_minutes
                if self.backup_in_background:
                    age = newest_backup_age(self.locations.backups_dir)
                    if age is None or age >= interval * 60:
                        from ilearn_tui.store.autobackup import spawn

                        spawn(self.locations)
                else:
                    auto_backup(self.conn, self.locations.backups_dir, interval)
        except (IlearnError, OSError, sqlite3.Error):
            pass  # the journal itself is safe; a missed automatic copy is retried next time
        finally:
            self.conn.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One all-or-nothing write; waits (up to the busy timeout) for another copy's write."""
        try:
            with connection.write_transaction(self.conn) as conn:
                yield conn
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise IlearnError(
                    "the journal is busy in another ilearn window; try again in a moment"
                ) from exc
            if "readonly" in str(exc) or "read-only" in str(exc):
                raise IlearnError(f"the journal folder {self.locations.data_dir} is read-only") from exc
            if "full" in str(exc):
                raise IlearnError("the disk is full; nothing was saved") from exc
            raise

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the journal file and empty it.

        After a large write the log can hold most of the journal; checkpointing makes the file
        alone complete (and its size the journal's size) before it is copied or measured.
        """
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def data_version(self) -> int:
        """Changes when another connection (a second window, ``ilearn reflect``) commits."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    # --- meta -----------------------------------------------------------------------
    def get_meta(self, key: str, default: str = "") -> str:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.write() as conn:
            conn.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # --- cycles ---------------------------------------------------------------------
    def cycles(self) -> list[Cycle]:
        from ilearn_tui.domain.records import Cycle  # the record model, only for what reads records

        cursor = self.conn.execute(f"SELECT {select_list(Cycle)} FROM cycles ORDER BY starts_on")
        return list(records(Cycle, cursor))

    def add_cycle(self, title: str, starts_on: str, ends_on: str) -> str:
        if ends_on < starts_on:
            raise UsageError(f"the cycle {title!r} ends ({ends_on}) before it starts ({starts_on})")
        cycle_id = new_id()
        stamp = now_stamp()
        try:
            with self.write() as conn:
                conn.execute(
                    "INSERT INTO cycles(id, title, starts_on, ends_on, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (cycle_id, title, starts_on, ends_on, stamp, stamp),
                )
        except sqlite3.IntegrityError as exc:
            if "cycles" not in str(exc):
                raise
            raise UsageError(f"a cycle from {starts_on} to {ends_on} already exists") from None
        return cycle_id

    def current_cycle(self) -> Cycle | None:
        """The cycle containing today, else the latest one."""
        from ilearn_tui.domain.records import Cycle

        today = date.today().isoformat()
        cursor = self.conn.execute(
            f"SELECT {select_list(Cycle)} FROM cycles "
            "ORDER BY (starts_on <= ? AND ends_on >= ?) DESC, starts_on DESC LIMIT 1",
            (today, today),
        )
        return next(records(Cycle, cursor), None)

    def _cycle_containing(self, day: str) -> str | None:
        row = self.conn.execute(
            "SELECT id FROM cycles WHERE starts_on <= ? AND ends_on >= ? ORDER BY starts_on DESC LIMIT 1",
            (day, day),
        ).fetchone()
        return str(row[0]) if row else None

    def cycle_for(self, day: str) -> str:
        """The id of the cycle containing ``day``, creating that school year if there is none.

        The look-up is repeated inside the write lock before creating: eight ``ilearn
        reflect`` started at once on a new year would otherwise each make their own cycle.
        """
        found = self._cycle_containing(day)
        if found is not None:
            return found
        start, end, title = school_year_bounds(date.fromisoformat(day))
        with self.write():
            found = self._cycle_containing(day)
            if found is not None:
                return found  # another copy of the app made it while this one waited
            return self.add_cycle(title, start.isoformat(), end.isoformat())

    def find_cycle(self, ref: str) -> Cycle:
        """A cycle by title (``2025–26`` or ``2025-26``), year, or id prefix."""
        wanted = ref.strip().replace("–", "-").lower()
        matches = [
            c
            for c in self.cycles()
            if c.title.replace("–", "-").lower() == wanted
            or c.id.startswith(wanted)
            or c.starts_on[:4] == wanted
        ]
        if not matches:
            raise NotFoundError(f"no cycle matches {ref!r}")
        if len(matches) > 1:
            raise UsageError(f"{ref!r} matches more than one cycle; use its full title")
        return matches[0]

    # --- lookups --------------------------------------------------------------------
    def resolve(self, table: str, ref: str, label_column: str, noun: str) -> str:
        """An id from a full id, an id prefix, or an unambiguous label prefix."""
        ref = ref.strip()
        if not ref:
            raise UsageError(f"empty {noun} name")
        row = self.conn.execute(f"SELECT id FROM {table} WHERE id = ?", (ref,)).fetchone()
        if row:
            return str(row[0])
        # Titles first: a short word is a title, even if some id happens to start the same way.
        # An id prefix counts only when it looks like one (four or more hex digits).
        looks_like_id = len(ref) >= 4 and all(ch in "0123456789abcdef-" for ch in ref.lower())
        for column in (label_column, "id") if looks_like_id else (label_column,):
            rows = self.conn.execute(
                f"SELECT id, {label_column} FROM {table} WHERE {column} LIKE ? ESCAPE '\\' LIMIT 6",
                (like_prefix(ref),),
            ).fetchall()
            exact = [r for r in rows if str(r[1]).lower() == ref.lower()]
            if len(exact) == 1:
                return str(exact[0][0])
            if len(rows) == 1:
                return str(rows[0][0])
            if len(rows) > 1:
                names = "; ".join(str(r[1])[:30] for r in rows[:3])
                raise UsageError(f"{ref!r} matches more than one {noun} ({names}); be more specific")
        raise NotFoundError(f"no {noun} matches {ref!r}")


def open_journal(locations: Locations, *, allow_new: bool = False) -> Journal:
    """Open the journal in ``locations``, creating folders and the file on first use.

    A damaged file is moved aside and reported; a missing journal where backups exist is
    not silently replaced by an empty one unless ``allow_new`` (restore uses it).
    """
    try:
        locations.ensure()
    except PermissionError as exc:
        raise IlearnError(f"cannot create the data folder {exc.filename}: permission denied") from exc
    except OSError as exc:
        raise IlearnError(f"cannot create the data folder: {exc.strerror}") from exc
    # The recovery module (backups, damaged copies) is loaded only when a journal is missing
    # or damaged: a quick command on a sound journal never pays for it.
    if not allow_new and not locations.db_path.exists():
        from ilearn_tui.store import recovery

        if recovery.has_history(locations):
            raise MissingJournalError(
                f"there is no journal at {locations.db_path}, but backups of one exist; "
                + recovery.advice(locations)
            )
    try:
        conn = connection.connect(locations.db_path)
        try:
            connection.prepare(conn, locations.db_path, locations.backups_dir)
        except BaseException:
            conn.close()
            raise
    except DamagedJournalError as exc:
        from ilearn_tui.store import recovery

        moved = recovery.quarantine(locations)
        raise DamagedJournalError(
            f"{exc}; it was moved to {moved} (nothing was deleted); " + recovery.advice(locations)
        ) from None
    return Journal(conn, locations)

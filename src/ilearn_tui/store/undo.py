"""A sync's undo file: the rows one merge changes, as they were, in a small SQLite file.

A full copy of a large journal before every merge that changes anything costs about a second
per 250 MB, for a merge that usually touches ten records. What a merge can damage is only
what it writes, so the backup before it keeps exactly that: while the merge is applied, in
its one transaction, temporary triggers note the first image of every row it updates,
deletes or inserts (cascades and trash moves included, since SQLite fires triggers for
those too). Before that transaction commits, the images are written to
``backups/undo-<time>-sync.sqlite3`` in the journal's own schema, synced to disk and read
back; if that fails, the merge is rolled back and nothing changes. ``ilearn restore`` of the
file undoes that merge (``store/undo_restore.py``).

The file holds each row's image before the merge in its own table (a row the merge added has
none), and in ``undo_rows`` each row's key, whether it existed, and its image after the merge,
so a restore can tell a row left as the merge wrote it from one the teacher changed since.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ilearn_tui.atomicfile import atomic_write
from ilearn_tui.domain.fields import Kind
from ilearn_tui.domain.model import BY_TABLE
from ilearn_tui.errors import IlearnError
from ilearn_tui.locations import FILE_MODE, make_private_dir
from ilearn_tui.store.backup import open_read_only

ROWS = "undo_rows"  # marks an undo file: a full copy never has this table
FACTS = "undo_facts"
PATTERN = "undo-*.sqlite3"
NAME = re.compile(r"^undo-(\d{8}-\d{6})-\d+-(?P<reason>[a-z0-9-]+)\.sqlite3$")
_SEEN = "temp.undo_seen"
# Never captured: SQLite's own tables, the search index (derived: its triggers rebuild it as
# rows are put back), and the change log (a merge only removes the marks its own writes made).
_SKIP = ("sqlite_", "search_", "sync_changes")

Image = dict[str, Any]


@dataclass(frozen=True)
class Table:
    """A table as the capture sees it: its columns, and the columns naming one row."""

    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]  # its primary key, or ("rowid",) for a table without one
    rowid: bool  # whether rows have a rowid worth keeping (a restored row takes its old place)

    def select(self) -> str:
        return ", ".join((("rowid",) if self.rowid else ()) + tuple(quoted(c) for c in self.columns))

    def where(self) -> str:
        return " AND ".join(f"{quoted(c)} IS ?" for c in self.key)


def quoted(column: str) -> str:
    """A column's name as SQL takes it whatever it is ("key", "order"); rowid stays itself."""
    return column if column == "rowid" else '"' + column.replace('"', '""') + '"'


def tables(conn: sqlite3.Connection) -> dict[str, Table]:
    """Every table a merge can write, read from the schema itself (so a new table is covered)."""
    listed = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    virtual = [name for name, sql in listed if str(sql or "").upper().startswith("CREATE VIRTUAL")]
    found: dict[str, Table] = {}
    for name, sql in listed:
        if name.startswith(_SKIP) or any(name == v or name.startswith(f"{v}_") for v in virtual):
            continue
        info = conn.execute(f"PRAGMA table_info({name})").fetchall()
        columns = tuple(str(r[1]) for r in info)
        key = tuple(str(r[1]) for r in sorted((r for r in info if r[5]), key=lambda r: r[5]))
        rowid = "WITHOUT ROWID" not in str(sql).upper()
        found[name] = Table(name, columns, key or ("rowid",), rowid)
    return found


def _image(prefix: str, table: Table) -> str:
    pairs = [f"'rowid', {prefix}.rowid"] if table.rowid else []
    pairs += [f"'{c}', {prefix}.{quoted(c)}" for c in table.columns]
    return f"json_object({', '.join(pairs)})"


def _key(prefix: str, table: Table) -> str:
    return f"json_array({', '.join(f'{prefix}.{quoted(c)}' for c in table.key)})"


@dataclass
class Capture:
    """The temporary triggers of one merge; ``write`` saves what they noted."""

    conn: sqlite3.Connection
    tables: dict[str, Table]

    def changed(self) -> list[tuple[Table, str, Image | None, Image | None]]:
        """(table, key, image before, image after) of every row whose image differs."""
        found = []
        for name, key, before in self.conn.execute(f"SELECT tbl, key, image FROM {_SEEN} ORDER BY rowid"):
            table = self.tables[name]
            old = json.loads(before) if before is not None else None
            new = current(self.conn, table, json.loads(key))
            if old != new:
                found.append((table, str(key), old, new))
        return found

    def write(self, folder: Path, facts: dict[str, str], reason: str = "sync") -> Path | None:
        """Write, sync and verify the undo file; None when the merge changed no row after all."""
        changed = self.changed()
        if not changed:
            return None
        make_private_dir(folder)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = folder / f"undo-{stamp}-{reason}.sqlite3"
        counted = {
            **facts,
            "records": str(sum(1 for t, *_ in changed if is_record(t.name))),
            "reason": reason,
        }
        try:
            with atomic_write(target, mode=FILE_MODE) as pending:
                _fill(self.conn, pending.path, changed, counted)
                verify(pending.path, len(changed)).close()
        except OSError as exc:
            raise IlearnError(f"cannot write the undo file {target}: {exc.strerror}") from exc
        return target


def is_record(table: str) -> bool:
    """A record a teacher would count (a reflection, a goal…), not a link, a cycle or a list."""
    return isinstance(BY_TABLE.get(table), Kind) and table != "cycles"


def current(conn: sqlite3.Connection, table: Table, key: list[Any]) -> Image | None:
    """A row's image now (rowid included), or None when no row has that key."""
    names = (("rowid",) if table.rowid else ()) + table.columns
    found = conn.execute(f"SELECT {table.select()} FROM {table.name} WHERE {table.where()}", key).fetchone()
    return None if found is None else dict(zip(names, found, strict=True))


def _fill(
    conn: sqlite3.Connection,
    path: Path,
    changed: list[tuple[Table, str, Image | None, Image | None]],
    facts: dict[str, str],
) -> None:
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    names = {t.name for t, *_ in changed}
    schema = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name IN "
        f"({', '.join('?' for _ in names)})",
        sorted(names),
    ).fetchall()
    out = sqlite3.connect(path)
    try:
        out.execute(f"PRAGMA application_id = {app_id}")
        out.execute(f"PRAGMA user_version = {version}")
        # No rollback journal and no syncs of SQLite's own: the file is new and has no name
        # yet, and atomic_write syncs it once, whole, before it is given its name.
        out.execute("PRAGMA journal_mode = OFF")
        out.execute("PRAGMA synchronous = OFF")
        with out:
            for _name, sql in schema:
                out.execute(sql)
            out.execute(
                f"CREATE TABLE {ROWS} (tbl TEXT NOT NULL, key TEXT NOT NULL, existed INTEGER NOT NULL, "
                "after TEXT, PRIMARY KEY (tbl, key))"
            )
            out.execute(f"CREATE TABLE {FACTS} (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            out.executemany(f"INSERT INTO {FACTS}(key, value) VALUES (?, ?)", sorted(facts.items()))
            for table, key, before, after in changed:
                out.execute(
                    f"INSERT INTO {ROWS}(tbl, key, existed, after) VALUES (?, ?, ?, ?)",
                    (table.name, key, before is not None, None if after is None else json.dumps(after)),
                )
                if before is not None:
                    columns, marks = ", ".join(map(quoted, before)), ", ".join("?" for _ in before)
                    out.execute(f"INSERT INTO {table.name}({columns}) VALUES ({marks})", [*before.values()])
    finally:
        out.close()


@contextmanager
def closed_on_failure(conn: sqlite3.Connection, path: Path) -> Iterator[None]:
    """Leave ``conn`` open if the block passes; close it, and word a read error as one line, if not."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise IlearnError(f"{path} is not a readable undo file ({exc}); nothing was changed") from None
    except BaseException:
        conn.close()
        raise


def verify(path: Path, rows: int | None = None) -> sqlite3.Connection:
    """Open an undo file read-only and check it whole; returns the open connection.

    ``rows``: how many rows it must list (when it has just been written).
    """
    conn = open_read_only(path)
    with closed_on_failure(conn, path):
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise IlearnError(f"{path} is damaged (it fails its integrity check); nothing was changed")
        listed = int(conn.execute(f"SELECT count(*) FROM {ROWS}").fetchone()[0])
        kept = int(conn.execute(f"SELECT count(*) FROM {ROWS} WHERE existed").fetchone()[0])
        held = 0
        for (name,) in conn.execute(f"SELECT DISTINCT tbl FROM {ROWS}").fetchall():
            held += int(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
        if (rows is not None and listed != rows) or held != kept:
            raise IlearnError(f"{path} is damaged (its rows do not add up); nothing was changed")
    return conn


def is_undo_file(path: Path) -> bool:
    """Whether ``path`` is an undo file (not a full copy), by its table, whatever its name."""
    try:
        conn = open_read_only(path)
    except IlearnError:
        return False
    try:
        found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (ROWS,))
        return found.fetchone() is not None
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


@contextmanager
def capture(conn: sqlite3.Connection) -> Iterator[Capture]:
    """Note the first image of every row written until the block ends (outside a transaction).

    The triggers are temporary (this connection's only) and made before the write begins, so
    a rolled-back merge leaves them to be dropped here, and another window never sees them.
    """
    found = tables(conn)
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS undo_seen (tbl TEXT NOT NULL, key TEXT NOT NULL, "
        "image TEXT, PRIMARY KEY (tbl, key))"
    )
    conn.execute(f"DELETE FROM {_SEEN}")
    made: list[str] = []
    try:
        for t in found.values():
            # An upsert that keeps the first image: a trigger's own OR IGNORE would give way to
            # the conflict clause of the statement that fires it (a merge's upsert).
            note = f"INSERT INTO undo_seen(tbl, key, image) VALUES ('{t.name}'"
            keep = "ON CONFLICT(tbl, key) DO NOTHING;"
            bodies = {
                "BEFORE UPDATE": f"{note}, {_key('OLD', t)}, {_image('OLD', t)}) {keep} "
                f"{note}, {_key('NEW', t)}, NULL) {keep}",
                "BEFORE DELETE": f"{note}, {_key('OLD', t)}, {_image('OLD', t)}) {keep}",
                "AFTER INSERT": f"{note}, {_key('NEW', t)}, NULL) {keep}",
            }
            for when, body in bodies.items():
                trigger = f"undo_{t.name}_{when.split()[1].lower()}"
                conn.execute(f"CREATE TEMP TRIGGER {trigger} {when} ON main.{t.name} BEGIN {body} END")
                made.append(trigger)
        yield Capture(conn, found)
    finally:
        for trigger in made:
            conn.execute(f"DROP TRIGGER IF EXISTS temp.{trigger}")
        conn.execute(f"DELETE FROM {_SEEN}")


def undo_files(folder: Path) -> list[Path]:
    """The undo files in a backups folder, newest first (by the time in their names)."""
    if not folder.is_dir():
        return []
    return sorted(folder.glob(PATTERN), key=lambda p: p.name, reverse=True)

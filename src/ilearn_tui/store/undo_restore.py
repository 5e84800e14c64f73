"""``ilearn restore`` of a sync's undo file: that merge's rows put back, in one transaction.

Each row the merge wrote goes back to its image before the merge, but only while it still
holds the image the merge left: a row the teacher (or anything else) changed since keeps its
later version, and the line says how many were kept. A record the merge brought in is
removed (the other computer and the remote still hold it), unless something written since
names it. The journal's sync position goes back with the rows, so the next ``ilearn sync``
receives that merge's changes again, as after restoring a full copy; an undo is therefore
refused once the journal has synced again, when rows and sync position would disagree.
The undo itself first writes an undo file of what it changes, so it can be undone in turn.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ilearn_tui.domain.text import plural
from ilearn_tui.errors import IlearnError
from ilearn_tui.store import undo
from ilearn_tui.store.fileformat import APPLICATION_ID, SQLITE_HEADER
from ilearn_tui.store.journal import Journal, now_stamp
from ilearn_tui.store.sync_state import APPLIED, JOURNAL_ID


@dataclass(frozen=True)
class UndoFacts:
    """What an undo file says of itself, for listings and the restore line."""

    path: Path
    taken_at: datetime
    reason: str
    records: int
    applied_after: str = ""  # the sync position the merge left: the undo needs the journal there

    def words(self) -> str:
        """Words like "before sync of 2026-12-02 05:10: 10 records", never those of a full copy."""
        what = "sync" if self.reason == "sync" else "an undo of a sync"
        return f"before {what} of {self.taken_at:%Y-%m-%d %H:%M}: {plural(self.records, 'record')}"


@dataclass(frozen=True)
class Undone:
    facts: UndoFacts
    put_back: int  # records put back as they were before that merge (their links not counted)
    kept: int  # rows changed since the merge, left as they are
    saved: Path | None  # the undo file of this undo

    def line(self) -> str:
        kept = f"; kept {plural(self.kept, 'later change')}" if self.kept else ""
        again = f"; to redo it: ilearn restore {self.saved}" if self.saved else ""
        return (
            f"undid the sync of {self.facts.taken_at:%Y-%m-%d %H:%M}: {plural(self.put_back, 'record')} "
            f"as before it{kept}; the next 'ilearn sync' receives its changes again{again}"
        )


def _facts_of(conn: sqlite3.Connection) -> dict[str, str]:
    return {str(k): str(v) for k, v in conn.execute(f"SELECT key, value FROM {undo.FACTS}")}


def describe(path: Path) -> UndoFacts | None:
    """The facts of one undo file, or None if it does not open or fails its checks."""
    try:
        conn = undo.verify(path)
    except IlearnError:
        return None
    try:
        facts = _facts_of(conn)
        taken = datetime.fromisoformat(facts["taken_at"]).astimezone()
        reason, records = facts.get("reason", "sync"), int(facts.get("records", "0"))
        return UndoFacts(path, taken, reason, records, facts.get("applied_after", ""))
    except (sqlite3.DatabaseError, KeyError, ValueError):
        return None
    finally:
        conn.close()


def last_sync_undo(journal: Journal) -> UndoFacts | None:
    """The undo file of the journal's last sync, while it can still be restored alone."""
    for path in undo.undo_files(journal.locations.backups_dir):
        facts = describe(path)
        if facts is not None and facts.reason == "sync":
            return facts if facts.applied_after == journal.get_meta(APPLIED) else None
    return None


def _open_checked(journal: Journal, path: Path) -> tuple[sqlite3.Connection, dict[str, str]]:
    """The undo file, open and checked against this journal; one line and no change if not."""
    from ilearn_tui.store.schema import SCHEMA_VERSION

    if not path.is_file():
        raise IlearnError(f"no backup file at {path}")
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise IlearnError(f"{path} is not an ilearn backup")
    conn = undo.verify(path)
    with undo.closed_on_failure(conn, path):
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            raise IlearnError(f"{path} is an SQLite file but not an ilearn backup")
        facts = _facts_of(conn)
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version != SCHEMA_VERSION:
            raise IlearnError(
                f"{path} undoes a sync of an older version of the journal (schema {version}); "
                "restore a full backup instead; nothing was changed"
            )
        if facts.get(JOURNAL_ID) != journal.get_meta(JOURNAL_ID):
            raise IlearnError(f"{path} undoes a sync of another journal; nothing was changed")
        if facts.get("applied_after") != journal.get_meta(APPLIED):
            raise IlearnError(
                f"this journal has synced since the sync {path.name} undoes (or that sync never "
                "finished), so it cannot be undone alone; nothing was changed (restore a full backup instead)"
            )
    return conn, facts


def undo_sync(journal: Journal, path: Path, *, keep_undo_in: Path | None = None) -> Undone:
    """Put back the rows of the merge ``path`` was written before; see the module's words."""
    source, facts = _open_checked(journal, path)
    try:
        described = describe(path)
        assert described is not None  # it passed the same checks just now
        with undo.capture(journal.conn) as cap, journal.write() as conn:
            put_back, kept = _put_back(conn, source, cap.tables)
            saved = None
            if keep_undo_in is not None:
                again = {
                    JOURNAL_ID: facts[JOURNAL_ID],
                    "applied_before": facts.get("applied_after", ""),
                    "applied_after": facts.get("applied_before", ""),
                    "taken_at": now_stamp(),
                }
                saved = cap.write(keep_undo_in, again, reason="undo")
    finally:
        source.close()
    return Undone(described, put_back, kept, saved)


def _put_back(
    conn: sqlite3.Connection, source: sqlite3.Connection, tables: dict[str, undo.Table]
) -> tuple[int, int]:
    """Write the images back; returns (rows put back, rows kept as they are now)."""
    mark = int(conn.execute("SELECT coalesce(max(seq), 0) FROM sync_changes").fetchone()[0])
    conn.execute("PRAGMA defer_foreign_keys = ON")
    restore: list[tuple[undo.Table, list[Any], dict[str, Any] | None]] = []
    remove: dict[tuple[str, str], tuple[undo.Table, list[Any]]] = {}
    kept = 0
    rows = source.execute(f"SELECT tbl, key, existed, after FROM {undo.ROWS} ORDER BY rowid").fetchall()
    for name, key_text, existed, after in rows:
        table = tables.get(str(name))
        if table is None:
            raise IlearnError(
                f"the undo file names a table this journal does not have ({name}); nothing was changed"
            )
        key = json.loads(key_text)
        before = undo.current(source, table, key) if existed else None
        now = undo.current(conn, table, key)
        if now == before:
            continue  # already as it was before that merge
        if now != (None if after is None else json.loads(after)):
            kept += 1  # changed since the merge: the later version stays
            continue
        if before is None:
            remove[(table.name, str(key_text))] = (table, key)
        else:
            restore.append((table, key, before))
    named = _named_by_others(conn, remove, tables)
    kept += len(named)
    for where in named:
        del remove[where]
    for table, key in remove.values():
        conn.execute(f"DELETE FROM {table.name} WHERE {table.where()}", key)
    for table, key, image in restore:
        assert image is not None
        columns = list(image)
        if undo.current(conn, table, key) is None:
            marks, names = ", ".join("?" for _ in columns), ", ".join(map(undo.quoted, columns))
            conn.execute(f"INSERT INTO {table.name}({names}) VALUES ({marks})", list(image.values()))
        else:
            sets = ", ".join(f"{undo.quoted(c)} = ?" for c in columns if c != "rowid")
            values = [image[c] for c in columns if c != "rowid"]
            conn.execute(f"UPDATE {table.name} SET {sets} WHERE {table.where()}", [*values, *key])
    conn.execute("DELETE FROM sync_changes WHERE seq > ?", (mark,))  # the undo's own marks
    back = [t.name for t, _key in remove.values()] + [t.name for t, _key, _image in restore]
    return sum(1 for name in back if undo.is_record(name)), kept


def _named_by_others(
    conn: sqlite3.Connection,
    remove: dict[tuple[str, str], tuple[undo.Table, list[Any]]],
    tables: dict[str, undo.Table],
) -> set[tuple[str, str]]:
    """Rows to remove that a row staying in the journal refers to: removing would change it."""
    graph: dict[str, list[tuple[str, str, str]]] = {}
    for child in tables:
        for fk in conn.execute(f"PRAGMA foreign_key_list({child})"):
            graph.setdefault(str(fk[2]), []).append((child, str(fk[3]), str(fk[4] or "id")))
    staying: set[tuple[str, str]] = set()
    changed = True
    while changed:  # a row kept may in turn keep the row it names
        changed = False
        for where, (table, key) in remove.items():
            if where in staying:
                continue
            image = undo.current(conn, table, key) or {}
            for child, column, parent_column in graph.get(table.name, []):
                keys = ", ".join(map(undo.quoted, tables[child].key))
                sql = f"SELECT json_array({keys}) FROM {child} WHERE {undo.quoted(column)} = ?"
                refs = {(child, str(r[0])) for r in conn.execute(sql, (image.get(parent_column),))}
                if any(ref not in remove or ref in staying for ref in refs):
                    staying.add(where)
                    changed = True
                    break
    return staying

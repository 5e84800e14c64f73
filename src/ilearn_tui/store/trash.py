"""Deleting never destroys: a record and everything that goes with it wait in the trash.

A delete copies the record, the rows its foreign keys would cascade to, and the links that
would be set to NULL, into one JSON payload, then deletes. Restoring replays that payload.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from ilearn_tui.errors import IlearnError, NotFoundError
from ilearn_tui.store.journal import Journal, new_id, now_stamp
from ilearn_tui.store.rows import Row, dicts
from ilearn_tui.store.schema import WITHOUT_ROWID

_SKIP = ("search_", "sqlite_", "trash", "meta", "tags")


@dataclass
class TrashItem:
    id: str
    kind: str
    label: str
    deleted_at: str


def _children(conn: sqlite3.Connection) -> dict[str, list[tuple[str, str, str, str]]]:
    """For each parent table: (child table, child column, parent column, on-delete action)."""
    graph: dict[str, list[tuple[str, str, str, str]]] = {}
    tables = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not r[0].startswith(_SKIP)
    ]
    for table in tables:
        for fk in conn.execute(f"PRAGMA foreign_key_list({table})"):
            parent, child_col, parent_col, on_delete = fk[2], fk[3], fk[4] or "id", fk[6]
            graph.setdefault(parent, []).append((table, child_col, parent_col, on_delete.upper()))
    return graph


def _select(conn: sqlite3.Connection, table: str, where: str, value: Any) -> list[Row]:
    # Keep each row's rowid, so a restored record takes its old place in lists and exports.
    rowid = "" if table in WITHOUT_ROWID else "rowid AS __rowid, "
    return list(dicts(conn.execute(f"SELECT {rowid}* FROM {table} WHERE {where} = ?", [value])))


def _collect(conn: sqlite3.Connection, table: str, record_id: str) -> dict[str, Any]:
    graph = _children(conn)
    rows: list[list[Any]] = []
    nulls: list[list[str]] = []
    seen: set[tuple[str, str]] = set()

    def visit(tbl: str, row: dict[str, Any]) -> None:
        key = (tbl, json.dumps(row, sort_keys=True))
        if key in seen:
            return
        seen.add(key)
        rows.append([tbl, row])
        for child, column, parent_column, action in graph.get(tbl, []):
            value = row.get(parent_column)
            if value is None:
                continue
            found = _select(conn, child, column, value)
            if action == "CASCADE":
                for child_row in found:
                    visit(child, child_row)
            elif action == "SET NULL":
                nulls.extend([child, column, str(r["id"]), str(value)] for r in found if "id" in r)

    found = _select(conn, table, "id", record_id)
    if not found:
        raise NotFoundError(f"nothing to delete: no {table} record {record_id}")
    visit(table, found[0])
    return {"rows": rows, "nulls": nulls, "conflicts": _open_conflicts(conn, rows)}


_CONFLICT_COLUMNS = ("id", "tbl", "ref", "field", "kept", "other", "copy_id", "found_at")


def _open_conflicts(conn: sqlite3.Connection, rows: list[list[Any]]) -> list[dict[str, Any]]:
    """The sync conflicts listed for what goes to the trash, taken out of the listing with it.

    A conflict's other value (a goal's field both computers changed) lives only in its
    listing: deleting the record must keep it, here beside the record, not drop it. A
    reflection's conflict keeps its other text in a conflicted copy, which stays.
    """
    held = [(tbl, str(row["id"])) for tbl, row in rows if "id" in row]
    found: list[dict[str, Any]] = []
    for tbl, record_id in held:
        cursor = conn.execute(
            f"SELECT {', '.join(_CONFLICT_COLUMNS)} FROM sync_conflicts "
            "WHERE tbl = ? AND ref = ? AND copy_id IS NULL",
            (tbl, record_id),
        )
        found += [dict(zip(_CONFLICT_COLUMNS, r, strict=True)) for r in cursor]
    for conflict in found:
        conn.execute("DELETE FROM sync_conflicts WHERE id = ?", (conflict["id"],))
    return found


def move_to_trash(journal: Journal, table: str, record_id: str, kind: str, label: str) -> str:
    """Delete a record (and what cascades from it) after keeping all of it in the trash."""
    trash_id = new_id()
    with journal.write() as conn:
        payload = _collect(conn, table, record_id)
        conn.execute(
            "INSERT INTO trash(id, kind, label, payload, deleted_at) VALUES (?, ?, ?, ?, ?)",
            (trash_id, kind, " ".join(label.split())[:200], json.dumps(payload), now_stamp()),
        )
        conn.execute(f"DELETE FROM {table} WHERE id = ?", (record_id,))
    return trash_id


def list_trash(journal: Journal) -> list[TrashItem]:
    return [
        TrashItem(*row)
        for row in journal.conn.execute(
            "SELECT id, kind, label, deleted_at FROM trash ORDER BY deleted_at DESC"
        )
    ]


def find_trash(journal: Journal, ref: str) -> str:
    return journal.resolve("trash", ref, "label", "item in the trash")


def restore(journal: Journal, trash_id: str) -> TrashItem:
    """Put a trashed record back, with its children and links, in one write."""
    row = journal.conn.execute(
        "SELECT id, kind, label, deleted_at, payload FROM trash WHERE id = ?", (trash_id,)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"no item {trash_id} in the trash")
    payload = json.loads(row[4])
    try:
        with journal.write() as conn:
            for table, saved in payload["rows"]:
                values = {k: v for k, v in saved.items() if k != "__rowid"}
                old_rowid = saved.get("__rowid")
                if (
                    old_rowid is not None
                    and not conn.execute(f"SELECT 1 FROM {table} WHERE rowid = ?", (old_rowid,)).fetchone()
                ):
                    values["rowid"] = old_rowid
                columns = ", ".join(values)
                marks = ", ".join("?" for _ in values)
                conn.execute(f"INSERT INTO {table}({columns}) VALUES ({marks})", list(values.values()))
            for table, column, child_id, value in payload["nulls"]:
                conn.execute(
                    f"UPDATE {table} SET {column} = ? WHERE id = ? AND {column} IS NULL",
                    (value, child_id),
                )
            for conflict in payload.get("conflicts", []):  # listed again with what they are about
                conn.execute(
                    f"INSERT OR IGNORE INTO sync_conflicts({', '.join(_CONFLICT_COLUMNS)}) "
                    f"VALUES ({', '.join('?' for _ in _CONFLICT_COLUMNS)})",
                    [conflict[c] for c in _CONFLICT_COLUMNS],
                )
            conn.execute("DELETE FROM trash WHERE id = ?", (trash_id,))
    except sqlite3.IntegrityError as exc:
        raise IlearnError(
            f"cannot restore {row[2]!r}: something it belongs to is gone or it exists again ({exc})"
        ) from None
    return TrashItem(*row[:4])


def purge(journal: Journal, older_than_days: int | None = None) -> int:
    """Empty the trash for good (all of it, or what was deleted before a number of days)."""
    with journal.write() as conn:
        if older_than_days is None:
            return conn.execute("DELETE FROM trash").rowcount
        cutoff = (datetime.now(UTC) - timedelta(days=older_than_days)).isoformat()
        return conn.execute("DELETE FROM trash WHERE deleted_at < ?", (cutoff,)).rowcount

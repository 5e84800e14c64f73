"""The SQL of sync: its state in ``meta``, the change log, reading records, applying a merge.

Rows are handed to and from ``ilearn_tui.sync`` as plain dicts in the model's column order;
what they mean on disk is the sync package's business, and every SQL statement stays here.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ilearn_tui.domain.fields import Kind
from ilearn_tui.domain.model import BY_TABLE, TABLE_ORDER, TABLES
from ilearn_tui.errors import IlearnError
from ilearn_tui.store.journal import Journal, new_id, now_stamp
from ilearn_tui.store.sync_schema import REMOTE as REMOTE
from ilearn_tui.store.tags import write_tags
from ilearn_tui.store.trash import move_to_trash

LAST_COMMIT = "sync_last_commit"
LAST_AT = "sync_last_at"
JOURNAL_ID = "journal_id"
APPLIED = "sync_applied"  # the commit whose records the journal holds (the branch starts there)
JOIN = "sync_join"  # the teacher asked to combine this journal with the remote's
TAGS = "tags"

Row = dict[str, Any]


class ChangedDuringSyncError(IlearnError):
    """The journal was written while a sync merged; the merge is not applied and is tried again."""


@dataclass(frozen=True)
class Change:
    table: str
    key: str
    seq: int


@dataclass(frozen=True)
class Conflict:
    """A field both sides changed: the value kept here and the other side's (as JSON text)."""

    table: str
    key: str
    field: str
    kept: str
    other: str
    copy_id: str | None = None
    found_at: str = ""
    id: str = ""  # its row in ``sync_conflicts`` (empty until a merge has stored it)


@dataclass
class Merge:
    """What a sync applies in one transaction: records to write, records to delete, conflicts."""

    puts: list[tuple[str, Row]] = field(default_factory=list)
    deletes: list[tuple[str, Row]] = field(default_factory=list)  # (table, the columns naming it)
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.puts or self.deletes or self.conflicts)


# --- state ----------------------------------------------------------------------------------
def journal_id(journal: Journal) -> str:
    """This journal's id, made on first use: a remote holding another id is another journal."""
    found = journal.get_meta(JOURNAL_ID)
    if found:
        return found
    with journal.write() as conn:
        conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES (?, ?)", (JOURNAL_ID, new_id()))
        return str(conn.execute("SELECT value FROM meta WHERE key = ?", (JOURNAL_ID,)).fetchone()[0])


def set_remote(journal: Journal, url: str, *, join: bool) -> None:
    """Name the remote; a new remote starts with no sync history (its first sync sends all)."""
    with journal.write() as conn:
        before = conn.execute("SELECT value FROM meta WHERE key = ?", (REMOTE,)).fetchone()
        _put_meta(conn, REMOTE, url)
        _put_meta(conn, JOIN, "1" if join else "")
        if before is None or before[0] != url:
            conn.execute("DELETE FROM meta WHERE key IN (?, ?)", (LAST_COMMIT, LAST_AT))
    journal_id(journal)


def adopt_journal_id(journal: Journal, other: str) -> None:
    with journal.write() as conn:
        _put_meta(conn, JOURNAL_ID, other)


def _put_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def mark_synced(journal: Journal, commit: str, sent: Sequence[Change]) -> None:
    """The remote holds ``commit``: what was pending when it was made is pending no more."""
    with journal.write() as conn:
        _put_meta(conn, LAST_COMMIT, commit)
        _put_meta(conn, APPLIED, commit)
        _put_meta(conn, LAST_AT, now_stamp())
        conn.executemany(
            "DELETE FROM sync_changes WHERE tbl = ? AND ref = ? AND seq = ?",
            [(c.table, c.key, c.seq) for c in sent],
        )


# --- the change log -------------------------------------------------------------------------
def pending(journal: Journal) -> list[Change]:
    cursor = journal.conn.execute("SELECT tbl, ref, seq FROM sync_changes ORDER BY seq")
    return [Change(str(t), str(r), int(s)) for t, r, s in cursor]


def pending_count(journal: Journal) -> int:
    return int(journal.conn.execute("SELECT count(*) FROM sync_changes").fetchone()[0])


def record_count(journal: Journal) -> int:
    """How many records the journal holds (links and cycles aside: the app makes cycles itself)."""
    tables = [t for t in TABLE_ORDER if t != "cycles" and isinstance(BY_TABLE[t], Kind)]
    return sum(int(journal.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables)


# --- reading records ------------------------------------------------------------------------
def _where(where: Mapping[str, Any]) -> tuple[str, list[Any]]:
    return " AND ".join(f"{c} IS ?" for c in where), list(where.values())


def read_record(journal: Journal, table: str, where: Mapping[str, Any]) -> Row | None:
    """One record (a reflection with its tags), or None when the journal no longer holds it."""
    columns = BY_TABLE[table].columns_in_table
    clause, params = _where(where)
    found = journal.conn.execute(
        f"SELECT {', '.join(columns)} FROM {table} WHERE {clause}", params
    ).fetchone()
    if found is None:
        return None
    row: Row = dict(zip(columns, found, strict=True))
    if table == "reflections":
        row[TAGS] = _tags_of(journal.conn, str(row["id"]))
    return row


def _tags_of(conn: sqlite3.Connection, reflection_id: str) -> list[str]:
    sql = "SELECT t.name FROM reflection_tags rt JOIN tags t ON t.id = rt.tag_id WHERE rt.reflection_id = ?"
    return sorted((str(r[0]) for r in conn.execute(sql, (reflection_id,))), key=str.lower)


def all_records(journal: Journal) -> Iterator[tuple[str, Row]]:
    """Every record of every table, in foreign-key order: what a first sync sends."""
    for table in TABLE_ORDER:
        columns = BY_TABLE[table].columns_in_table
        cursor = journal.conn.execute(f"SELECT {', '.join(columns)} FROM {table}")
        for found in cursor:  # row by row: a first sync of a large journal never holds them all
            row: Row = dict(zip(columns, found, strict=True))
            if table == "reflections":
                row[TAGS] = _tags_of(journal.conn, str(row["id"]))
            yield table, row


def student_info_records(journal: Journal) -> list[tuple[str, Row]]:
    """Evidence marked as student information, and every record naming it (a link, a check).

    What names the evidence waits with it: sent alone it would name a record the other
    computer cannot have, and the merge there would refuse it.
    """
    ids = [str(r[0]) for r in journal.conn.execute("SELECT id FROM evidence WHERE student_info = 1")]
    found: list[tuple[str, Row]] = []
    for evidence_id in ids:
        row = read_record(journal, "evidence", {"id": evidence_id})
        if row is not None:
            found.append(("evidence", row))
    if not ids:
        return found
    marks = ", ".join("?" for _ in ids)
    for entry in TABLES:
        columns = entry.columns_in_table
        for spec in entry.fields:
            if spec.type != "ref" or spec.ref != "evidence":
                continue
            sql = f"SELECT {', '.join(columns)} FROM {entry.table} WHERE {spec.name} IN ({marks})"
            for values in journal.conn.execute(sql, ids).fetchall():
                found.append((entry.table, dict(zip(columns, values, strict=True))))
    return found


# --- applying a merge -----------------------------------------------------------------------
def apply_merge(
    journal: Journal, merge: Merge, *, since: int, commit: str, undo_in: Path | None = None
) -> Path | None:
    """Write a merge's result in one transaction; refused if the journal changed after ``since``.

    ``since`` is the change log's last mark when the local records were read: a write after
    it (another window) is not in the merge, so the merge is not applied and is done again.
    The marks this write makes itself are removed: what it writes came from the remote.
    ``commit`` (the merge's) is noted with it, so a sync cut short after this write knows the
    journal already holds that commit.
    Deleted records go to the trash, with what belongs to them, never out of the journal.
    With ``undo_in`` (the backups folder), the rows the merge changes are kept there as they
    were, in an undo file written and verified before the transaction commits (``store/undo``);
    returns that file.
    """
    from ilearn_tui.store import undo  # a sync that applies nothing (most) never loads it
    from ilearn_tui.store.rotation import rotate_undo

    order = {t: i for i, t in enumerate(TABLE_ORDER)}
    saved: Path | None = None
    try:
        with undo.capture(journal.conn) if undo_in else nullcontext() as cap, journal.write() as conn:
            before = conn.execute("SELECT value FROM meta WHERE key = ?", (APPLIED,)).fetchone()
            newer = conn.execute("SELECT count(*) FROM sync_changes WHERE seq > ?", (since,)).fetchone()[0]
            if newer:
                raise ChangedDuringSyncError("the journal changed during the sync")
            conn.execute("PRAGMA defer_foreign_keys = ON")
            puts = sorted(merge.puts, key=lambda p: order[p[0]])
            deletes = sorted(merge.deletes, key=lambda p: order[p[0]])
            # Deletes first: a record may give way to another (a second vision of one year).
            # Cycles last: a cycle folded into another leaves only once its records have moved,
            # and the one kept (of the same dates) may only arrive after it has left.
            for cycles in (False, True):
                for table, where in deletes:
                    if (table == "cycles") == cycles:
                        _delete(journal, conn, table, where)
                for table, row in puts:
                    if (table == "cycles") == cycles:
                        _put(conn, table, row)
            _clear_settled_elsewhere(conn, merge)
            for c in merge.conflicts:
                conn.execute(
                    "INSERT INTO sync_conflicts(id, tbl, ref, field, kept, other, copy_id, found_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        new_id(),
                        c.table,
                        c.key,
                        c.field,
                        c.kept,
                        c.other,
                        c.copy_id,
                        c.found_at or now_stamp(),
                    ),
                )
            conn.execute("DELETE FROM sync_changes WHERE seq > ?", (since,))
            _put_meta(conn, APPLIED, commit)
            if cap is not None and undo_in is not None:
                facts = {
                    JOURNAL_ID: journal_id(journal),
                    "applied_before": str(before[0]) if before else "",
                    "applied_after": commit,
                    "taken_at": now_stamp(),
                }
                saved = cap.write(undo_in, facts)
    except sqlite3.IntegrityError as exc:
        raise IlearnError(
            f"the merged records break a rule of the journal ({exc}); nothing was applied"
        ) from None
    if saved is not None and undo_in is not None:
        rotate_undo(undo_in)
    return saved


def last_mark(journal: Journal) -> int:
    return int(journal.conn.execute("SELECT coalesce(max(seq), 0) FROM sync_changes").fetchone()[0])


def _put(conn: sqlite3.Connection, table: str, row: Row) -> None:
    columns = BY_TABLE[table].columns_in_table
    values = [row.get(c) for c in columns]
    marks = ", ".join("?" for _ in columns)
    if not isinstance(BY_TABLE[table], Kind):
        conn.execute(f"INSERT OR IGNORE INTO {table}({', '.join(columns)}) VALUES ({marks})", values)
        return
    # An upsert, never INSERT OR REPLACE: a replace deletes first, and the delete would cascade.
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id")
    conn.execute(
        f"INSERT INTO {table}({', '.join(columns)}) VALUES ({marks}) ON CONFLICT(id) DO UPDATE SET {updates}",
        values,
    )
    if table == "reflections":
        write_tags(conn, str(row["id"]), row.get(TAGS) or [], replace=True)


def _delete(journal: Journal, conn: sqlite3.Connection, table: str, where: Row) -> None:
    entry = BY_TABLE[table]
    clause, params = _where(where)
    if not isinstance(entry, Kind):
        conn.execute(f"DELETE FROM {table} WHERE {clause}", params)
        return
    record_id = str(where["id"])
    held = conn.execute(
        f"SELECT {entry.title_field or 'id'} FROM {table} WHERE id = ?", (record_id,)
    ).fetchone()
    if held is None:
        return  # gone already (with a parent trashed before it)
    if table == "cycles" and not _cycle_in_use(conn, record_id):
        conn.execute("DELETE FROM cycles WHERE id = ?", (record_id,))  # an empty duplicate, folded
        return
    move_to_trash(journal, table, record_id, entry.name, str(held[0] or entry.noun))


def _cycle_in_use(conn: sqlite3.Connection, cycle_id: str) -> bool:
    tables = [t for t in TABLE_ORDER if "cycle_id" in BY_TABLE[t].columns_in_table]
    sql = "SELECT 1 FROM {} WHERE cycle_id = ? LIMIT 1"
    return any(conn.execute(sql.format(t), (cycle_id,)).fetchone() for t in tables)


# --- conflicts ------------------------------------------------------------------------------
def list_conflicts(journal: Journal) -> list[Conflict]:
    cursor = journal.conn.execute(
        "SELECT tbl, ref, field, kept, other, copy_id, found_at, id FROM sync_conflicts ORDER BY found_at, id"
    )
    return [Conflict(*(str(v) if v is not None else None for v in r)) for r in cursor]  # type: ignore[arg-type]


def _clear_settled_elsewhere(conn: sqlite3.Connection, merge: Merge) -> None:
    """Stop listing conflicts that the other computer has settled, as a merge brings that in.

    A conflict is listed only on the computer whose merge found it; the teacher may settle it
    on the other one instead (deleting the conflicted copy, or writing a reflection's text
    again). When that arrives here, the copy has gone, the field holds a new value beside a
    copy that still keeps the other text, or the record itself was deleted: the listing would
    then offer a choice that no longer exists. A conflict without a copy (a goal's field) is
    only in its listing, so a new value arriving does not clear it: that may be a third
    computer's edit, made without ever seeing the other text, and clearing would lose it.
    """
    arriving = {(table, str(row.get("id"))): row for table, row in merge.puts}
    gone = {(table, str(where.get("id"))) for table, where in merge.deletes}
    rows = conn.execute("SELECT id, tbl, ref, field, kept, copy_id FROM sync_conflicts").fetchall()
    for conflict_id, table, ref, name, kept, copy_id in rows:
        row = arriving.get((table, ref))
        settled = (
            (table, ref) in gone
            or (copy_id is not None and ("reflections", copy_id) in gone)
            or (copy_id is not None and row is not None and row.get(name) != json.loads(kept))
        )
        if settled:
            conn.execute("DELETE FROM sync_conflicts WHERE id = ?", (conflict_id,))

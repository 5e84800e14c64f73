"""Create, read, update and delete any record kind of the record model (``domain.model``).

Screens use these functions (never SQL); the functions take already-cleaned values.
"""

from __future__ import annotations

from typing import Any

from ilearn_tui.domain.fields import Kind
from ilearn_tui.domain.forms import RecordKind
from ilearn_tui.domain.model import KINDS
from ilearn_tui.errors import NotFoundError
from ilearn_tui.store.journal import Journal, now_stamp
from ilearn_tui.store.plan import insert_row
from ilearn_tui.store.rows import Row, dicts
from ilearn_tui.store.session_items import read_lines, write_lines

# For each link table: (column naming the record, column naming the linked record).
LINK_COLUMNS: dict[str, tuple[str, str]] = {
    link.table: (link.own, link.other) for kind in KINDS.values() for link in kind.links
}


def _rows(journal: Journal, sql: str, params: list[Any]) -> list[Row]:
    return list(dicts(journal.conn.execute(sql, params)))


def list_records(journal: Journal, kind: RecordKind | Kind, cycle_id: str | None) -> list[Row]:
    """The records of one kind in a cycle (children through their goal), oldest first."""
    order = "date, created_at" if any(f.name == "date" for f in kind.fields) else "created_at"
    if cycle_id is None:
        return _rows(journal, f"SELECT * FROM {kind.table} ORDER BY {order}", [])
    if kind.per_cycle:
        return _rows(journal, f"SELECT * FROM {kind.table} WHERE cycle_id = ? ORDER BY {order}", [cycle_id])
    return _rows(
        journal,
        f"SELECT t.* FROM {kind.table} t JOIN goals g ON g.id = t.{kind.parent_field} "
        f"WHERE g.cycle_id = ? ORDER BY {', '.join('t.' + o.strip() for o in order.split(','))}",
        [cycle_id],
    )


def get_record(journal: Journal, kind: RecordKind, record_id: str) -> Row | None:
    rows = _rows(journal, f"SELECT * FROM {kind.table} WHERE id = ?", [record_id])
    if not rows:
        return None
    row = rows[0]
    row.update(read_lines(journal.conn, KINDS[kind.name], record_id))
    for spec in kind.fields:
        if spec.type == "refs":
            own, other = LINK_COLUMNS[spec.link_table]
            row[spec.name] = [
                r[0]
                for r in journal.conn.execute(
                    f"SELECT {other} FROM {spec.link_table} WHERE {own} = ?", (record_id,)
                )
            ]
    return row


def save_record(
    journal: Journal,
    kind: RecordKind,
    values: dict[str, object],
    links: dict[str, list[str]] | None = None,
    *,
    record_id: str | None = None,
    cycle_id: str | None = None,
    questions: list[str] | None = None,
) -> str:
    """Insert (no ``record_id``) or update one record and replace its links and lines, in one write.

    A kind's lines (``Kind.lines``) come in ``values`` as lists of texts, as ``forms.clean`` gives them.

    ``questions`` are research questions of a new goal, written in the same write, so a goal
    is never saved without the questions the teacher typed with it.
    Raises ``NotFoundError`` when the record to update is gone.
    """
    if questions and (kind.name != "goal" or record_id is not None):
        raise ValueError("questions can only come with a new goal")
    model_kind = KINDS[kind.name]
    data = {k: v for k, v in values.items() if model_kind.line(k) is None}
    with journal.write() as conn:
        if record_id is None:
            if kind.per_cycle:
                if cycle_id is None:
                    raise ValueError("a cycle is needed for a new record of this kind")
                data["cycle_id"] = cycle_id
            record_id = insert_row(conn, kind.table, data)
            for text in questions or []:
                insert_row(conn, KINDS["question"].table, {"goal_id": record_id, "text": text})
        else:
            data["updated_at"] = now_stamp()
            assignments = ", ".join(f"{name} = ?" for name in data)
            sql = f"UPDATE {kind.table} SET {assignments} WHERE id = ?"
            if conn.execute(sql, [*data.values(), record_id]).rowcount == 0:
                # Moved to the trash or replaced elsewhere: updating no row is not a save.
                raise NotFoundError(f"this {kind.noun} is no longer in the journal (moved to the trash?)")
        for name, texts in values.items():
            if model_kind.line(name) is not None:
                write_lines(conn, model_kind, record_id, name, list(texts))  # type: ignore[call-overload]
        for table, ids in (links or {}).items():
            own, other = LINK_COLUMNS[table]
            conn.execute(f"DELETE FROM {table} WHERE {own} = ?", (record_id,))
            for linked in dict.fromkeys(ids):
                conn.execute(f"INSERT INTO {table}({own}, {other}) VALUES (?, ?)", (record_id, linked))
    return record_id


def delete_record(journal: Journal, kind: RecordKind, record_id: str) -> str:
    """Move a record (and what belongs to it) to the trash; returns the trash item's id."""
    from ilearn_tui.store.trash import move_to_trash

    record = get_record(journal, kind, record_id) or {}
    label = str(record.get(kind.title_field, ""))[:80] or kind.noun
    return move_to_trash(journal, kind.table, record_id, kind.name, label)


def choices_for(journal: Journal, ref_kind: str, cycle_id: str | None) -> list[tuple[str, str]]:
    """(label, id) pairs for a picker of records of ``ref_kind``.

    A kind that belongs to no cycle (a group) is offered whole and by name, as ``ilearn group
    list`` shows it: the teacher's groups outlive the cycle she is in.
    """
    kind = KINDS[ref_kind]
    if kind.per_cycle or kind.parent_field:
        rows = list_records(journal, kind, cycle_id)
    else:
        rows = list_records(journal, kind, None)
        rows.sort(key=lambda r: (str(r[kind.title_field]).lower(), r["id"]))
    return [(" ".join(str(row[kind.title_field]).split())[:70] or "(untitled)", row["id"]) for row in rows]


def vision_for(journal: Journal, cycle_id: str) -> Row | None:
    rows = _rows(journal, "SELECT * FROM visions WHERE cycle_id = ?", [cycle_id])
    return rows[0] if rows else None

"""The lines of a session the teacher led (co-facilitators, feedback, materials), read and written.

Each line is a row of ``session_items`` (declared in ``domain.model``). Saving a record's lines
keeps the rows of lines that stay and only adds or deletes the others, so an unchanged line is
never rewritten and sync sees only what changed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from ilearn_tui.domain.fields import Kind
from ilearn_tui.store.journal import Journal, now_stamp
from ilearn_tui.store.plan import insert_row


def read_lines(conn: sqlite3.Connection, kind: Kind, record_id: str) -> dict[str, list[str]]:
    """Each of the kind's lines by field name, in their order (empty lists when none)."""
    found: dict[str, list[str]] = {lines.name: [] for lines in kind.lines}
    if not kind.lines:
        return found
    by_part = {lines.part: lines.name for lines in kind.lines}
    first = kind.lines[0]
    sql = f"SELECT part, text FROM {first.table} WHERE {first.own} = ? ORDER BY part, position, created_at"
    for part, text in conn.execute(sql, (record_id,)):
        if part in by_part:
            found[by_part[part]].append(str(text))
    return found


def write_lines(conn: sqlite3.Connection, kind: Kind, record_id: str, name: str, texts: list[str]) -> None:
    """Make the record's ``name`` lines be ``texts``, in that order (inside the caller's write)."""
    lines = kind.line(name)
    if lines is None:
        raise ValueError(f"{kind.name} has no lines {name!r}")
    table, own = lines.table, lines.own
    rows = conn.execute(
        f"SELECT id, text, position FROM {table} WHERE {own} = ? AND part = ? ORDER BY position, created_at",
        (record_id, lines.part),
    ).fetchall()
    kept: dict[str, tuple[str, int]] = {}
    for row_id, text, position in rows:
        if text in texts and text not in kept:
            kept[str(text)] = (str(row_id), int(position))
        else:
            conn.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
    for position, text in enumerate(texts):
        if text in kept:
            row_id, was = kept[text]
            if was != position:
                conn.execute(
                    f"UPDATE {table} SET position = ?, updated_at = ? WHERE id = ?",
                    (position, now_stamp(), row_id),
                )
            continue
        insert_row(conn, table, {own: record_id, "part": lines.part, "text": text, "position": position})


def spin_offs(journal: Journal, activity_id: str) -> Iterator[tuple[str, str, str]]:
    """(id, title, date) of each activity that came from this session, oldest first."""
    yield from journal.conn.execute(
        "SELECT id, title, date FROM activities WHERE spun_off_from = ? ORDER BY date, created_at",
        (activity_id,),
    )


def activity_titles(journal: Journal) -> list[str]:
    """Every activity's title, for a "did you mean" when one is misnamed."""
    return [str(row[0]) for row in journal.conn.execute("SELECT title FROM activities ORDER BY date DESC")]


def every_line(journal: Journal) -> Iterator[tuple[str, str, str]]:
    """(activity id, part, text) of every session line, each session's in their order."""
    yield from journal.conn.execute(
        "SELECT activity_id, part, text FROM session_items ORDER BY activity_id, part, position, created_at"
    )

"""The reads behind every export, streamed from the journal a row at a time.

Exports are the only readers that walk the whole journal, so these queries hand back
iterators over open cursors rather than lists: a caller that writes as it reads holds one row,
and one that collects (the portfolio renderers, for now) decides that for itself. Table names
come from fixed lists here, never from a caller's text, so no query is built from input.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

from ilearn_tui.store.journal import Journal
from ilearn_tui.store.schema import EXPORT_TABLES, WITHOUT_ROWID

Record = dict[str, Any]

# The order each portfolio table is read in: the order its readers expect to show it.
_CYCLE_TABLES = {
    "visions": "rowid",
    "outcomes": "position",
    "interests": "created_at",
    "goals": "created_at",
    "innovations": "created_at",
}
# Tables with a ``date``, read in date order; checks belong to a cycle only through their goal.
_DATED_TABLES = {"activities": True, "evidence": True, "checks": False, "shares": True}
# Reflections are most of a big journal: only the columns a portfolio shows are read.
REFLECTION_COLUMNS = ("id", "date", "title", "body", "stage", "private")


def _dicts(cursor: sqlite3.Cursor) -> Iterator[Record]:
    names = [d[0] for d in cursor.description]
    for row in cursor:
        yield dict(zip(names, row, strict=True))


def _window(
    cycle_id: str | None, date_from: str | None, date_to: str | None, *, by_cycle: bool = True
) -> tuple[str, list[Any]]:
    """A WHERE clause for a cycle and a date range, with its parameters."""
    clauses: list[str] = []
    params: list[Any] = []
    if cycle_id and by_cycle:
        clauses.append("cycle_id = ?")
        params.append(cycle_id)
    if date_from:
        clauses.append("date >= ?")
        params.append(date_from)
    if date_to:
        clauses.append("date <= ?")
        params.append(date_to)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def meta(journal: Journal) -> Iterator[tuple[str, str]]:
    """The journal's settings rows (teacher's name, school...), by key."""
    yield from journal.conn.execute("SELECT key, value FROM meta ORDER BY key")


def cycles(journal: Journal, cycle_id: str | None = None) -> Iterator[Record]:
    """Every cycle (or only ``cycle_id``), oldest first."""
    if cycle_id:
        cursor = journal.conn.execute("SELECT * FROM cycles WHERE id = ? ORDER BY starts_on", (cycle_id,))
    else:
        cursor = journal.conn.execute("SELECT * FROM cycles ORDER BY starts_on")
    return _dicts(cursor)


def cycle_rows(journal: Journal, table: str, cycle_id: str | None = None) -> Iterator[Record]:
    """The rows of a per-cycle table (visions, outcomes, interests, goals, innovations)."""
    order = _CYCLE_TABLES[table]
    where, params = _window(cycle_id, None, None)
    return _dicts(journal.conn.execute(f"SELECT * FROM {table}{where} ORDER BY {order}", params))


def questions(journal: Journal) -> Iterator[Record]:
    """Every research question, oldest first (a question belongs to a cycle through its goal)."""
    return _dicts(journal.conn.execute("SELECT * FROM questions ORDER BY created_at"))


def dated_rows(
    journal: Journal,
    table: str,
    *,
    cycle_id: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> Iterator[Record]:
    """Activities, evidence, checks or shares in a cycle and a date range, in date order."""
    where, params = _window(cycle_id, date_from, date_to, by_cycle=_DATED_TABLES[table])
    return _dicts(journal.conn.execute(f"SELECT * FROM {table}{where} ORDER BY date, created_at", params))


def activity_goal_pairs(journal: Journal) -> Iterator[tuple[str, str]]:
    """(activity id, goal id) for every link between them."""
    yield from journal.conn.execute("SELECT activity_id, goal_id FROM activity_goals")


def reflection_tag_pairs(journal: Journal) -> Iterator[tuple[str, str]]:
    """(reflection id, tag name), grouped by reflection, names in case-blind order."""
    yield from journal.conn.execute(
        "SELECT rt.reflection_id, t.name FROM reflection_tags rt JOIN tags t ON t.id = rt.tag_id "
        "ORDER BY rt.reflection_id, t.name COLLATE NOCASE"
    )


def reflection_tuples(
    journal: Journal,
    *,
    cycle_id: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> Iterator[tuple[str, str, str, str, str | None, int]]:
    """(id, date, title, body, stage, private) in the journal's own order.

    Plain tuples, not dicts: a big journal is mostly reflections, and its (date, time) index
    gives this order without a sort.
    """
    where, params = _window(cycle_id, date_from, date_to)
    yield from journal.conn.execute(
        f"SELECT {', '.join(REFLECTION_COLUMNS)} FROM reflections{where} ORDER BY date, time, rowid", params
    )


def reflections_linked_to_goal(journal: Journal, goal_id: str) -> Iterator[str]:
    """The ids of the reflections linked to one goal."""
    for (reflection_id,) in journal.conn.execute(
        "SELECT reflection_id FROM reflection_links WHERE goal_id = ?", (goal_id,)
    ):
        yield reflection_id


def table_rows(journal: Journal, table: str) -> Iterator[Record]:
    """Every row of one exported table, every column, in a stable order (for lossless JSON)."""
    if table not in EXPORT_TABLES:
        raise ValueError(f"{table!r} is not an exported table")
    order = "1, 2" if table in WITHOUT_ROWID else "rowid"
    return _dicts(journal.conn.execute(f"SELECT * FROM {table} ORDER BY {order}"))

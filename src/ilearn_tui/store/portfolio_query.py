"""The reads behind every export, streamed from the journal a row at a time.

Exports are the only readers that walk the whole journal, so these queries hand back
iterators over open cursors rather than lists: a caller that writes as it reads holds one row,
and one that collects (the portfolio renderers, for now) decides that for itself. The portfolio
reads typed records (``store.rows``); the lossless JSON export reads every column as a dict.
Table names come from fixed lists here, never from a caller's text, so no query is built from
input.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeVar

from ilearn_tui.domain.records import Activity, Cycle, Evidence, Goal, Question, Reflection
from ilearn_tui.domain.stage_records import Check, Innovation, Interest, Outcome, Share, Vision
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.rows import Row, dicts, records, select_list
from ilearn_tui.store.schema import EXPORT_TABLES, WITHOUT_ROWID

R = TypeVar("R")

# The order each portfolio table is read in: the order its readers expect to show it.
_CYCLE_TABLES: dict[type, tuple[str, str]] = {
    Vision: ("visions", "rowid"),
    Outcome: ("outcomes", "position"),
    Interest: ("interests", "created_at"),
    Goal: ("goals", "created_at"),
    Innovation: ("innovations", "created_at"),
}
# Tables with a ``date``, read in date order; checks belong to a cycle only through their goal.
_DATED_TABLES: dict[type, tuple[str, bool]] = {
    Activity: ("activities", True),
    Evidence: ("evidence", True),
    Check: ("checks", False),
    Share: ("shares", True),
}


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


def cycles(journal: Journal, cycle_id: str | None = None) -> Iterator[Cycle]:
    """Every cycle (or only ``cycle_id``), oldest first."""
    sql = f"SELECT {select_list(Cycle)} FROM cycles"
    if cycle_id:
        cursor = journal.conn.execute(f"{sql} WHERE id = ? ORDER BY starts_on", (cycle_id,))
    else:
        cursor = journal.conn.execute(f"{sql} ORDER BY starts_on")
    return records(Cycle, cursor)


def cycle_rows(journal: Journal, record: type[R], cycle_id: str | None = None) -> Iterator[R]:
    """The records of a per-cycle kind (visions, outcomes, interests, goals, innovations)."""
    table, order = _CYCLE_TABLES[record]
    where, params = _window(cycle_id, None, None)
    sql = f"SELECT {select_list(record)} FROM {table}{where} ORDER BY {order}"
    return records(record, journal.conn.execute(sql, params))


def questions(journal: Journal) -> Iterator[Question]:
    """Every research question, oldest first (a question belongs to a cycle through its goal)."""
    sql = f"SELECT {select_list(Question)} FROM questions ORDER BY created_at"
    return records(Question, journal.conn.execute(sql))


def dated_rows(
    journal: Journal,
    record: type[R],
    *,
    cycle_id: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> Iterator[R]:
    """Activities, evidence, checks or shares in a cycle and a date range, in date order."""
    table, by_cycle = _DATED_TABLES[record]
    where, params = _window(cycle_id, date_from, date_to, by_cycle=by_cycle)
    sql = f"SELECT {select_list(record)} FROM {table}{where} ORDER BY date, created_at"
    return records(record, journal.conn.execute(sql, params))


def activity_goal_pairs(journal: Journal) -> Iterator[tuple[str, str]]:
    """(activity id, goal id) for every link between them."""
    yield from journal.conn.execute("SELECT activity_id, goal_id FROM activity_goals")


def reflection_tag_pairs(journal: Journal) -> Iterator[tuple[str, str]]:
    """(reflection id, tag name), grouped by reflection, names in case-blind order."""
    yield from journal.conn.execute(
        "SELECT rt.reflection_id, t.name FROM reflection_tags rt JOIN tags t ON t.id = rt.tag_id "
        "ORDER BY rt.reflection_id, t.name COLLATE NOCASE"
    )


def reflections(
    journal: Journal,
    *,
    cycle_id: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> Iterator[Reflection]:
    """Reflections in a cycle and a date range, in the journal's own order (without their tags).

    A big journal is mostly reflections; its (date, time) index gives this order without a sort.
    """
    where, params = _window(cycle_id, date_from, date_to)
    sql = f"SELECT {select_list(Reflection)} FROM reflections{where} ORDER BY date, time, rowid"
    return records(Reflection, journal.conn.execute(sql, params))


def reflections_linked_to_goal(journal: Journal, goal_id: str) -> Iterator[str]:
    """The ids of the reflections linked to one goal."""
    for (reflection_id,) in journal.conn.execute(
        "SELECT reflection_id FROM reflection_links WHERE goal_id = ?", (goal_id,)
    ):
        yield reflection_id


def table_rows(journal: Journal, table: str) -> Iterator[Row]:
    """Every row of one exported table, every column, in a stable order (for lossless JSON)."""
    if table not in EXPORT_TABLES:
        raise ValueError(f"{table!r} is not an exported table")
    order = "1, 2" if table in WITHOUT_ROWID else "rowid"
    return dicts(journal.conn.execute(f"SELECT * FROM {table} ORDER BY {order}"))

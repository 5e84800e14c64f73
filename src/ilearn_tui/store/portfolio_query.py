"""The reads behind every export, streamed from the journal a row at a time.

Exports are the only readers that walk the whole journal, so these queries hand back
iterators over open cursors rather than lists: a caller that writes as it reads holds one row,
and one that collects (the portfolio renderers, for now) decides that for itself. The portfolio
reads typed records (``store.rows``); the lossless JSON export reads every column as a dict.
Table names come from fixed lists here, never from a caller's text, so no query is built from
input.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from ilearn_tui.domain.records import Activity, Cycle, Evidence, Goal, Question, Reflection
from ilearn_tui.domain.registry import flag_positions
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


# A reflection's tags as one value, in case-blind order, split again by the reader.
TAG_SEP = "\x1f"
_TAGS_OF = (
    "(SELECT group_concat(name, char(31)) FROM (SELECT t.name FROM reflection_tags rt "
    "JOIN tags t ON t.id = rt.tag_id WHERE rt.reflection_id = reflections.id "
    "ORDER BY t.name COLLATE NOCASE))"
)


@dataclass(frozen=True)
class ReflectionWindow:
    """Which reflections one export shows: a cycle, dates, a goal they are linked to, and
    ``private`` False (or True) for only the shareable (or private) ones, None for both."""

    cycle_id: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    goal_id: str | None = None
    private: bool | None = None

    def where(self) -> tuple[str, list[Any]]:
        """The FROM and WHERE of the window's reflections, with their parameters."""
        where, params = _window(self.cycle_id, self.date_from, self.date_to)
        extra: list[str] = []
        if self.private is not None:
            extra.append("private = 1" if self.private else "private = 0")
        if self.goal_id:
            extra.append("reflection_links.goal_id = ?")
            params.append(self.goal_id)
        if extra:
            where += (" AND " if where else " WHERE ") + " AND ".join(extra)
        return self.source() + where, params

    def source(self) -> str:
        """The rows read: a goal's are found through its links first (a few of many), never by
        walking every reflection in date order and looking each one up."""
        if not self.goal_id:
            return "reflections"
        return "reflection_links CROSS JOIN reflections ON reflections.id = reflection_links.reflection_id"


def reflections(journal: Journal, window: ReflectionWindow) -> Iterator[Reflection]:
    """The reflections of ``window`` with their tags, in the journal's own order.

    A big journal is mostly reflections; its (date, time) index gives this order without a sort,
    and the tags come in the same row, so nothing is collected first.
    """
    rows, params = window.where()
    columns = select_list(Reflection, "reflections.")
    sql = f"SELECT {columns}, {_TAGS_OF} FROM {rows} ORDER BY date, time, reflections.rowid"
    flags = flag_positions(Reflection)
    for row in journal.conn.execute(sql, params):
        *values, tags = row
        for i in flags:
            values[i] = bool(values[i])
        r = Reflection(*values)
        if tags:
            r.tags = tags.split(TAG_SEP)
        yield r


def count_reflections(journal: Journal, window: ReflectionWindow) -> int:
    """How many reflections :func:`reflections` gives for ``window``."""
    rows, params = window.where()
    found: int = journal.conn.execute(f"SELECT count(*) FROM {rows}", params).fetchone()[0]
    return found


def count_by_privacy(journal: Journal, window: ReflectionWindow) -> tuple[int, int]:
    """How many shareable and how many private reflections ``window`` holds (its own
    ``private`` aside), in one scan of the table rather than one for each."""
    rows, params = dataclasses.replace(window, private=None).where()
    sql = f"SELECT count(*), coalesce(sum(private = 1), 0) FROM {rows}"
    every, private = journal.conn.execute(sql, params).fetchone()
    return every - private, private


# What a shareable cut of the lossless export leaves out: student information, private
# reflections, what links to them, and unsaved drafts.
_SHAREABLE = {
    "evidence": " WHERE student_info = 0",
    "reflections": " WHERE private = 0",
    "reflection_links": (
        " WHERE reflection_id NOT IN (SELECT id FROM reflections WHERE private = 1)"
        " AND (evidence_id IS NULL OR evidence_id NOT IN (SELECT id FROM evidence WHERE student_info = 1))"
    ),
    "drafts": " WHERE 0",
    # A private item's framework tags go with it.
    "evidence_components": " WHERE evidence_id NOT IN (SELECT id FROM evidence WHERE student_info = 1)",
    "reflection_components": " WHERE reflection_id NOT IN (SELECT id FROM reflections WHERE private = 1)",
}


def table_rows(journal: Journal, table: str, *, shareable: bool = False) -> Iterator[Row]:
    """Every row of one exported table, every column, in a stable order (for lossless JSON).

    Reflections carry their tags as a list under ``tags``. ``shareable`` leaves out what
    :data:`_SHAREABLE` names.
    """
    if table not in EXPORT_TABLES:
        raise ValueError(f"{table!r} is not an exported table")
    order = "1, 2" if table in WITHOUT_ROWID else "rowid"
    where = _SHAREABLE.get(table, "") if shareable else ""
    if table != "reflections":
        return dicts(journal.conn.execute(f"SELECT * FROM {table}{where} ORDER BY {order}"))
    sql = f"SELECT *, {_TAGS_OF} AS tags FROM {table}{where} ORDER BY {order}"
    return _with_tags(dicts(journal.conn.execute(sql)))


def _with_tags(rows: Iterator[Row]) -> Iterator[Row]:
    for row in rows:
        tags = row["tags"]
        row["tags"] = tags.split(TAG_SEP) if tags else []
        yield row


def private_evidence_ids(journal: Journal) -> set[str]:
    """The evidence marked as showing student information (a few per hundred)."""
    return {row[0] for row in journal.conn.execute("SELECT id FROM evidence WHERE student_info = 1")}


def count_private(journal: Journal) -> int:
    """Student-information evidence and private reflections: what a shareable cut leaves out."""
    found: int = journal.conn.execute(
        "SELECT (SELECT count(*) FROM evidence WHERE student_info = 1)"
        " + (SELECT count(*) FROM reflections WHERE private = 1)"
    ).fetchone()[0]
    return found

"""Reflections (dated journal entries) with their tags and links."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from ilearn_tui.domain import text
from ilearn_tui.domain.text import MAX_BODY_CHARS  # one limit, which imports apply too
from ilearn_tui.errors import NotFoundError, UsageError
from ilearn_tui.store.journal import Journal, new_id, now_stamp
from ilearn_tui.store.tags import write_tags

if TYPE_CHECKING:
    from ilearn_tui.domain.records import Reflection

LINK_COLUMNS = ("goal_id", "question_id", "activity_id", "evidence_id")


class ReflectionFilter(NamedTuple):
    """What the journal list shows; every field narrows it (a named tuple: ``reflect`` loads it)."""

    tag: str | None = None
    goal_id: str | None = None
    stage: int | None = None
    cycle_id: str | None = None
    date_from: str | None = None
    date_to: str | None = None


def clean_tags(tags: list[str]) -> list[str]:
    """The typed tags by the one tag rule, refused as the command line refuses a bad option."""
    try:
        return text.clean_tags(tags)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def validate_body(body: str) -> str:
    if "\x00" in body:
        raise UsageError("the text contains NUL bytes; is it a binary file?")
    if not body.strip():
        raise UsageError("the reflection is empty; nothing was saved")
    if len(body) > MAX_BODY_CHARS:
        raise UsageError(f"the reflection is {len(body):,} characters; the limit is {MAX_BODY_CHARS:,}")
    return body


def add_reflection(
    journal: Journal,
    body: str,
    *,
    title: str = "",
    tags: list[str] | None = None,
    day: str | None = None,
    time: str | None = None,
    stage: int | None = None,
    links: dict[str, list[str]] | None = None,
    private: bool = False,
    starred: bool = False,
) -> str:
    """Save a reflection; returns its id once it is durably committed."""
    body = validate_body(body)
    tags = clean_tags(tags or [])
    now = datetime.now()
    day = day or now.date().isoformat()
    time = now.strftime("%H:%M") if time is None else time
    title = text.reflection_title(title, body)
    reflection_id = new_id()
    stamp = now_stamp()
    cycle_id = journal.cycle_for(day)
    with journal.write() as conn:
        conn.execute(
            "INSERT INTO reflections(id, cycle_id, date, time, title, body, stage, private, "
            "starred, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                reflection_id,
                cycle_id,
                day,
                time,
                title,
                body,
                stage,
                int(private),
                int(starred),
                stamp,
                stamp,
            ),
        )
        write_tags(conn, reflection_id, tags)
        _insert_links(conn, reflection_id, links or {})
    return reflection_id


# Why an update found nothing to change; the editor offers to save the text as a new entry.
GONE = "this reflection is no longer in the journal (moved to the trash or replaced elsewhere)"


def update_reflection(
    journal: Journal,
    reflection_id: str,
    *,
    body: str,
    title: str,
    tags: list[str],
    stage: int | None,
    day: str,
    links: dict[str, list[str]] | None = None,
) -> None:
    """Replace a reflection's text and tags (and its links, when given) in one write.

    Raises ``NotFoundError`` when the reflection is no longer there (moved to the trash or
    replaced by a restore in another window): an update of no row is not a save.
    """
    body = validate_body(body)
    title = text.reflection_title(title, body)
    tags = clean_tags(tags)
    with journal.write() as conn:
        changed = conn.execute(
            "UPDATE reflections SET body = ?, title = ?, stage = ?, date = ?, cycle_id = ?, "
            "updated_at = ? WHERE id = ?",
            (body, title, stage, day, journal.cycle_for(day), now_stamp(), reflection_id),
        ).rowcount
        if changed == 0:
            raise NotFoundError(GONE)
        write_tags(conn, reflection_id, tags)
        if links is not None:
            conn.execute("DELETE FROM reflection_links WHERE reflection_id = ?", (reflection_id,))
            _insert_links(conn, reflection_id, links)


def _insert_links(conn: sqlite3.Connection, reflection_id: str, links: dict[str, list[str]]) -> None:
    for column, ids in links.items():
        if column not in LINK_COLUMNS:
            raise ValueError(column)
        for target in dict.fromkeys(ids):
            conn.execute(
                f"INSERT INTO reflection_links(reflection_id, {column}) VALUES (?, ?)",
                (reflection_id, target),
            )


def links_of(journal: Journal, reflection_id: str) -> dict[str, list[str]]:
    """The records a reflection is linked to, by link column."""
    found: dict[str, list[str]] = {column: [] for column in LINK_COLUMNS}
    for row in journal.conn.execute(
        f"SELECT {', '.join(LINK_COLUMNS)} FROM reflection_links WHERE reflection_id = ?", (reflection_id,)
    ):
        for column, value in zip(LINK_COLUMNS, row, strict=True):
            if value is not None:
                found[column].append(value)
    return found


def delete_reflection(journal: Journal, reflection_id: str) -> str:
    """Move a reflection to the trash; returns the trash item's id."""
    from ilearn_tui.store.trash import move_to_trash

    row = journal.conn.execute(
        "SELECT date, title FROM reflections WHERE id = ?", (reflection_id,)
    ).fetchone()
    label = f"{row[0]} {row[1]}" if row else reflection_id
    return move_to_trash(journal, "reflections", reflection_id, "reflection", label)


def _where(flt: ReflectionFilter) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if flt.tag:
        clauses.append(
            "r.id IN (SELECT rt.reflection_id FROM reflection_tags rt JOIN tags t "
            "ON t.id = rt.tag_id WHERE t.name = ?)"
        )
        params.append(flt.tag.lstrip("#@"))
    if flt.goal_id:
        clauses.append("r.id IN (SELECT reflection_id FROM reflection_links WHERE goal_id = ?)")
        params.append(flt.goal_id)
    if flt.stage:
        clauses.append("r.stage = ?")
        params.append(flt.stage)
    if flt.cycle_id:
        clauses.append("r.cycle_id = ?")
        params.append(flt.cycle_id)
    if flt.date_from:
        clauses.append("r.date >= ?")
        params.append(flt.date_from)
    if flt.date_to:
        clauses.append("r.date <= ?")
        params.append(flt.date_to)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def count_reflections(journal: Journal, flt: ReflectionFilter | None = None) -> int:
    where, params = _where(flt or ReflectionFilter())
    return int(journal.conn.execute(f"SELECT count(*) FROM reflections r{where}", params).fetchone()[0])


def list_reflections(
    journal: Journal,
    flt: ReflectionFilter | None = None,
    *,
    offset: int = 0,
    limit: int = 100,
    newest_first: bool = True,
    total: int | None = None,
) -> list[Reflection]:
    """One page of reflections; the list screens ask only for the rows on screen.

    SQLite walks past every row before an ``OFFSET``, so the last page of 200,000 would cost
    200,000 steps. A caller that knows the ``total`` the filter gives (the list does) gets a
    page past the middle read from the far end instead, in the opposite order and turned
    round: the order is total (the rowid breaks ties), so the rows are the same.
    """
    where, params = _where(flt or ReflectionFilter())
    backwards = total is not None and offset > total // 2
    if total is not None and backwards:
        limit = max(0, min(limit, total - offset))
        offset = max(0, total - offset - limit)
    order = "DESC" if newest_first != backwards else "ASC"
    rows = journal.conn.execute(
        f"{_SELECT}{where} ORDER BY r.date {order}, r.time {order}, r.rowid {order} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    found = [_reflection(row) for row in rows]
    return found[::-1] if backwards else found


def get_reflection(journal: Journal, reflection_id: str) -> Reflection | None:
    rows = journal.conn.execute(f"{_SELECT} WHERE r.id = ?", (reflection_id,)).fetchall()
    return _reflection(rows[0]) if rows else None


# The columns of a Reflection, with its tags gathered into one space-separated string.
_SELECT = (
    "SELECT r.id, r.date, r.time, r.title, r.body, r.stage, r.private, r.starred, r.cycle_id, "
    "(SELECT group_concat(t.name, ' ') FROM reflection_tags rt JOIN tags t ON t.id = rt.tag_id "
    " WHERE rt.reflection_id = r.id) FROM reflections r"
)


def _reflection(row: sqlite3.Row) -> Reflection:
    from ilearn_tui.domain.records import Reflection  # the record model: not for ``ilearn reflect``

    return Reflection(
        id=row[0],
        date=row[1],
        time=row[2],
        title=row[3],
        body=row[4],
        stage=row[5],
        private=bool(row[6]),
        starred=bool(row[7]),
        cycle_id=row[8],
        tags=sorted(row[9].split(), key=str.lower) if row[9] else [],
    )


def all_tags(journal: Journal) -> list[tuple[str, int]]:
    """Tags with how many reflections carry each, most used first."""
    rows = journal.conn.execute(
        "SELECT t.name, count(rt.reflection_id) AS n FROM tags t "
        "LEFT JOIN reflection_tags rt ON rt.tag_id = t.id GROUP BY t.id ORDER BY n DESC, t.name"
    ).fetchall()
    return [(row[0], row[1]) for row in rows]

"""The one writer of reflection tags, used by a single save and by every bulk write alike."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable


def write_tags(
    conn: sqlite3.Connection,
    reflection_id: str,
    tags: Iterable[str],
    *,
    replace: bool = True,
    known: dict[str, int] | None = None,
) -> None:
    """Give a reflection these tags (inside the caller's transaction).

    Tags that differ only in case are one tag, as the ``tags`` table compares them; the first
    spelling written is kept. ``known`` caches tag ids across calls, which a bulk write of
    thousands of reflections needs; ``replace=False`` skips clearing a row that is new anyway.
    """
    if replace:
        conn.execute("DELETE FROM reflection_tags WHERE reflection_id = ?", (reflection_id,))
    write_new_tags(conn, [(reflection_id, tags)], known)


def write_new_tags(
    conn: sqlite3.Connection, tagged: Iterable[tuple[str, Iterable[str]]], known: dict[str, int] | None = None
) -> None:
    """Tags of reflections that have none yet, all their links in one statement (a bulk import)."""
    ids = known if known is not None else {}
    links: list[tuple[str, int]] = []
    for reflection_id, tags in tagged:
        linked: set[int] = set()
        for tag in tags:
            key = tag.lower()
            if key not in ids:
                conn.execute("INSERT INTO tags(name) VALUES (?) ON CONFLICT(name) DO NOTHING", (tag,))
                ids[key] = int(conn.execute("SELECT id FROM tags WHERE name = ?", (tag,)).fetchone()[0])
            if ids[key] not in linked:
                linked.add(ids[key])
                links.append((reflection_id, ids[key]))
    conn.executemany("INSERT OR IGNORE INTO reflection_tags(reflection_id, tag_id) VALUES (?, ?)", links)

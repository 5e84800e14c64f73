"""The names a shell offers as it completes a command: goal titles, tags, record ids, groups.

Completion runs at every press of Tab, inside the teacher's shell, so it reads the journal
read-only, never creates, migrates or backs it up, and gives nothing rather than an error:
a missing, locked or damaged journal completes nothing and the shell carries on.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ilearn_tui.store.rows import like_prefix

# How many a shell is shown at most: more is a wall of text nobody reads.
LIMIT = 200

_QUERIES: dict[str, str] = {
    "goals": "SELECT title FROM goals WHERE title LIKE ? ESCAPE '\\' ORDER BY updated_at DESC LIMIT ?",
    "tags": "SELECT name FROM tags WHERE name LIKE ? ESCAPE '\\' ORDER BY name LIMIT ?",
    "trash": "SELECT id FROM trash WHERE id LIKE ? ESCAPE '\\' ORDER BY deleted_at DESC LIMIT ?",
    "groups": "SELECT name FROM groups WHERE name LIKE ? ESCAPE '\\' ORDER BY name LIMIT ?",
    "sessions": "SELECT title FROM activities WHERE role = 'facilitated' AND title LIKE ? ESCAPE '\\' "
    "ORDER BY date DESC LIMIT ?",
}


def offered(db_path: Path, what: str, prefix: str = "") -> list[str]:
    """The names of ``what`` (goals, tags, records, trash, groups, sessions) starting with ``prefix``."""
    if not db_path.is_file():
        return []
    try:
        conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.2)
    except (sqlite3.Error, OSError, ValueError):
        return []
    try:
        if what == "records":
            return _record_ids(conn, prefix)
        return [str(row[0]) for row in conn.execute(_QUERIES[what], (like_prefix(prefix), LIMIT))]
    except (sqlite3.Error, KeyError):
        return []
    finally:
        conn.close()


def _record_ids(conn: sqlite3.Connection, prefix: str) -> list[str]:
    from ilearn_tui.store.lookup import RECORD_KINDS

    found: list[str] = []
    for kind in RECORD_KINDS:
        found.extend(
            str(row[0])
            for row in conn.execute(
                f"SELECT id FROM {kind.table} WHERE id LIKE ? ESCAPE '\\' LIMIT ?",
                (like_prefix(prefix), LIMIT),
            )
        )
        if len(found) >= LIMIT:
            break
    return sorted(found)[:LIMIT]

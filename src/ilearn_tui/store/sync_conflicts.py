"""The SQL of settling a sync conflict: the chosen value written, the row cleared, the copy trashed.

Kept apart from ``sync_state`` (which stores conflicts during a merge) because a
resolution is an ordinary write by the teacher: the change-log triggers mark what it touches
pending, so the resolution itself travels on the next sync like any other edit.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from ilearn_tui.domain.fields import Kind
from ilearn_tui.domain.model import BY_TABLE
from ilearn_tui.errors import NotFoundError
from ilearn_tui.store.journal import Journal, now_stamp
from ilearn_tui.store.sync_state import Conflict
from ilearn_tui.store.trash import move_to_trash

COPY_TABLE = "reflections"  # a conflicted copy is always a reflection


def settle(journal: Journal, conflict: Conflict, *, value: Any = None, write: bool = False) -> None:
    """Clear ``conflict`` in one transaction, first writing ``value`` into its field if ``write``.

    The conflicted copy goes to the trash (never out of the journal) once no other listed
    conflict still points at it: one copy holds every field the merge could not join.
    """
    entry = BY_TABLE[conflict.table]
    with journal.write() as conn:
        if write:
            if not isinstance(entry, Kind) or conflict.field not in entry.columns_in_table:
                raise NotFoundError(f"{conflict.table} has no field {conflict.field!r} to resolve")
            changed = conn.execute(
                f"UPDATE {conflict.table} SET {conflict.field} = ?, updated_at = ? WHERE id = ?",
                (value, now_stamp(), conflict.key),
            ).rowcount
            if not changed:
                raise NotFoundError(
                    f"the {entry.noun} of this conflict is no longer in the journal "
                    "(restore it with 'ilearn trash restore ID' first, or keep this computer's)"
                )
        conn.execute("DELETE FROM sync_conflicts WHERE id = ?", (conflict.id,))
        _trash_unused_copies(journal, conn, [conflict.copy_id])


def _trash_unused_copies(journal: Journal, conn: sqlite3.Connection, copies: Iterable[str | None]) -> None:
    for copy_id in {c for c in copies if c}:
        if conn.execute("SELECT 1 FROM sync_conflicts WHERE copy_id = ?", (copy_id,)).fetchone():
            continue
        held = conn.execute(f"SELECT title FROM {COPY_TABLE} WHERE id = ?", (copy_id,)).fetchone()
        kind = BY_TABLE[COPY_TABLE]
        if held is not None and isinstance(kind, Kind):
            move_to_trash(journal, COPY_TABLE, copy_id, kind.name, str(held[0] or kind.noun))

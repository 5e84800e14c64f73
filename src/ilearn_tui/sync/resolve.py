"""Resolving a sync conflict: keep this computer's value, the other computer's, or an edit of both.

Used by ``ilearn sync resolve`` and by the app's Conflicts view alike, so the rules live here
and not in either. A resolution is an ordinary write: it marks the record pending, sends the
conflicted copy to the trash, and so travels on the next sync (the other computer then holds
the chosen value and sees the copy in its trash). A conflict is listed only on the computer
whose merge found it; one settled on the other computer (its copy deleted, its field written
again) stops being listed here when that change arrives.
"""

from __future__ import annotations

import json
from typing import Any

from ilearn_tui.domain.validation import check_row
from ilearn_tui.errors import NotFoundError, UsageError
from ilearn_tui.store import sync_conflicts, sync_state
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.lookup import MIN_PREFIX
from ilearn_tui.store.sync_state import Conflict

__all__ = ["Conflict", "find_conflict", "keep_edit", "keep_mine", "keep_theirs", "value_text"]


def find_conflict(journal: Journal, prefix: str) -> Conflict:
    """The listed conflict whose record id or conflicted copy's id is ``prefix`` or starts with it.

    Taken as ``ilearn show`` takes an id (an exact id first, else a prefix of at least
    ``MIN_PREFIX`` characters). A record with several conflicting fields has one conflict per
    field; the first is returned, and resolving it lists the next.
    """
    ref = prefix.strip()
    conflicts = sync_state.list_conflicts(journal)
    if not conflicts:
        raise NotFoundError("there are no sync conflicts to resolve")
    if not ref:
        raise UsageError("give the id of a conflict's record or copy, as 'ilearn sync status' lists them")
    found = [c for c in conflicts if ref in (c.key, c.copy_id)]
    if not found:
        if len(ref) < MIN_PREFIX:
            raise UsageError(
                f"{ref!r} is too short to name a conflict; give at least {MIN_PREFIX} characters"
            )
        found = [c for c in conflicts if c.key.startswith(ref) or (c.copy_id or "").startswith(ref)]
    if not found:
        raise NotFoundError(f"no conflict is about an id starting {ref!r} (see 'ilearn sync status')")
    records = list(dict.fromkeys((c.table, c.key) for c in found))
    if len(records) > 1:
        shown = "; ".join(f"{table} {key[:12]}" for table, key in records[:5])
        raise UsageError(f"{ref!r} fits {len(records)} conflicts: {shown}; give more of the id")
    return found[0]


def value_text(value: str) -> str:
    """A conflict's stored value (JSON text) as the teacher reads and edits it."""
    loaded = json.loads(value)
    return "" if loaded is None else str(loaded)


def keep_mine(journal: Journal, conflict: Conflict) -> None:
    """Keep this computer's value (the journal already holds it): only the copy and row go."""
    sync_conflicts.settle(journal, conflict)


def keep_theirs(journal: Journal, conflict: Conflict) -> None:
    """Write the other computer's value into the record, as the merge found it."""
    _write(journal, conflict, json.loads(conflict.other))


def keep_edit(journal: Journal, conflict: Conflict, text: str) -> None:
    """Write the teacher's own text (usually both versions joined) into the conflicting field.

    An empty text is refused rather than taken as "clear the field": it is what an editor
    left unsaved looks like, and an unsaved edit must never blank a reflection.
    """
    if not text.strip():
        raise UsageError("the edited text is empty; nothing was changed")
    _write(journal, conflict, text)


def _write(journal: Journal, conflict: Conflict, value: Any) -> None:
    row = sync_state.read_record(journal, conflict.table, {"id": conflict.key})
    if row is None:
        raise NotFoundError(
            f"the record of this conflict ({conflict.table} {conflict.key[:8]}) is no longer in the "
            "journal; restore it from the trash first, or keep this computer's"
        )
    row.pop(sync_state.TAGS, None)
    row[conflict.field] = value
    problem = check_row(conflict.table, row)
    if problem:
        raise UsageError(f"that value cannot be kept: {problem}; nothing was changed")
    sync_conflicts.settle(journal, conflict, value=value, write=True)

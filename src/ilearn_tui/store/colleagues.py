"""Colleagues' items: what the group repositories hold, kept apart from the teacher's own records.

A group's rows are replaced whole by each exchange (``replace_group``), so an item its author
withdrew is gone here too. Nothing in this table is a record of the journal: it never syncs
between her computers, never exports, and never counts in hours, stages or the portfolio.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from ilearn_tui.domain.colleagues import Item, Received
from ilearn_tui.errors import NotFoundError, UsageError
from ilearn_tui.store.colleague_search import search as search  # her items are found there
from ilearn_tui.store.journal import Journal, now_stamp
from ilearn_tui.store.lookup import MIN_PREFIX
from ilearn_tui.store.rows import like_prefix

_ITEM_COLUMNS = (
    "id", "author_id", "kind", "title", "body", "date", "stage", "published_at", "in_reply_to", "to_author"
)  # fmt: skip
_COLUMNS = ("group_id", "author_name", "received_at", *_ITEM_COLUMNS)
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM colleague_items"
_UPSERT = (
    f"INSERT INTO colleague_items(group_id, received_at, author_name, {', '.join(_ITEM_COLUMNS)}) "
    f"VALUES (?, ?, {', '.join('?' * (len(_ITEM_COLUMNS) + 1))}) ON CONFLICT(group_id, id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in ("author_name", *_ITEM_COLUMNS[1:]))
)  # an item seen before keeps its received_at


@dataclass(frozen=True, slots=True)
class ColleagueItem:
    """A colleague's item as kept here: the item, its author's name, its group, when it arrived."""

    group_id: str
    author_name: str
    received_at: str
    item: Item


def replace_group(journal: Journal, group_id: str, items: Sequence[Received]) -> int:
    """Make the group's rows exactly ``items``, in one transaction; how many rows changed.

    An item seen before keeps when it was first received; one no longer there is deleted.
    """
    stamp = now_stamp()
    wanted = {r.item.id: r for r in items}
    changed = 0
    with journal.write() as conn:
        held = {
            row[0]: tuple(row[1:])
            for row in conn.execute(
                f"SELECT id, author_name, {', '.join(_ITEM_COLUMNS)} FROM colleague_items WHERE group_id = ?",
                (group_id,),
            )
        }
        for gone in held.keys() - wanted.keys():
            conn.execute("DELETE FROM colleague_items WHERE group_id = ? AND id = ?", (group_id, gone))
            changed += 1
        for item_id, received in wanted.items():
            values = (received.author_name, *_item_values(received.item))
            if held.get(item_id) == values:
                continue
            conn.execute(_UPSERT, (group_id, stamp, *values))
            changed += 1
    return changed


def forget_group(journal: Journal, group_id: str) -> None:
    """A group left or deleted: its colleagues' items go with it."""
    replace_group(journal, group_id, [])


def list_items(
    journal: Journal, group_id: str | None = None, limit: int = 50, offset: int = 0
) -> list[ColleagueItem]:
    """Colleagues' items, newest published first (of one group, or of all)."""
    where, args = ("WHERE group_id = ?", (group_id,)) if group_id is not None else ("", ())
    rows = journal.conn.execute(
        f"{_SELECT} {where} ORDER BY published_at DESC, id LIMIT ? OFFSET ?", (*args, limit, offset)
    ).fetchall()
    return [_row(row) for row in rows]


def count(journal: Journal, group_id: str | None = None) -> int:
    where, args = ("WHERE group_id = ?", (group_id,)) if group_id is not None else ("", ())
    return int(journal.conn.execute(f"SELECT count(*) FROM colleague_items {where}", args).fetchone()[0])


def find(journal: Journal, prefix: str) -> ColleagueItem:
    """The one colleague's item whose id is ``prefix`` or starts with it (in any group).

    The same item reaching her through two groups is one item: the newest copy is taken.
    """
    ref = prefix.strip()
    if not ref:
        raise UsageError("give the id of a colleague's item (or its first characters)")
    rows = journal.conn.execute(f"{_SELECT} WHERE id = ? ORDER BY received_at DESC", (ref,)).fetchall()
    if not rows:
        if len(ref) < MIN_PREFIX:
            raise UsageError(f"{ref!r} is too short to name an item; give at least {MIN_PREFIX} characters")
        rows = journal.conn.execute(
            f"{_SELECT} WHERE id LIKE ? ESCAPE '\\' ORDER BY id, received_at DESC LIMIT 50",
            (like_prefix(ref),),
        ).fetchall()
    found = {str(row[3]): row for row in reversed(rows)}  # by id; the first (newest) copy wins
    if not found:
        raise NotFoundError(f"no colleague's item has an id starting {ref!r}")
    if len(found) > 1:
        shown = "; ".join(f"{row[3][:12]} “{row[6][:50]}” by {row[1]}" for row in list(found.values())[:5])
        more = f" and {len(found) - 5} more" if len(found) > 5 else ""
        raise UsageError(f"{ref!r} fits {len(found)} colleagues' items: {shown}{more}; give more of the id")
    return _row(next(iter(found.values())))


def _item_values(item: Item) -> tuple[object, ...]:
    return tuple(getattr(item, c) for c in _ITEM_COLUMNS)


def _row(row: sqlite3.Row | tuple[object, ...]) -> ColleagueItem:
    group_id, author_name, received_at, *values = row
    item = Item(**dict(zip(_ITEM_COLUMNS, values, strict=True)))
    return ColleagueItem(str(group_id), str(author_name), str(received_at), item)

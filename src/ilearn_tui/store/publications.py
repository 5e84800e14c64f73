"""What the teacher published to her groups: one record per item, the outbox of each group.

A publication is a redacted copy, made at publishing time, so what a colleague reads is what
the teacher agreed to send even after she edits the original. Publishing the same record to the
same group again replaces the copy; unpublishing moves the copy to the trash, and the group's
repository loses it at the next sync. The share that publishing records stays: it happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ilearn_tui.errors import NotFoundError, UsageError
from ilearn_tui.store.journal import Journal, new_id, now_stamp
from ilearn_tui.store.plan import insert_row
from ilearn_tui.store.rows import dicts
from ilearn_tui.store.sync_state import journal_id

# The fields of an item in the group repository, besides its author.
ITEM_FIELDS = ("id", "kind", "title", "body", "date", "stage", "published_at", "in_reply_to", "to_author")


@dataclass(frozen=True, slots=True)
class Copy:
    """What a record becomes when published: its kind for a colleague, and the redacted text."""

    source_table: str
    source_id: str
    kind: str
    title: str
    body: str
    date: str
    stage: int | None


@dataclass(frozen=True, slots=True)
class Published:
    id: str
    group_id: str
    source_table: str
    source_id: str | None
    kind: str
    title: str
    date: str
    published_at: str


def publish_copy(journal: Journal, group_id: str, venue: str, copy: Copy) -> tuple[str, bool]:
    """Store the copy in the group's outbox; (its id, whether it is new).

    A first publication also records a stage-5 share (to colleagues, at the group), in the same
    transaction, so the portfolio shows that it was shared; a republication only refreshes the copy.
    """
    today = date.today().isoformat()
    cycle_id = journal.cycle_for(today)
    stamp = now_stamp()
    fields = {
        "kind": copy.kind,
        "title": copy.title,
        "body": copy.body,
        "date": copy.date,
        "stage": copy.stage,
        "published_at": stamp,
    }
    with journal.write() as conn:
        row = conn.execute(
            "SELECT id FROM publications WHERE group_id = ? AND source_table = ? AND source_id = ?",
            (group_id, copy.source_table, copy.source_id),
        ).fetchone()
        if row is not None:
            sets = ", ".join(f"{name} = ?" for name in fields)
            conn.execute(
                f"UPDATE publications SET {sets}, updated_at = ? WHERE id = ?",
                (*fields.values(), stamp, row[0]),
            )
            return str(row[0]), False
        publication_id = insert_row(
            conn,
            "publications",
            {
                "id": new_id(),
                "group_id": group_id,
                "source_table": copy.source_table,
                "source_id": copy.source_id,
                **fields,
            },
        )
        insert_row(
            conn,
            "shares",
            {
                "cycle_id": cycle_id,
                "audience": "local",
                "venue": venue,
                "title": copy.title,
                "date": today,
                "notes": f"Published to the group {venue}.",
                "group_id": group_id,
            },
        )
    return publication_id, True


def save_reply(
    journal: Journal, group_id: str, in_reply_to: str, to_author: str, title: str, body: str
) -> str:
    """A reply to a colleague's item, in the teacher's outbox of that group; its id.

    A reply is the teacher's own words in her own folder, naming the item and its author; it
    comes from no record of hers, so it has no source, and it records no share.
    """
    stamp = now_stamp()
    with journal.write() as conn:
        return insert_row(
            conn,
            "publications",
            {
                "id": new_id(),
                "group_id": group_id,
                "source_table": "",
                "source_id": None,
                "kind": "reply",
                "title": title,
                "body": body,
                "date": date.today().isoformat(),
                "stage": None,
                "in_reply_to": in_reply_to,
                "to_author": to_author,
                "published_at": stamp,
            },
        )


_COLUMNS = "id, group_id, source_table, source_id, kind, title, date, published_at"


def published_in(journal: Journal, group_id: str) -> list[Published]:
    """What the teacher published to one group, newest first."""
    rows = journal.conn.execute(
        f"SELECT {_COLUMNS} FROM publications WHERE group_id = ? ORDER BY published_at DESC, id",
        (group_id,),
    )
    return [Published(*row) for row in rows]


def outbox(journal: Journal, group_id: str) -> list[dict[str, Any]]:
    """Every live publication of one group as the item the group repository holds."""
    author = journal_id(journal)
    columns = ", ".join(ITEM_FIELDS)
    cursor = journal.conn.execute(
        f"SELECT {columns} FROM publications WHERE group_id = ? ORDER BY id", (group_id,)
    )
    return [{"author_id": author, **row} for row in dicts(cursor)]


def find_publication(journal: Journal, ref: str, group_id: str | None = None) -> Published:
    """A publication by its own id, or by the id of what was published (either may be a prefix)."""
    ref = ref.strip()
    if len(ref) < 4:
        raise UsageError(f"{ref!r} is too short to name a publication; give at least 4 characters")
    escaped = ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    where = "(id LIKE ? ESCAPE '\\' OR source_id LIKE ? ESCAPE '\\')"
    params: list[str] = [escaped, escaped]
    if group_id is not None:
        where += " AND group_id = ?"
        params.append(group_id)
    rows = [
        Published(*row)
        for row in journal.conn.execute(f"SELECT {_COLUMNS} FROM publications WHERE {where} LIMIT 6", params)
    ]
    exact = [p for p in rows if ref in (p.id, p.source_id)]
    if len(exact) == 1 or len(rows) == 1:
        return (exact or rows)[0]
    if not rows:
        raise NotFoundError(f"nothing you published has an id starting {ref!r} ('ilearn group show GROUP')")
    shown = "; ".join(f"{p.id[:8]} “{p.title[:30]}”" for p in rows[:4])
    raise UsageError(f"{ref!r} fits {len(rows)} publications ({shown}); give its own id, or --from GROUP")


def unpublish(journal: Journal, publication: Published) -> str:
    """Withdraw one publication (to the trash); the id of its trash item."""
    from ilearn_tui.store.trash import move_to_trash

    return move_to_trash(journal, "publications", publication.id, "publication", publication.title)

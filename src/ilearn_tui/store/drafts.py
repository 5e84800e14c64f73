"""Unsaved editor text, kept in the journal so it survives a crash or a killed terminal."""

from __future__ import annotations

from dataclasses import dataclass

from ilearn_tui.store.journal import Journal, now_stamp


@dataclass
class Draft:
    id: str
    target: str  # the reflection being edited, or "" for a new one
    title: str
    body: str
    updated_at: str


def save_draft(journal: Journal, draft_id: str, target: str, title: str, body: str) -> None:
    stamp = now_stamp()
    with journal.write() as conn:
        conn.execute(
            "INSERT INTO drafts(id, target, title, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET title = excluded.title, body = excluded.body, "
            "updated_at = excluded.updated_at",
            (draft_id, target, title, body, stamp, stamp),
        )


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return "" if value is None else str(value)


def list_drafts(journal: Journal) -> list[Draft]:
    """Every draft, newest first; text that is not valid UTF-8 comes back with replacements."""
    rows = journal.conn.execute(
        "SELECT id, target, CAST(title AS BLOB), CAST(body AS BLOB), updated_at FROM drafts "
        "ORDER BY updated_at DESC"
    ).fetchall()
    return [Draft(row[0], row[1], _text(row[2]), _text(row[3]), row[4]) for row in rows]


def discard_draft(journal: Journal, draft_id: str) -> None:
    with journal.write() as conn:
        conn.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))


def draft_ids(journal: Journal) -> list[str]:
    """Ids of every draft, even those whose text cannot be read (to set them aside)."""
    return [str(row[0]) for row in journal.conn.execute("SELECT id FROM drafts").fetchall()]

"""The migration for sessions the teacher led, kept apart so that ``schema`` stays short."""

from __future__ import annotations

from ilearn_tui.store.sync_schema import sync_triggers


def sessions_led() -> str:
    """Sessions the teacher led: how many came, what a later activity grew from, and the lines.

    Co-facilitators, feedback quotes and materials are one row each (with an id, so sync
    merges a line added on one computer with another added elsewhere); they go with their
    session. An activity that grew from a session forgets it when the session is deleted.
    """
    triggers = sync_triggers()
    sync = "\n".join(
        triggers[f"session_items_sync_{op}"].replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS", 1)
        + ";"
        for op in ("ai", "au", "ad")
    )
    return f"""
ALTER TABLE activities ADD COLUMN attendees INTEGER CHECK (attendees IS NULL OR attendees >= 0);
ALTER TABLE activities ADD COLUMN spun_off_from TEXT REFERENCES activities(id) ON DELETE SET NULL;
CREATE INDEX IF NOT EXISTS activities_by_origin ON activities(spun_off_from);
CREATE TABLE IF NOT EXISTS session_items (
    id TEXT PRIMARY KEY,
    activity_id TEXT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    part TEXT NOT NULL CHECK (part IN ('co-facilitator','feedback','material')),
    text TEXT NOT NULL, position INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS session_items_by_activity ON session_items(activity_id, part, position);
{sync}
"""

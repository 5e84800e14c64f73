"""The table of colleagues' items and its full-text index: one migration, kept apart from ``schema``.

Not a record kind: nothing here syncs, exports or counts (there are no change-log triggers),
because every row is rebuilt from the group repositories by the next exchange. The index is
filled by triggers of its own, so no writer can leave it out of step with the table.
"""

from __future__ import annotations

COLLEAGUE_TABLES = ("colleague_items", "colleague_index")

COLLEAGUE_ITEMS = """
CREATE TABLE IF NOT EXISTS colleague_items (
    n INTEGER PRIMARY KEY,
    group_id TEXT NOT NULL, id TEXT NOT NULL, author_id TEXT NOT NULL, author_name TEXT NOT NULL,
    kind TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, date TEXT NOT NULL, stage INTEGER,
    published_at TEXT NOT NULL, in_reply_to TEXT, to_author TEXT, received_at TEXT NOT NULL,
    UNIQUE (group_id, id)
);
CREATE INDEX IF NOT EXISTS colleague_items_by_time ON colleague_items(published_at, id);
CREATE INDEX IF NOT EXISTS colleague_items_by_id ON colleague_items(id);
CREATE VIRTUAL TABLE IF NOT EXISTS colleague_index USING fts5(
    title, body, author_name, content = 'colleague_items', content_rowid = 'n',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS colleague_items_ai AFTER INSERT ON colleague_items BEGIN
    INSERT INTO colleague_index(rowid, title, body, author_name)
    VALUES (new.n, new.title, new.body, new.author_name);
END;
CREATE TRIGGER IF NOT EXISTS colleague_items_ad AFTER DELETE ON colleague_items BEGIN
    INSERT INTO colleague_index(colleague_index, rowid, title, body, author_name)
    VALUES ('delete', old.n, old.title, old.body, old.author_name);
END;
CREATE TRIGGER IF NOT EXISTS colleague_items_au AFTER UPDATE ON colleague_items BEGIN
    INSERT INTO colleague_index(colleague_index, rowid, title, body, author_name)
    VALUES ('delete', old.n, old.title, old.body, old.author_name);
    INSERT INTO colleague_index(rowid, title, body, author_name)
    VALUES (new.n, new.title, new.body, new.author_name);
END;
"""

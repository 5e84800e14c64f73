"""The migration that adds learning with colleagues: groups, their members, publications.

Kept apart from ``schema`` so its list of migrations stays readable; the step is plain SQL
made once, with the sync triggers of its tables generated from the record model.
"""

from __future__ import annotations

from ilearn_tui.domain.model_groups import GROUP, GROUP_KINDS, GROUP_MEMBER, PUBLICATION, PUBLISHED_KINDS
from ilearn_tui.store.sync_schema import sync_triggers

NEW_TABLES = (GROUP.table, GROUP_MEMBER.table, PUBLICATION.table)
_STAMPS = "created_at TEXT NOT NULL, updated_at TEXT NOT NULL"


def _words(choices: tuple[str, ...]) -> str:
    return ",".join(f"'{c}'" for c in choices)


def groups_migration() -> str:
    """Groups, members and publications; activities and shares may belong to a group.

    A group's name is not unique in SQL: the same group made on two of the teacher's computers
    before a sync must merge, not fail; the commands refuse a second group of one name instead.
    Deleting a group takes its members and publications with it (to the trash), and leaves its
    activities and shares in place, no longer in a group.
    """
    tables = f"""
CREATE TABLE groups (
    id TEXT PRIMARY KEY, name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'plc' CHECK (kind IN ({_words(GROUP_KINDS)})),
    remote TEXT NOT NULL DEFAULT '', {_STAMPS}
);
CREATE TABLE group_members (
    id TEXT PRIMARY KEY, group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    name TEXT NOT NULL, {_STAMPS}
);
CREATE INDEX group_members_by_group ON group_members(group_id);
CREATE TABLE publications (
    id TEXT PRIMARY KEY, group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    source_table TEXT NOT NULL DEFAULT '', source_id TEXT,
    kind TEXT NOT NULL CHECK (kind IN ({_words(PUBLISHED_KINDS)})),
    title TEXT NOT NULL, body TEXT NOT NULL DEFAULT '', date TEXT NOT NULL,
    stage INTEGER CHECK (stage BETWEEN 1 AND 5), in_reply_to TEXT, to_author TEXT,
    published_at TEXT NOT NULL, {_STAMPS}
);
CREATE INDEX publications_by_source ON publications(group_id, source_table, source_id);
ALTER TABLE activities ADD COLUMN group_id TEXT REFERENCES groups(id) ON DELETE SET NULL;
ALTER TABLE shares ADD COLUMN group_id TEXT REFERENCES groups(id) ON DELETE SET NULL;
"""
    triggers = sync_triggers()
    marks = [triggers[f"{table}_sync_{op}"] + ";" for table in NEW_TABLES for op in ("ai", "au", "ad")]
    return tables + "\n".join(marks) + "\n"

"""The sync change log's schema: triggers made from the record model, one set per table.

Kept apart from ``schema`` so that the migrations stay readable; version 6 is written here.
"""

from __future__ import annotations

from ilearn_tui.domain.model import BY_TABLE, COMPONENT_TABLES, SESSION_ITEM, TABLES
from ilearn_tui.domain.model_groups import GROUP, GROUP_MEMBER, PUBLICATION

# The journal's meta key naming its sync remote. Kept here, beside the change log, so that
# whoever only asks "is sync set up?" (the app's first frame) need not load the sync state.
REMOTE = "sync_remote"

# Tables made after version 6: their migration adds their triggers with them.
_LATER = frozenset(t.table for t in COMPONENT_TABLES.values()) | {SESSION_ITEM.table}
_LATER |= frozenset(kind.table for kind in (GROUP, GROUP_MEMBER, PUBLICATION))


def sync_key(table: str, row: str) -> str:
    """The SQL expression naming one record of ``table`` (as ``row``) in the change log.

    A record is named by its id; a link by all its columns joined with dots (an id never holds
    a dot), an unset column as nothing, so ``sync.records`` can read the name back.
    """
    columns = BY_TABLE[table].columns_in_table
    if "id" in columns:
        return f"{row}.id"
    return " || '.' || ".join(f"coalesce({row}.{c}, '')" for c in columns)


def sync_triggers() -> dict[str, str]:
    """Triggers that mark every written record pending for sync, inside the writing transaction.

    Whatever writes (a form, the command line, an import, the bulk writer, a restore from the
    trash), the mark commits or rolls back with the write, so a crash before ``ilearn sync``
    loses nothing. Tags travel with their reflection, so a tag change marks the reflection.
    """
    # An upsert, not INSERT OR REPLACE: an outer statement's own conflict clause (a sync's
    # upsert of a record) would override a trigger's OR REPLACE and fail on the second mark.
    mark = (
        "INSERT INTO sync_changes(tbl, ref, op, seq) VALUES ('{table}', {key}, '{op}', "
        "(SELECT coalesce(max(seq), 0) + 1 FROM sync_changes)) "
        "ON CONFLICT(tbl, ref) DO UPDATE SET op = excluded.op, seq = excluded.seq"
    )
    triggers: dict[str, str] = {}
    for entry in TABLES:
        table = entry.table
        new, old = sync_key(table, "new"), sync_key(table, "old")
        put = mark.format(table=table, key=new, op="put")
        gone = mark.format(table=table, key=old, op="delete")
        triggers[f"{table}_sync_ai"] = (
            f"CREATE TRIGGER {table}_sync_ai AFTER INSERT ON {table} BEGIN\n    {put};\nEND"
        )
        triggers[f"{table}_sync_au"] = (
            f"CREATE TRIGGER {table}_sync_au AFTER UPDATE ON {table} BEGIN\n    {gone};\n    {put};\nEND"
        )
        triggers[f"{table}_sync_ad"] = (
            f"CREATE TRIGGER {table}_sync_ad AFTER DELETE ON {table} BEGIN\n    {gone};\nEND"
        )
    for event, row in (("INSERT", "new"), ("DELETE", "old")):
        name = f"reflection_tags_sync_{event.lower()}"
        tagged = mark.format(table="reflections", key=f"{row}.reflection_id", op="put")
        triggers[name] = f"CREATE TRIGGER {name} AFTER {event} ON reflection_tags BEGIN\n    {tagged};\nEND"
    return triggers


# Version 6: sync between a teacher's own computers. ``sync_changes`` is the change log (what
# the next sync must send); ``sync_conflicts`` lists what a merge could not join, for the
# teacher to see. The remote, the last synced commit and the journal's id are kept in ``meta``.
def v6_sync() -> str:
    tables = """
CREATE TABLE IF NOT EXISTS sync_changes (
    tbl TEXT NOT NULL, ref TEXT NOT NULL, op TEXT NOT NULL CHECK (op IN ('put', 'delete')),
    seq INTEGER NOT NULL, PRIMARY KEY (tbl, ref)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sync_conflicts (
    id TEXT PRIMARY KEY, tbl TEXT NOT NULL, ref TEXT NOT NULL, field TEXT NOT NULL,
    kept TEXT NOT NULL, other TEXT NOT NULL, copy_id TEXT, found_at TEXT NOT NULL
);
"""
    # Written to be run again on a journal that has it (a test rewinds the version to replay).
    triggers = (
        sql.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS", 1)
        for name, sql in sync_triggers().items()
        if name.rsplit("_sync_", 1)[0] not in _LATER
    )
    return tables + "".join(f"\n{sql};" for sql in triggers)

"""Migrations 7 to 9: SMART goals, framework components, and the change log's order.

Kept apart from ``schema`` so each module stays short; like every migration, history that
stays as written.
"""

from __future__ import annotations

from ilearn_tui.domain.model import COMPONENT_TABLES
from ilearn_tui.store.sync_schema import sync_triggers

# Version 7: SMART(IE) goals. A goal's kind (student learning or professional practice), its
# baseline, target and measure; its timeline is the target date it already had. Old goals keep
# no kind (NULL) and empty words, so nothing is guessed for them.
V7_SMART_GOALS = """
ALTER TABLE goals ADD COLUMN kind TEXT CHECK (kind IN ('student-learning','professional-practice'));
ALTER TABLE goals ADD COLUMN baseline TEXT NOT NULL DEFAULT '';
ALTER TABLE goals ADD COLUMN target TEXT NOT NULL DEFAULT '';
ALTER TABLE goals ADD COLUMN measure TEXT NOT NULL DEFAULT '';
"""


# Version 8: framework components.
def component_links() -> str:
    """Framework components an item evidences, and their sync triggers (made from the model).

    A link names its framework beside the component code, so a journal that changes
    framework keeps the old tags readable; the tags go when their item goes.
    """
    sql = []
    triggers = sync_triggers()
    for table in COMPONENT_TABLES.values():
        own = table.fields[0]
        sql.append(
            f"CREATE TABLE IF NOT EXISTS {table.table} (\n"
            f"    {own.name} TEXT NOT NULL REFERENCES {own.ref}(id) ON DELETE CASCADE,\n"
            "    framework TEXT NOT NULL, component TEXT NOT NULL,\n"
            f"    PRIMARY KEY ({own.name}, framework, component)\n) WITHOUT ROWID;\n"
            f"CREATE INDEX IF NOT EXISTS {table.table}_by_component ON {table.table}(framework, component);"
        )
        for op in ("ai", "au", "ad"):  # written to be run again, as version 6 is
            trigger = triggers[f"{table.table}_sync_{op}"]
            sql.append(trigger.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS", 1) + ";")
    return "\n".join(sql)


# Version 9: the change log ordered by its sequence. Every write's trigger asks for the next
# number (``max(seq) + 1``); without this index each asks by reading the whole log, so a bulk
# import of n records read it n times (quadratic: hours for 50,000 entries).
V9_CHANGE_ORDER = "CREATE INDEX IF NOT EXISTS sync_changes_by_seq ON sync_changes(seq);"

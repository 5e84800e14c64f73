"""Counts per cycle, the input of the stage rules."""

from __future__ import annotations

from ilearn_tui.domain.stages import CycleCounts
from ilearn_tui.store.journal import Journal

_QUERIES = {
    "vision": "SELECT count(*) FROM visions WHERE cycle_id = ? AND trim(body) != ''",
    "outcomes": "SELECT count(*) FROM outcomes WHERE cycle_id = ?",
    "interests": "SELECT count(*) FROM interests WHERE cycle_id = ?",
    "goals": "SELECT count(*) FROM goals WHERE cycle_id = ?",
    "goals_with_question": "SELECT count(*) FROM goals g WHERE g.cycle_id = ? "
    "AND EXISTS (SELECT 1 FROM questions q WHERE q.goal_id = g.id)",
    "activities": "SELECT count(*) FROM activities WHERE cycle_id = ?",
    "activities_done": "SELECT count(*) FROM activities WHERE cycle_id = ? AND status = 'done'",
    "innovations": "SELECT count(*) FROM innovations WHERE cycle_id = ?",
    "evidence": "SELECT count(*) FROM evidence WHERE cycle_id = ?",
    "checks": "SELECT count(*) FROM checks c JOIN goals g ON g.id = c.goal_id WHERE g.cycle_id = ?",
    "shares": "SELECT count(*) FROM shares WHERE cycle_id = ?",
    "reflections": "SELECT count(*) FROM reflections WHERE cycle_id = ?",
}


def cycle_counts(journal: Journal, cycle_id: str | None) -> CycleCounts:
    if cycle_id is None:
        return CycleCounts()
    values = {
        name: int(journal.conn.execute(sql, (cycle_id,)).fetchone()[0]) for name, sql in _QUERIES.items()
    }
    return CycleCounts(**values)


# Tables the journal-wide totals may count; the names go into SQL, so only these.
COUNTABLE = frozenset(
    {"cycles", "reflections", "goals", "questions", "activities", "evidence", "checks", "shares"}
)


def count_records(journal: Journal, table: str) -> int:
    """How many records of one kind the whole journal holds."""
    if table not in COUNTABLE:
        raise ValueError(f"cannot count {table}")
    return int(journal.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def is_empty(journal: Journal) -> bool:
    """No school year and no reflection yet: nothing a teacher wrote could be mixed or lost."""
    return count_records(journal, "cycles") + count_records(journal, "reflections") == 0


def recent_reflections(journal: Journal, limit: int = 3) -> list[tuple[str, str]]:
    """The newest reflections as (date, title), for a short summary."""
    rows = journal.conn.execute(
        "SELECT date, title FROM reflections ORDER BY date DESC, time DESC LIMIT ?", (limit,)
    ).fetchall()
    return [(str(day), str(title)) for day, title in rows]

"""A new cycle (the next school year) carries the vision and unfinished goals forward."""

from __future__ import annotations

from datetime import date, timedelta

from ilearn_tui.domain.text import school_year_bounds
from ilearn_tui.errors import IlearnError
from ilearn_tui.store.journal import Journal, new_id, now_stamp

CARRIED_STATUSES = ("open", "in progress")


def start_next_cycle(journal: Journal) -> str:
    """Create the school year after the latest cycle; copy its vision, outcomes, interests and
    open goals (with their research questions). Old cycles stay as they were."""
    stamp = now_stamp()
    new_cycle = new_id()
    with journal.write() as conn:
        # The latest cycle is read under the write lock, so two copies asking at once cannot
        # both start the year after the same one.
        cycles = journal.cycles()
        if not cycles:
            return journal.cycle_for(date.today().isoformat())
        last = cycles[-1]
        start = date.fromisoformat(last.ends_on) + timedelta(days=1)
        _, end, title = school_year_bounds(start)
        if conn.execute(
            "SELECT 1 FROM cycles WHERE starts_on <= ? AND ends_on >= ?",
            (start.isoformat(), start.isoformat()),
        ).fetchone():
            raise IlearnError(f"a cycle already covers {start}")
        conn.execute(
            "INSERT INTO cycles(id, title, starts_on, ends_on, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (new_cycle, title, start.isoformat(), end.isoformat(), stamp, stamp),
        )
        conn.execute(
            "INSERT INTO visions(id, cycle_id, body, school_mission, created_at, updated_at) "
            "SELECT ?, ?, body, school_mission, ?, ? FROM visions WHERE cycle_id = ?",
            (new_id(), new_cycle, stamp, stamp, last.id),
        )
        outcome_ids: dict[str, str] = {}
        for old_id, text, kind, position in conn.execute(
            "SELECT id, text, kind, position FROM outcomes WHERE cycle_id = ?", (last.id,)
        ).fetchall():
            outcome_ids[old_id] = new_id()
            conn.execute(
                "INSERT INTO outcomes(id, cycle_id, text, kind, position, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (outcome_ids[old_id], new_cycle, text, kind, position, stamp, stamp),
            )
        for kind, text in conn.execute(
            "SELECT kind, text FROM interests WHERE cycle_id = ? ORDER BY created_at", (last.id,)
        ).fetchall():
            conn.execute(
                "INSERT INTO interests(id, cycle_id, kind, text, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (new_id(), new_cycle, kind, text, stamp, stamp),
            )
        marks = ", ".join("?" for _ in CARRIED_STATUSES)
        for goal in conn.execute(
            "SELECT id, title, why, skills, success_indicators, target_date, status, "
            "kind, baseline, target, measure FROM goals "
            f"WHERE cycle_id = ? AND status IN ({marks}) ORDER BY created_at",
            (last.id, *CARRIED_STATUSES),
        ).fetchall():
            goal_id = new_id()
            # The SMART parts travel with the goal; its date is for the new year to set.
            conn.execute(
                "INSERT INTO goals(id, cycle_id, title, why, skills, success_indicators, target_date, "
                "status, kind, baseline, target, measure, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)",
                (goal_id, new_cycle, *goal[1:5], *goal[6:11], stamp, stamp),
            )
            for (text,) in conn.execute(
                "SELECT text FROM questions WHERE goal_id = ?", (goal[0],)
            ).fetchall():
                conn.execute(
                    "INSERT INTO questions(id, goal_id, text, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                    (new_id(), goal_id, text, stamp, stamp),
                )
            for (outcome,) in conn.execute(
                "SELECT outcome_id FROM goal_outcomes WHERE goal_id = ?", (goal[0],)
            ).fetchall():
                if outcome in outcome_ids:
                    conn.execute(
                        "INSERT INTO goal_outcomes(goal_id, outcome_id) VALUES (?, ?)",
                        (goal_id, outcome_ids[outcome]),
                    )
    return new_cycle

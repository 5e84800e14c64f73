"""Self-ratings per goal over a cycle, for the dashboard."""

from __future__ import annotations

from dataclasses import dataclass

from ilearn_tui.store.journal import Journal


@dataclass
class GoalProgress:
    id: str
    title: str
    status: str
    questions: int
    ratings: list[int]

    @property
    def latest(self) -> int | None:
        return self.ratings[-1] if self.ratings else None

    @property
    def trend(self) -> str:
        """up / down / steady, in words, so it never depends on colour."""
        if len(self.ratings) < 2:
            return ""
        delta = self.ratings[-1] - self.ratings[-2]
        return "up" if delta > 0 else "down" if delta < 0 else "steady"


def goal_progress(journal: Journal, cycle_id: str | None) -> list[GoalProgress]:
    if cycle_id is None:
        return []
    goals = [
        GoalProgress(row[0], row[1], row[2], row[3], [])
        for row in journal.conn.execute(
            "SELECT g.id, g.title, g.status, (SELECT count(*) FROM questions q WHERE q.goal_id = g.id) "
            "FROM goals g WHERE g.cycle_id = ? ORDER BY g.created_at",
            (cycle_id,),
        )
    ]
    by_id = {g.id: g for g in goals}
    for goal_id, rating in journal.conn.execute(
        "SELECT c.goal_id, c.rating FROM checks c JOIN goals g ON g.id = c.goal_id "
        "WHERE g.cycle_id = ? AND c.rating IS NOT NULL ORDER BY c.date, c.created_at",
        (cycle_id,),
    ):
        by_id[goal_id].ratings.append(rating)
    return goals

"""Hours, credits and progress checks as the growth reports need them."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from ilearn_tui.domain import vocab
from ilearn_tui.domain.totals import Line, totals
from ilearn_tui.errors import UsageError
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.plan import insert_row

if TYPE_CHECKING:
    # The renewal rules (their presets above all) are most of what the dashboard would load
    # before its first frame; they are imported only when a requirement is worked out.
    from ilearn_tui.domain.renewal import Counted, Progress


@dataclass
class HoursReport:
    hours: float = 0.0
    credits: float = 0.0
    activities: int = 0
    planned_hours: float = 0.0
    by_type: dict[str, float] = field(default_factory=dict)
    by_topic: dict[str, float] = field(default_factory=dict)
    by_goal: dict[str, float] = field(default_factory=dict)
    by_month: dict[str, float] = field(default_factory=dict)


def hours_report(journal: Journal, cycle_id: str | None) -> HoursReport:
    """Totals of done activities (planned hours apart), by type, topic, goal and month."""
    report = HoursReport()
    where, params = ("WHERE a.cycle_id = ?", [cycle_id]) if cycle_id else ("", [])
    rows = journal.conn.execute(
        f"SELECT a.id, a.type, a.topic, a.date, a.hours, a.credits, a.status FROM activities a {where}",
        params,
    ).fetchall()
    goals: dict[str, list[str]] = {}
    for activity_id, title in journal.conn.execute(
        "SELECT ag.activity_id, g.title FROM activity_goals ag JOIN goals g ON g.id = ag.goal_id"
    ):
        goals.setdefault(activity_id, []).append(title)
    summed = totals(
        Line(type_, topic, day, hours, credits, status, tuple(goals.get(activity_id, ())))
        for activity_id, type_, topic, day, hours, credits, status in rows
    )
    report.hours, report.credits = summed.done.hours, summed.done.credits
    report.activities = summed.done.activities
    report.planned_hours = summed.planned.hours
    report.by_type = {k: v.hours for k, v in summed.by_type.items()}
    report.by_topic = {k: v.hours for k, v in summed.by_topic.items()}
    report.by_goal = {k: v.hours for k, v in summed.by_goal.items()}
    report.by_month = {k: v.hours for k, v in summed.by_month.items()}
    return report


def counted_activities(journal: Journal, start: date, end: date) -> list[Counted]:
    """Done activities in a renewal period, each with whether a certificate is attached."""
    from ilearn_tui.domain.renewal import Counted

    certified = {
        row[0]
        for row in journal.conn.execute(
            "SELECT DISTINCT activity_id FROM evidence WHERE activity_id IS NOT NULL AND kind = 'certificate'"
        )
    }
    return [
        Counted(row[0], row[1], row[2], row[3], row[4], row[0] in certified, row[5], row[6])
        for row in journal.conn.execute(
            "SELECT id, title, topic, hours, credits, type, role FROM activities "
            "WHERE status = 'done' AND date >= ? AND date < ? ORDER BY date",
            (start.isoformat(), end.isoformat()),
        )
    ]


def add_check(
    journal: Journal,
    goal_id: str,
    indicator: str,
    *,
    rating: int | None = None,
    value: float | None = None,
    day: str | None = None,
    note: str = "",
    evidence_id: str | None = None,
) -> str:
    """Record a progress check; exactly one of a 1–5 rating or a measured value."""
    if indicator not in vocab.INDICATOR_KINDS:
        raise UsageError(f"unknown indicator {indicator!r}: use one of {', '.join(vocab.INDICATOR_KINDS)}")
    if (rating is None) == (value is None):
        raise UsageError("give either --rating (1 to 5) or --value, not both and not neither")
    if rating is not None and not 1 <= rating <= 5:
        raise UsageError(f"a rating is a whole number from 1 to 5, not {rating}")
    if value is not None and (math.isnan(value) or math.isinf(value)):
        raise UsageError("the value must be a number")
    with journal.write() as conn:
        return insert_row(
            conn,
            "checks",
            {
                "goal_id": goal_id,
                "indicator": indicator,
                "rating": rating,
                "value": value,
                "date": day or date.today().isoformat(),
                "note": note,
                "evidence_id": evidence_id,
            },
        )


def goal_checks(journal: Journal, goal_id: str) -> list[tuple[str, str, int | None, float | None, str]]:
    """(date, indicator, rating, value, note) for one goal, oldest first."""
    return [
        (row[0], row[1], row[2], row[3], row[4])
        for row in journal.conn.execute(
            "SELECT date, indicator, rating, value, note FROM checks WHERE goal_id = ? "
            "ORDER BY date, created_at",
            (goal_id,),
        )
    ]


def renewal_progress(journal: Journal, config: dict[str, object], today: date) -> Progress:
    """Progress toward the configured requirement (ValueError if the setting is unusable)."""
    from ilearn_tui.domain.renewal import current_start, from_config, period_end, progress

    rule, start = from_config(dict(config))
    start = current_start(rule, start, today)
    end = period_end(start, rule.years)
    return progress(rule, start, counted_activities(journal, start, end), today)


@dataclass
class GoalDetail:
    title: str
    status: str
    target_date: str | None
    why: str
    success_indicators: str
    questions: list[str]
    checks: list[tuple[str, str, int | None, float | None, str]]
    activities: list[tuple[str, str, float]]
    evidence: list[tuple[str, str]]
    reflections: int


def goal_detail(journal: Journal, goal_id: str) -> GoalDetail | None:
    """Everything that hangs off one goal, for its detail view."""
    row = journal.conn.execute(
        "SELECT title, status, target_date, why, success_indicators FROM goals WHERE id = ?", (goal_id,)
    ).fetchone()
    if row is None:
        return None
    conn = journal.conn
    return GoalDetail(
        title=row[0],
        status=row[1],
        target_date=row[2],
        why=row[3],
        success_indicators=row[4],
        questions=[
            r[0]
            for r in conn.execute(
                "SELECT text FROM questions WHERE goal_id = ? ORDER BY created_at", (goal_id,)
            )
        ],
        checks=goal_checks(journal, goal_id),
        activities=[
            (r[0], r[1], r[2])
            for r in conn.execute(
                "SELECT a.date, a.title, a.hours FROM activities a "
                "JOIN activity_goals ag ON ag.activity_id = a.id WHERE ag.goal_id = ? ORDER BY a.date",
                (goal_id,),
            )
        ],
        evidence=[
            (r[0], r[1])
            for r in conn.execute(
                "SELECT date, title FROM evidence WHERE goal_id = ? AND student_info = 0 ORDER BY date",
                (goal_id,),
            )
        ],
        reflections=int(
            conn.execute("SELECT count(*) FROM reflection_links WHERE goal_id = ?", (goal_id,)).fetchone()[0]
        ),
    )

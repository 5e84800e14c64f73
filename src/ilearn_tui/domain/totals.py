"""Hours and credits of learning activities, summed once for every report that shows them.

The dashboard, ``ilearn hours``, the Markdown portfolio, the review and renewal packets and
the showcase all print these figures; computing them here keeps one journal's totals equal in
all of them. Only done activities count: planned hours are kept apart and never reach a
type, topic, goal or month (a goal's planned hours are summed apart, in ``planned_by_goal``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ilearn_tui.domain.records import Activity
from ilearn_tui.domain.text import topic_key

NO_GOAL = "(no goal)"


@dataclass(frozen=True, slots=True)
class Line:
    """One activity as the totals see it; ``goals`` names the groups it counts toward."""

    type: str
    topic: str
    date: str
    hours: float
    credits: float
    status: str
    goals: tuple[str, ...] = ()


@dataclass(slots=True)
class Sum:
    activities: int = 0
    hours: float = 0.0
    credits: float = 0.0

    def add(self, line: Line) -> None:
        self.activities += 1
        self.hours += line.hours
        self.credits += line.credits


@dataclass(slots=True)
class Totals:
    done: Sum = field(default_factory=Sum)
    planned: Sum = field(default_factory=Sum)
    by_type: dict[str, Sum] = field(default_factory=dict)  # in the order first met
    by_topic: dict[str, Sum] = field(default_factory=dict)
    by_goal: dict[str, Sum] = field(default_factory=dict)
    by_month: dict[str, Sum] = field(default_factory=dict)  # in month order
    planned_by_goal: dict[str, Sum] = field(default_factory=dict)

    def of_goal(self, goal_id: str) -> tuple[Sum, Sum]:
        """A goal's done and planned sums (empty ones for a goal with neither)."""
        return self.by_goal.get(goal_id, Sum()), self.planned_by_goal.get(goal_id, Sum())

    def grouped(self, labels: Mapping[str, str]) -> dict[str, Sum]:
        """The by-type sums under display labels (types without one keep their code), by label."""
        out: dict[str, Sum] = {}
        for code, part in self.by_type.items():
            total = out.setdefault(str(labels.get(code, code)), Sum())
            total.activities += part.activities
            total.hours += part.hours
            total.credits += part.credits
        return dict(sorted(out.items()))


def _into(groups: dict[str, Sum], key: str, line: Line) -> None:
    groups.setdefault(key, Sum()).add(line)


def totals(lines: Iterable[Line]) -> Totals:
    """Done activities summed overall and by type, topic, goal and month; planned ones apart."""
    result = Totals()
    for line in lines:
        if line.status != "done":
            result.planned.add(line)
            for goal in line.goals:
                _into(result.planned_by_goal, goal, line)
            continue
        result.done.add(line)
        _into(result.by_type, line.type, line)
        _into(result.by_topic, topic_key(line.topic), line)
        _into(result.by_month, line.date[:7], line)
        for goal in line.goals or (NO_GOAL,):
            _into(result.by_goal, goal, line)
    result.by_month = dict(sorted(result.by_month.items()))
    return result


def line_of(activity: Activity) -> Line:
    """A portfolio's activity as a ``Line``, counted toward the goals it is linked to."""
    return Line(
        type=activity.type,
        topic=activity.topic or "",
        date=activity.date,
        hours=float(activity.hours or 0.0),
        credits=float(activity.credits or 0.0),
        status=activity.status,
        goals=tuple(activity.goal_ids),
    )


def of_activities(activities: Iterable[Activity]) -> Totals:
    """The totals of a portfolio's activities."""
    return totals(line_of(activity) for activity in activities)


def goal_hours(done: Sum, planned: Sum) -> str:
    """A goal's hours as every export words them: ``12 h done, 3 h planned``; empty for none."""
    parts = []
    if done.activities:
        parts.append(f"{done.hours:g} h done")
    if planned.activities:
        parts.append(f"{planned.hours:g} h planned")
    return ", ".join(parts)

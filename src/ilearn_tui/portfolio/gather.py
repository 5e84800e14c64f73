"""Collect what a portfolio shows, for one scope, with private records filtered out.

Exports (Markdown, HTML, packets) render from this one structure, so scope and privacy rules
live in one place. The rows come from the store's export queries; this module runs no SQL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ilearn_tui.domain.records import Activity, Evidence, Goal, Reflection
from ilearn_tui.domain.stage_records import Check, Innovation, Interest, Outcome, Share, Vision
from ilearn_tui.portfolio.model import Portfolio, ReflectionStream, Scope
from ilearn_tui.portfolio.sanitize import clean
from ilearn_tui.store import coverage
from ilearn_tui.store import portfolio_query as q
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.portfolio_query import R

__all__ = ["Portfolio", "Scope", "gather"]


def _cleaned(r: Reflection) -> Reflection:
    """Hidden characters made visible in a fresh record, before anyone else holds it."""
    r.title = clean(r.title)
    r.body = clean(r.body, lines=True)
    if r.tags:
        tags = [clean(t) for t in r.tags]
        r.tags = sorted(tags, key=str.lower) if len(tags) > 1 else tags
    return r


def _window(scope: Scope, goal_id: str | None, private: bool | None) -> q.ReflectionWindow:
    return q.ReflectionWindow(scope.cycle_id, scope.date_from, scope.date_to, goal_id, private)


def _reflections(journal: Journal, scope: Scope) -> tuple[ReflectionStream, int]:
    """The reflections in scope, read while the document is written, and how many private ones
    in its dates were left out (counted by the store, not by a scan here)."""
    shown = _window(scope, scope.goal_id, None if scope.include_private else False)
    if scope.include_private:
        count, hidden = q.count_reflections(journal, shown), 0
    elif scope.goal_id:  # a goal's shareable ones, and every private one in the dates
        count = q.count_reflections(journal, shown)
        hidden = q.count_reflections(journal, _window(scope, None, True))
    else:
        count, hidden = q.count_by_privacy(journal, shown)

    def read() -> Iterator[Reflection]:
        return q.reflections(journal, shown)

    return ReflectionStream(read, count, _cleaned), hidden


def _linked(journal: Journal, scope: Scope) -> Callable[[str], Iterator[Reflection]]:
    """The reflections in scope linked to one goal, oldest first, cleaned as they are read."""
    private = None if scope.include_private else False

    def linked(goal_id: str) -> Iterator[Reflection]:
        return map(_cleaned, q.reflections(journal, _window(scope, goal_id, private)))

    return linked


def _session_lines(journal: Journal, activities: list[Activity]) -> None:
    """Each session's co-facilitators, feedback and materials, onto its record."""
    from ilearn_tui.domain.model import ACTIVITY
    from ilearn_tui.store.session_items import every_line

    by_id = {a.id: a for a in activities}
    names = {lines.part: lines.name for lines in ACTIVITY.lines}
    for activity_id, part, text in every_line(journal):
        activity = by_id.get(activity_id)
        if activity is not None and part in names:
            getattr(activity, names[part]).append(text)


def gather(journal: Journal, scope: Scope) -> Portfolio:
    """The records of ``scope``; private ones (student information, private reflections) out unless asked."""

    def dated(record: type[R]) -> list[R]:
        return list(
            q.dated_rows(
                journal, record, cycle_id=scope.cycle_id, date_from=scope.date_from, date_to=scope.date_to
            )
        )

    def per_cycle(record: type[R]) -> list[R]:
        return list(q.cycle_rows(journal, record, scope.cycle_id))

    goals = per_cycle(Goal)
    if scope.goal_id:
        goals = [g for g in goals if g.id == scope.goal_id]
    goal_ids = {g.id for g in goals}
    questions = [row for row in q.questions(journal) if row.goal_id in goal_ids]
    activities = dated(Activity)
    by_activity: dict[str, list[str]] = {}
    for activity_id, goal_id in q.activity_goal_pairs(journal):
        by_activity.setdefault(activity_id, []).append(goal_id)
    for activity in activities:
        activity.goal_ids = by_activity.get(activity.id, [])
    _session_lines(journal, activities)
    evidence = dated(Evidence)
    # Checks have no cycle of their own: they belong to the cycle of their goal.
    checks = [c for c in dated(Check) if c.goal_id in goal_ids]
    shares = dated(Share)
    left_out = 0
    if not scope.include_private:
        before = len(evidence)
        evidence = [e for e in evidence if not e.student_info]
        left_out = before - len(evidence)
    # Private reflections are skipped while reading (not counted by a second scan of the table).
    reflections, hidden = _reflections(journal, scope)
    left_out += hidden
    if scope.goal_id:
        activities = [a for a in activities if scope.goal_id in a.goal_ids]
        evidence = [e for e in evidence if e.goal_id == scope.goal_id]
    meta = dict(q.meta(journal))
    framework = coverage.framework(journal)
    return Portfolio(
        teacher=meta.get("teacher_name", ""),
        role=meta.get("teacher_role", ""),
        school=meta.get("school", ""),
        cycles=list(q.cycles(journal, scope.cycle_id)),
        visions=per_cycle(Vision),
        outcomes=per_cycle(Outcome),
        interests=per_cycle(Interest),
        goals=goals,
        questions=questions,
        activities=activities,
        innovations=per_cycle(Innovation),
        evidence=evidence,
        checks=checks,
        shares=shares,
        reflections=reflections,
        scope=scope,
        left_out=left_out,
        framework=framework,
        components=coverage.tags_by_item(journal, framework) if framework else {},
        linked=_linked(journal, scope),
    )

"""Typed records handed from the store to the command line, the exports and the screens.

One dataclass per kind of record, whose fields are the columns the record model declares
(``domain.model``) plus a few values gathered from other tables (its declared extras), so a
renderer reads ``goal.title`` and a typo is an error mypy reports, not a ``KeyError`` at export
time. A test holds each class to the declaration. The store builds them in one place
(``store.rows``), selecting exactly :func:`columns` so a row becomes a record positionally.

The records the quick commands need live here; those only the stage screens and the exports
show are in ``domain.stage_records``, so ``ilearn reflect`` and ``ilearn search`` do not pay
for defining them at start-up. The classes the command line and screens used first keep
their field order (their callers build them positionally); the columns they lacked follow,
with defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ilearn_tui.domain.registry import record


@record("cycle")
@dataclass(slots=True)
class Cycle:
    id: str
    title: str
    starts_on: str
    ends_on: str
    created_at: str = ""
    updated_at: str = ""


@record("reflection", "tags")
@dataclass(slots=True)
class Reflection:
    id: str
    date: str
    time: str
    title: str
    body: str
    stage: int | None = None
    private: bool = False
    starred: bool = False
    cycle_id: str | None = None
    created_at: str = ""
    updated_at: str = ""
    tags: list[str] = field(default_factory=list)


@record("question")
@dataclass(slots=True)
class Question:
    id: str
    goal_id: str
    text: str
    created_at: str = ""
    updated_at: str = ""


@record("goal", "questions")
@dataclass(slots=True)
class Goal:
    id: str
    cycle_id: str
    title: str
    why: str = ""
    skills: str = ""
    success_indicators: str = ""
    target_date: str | None = None
    status: str = "open"
    created_at: str = ""
    updated_at: str = ""
    kind: str | None = None
    baseline: str = ""
    target: str = ""
    measure: str = ""
    questions: list[Question] = field(default_factory=list)


@record("activity", "goal_ids", "co_facilitators", "feedback", "materials")
@dataclass(slots=True)
class Activity:
    id: str
    cycle_id: str
    type: str
    title: str
    date: str
    hours: float = 0.0
    credits: float = 0.0
    topic: str = ""
    provider: str = ""
    role: str = "attended"
    status: str = "done"
    collaborators: str = ""
    link: str = ""
    notes: str = ""
    created_at: str = ""
    updated_at: str = ""
    group_id: str | None = None
    attendees: int | None = None
    spun_off_from: str | None = None
    goal_ids: list[str] = field(default_factory=list)
    # A session the teacher led: its lines (``model.ACTIVITY.lines``), gathered from their table.
    co_facilitators: list[str] = field(default_factory=list)
    feedback: list[str] = field(default_factory=list)
    materials: list[str] = field(default_factory=list)


@record("evidence")
@dataclass(slots=True)
class Evidence:
    id: str
    title: str
    kind: str
    date: str
    url: str = ""
    file_name: str = ""
    original_name: str = ""
    sha256: str = ""
    size: int = 0
    student_info: bool = False
    cycle_id: str = ""
    description: str = ""
    goal_id: str | None = None
    question_id: str | None = None
    activity_id: str | None = None
    innovation_id: str | None = None
    created_at: str = ""
    updated_at: str = ""

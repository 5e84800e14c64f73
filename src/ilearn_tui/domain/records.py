"""Typed records handed from the store to the command line, the exports and the screens.

One dataclass per kind of record, whose fields are the columns the record model declares
(``domain.model``) plus a few values gathered from other tables (``EXTRAS``), so a renderer
reads ``goal.title`` and a typo is an error mypy reports, not a ``KeyError`` at export time.
A test holds each class to the declaration. The store builds them in one place
(``store.rows``), selecting exactly :func:`columns` so a row becomes a record positionally.

The classes the command line and screens used first keep their field order (their callers
build them positionally); the columns they lacked follow, with defaults.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from ilearn_tui.domain.model import FREE_TEXT, KINDS


@dataclass(slots=True)
class Cycle:
    id: str
    title: str
    starts_on: str
    ends_on: str
    created_at: str = ""
    updated_at: str = ""


@dataclass(slots=True)
class Vision:
    id: str
    cycle_id: str
    body: str
    school_mission: str
    created_at: str
    updated_at: str


@dataclass(slots=True)
class Outcome:
    id: str
    cycle_id: str
    text: str
    kind: str
    position: int
    created_at: str
    updated_at: str


@dataclass(slots=True)
class Interest:
    id: str
    cycle_id: str
    kind: str
    text: str
    created_at: str
    updated_at: str


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


@dataclass(slots=True)
class Question:
    id: str
    goal_id: str
    text: str
    created_at: str = ""
    updated_at: str = ""


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
    questions: list[Question] = field(default_factory=list)


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
    goal_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Innovation:
    id: str
    cycle_id: str
    question_id: str | None
    kind: str
    title: str
    plan: str
    act: str
    observe: str
    reflect: str
    phase: str
    started_on: str | None
    created_at: str
    updated_at: str

    @property
    def steps(self) -> tuple[tuple[str, str], ...]:
        """(phase, notes) for each phase of the plan–act–observe–reflect cycle, in that order."""
        return (("plan", self.plan), ("act", self.act), ("observe", self.observe), ("reflect", self.reflect))


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


@dataclass(slots=True)
class Check:
    id: str
    goal_id: str
    indicator: str
    rating: int | None
    value: float | None
    note: str
    date: str
    evidence_id: str | None
    created_at: str
    updated_at: str


@dataclass(slots=True)
class Share:
    id: str
    cycle_id: str
    audience: str
    venue: str
    title: str
    date: str
    link: str
    notes: str
    created_at: str
    updated_at: str


@dataclass(slots=True)
class SearchHit:
    kind: str
    id: str
    title: str
    snippet: str
    rank: float
    date: str = ""


# Each record class, by the name of the kind it holds.
RECORD_TYPES: dict[str, type] = {
    "cycle": Cycle,
    "vision": Vision,
    "outcome": Outcome,
    "interest": Interest,
    "goal": Goal,
    "question": Question,
    "activity": Activity,
    "innovation": Innovation,
    "evidence": Evidence,
    "check": Check,
    "share": Share,
    "reflection": Reflection,
}

# Values gathered from other tables, not columns of the record's own: a reflection's tag names,
# a goal's research questions, the ids of the goals an activity is linked to.
EXTRAS: dict[type, tuple[str, ...]] = {
    Reflection: ("tags",),
    Goal: ("questions",),
    Activity: ("goal_ids",),
}


def _columns(record: type) -> tuple[str, ...]:
    extras = EXTRAS.get(record, ())
    return tuple(f.name for f in dataclasses.fields(record) if f.name not in extras)


# Worked out once, at import, for every class: the converters look them up once per query.
_COLUMNS = {cls: _columns(cls) for cls in RECORD_TYPES.values()}
_FREE = {
    cls: tuple(f.name for f in KINDS[name].fields if f.name in FREE_TEXT)
    for name, cls in RECORD_TYPES.items()
}
_FLAGS = {
    cls: tuple(i for i, column in enumerate(_COLUMNS[cls]) if KINDS[name].field(column).type == "flag")
    for name, cls in RECORD_TYPES.items()
}


def columns(record: type) -> tuple[str, ...]:
    """The table columns a record holds, in its field order: what to SELECT to build one."""
    return _COLUMNS[record]


def free_fields(record: type) -> tuple[str, ...]:
    """The record's fields that hold the teacher's own words (redacted, cleaned on export).

    Those the record model's ``FREE_TEXT`` names, in the table's column order, so a pass over
    them meets the words in the order a reader does.
    """
    return _FREE[record]


def flag_positions(record: type) -> tuple[int, ...]:
    """Where in :func:`columns` the 0-or-1 flags are, which the store hands over as ``bool``."""
    return _FLAGS[record]

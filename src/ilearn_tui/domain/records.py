"""Plain records handed from the store to the command line, exports and screens."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Cycle:
    id: str
    title: str
    starts_on: str
    ends_on: str


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
    tags: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Question:
    id: str
    goal_id: str
    text: str


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


@dataclass(slots=True)
class SearchHit:
    kind: str
    id: str
    title: str
    snippet: str
    rank: float
    date: str = ""

"""When each stage counts as begun or complete, and what the teacher might do next.

The rules read only counts of what is recorded in a cycle, so they are easy to test and the
same everywhere (dashboard, stage bar, command line).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ilearn_tui.domain.vocab import STAGES


class Status(Enum):
    NOT_BEGUN = "not begun"
    BEGUN = "begun"
    COMPLETE = "complete"

    @property
    def symbol(self) -> str:
        # Shapes as well as colours, so the status reads without colour.
        return {"not begun": "○", "begun": "◐", "complete": "●"}[self.value]


@dataclass(frozen=True)
class CycleCounts:
    """What a cycle holds, as numbers."""

    vision: int = 0
    outcomes: int = 0
    interests: int = 0
    goals: int = 0
    goals_with_question: int = 0
    activities: int = 0
    activities_done: int = 0
    innovations: int = 0
    evidence: int = 0
    checks: int = 0
    shares: int = 0
    reflections: int = 0


def stage_status(stage: int, c: CycleCounts) -> Status:
    begun, complete = {
        1: (c.outcomes > 0 or c.vision > 0, c.vision > 0),
        2: (c.goals > 0 or c.interests > 0, c.goals_with_question > 0),
        3: (c.activities > 0, c.activities_done > 0),
        4: (c.innovations + c.evidence + c.checks > 0, c.checks > 0 and c.innovations + c.evidence > 0),
        5: (c.shares > 0, c.shares > 0),
    }[stage]
    if complete:
        return Status.COMPLETE
    return Status.BEGUN if begun else Status.NOT_BEGUN


def all_statuses(c: CycleCounts) -> dict[int, Status]:
    return {stage: stage_status(stage, c) for stage in STAGES}


_ADVICE: dict[int, str] = {
    1: "Imagine: write your vision of the learning you want for your students.",
    2: "Inspire: set a goal and ask an action-research question about it.",
    3: "Illuminate: log a workshop, book study, coaching session or PLC that supports your goal.",
    4: "Innovate: try something in class, then record evidence and a progress check.",
    5: "Infiltrate: share what you learnt with colleagues, parents or the wider world.",
}


# What each stage is, for a reader who has never heard of the cycle (a parent, a governor): the
# showcase prints it under the stage's heading, so a word like "Infiltrate" never stands alone.
FOR_READERS: dict[int, str] = {
    1: "Imagine: the difference the teacher wants to make for their students.",
    2: "Inspire: what the teacher chose to learn, and the question about their class they want answered.",
    3: "Illuminate: the courses, reading and time with colleagues where that learning happened.",
    4: "Innovate: what the teacher tried in class because of it, and the evidence of how it went.",
    5: "Infiltrate: how the teacher passed on what they learnt, to colleagues, parents and beyond.",
}

# Where a try-out in class has got to, in the same plain words (the steps are plan, act,
# observe, reflect).
STEP_FOR_READERS: dict[str, str] = {
    "plan": "being planned",
    "act": "being tried in class",
    "observe": "being watched to see how it works",
    "reflect": "being looked back on",
}


def current_stage(c: CycleCounts) -> int:
    """The first stage not yet complete (the cycle is read in order), or 5 when all are."""
    for stage, status in all_statuses(c).items():
        if status is not Status.COMPLETE:
            return stage
    return 5


def next_step(c: CycleCounts, *, how_to_reflect: str = "") -> str:
    """What to do next, in the stage's words; each UI says how it writes a reflection."""
    statuses = all_statuses(c)
    if all(s is Status.COMPLETE for s in statuses.values()):
        return "Every stage has work in it: reflect on the year, or start the next cycle."
    advice = _ADVICE[current_stage(c)]
    if c.reflections == 0:
        advice += " Then write a first reflection" + (f" ({how_to_reflect})." if how_to_reflect else ".")
    return advice

"""The records only the stage screens and the exports show: visions, outcomes, interests,
innovations, progress checks and shares.

Kept apart from ``domain.records`` (which registers them too) so the quick commands never
define them; see that module for the rules every record follows.
"""

from __future__ import annotations

from dataclasses import dataclass

from ilearn_tui.domain.registry import record


@record("vision")
@dataclass(slots=True)
class Vision:
    id: str
    cycle_id: str
    body: str
    school_mission: str
    created_at: str
    updated_at: str


@record("outcome")
@dataclass(slots=True)
class Outcome:
    id: str
    cycle_id: str
    text: str
    kind: str
    position: int
    created_at: str
    updated_at: str


@record("interest")
@dataclass(slots=True)
class Interest:
    id: str
    cycle_id: str
    kind: str
    text: str
    created_at: str
    updated_at: str


@record("innovation")
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


@record("check")
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


@record("share")
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
    group_id: str | None = None


def record_types() -> dict[str, type]:
    """Every record class, by the name of the kind it holds (both modules' classes registered)."""
    import ilearn_tui.domain.records  # noqa: F401  (registers its classes)
    from ilearn_tui.domain.registry import registered

    return registered()

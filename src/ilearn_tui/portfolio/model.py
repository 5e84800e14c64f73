"""The records one export shows, collected for one scope: the shape every renderer reads.

Kept apart from the code that fills it (``gather``) and the passes over it (``sanitize``,
``redaction``) so that each of those imports this module and none imports another.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Row = dict[str, Any]


@dataclass
class Scope:
    """What one export covers: a cycle, a goal, a date range, and whether private records go in."""

    cycle_id: str | None = None
    goal_id: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    include_private: bool = False


@dataclass
class Portfolio:
    """Every record one document shows, already scoped, with private ones left out unless asked."""

    teacher: str
    role: str
    school: str
    cycles: list[Row]
    visions: list[Row]
    outcomes: list[Row]
    interests: list[Row]
    goals: list[Row]
    questions: list[Row]
    activities: list[Row]
    innovations: list[Row]
    evidence: list[Row]
    checks: list[Row]
    shares: list[Row]
    reflections: list[Row]
    scope: Scope
    left_out: int = 0
    redactions: dict[str, int] = field(default_factory=dict)

    @property
    def record_lists(self) -> tuple[list[Row], ...]:
        """Every list of records but the reflections, which are most of a big journal and hot-looped."""
        return (
            self.cycles,
            self.visions,
            self.outcomes,
            self.interests,
            self.goals,
            self.questions,
            self.activities,
            self.innovations,
            self.evidence,
            self.checks,
            self.shares,
        )

    def vision_heading(self, vision: Row) -> str:
        """"My vision", named by its cycle when the portfolio holds more than one."""
        if len(self.visions) < 2:
            return "My vision"
        title = next((c["title"] for c in self.cycles if c["id"] == vision["cycle_id"]), "")
        return f"My vision, {title}" if title else "My vision"

    @property
    def date_range(self) -> tuple[str, str]:
        if self.scope.date_from or self.scope.date_to:
            return self.scope.date_from or "…", self.scope.date_to or "…"
        if self.cycles:
            return min(c["starts_on"] for c in self.cycles), max(c["ends_on"] for c in self.cycles)
        return "", ""


# The free-text facts a goal shows under its title, in every format.
GOAL_FACTS = (("Why", "why"), ("Skills", "skills"), ("Success looks like", "success_indicators"))

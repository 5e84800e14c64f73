"""The records one export shows, collected for one scope: the shape every renderer reads.

Kept apart from the code that fills it (``gather``) and the passes over it (``sanitize``,
``redaction``) so that each of those imports this module and none imports another. Its lists
hold the typed records of ``domain.records``, so a renderer reads ``goal.title``, never a key.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from ilearn_tui.domain.frameworks import Framework
from ilearn_tui.domain.records import Activity, Cycle, Evidence, Goal, Question, Reflection
from ilearn_tui.domain.registry import free_fields
from ilearn_tui.domain.stage_records import Check, Innovation, Interest, Outcome, Share, Vision
from ilearn_tui.domain.totals import Totals, of_activities

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

R = TypeVar("R", bound="DataclassInstance")


class Reflections(Protocol):
    """What a renderer needs of the reflections: one pass in order, and how many there are.

    A list serves (tests, small cuts); an export passes a :class:`ReflectionStream`.
    """

    def __iter__(self) -> Iterator[Reflection]: ...

    def __len__(self) -> int: ...


Step = Callable[[Reflection], Reflection]


def _same(r: Reflection) -> Reflection:
    return r


class ReflectionStream:
    """Reflections read from the journal afresh at each pass, each one cleaned as it goes by.

    A big journal is mostly reflections; holding them all would make an export's memory grow
    with the journal. ``read`` opens a new query; ``step`` is what every reflection goes
    through before a renderer sees it (hidden characters shown, names redacted).
    """

    def __init__(self, read: Callable[[], Iterator[Reflection]], count: int, step: Step = _same) -> None:
        self._read, self._count, self.step = read, count, step

    def __iter__(self) -> Iterator[Reflection]:
        return map(self.step, self._read())  # no generator of our own between reader and rows

    def __len__(self) -> int:
        return self._count

    def then(self, after: Step) -> ReflectionStream:
        """The same reflections, each also passed through ``after``."""
        before = self.step
        return ReflectionStream(self._read, self._count, lambda r: after(before(r)))


def _none_linked(goal_id: str) -> Iterator[Reflection]:
    return iter(())


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
    cycles: list[Cycle]
    visions: list[Vision]
    outcomes: list[Outcome]
    interests: list[Interest]
    goals: list[Goal]
    questions: list[Question]
    activities: list[Activity]
    innovations: list[Innovation]
    evidence: list[Evidence]
    checks: list[Check]
    shares: list[Share]
    reflections: Reflections
    scope: Scope
    left_out: int = 0
    redactions: dict[str, int] = field(default_factory=dict)
    framework: Framework | None = None  # the evaluation framework the items are tagged with
    components: dict[str, list[str]] = field(default_factory=dict)  # item id -> its codes
    # The reflections linked to one goal, oldest first, cleaned like ``reflections``.
    linked: Callable[[str], Iterator[Reflection]] = _none_linked
    _summed: tuple[list[Activity], Totals] | None = field(default=None, repr=False, compare=False)

    def summed(self) -> Totals:
        """The activities' totals, summed once for every section that shows them (a list put
        in place of ``activities``, say by a pass that rewrites records, is summed afresh)."""
        if self._summed is None or self._summed[0] is not self.activities:
            self._summed = (self.activities, of_activities(self.activities))
        return self._summed[1]

    def rewrite_records(self, text: Callable[[str], str]) -> None:
        """Every free-text field of every record but the reflections passed through ``text``.

        The reflections are most of a big journal and are hot-looped by their own passes.
        """
        self.cycles = rewritten(self.cycles, text)
        self.visions = rewritten(self.visions, text)
        self.outcomes = rewritten(self.outcomes, text)
        self.interests = rewritten(self.interests, text)
        self.goals = rewritten(self.goals, text)
        self.questions = rewritten(self.questions, text)
        self.activities = rewritten(self.activities, text)
        self.innovations = rewritten(self.innovations, text)
        self.evidence = rewritten(self.evidence, text)
        self.checks = rewritten(self.checks, text)
        self.shares = rewritten(self.shares, text)

    def vision_heading(self, vision: Vision) -> str:
        """ "My vision", named by its cycle when the portfolio holds more than one."""
        if len(self.visions) < 2:
            return "My vision"
        title = next((c.title for c in self.cycles if c.id == vision.cycle_id), "")
        return f"My vision, {title}" if title else "My vision"

    @property
    def date_range(self) -> tuple[str, str]:
        if self.scope.date_from or self.scope.date_to:
            return self.scope.date_from or "…", self.scope.date_to or "…"
        if self.cycles:
            return min(c.starts_on for c in self.cycles), max(c.ends_on for c in self.cycles)
        return "", ""


def changed(record: R, text: Callable[[str], str]) -> R:
    """``record`` with its free-text fields passed through ``text``; itself when none changes.

    The fields come from the record model's ``FREE_TEXT``; a copy is made only for a record
    that ``text`` actually changes, so a pass that finds nothing costs no allocation.
    """
    changes: dict[str, Any] = {}
    for name in free_fields(type(record)):
        value = getattr(record, name)
        if value:
            new = [text(line) for line in value] if isinstance(value, list) else text(value)
            if new != value:
                changes[name] = new
    return dataclasses.replace(record, **changes) if changes else record


def rewritten(records: list[R], text: Callable[[str], str]) -> list[R]:
    return [changed(record, text) for record in records]


def questions_by_goal(questions: list[Question]) -> dict[str, list[Question]]:
    """Each goal's research questions, in their order: one pass, not a scan of all per goal."""
    found: dict[str, list[Question]] = {}
    for question in questions:
        found.setdefault(question.goal_id, []).append(question)
    return found


def goal_facts(goal: Goal) -> tuple[tuple[str, str], ...]:
    """The facts a goal shows under its title, in every format: (label, text), SMART parts first."""
    from ilearn_tui.domain.smart import kind_label

    return (
        ("Kind", kind_label(goal.kind)),
        ("Baseline", goal.baseline),
        ("Target", goal.target),
        ("Measure", goal.measure),
        ("Why", goal.why),
        ("Skills", goal.skills),
        ("Success looks like", goal.success_indicators),
    )


EXCERPT_WIDTH = 160


def without_title(body: str, title: str) -> str:
    """The body without a first-line heading that only repeats the reflection's title."""
    if body.startswith("#"):
        first, _, rest = body.partition("\n")
        if first.lstrip("#").strip() == title.strip() and title.strip():
            return rest
    return body

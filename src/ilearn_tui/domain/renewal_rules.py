"""The shape of a licence-renewal rule: a total, category minimums, caps and conversions.

Kept apart from the presets (``renewal_presets``, data only) and from the arithmetic over a
teacher's activities (``renewal``), so that each state's rule reads as a short declaration and
every conversion or cap is one method with its own test.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ilearn_tui.domain.text import topic_key

# Every preset was read against its source on this day (the research notes say so).
CHECKED_ON = "2026-12-01"


@dataclass(frozen=True)
class Category:
    """A topic area with its own minimum; ``short`` names it in "still unmet" lines."""

    key: str
    label: str
    minimum: float = 0.0
    short: str = ""

    @property
    def name(self) -> str:
        return self.short or self.label


@dataclass(frozen=True)
class Cap:
    """At most ``share`` of the required total may come from one kind of activity.

    The kind is matched by the activity's type or its role (a presenter "facilitated"), as
    a state's wording ("presenting", "independent study") does not map to one field.
    """

    label: str
    share: float
    types: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()

    def applies(self, activity_type: str, role: str) -> bool:
        return activity_type in self.types or role in self.roles

    def limit(self, amount: float) -> float:
        """The most units this kind may count toward a requirement of ``amount``."""
        return self.share * amount


@dataclass(frozen=True)
class Requirement:
    key: str
    name: str
    units: str
    amount: float
    years: int
    categories: tuple[Category, ...] = ()
    topic_minimum: float = 0.0  # each topic must reach this many units to count at all
    source: str = ""
    hour_rate: float = 1.0  # units per clock hour
    semester_credit_rate: float = 15.0  # units per university semester credit
    checked_on: str = ""
    confirm: str = ""  # what to confirm with the district, where the sources are secondary
    caps: tuple[Cap, ...] = ()
    per_extra_licence: float = 0.0  # units added for each additional licence held
    rolling: bool = False  # the period starts again on each anniversary (an annual rule)
    track_only: bool = False  # no units required: the teacher tracks her learning for herself
    checklist: tuple[str, ...] = ()  # one-off trainings to do, not counted in units
    # Who asks for a goal of each kind (student learning, professional practice) every cycle:
    # the state's educator evaluation, which a teacher renewing there is also under.
    goal_kinds_asked_by: str = ""
    notes: tuple[str, ...] = ()  # how units convert, as the source words it

    def category(self, topic: str) -> Category | None:
        """The category a topic counts toward: its key ("sei") or its label, in any case."""
        wanted = topic_key(topic)
        return next((c for c in self.categories if wanted in (c.key, topic_key(c.label))), None)

    def from_hours(self, hours: float) -> float:
        """Clock hours in the rule's units (NC: 10 hours make one renewal credit)."""
        return hours * self.hour_rate

    def from_semester_hours(self, semester_hours: float) -> float:
        """University semester hours in the rule's units (PA: 1 credit = 30 hours)."""
        return semester_hours * self.semester_credit_rate

    def with_extra_licences(self, count: int) -> Requirement:
        """The requirement for a teacher holding ``count`` more licences (MA: +30 PDPs each)."""
        if count < 0:
            raise ValueError("the number of additional licences must be 0 or more")
        if count and not self.per_extra_licence:
            raise ValueError(f"{self.key} asks nothing more for additional licences")
        return replace(self, amount=self.amount + count * self.per_extra_licence)

    def asks(self) -> str:
        """What the rule asks, never "0 of 0" for a rule without hours (California)."""
        if self.track_only:
            return f"no hours required, renews every {self.years} years: track for yourself"
        every = "every year" if self.years == 1 else f"every {self.years} years"
        return f"{self.amount:g} {self.units} {every}"

    def summary(self) -> str:
        """One line: the rule's name and what it asks."""
        return f"{self.name}: {self.asks()}"

"""Licence-renewal requirements: presets for several states, a custom one, and the arithmetic.

Rules change; each preset names its source so a teacher can check it. Nothing here needs the
network: the figures are the published headline rules, summarised.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ilearn_tui.domain.text import in_calendar, topic_key

MAX_YEARS = 20  # licence periods run 1 to 10 years; twice the longest still fits any calendar
MAX_AMOUNT = 1_000_000.0


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    minimum: float = 0.0


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

    def category(self, topic: str) -> Category | None:
        """The category a topic counts toward: its key ("sei") or its label, in any case."""
        wanted = topic_key(topic)
        return next((c for c in self.categories if wanted in (c.key, topic_key(c.label))), None)


PRESETS: dict[str, Requirement] = {
    r.key: r
    for r in (
        Requirement(
            "MA",
            "Massachusetts professional licence",
            "PDPs",
            150,
            5,
            (
                Category("sei", "SEI, ESL or bilingual education", 15),
                Category("swd", "Students with disabilities / diverse learners", 15),
                Category("content", "Content knowledge", 15),
                Category("pedagogy", "Pedagogy", 15),
            ),
            topic_minimum=10,
            source="https://www.doe.mass.edu/licensing/academic-prek12/renewal/",
        ),
        Requirement(
            "NY",
            "New York professional certificate (CTLE)",
            "CTLE hours",
            100,
            5,
            (Category("ell", "English language learners (15%)", 15),),
            source="https://www.highered.nysed.gov/tcert/resteachers/ctle.html",
        ),
        Requirement(
            "TX",
            "Texas standard certificate (CPE)",
            "CPE hours",
            150,
            5,
            source="https://tea.texas.gov/texas-educators/certification/renewing-and-maintaining-certification",
        ),
        Requirement(
            "IL",
            "Illinois professional educator licence",
            "hours",
            120,
            5,
            source="https://www.isbe.net/Pages/Professional-Development.aspx",
        ),
        Requirement(
            "VA",
            "Virginia renewable licence",
            "points",
            180,
            5,
            source="https://www.doe.virginia.gov/teaching-learning-assessment/teaching-in-virginia/licensure",
        ),
    )
}


def custom_requirement(
    units: str,
    amount: float,
    years: int,
    minimums: dict[str, float] | None = None,
    topic_minimum: float = 0.0,
    hour_rate: float = 1.0,
    semester_credit_rate: float = 15.0,
) -> Requirement:
    """A requirement a district or country defines itself."""
    numbers = [amount, topic_minimum, hour_rate, semester_credit_rate, *(minimums or {}).values()]
    if not all(math.isfinite(n) for n in numbers):
        raise ValueError("every amount must be a finite number (not nan or infinity)")
    if amount <= 0 or amount > MAX_AMOUNT:
        raise ValueError(f"the amount must be more than 0 and at most {MAX_AMOUNT:,}")
    if not 1 <= years <= MAX_YEARS:
        raise ValueError(f"the period must be 1 to {MAX_YEARS} years, not {years:,}")
    if topic_minimum < 0 or hour_rate <= 0 or semester_credit_rate <= 0:
        raise ValueError("the topic minimum must be 0 or more, and the rates more than 0")
    categories = tuple(Category(topic_key(k), k, v) for k, v in (minimums or {}).items())
    if any(c.minimum < 0 for c in categories) or sum(c.minimum for c in categories) > amount:
        raise ValueError("category minimums must be 0 or more and fit inside the total")
    return Requirement(
        "custom",
        "Custom requirement",
        units,
        amount,
        years,
        categories,
        topic_minimum,
        hour_rate=hour_rate,
        semester_credit_rate=semester_credit_rate,
    )


@dataclass(frozen=True)
class Counted:
    """One done activity as the renewal arithmetic sees it."""

    id: str
    title: str
    topic: str
    hours: float
    credits: float
    has_certificate: bool

    def units(self, rule: Requirement) -> float:
        """Credits as entered, else clock hours converted by the rule."""
        return self.credits if self.credits > 0 else self.hours * rule.hour_rate


@dataclass
class Progress:
    requirement: Requirement
    period_start: date
    period_end: date
    total: float = 0.0
    by_category: dict[str, float] = field(default_factory=dict)
    by_topic: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def remaining(self) -> float:
        """What must still be earned: the total, or the category shortfalls if they need more.

        Units that fit no category count toward the total only, so a teacher past the total
        can still owe every category minimum.
        """
        short = sum(
            max(0.0, c.minimum - self.by_category.get(c.key, 0.0)) for c in self.requirement.categories
        )
        return max(0.0, self.requirement.amount - self.total, short)

    @property
    def done_share(self) -> float:
        """How much of the requirement is met, 0 to 1: full only when nothing remains."""
        return max(0.0, min(1.0, 1 - self.remaining / self.requirement.amount))

    def days_left(self, today: date) -> int:
        return (self.period_end - today).days


def _count(n: int) -> str:
    return "1 activity" if n == 1 else f"{n} activities"


def period_end(start: date, years: int) -> date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # a period starting on 29 February
        return start.replace(year=start.year + years, day=28)


def progress(rule: Requirement, period_start: date, activities: list[Counted], today: date) -> Progress:
    """Totals against the rule, with a warning for everything that does not count yet."""
    result = Progress(rule, period_start, period_end(period_start, rule.years))
    uncertified: list[str] = []
    for item in activities:
        units = item.units(rule)
        topic = topic_key(item.topic)
        result.by_topic[topic] = result.by_topic.get(topic, 0.0) + units
        if units > 0 and not item.has_certificate:
            uncertified.append(f"“{item.title}”")
    if uncertified:
        # One line, not one per activity: a career's worth would bury every other warning.
        named = ", ".join(uncertified[:3]) + (
            f" and {len(uncertified) - 3} more" if len(uncertified) > 3 else ""
        )
        result.warnings.append(f"no certificate or record attached to {_count(len(uncertified))}: {named}")
    for topic, units in result.by_topic.items():
        counts = units >= rule.topic_minimum
        if not counts:
            result.warnings.append(
                f"topic “{topic}” has {units:g} {rule.units}; a topic counts from {rule.topic_minimum:g}"
            )
            continue
        result.total += units
        category = rule.category(topic)
        if category is not None:
            result.by_category[category.key] = result.by_category.get(category.key, 0.0) + units
    for category in rule.categories:
        have = result.by_category.get(category.key, 0.0)
        if have < category.minimum:
            result.warnings.append(
                f"{category.label}: {have:g} of at least {category.minimum:g} {rule.units}"
            )
    days = result.days_left(today)
    if days < 0:
        result.warnings.append(f"the renewal period ended {-days} days ago")
    elif result.remaining > 0 and days < 365:
        result.warnings.append(f"{result.remaining:g} {rule.units} to go and {days} days left")
    return result


def from_config(config: dict[str, Any]) -> tuple[Requirement, date]:
    """The requirement and period start stored in settings; ValueError says what is wrong."""
    try:
        start = date.fromisoformat(str(config["start"]))
        key = str(config["preset"])
        if key == "custom":
            rule = custom_requirement(
                str(config["units"]),
                float(config["amount"]),
                int(config["years"]),
                {str(k): float(v) for k, v in dict(config.get("minimums", {})).items()},
                float(config.get("topic_minimum", 0)),
                float(config.get("hour_rate", 1)),
                float(config.get("semester_credit_rate", 15)),
            )
        else:
            base = PRESETS[key]
            rule = Requirement(
                base.key,
                base.name,
                base.units,
                base.amount,
                base.years,
                base.categories,
                base.topic_minimum,
                base.source,
                float(config.get("hour_rate", base.hour_rate)),
                float(config.get("semester_credit_rate", base.semester_credit_rate)),
            )
    except KeyError as exc:
        raise ValueError(f"missing {exc}") from exc
    except (TypeError, OverflowError) as exc:
        raise ValueError(str(exc)) from exc
    if not all(math.isfinite(n) for n in (rule.hour_rate, rule.semester_credit_rate)):
        raise ValueError("every rate must be a finite number (not nan or infinity)")
    in_calendar(start)
    in_calendar(period_end(start, rule.years))  # the whole period must be a date the app can use
    return rule, start

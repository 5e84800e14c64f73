"""Licence-renewal arithmetic: a teacher's done activities against a preset or a custom rule.

The rules' shape is ``renewal_rules``; the thirteen states' presets are data in
``renewal_presets``, each with its source and the day it was checked. Nothing here needs the
network.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from ilearn_tui.domain.renewal_presets import PRESETS, STATES
from ilearn_tui.domain.renewal_rules import Cap, Category, Requirement
from ilearn_tui.domain.text import in_calendar, plural, topic_key

__all__ = [
    "MAX_AMOUNT",
    "MAX_YEARS",
    "PRESETS",
    "STATES",
    "Cap",
    "Category",
    "Counted",
    "Progress",
    "Requirement",
    "current_start",
    "custom_requirement",
    "from_config",
    "period_end",
    "progress",
]

MAX_YEARS = 20  # licence periods run 1 to 10 years; twice the longest still fits any calendar
MAX_AMOUNT = 1_000_000.0


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
    type: str = ""
    role: str = ""

    def units(self, rule: Requirement) -> float:
        """Credits as entered, else clock hours converted by the rule."""
        return self.credits if self.credits > 0 else rule.from_hours(self.hours)


@dataclass
class Progress:
    requirement: Requirement
    period_start: date
    period_end: date
    total: float = 0.0
    by_category: dict[str, float] = field(default_factory=dict)
    by_topic: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    capped: dict[str, float] = field(default_factory=dict)  # a cap's label: the units it left out

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
        if self.requirement.amount <= 0:
            return 1.0
        return max(0.0, min(1.0, 1 - self.remaining / self.requirement.amount))

    def short_categories(self) -> list[tuple[Category, float]]:
        """Each category short of its minimum, with what is done of it, in the rule's order."""
        done = [(c, self.by_category.get(c.key, 0.0)) for c in self.requirement.categories]
        return [(c, have) for c, have in done if have < c.minimum]

    def unmet(self) -> list[str]:
        """Each rule still unmet, named with what is done of it ("SEI/ESL: 5 of 15 PDPs").

        A rule without hours (California) has nothing to meet: the list is empty rather
        than a "0 of 0".
        """
        rule = self.requirement
        if rule.track_only:
            return []
        lines = [f"{c.name}: {have:g} of {c.minimum:g} {rule.units}" for c, have in self.short_categories()]
        if self.total < rule.amount:
            lines.append(f"Total: {self.total:g} of {rule.amount:g} {rule.units}")
        return lines

    def days_left(self, today: date) -> int:
        return (self.period_end - today).days


def period_end(start: date, years: int) -> date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # a period starting on 29 February
        return start.replace(year=start.year + years, day=28)


def current_start(rule: Requirement, start: date, today: date) -> date:
    """The start of the period ``today`` falls in: for an annual rule (NJ), this year's.

    A fixed-period rule keeps the start the teacher gave, so an ended period still shows
    as ended instead of quietly starting again.
    """
    if not rule.rolling:
        return start
    while period_end(start, rule.years) <= today:
        start = period_end(start, rule.years)
    return start


def _apply_caps(rule: Requirement, activities: list[Counted]) -> tuple[list[float], dict[str, float]]:
    """Each activity's units after the caps, in date order, and what each cap left out."""
    used = {cap.label: 0.0 for cap in rule.caps}
    left_out: dict[str, float] = {}
    counted: list[float] = []
    for item in activities:
        units = item.units(rule)
        for cap in rule.caps:
            if cap.applies(item.type, item.role):
                room = max(0.0, cap.limit(rule.amount) - used[cap.label])
                allowed = min(units, room)
                used[cap.label] += allowed
                if allowed < units:
                    left_out[cap.label] = left_out.get(cap.label, 0.0) + units - allowed
                units = allowed
        counted.append(units)
    return counted, left_out


def progress(rule: Requirement, period_start: date, activities: list[Counted], today: date) -> Progress:
    """Totals against the rule, with a warning for everything that does not count yet."""
    result = Progress(rule, period_start, period_end(period_start, rule.years))
    uncertified: list[str] = []
    counted, result.capped = _apply_caps(rule, activities)
    for item, units in zip(activities, counted, strict=True):
        topic = topic_key(item.topic)
        result.by_topic[topic] = result.by_topic.get(topic, 0.0) + units
        if units > 0 and not item.has_certificate:
            uncertified.append(f"“{item.title}”")
    if uncertified:
        # One line, not one per activity: a career's worth would bury every other warning.
        named = ", ".join(uncertified[:3]) + (
            f" and {len(uncertified) - 3} more" if len(uncertified) > 3 else ""
        )
        how_many = plural(len(uncertified), "activity", "activities")
        result.warnings.append(f"no certificate or record attached to {how_many}: {named}")
    for cap in rule.caps:
        if cap.label in result.capped:
            result.warnings.append(
                f"{cap.label}: {result.capped[cap.label]:g} {rule.units} left out; at most "
                f"{cap.share:.0%} of {rule.amount:g} ({cap.limit(rule.amount):g}) counts"
            )
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
    # A category short of its minimum is not a warning: ``unmet`` names it, once.
    days = result.days_left(today)
    if days < 0:
        result.warnings.append(f"the renewal period ended {plural(-days, 'day')} ago")
    elif result.remaining > 0 and days < 365 and not rule.rolling:
        result.warnings.append(f"{result.remaining:g} {rule.units} to go and {plural(days, 'day')} left")
    elif result.remaining > 0 and rule.rolling:
        left = plural(days, "day")
        result.warnings.append(f"{result.remaining:g} {rule.units} to go this year; {left} left")
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
            rule = replace(
                base,
                hour_rate=float(config.get("hour_rate", base.hour_rate)),
                semester_credit_rate=float(config.get("semester_credit_rate", base.semester_credit_rate)),
            ).with_extra_licences(int(config.get("extra_licences", 0)))
    except KeyError as exc:
        raise ValueError(f"missing {exc}") from exc
    except (TypeError, OverflowError) as exc:
        raise ValueError(str(exc)) from exc
    if not all(math.isfinite(n) for n in (rule.hour_rate, rule.semester_credit_rate)):
        raise ValueError("every rate must be a finite number (not nan or infinity)")
    in_calendar(start)
    in_calendar(period_end(start, rule.years))  # the whole period must be a date the app can use
    return rule, start

"""SMART(IE) goals: how a goal's kind reads, and the gentle checks an evaluator would make.

The checks never block a save: a teacher may write the goal first and the measure later.
They are one rule here so the command line, the app's form, ``ilearn status`` and the
review packet word them alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ilearn_tui.domain import vocab

if TYPE_CHECKING:
    from ilearn_tui.domain.renewal_rules import Requirement

KIND_LABELS = {"student-learning": "Student learning", "professional-practice": "Professional practice"}
assert tuple(KIND_LABELS) == vocab.GOAL_KINDS


def kind_label(kind: str | None) -> str:
    return KIND_LABELS.get(kind or "", "")


def gaps(measure: str, by: str | None) -> list[str]:
    """What a goal lacks to be measurable and time-bound ("no measure", "no date")."""
    missing = []
    if not measure.strip():
        missing.append("no measure")
    if not (by or "").strip():
        missing.append("no date")
    return missing


def gap_hint(measure: str, by: str | None) -> str:
    """One sentence for a goal without a measure or a date; empty when it has both."""
    missing = gaps(measure, by)
    if not missing:
        return ""
    return f"this goal has {' and '.join(missing)} yet: a SMART goal says how you will know, and by when"


def missing_kinds(kinds: Iterable[str | None]) -> list[str]:
    """The goal kinds a cycle has none of, as labels (Massachusetts asks for one of each)."""
    have = set(kinds)
    return [KIND_LABELS[k].lower() for k in vocab.GOAL_KINDS if k not in have]


def missing_kinds_note(kinds: Iterable[str | None], rule: Requirement | None) -> str:
    """A sentence for a cycle short of a kind of goal, when the teacher's rule asks for both.

    Only a state whose evaluation asks for one of each (Massachusetts) says so: a teacher
    elsewhere, or with no renewal rule chosen, is not told of another state's requirement.
    """
    asked_by = rule.goal_kinds_asked_by if rule is not None else ""
    missing = missing_kinds(kinds) if asked_by else []
    if not missing:
        return ""
    return (
        f"No {' or '.join(missing)} goal in this cycle yet; {asked_by} asks for at least one "
        "student-learning and one professional-practice goal per cycle"
    )

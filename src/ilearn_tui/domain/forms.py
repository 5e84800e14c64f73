"""What each kind of record asks for, and how typed answers become valid values.

Screens build their forms from these specs and show the returned errors inline; the rules
stay here so the command line, imports and screens agree on what is valid.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Literal

from ilearn_tui.domain import vocab
from ilearn_tui.domain.text import default_status, parse_day

FieldType = Literal["text", "long", "choice", "date", "number", "flag", "ref", "refs", "rating"]


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    type: FieldType = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    ref_kind: str = ""  # for ref/refs: the kind of record pointed at
    link_table: str = ""  # for refs: the table that holds the links
    placeholder: str = ""


@dataclass(frozen=True)
class RecordKind:
    name: str
    noun: str
    table: str
    stage: int
    title_field: str
    fields: tuple[FieldSpec, ...]
    columns: tuple[str, ...]  # shown in the stage screen's table
    per_cycle: bool = True
    parent_field: str = ""  # e.g. a question belongs to a goal, not directly to a cycle
    help: str = ""

    def field(self, name: str) -> FieldSpec:
        return next(f for f in self.fields if f.name == name)


def _f(name: str, label: str, type_: FieldType = "text", **kw: object) -> FieldSpec:
    return FieldSpec(name, label, type_, **kw)  # type: ignore[arg-type]


KINDS: dict[str, RecordKind] = {
    k.name: k
    for k in (
        RecordKind(
            "vision",
            "vision",
            "visions",
            1,
            "body",
            (
                _f("body", "My vision (Markdown)", "long", required=True),
                _f("school_mission", "School mission or vision (paste it here)", "long"),
            ),
            ("body",),
            help="One vision per cycle; revise it as your thinking grows.",
        ),
        RecordKind(
            "outcome",
            "student outcome",
            "outcomes",
            1,
            "text",
            (
                _f("text", "What should students know, do or be?", required=True),
                _f("kind", "Kind", "choice", required=True, choices=vocab.OUTCOME_KINDS),
            ),
            ("text", "kind"),
        ),
        RecordKind(
            "interest",
            "interest or expertise",
            "interests",
            2,
            "text",
            (
                _f("kind", "Learn or share?", "choice", required=True, choices=vocab.INTEREST_KINDS),
                _f("text", "What", required=True),
            ),
            ("kind", "text"),
        ),
        RecordKind(
            "goal",
            "goal",
            "goals",
            2,
            "title",
            (
                _f("title", "Goal", required=True),
                _f("why", "Why it matters for students", "long"),
                _f("skills", "Skills it addresses"),
                _f("success_indicators", "What success will look like", "long"),
                _f("target_date", "Target date", "date"),
                _f("status", "Status", "choice", required=True, choices=vocab.GOAL_STATUSES),
                _f(
                    "outcomes",
                    "Student outcomes it serves",
                    "refs",
                    ref_kind="outcome",
                    link_table="goal_outcomes",
                ),
            ),
            ("title", "status", "target_date"),
        ),
        RecordKind(
            "question",
            "research question",
            "questions",
            2,
            "text",
            (
                _f("goal_id", "Goal", "ref", required=True, ref_kind="goal"),
                _f("text", "Action-research question", required=True),
            ),
            ("text", "goal_id"),
            per_cycle=False,
            parent_field="goal_id",
        ),
        RecordKind(
            "activity",
            "learning activity",
            "activities",
            3,
            "title",
            (
                _f("type", "Type", "choice", required=True, choices=tuple(vocab.ACTIVITY_TYPES)),
                _f("title", "Title", required=True),
                _f("date", "Date", "date", required=True),
                _f("hours", "Hours", "number"),
                _f("credits", "Credits (PDPs/CEUs)", "number"),
                _f("topic", "Topic or category"),
                _f("provider", "Provider or facilitator"),
                _f("collaborators", "Collaborators"),
                _f("link", "Link"),
                _f("role", "Role", "choice", required=True, choices=vocab.ACTIVITY_ROLES),
                _f("status", "Planned or done", "choice", required=True, choices=vocab.ACTIVITY_STATUSES),
                _f("notes", "Notes", "long"),
                _f("goals", "Goals it supports", "refs", ref_kind="goal", link_table="activity_goals"),
            ),
            ("date", "type", "title", "hours", "status"),
        ),
        RecordKind(
            "innovation",
            "innovation",
            "innovations",
            4,
            "title",
            (
                _f("title", "Title", required=True),
                _f("kind", "Kind", "choice", required=True, choices=vocab.INNOVATION_KINDS),
                _f("question_id", "Research question", "ref", ref_kind="question"),
                _f("phase", "Phase", "choice", required=True, choices=vocab.INNOVATION_PHASES),
                _f("started_on", "Started", "date"),
                _f("plan", "Plan", "long"),
                _f("act", "Act", "long"),
                _f("observe", "Observe", "long"),
                _f("reflect", "Reflect", "long"),
            ),
            ("title", "kind", "phase"),
        ),
        RecordKind(
            "evidence",
            "evidence",
            "evidence",
            4,
            "title",
            (
                _f("title", "Title", required=True),
                _f("kind", "Kind", "choice", required=True, choices=vocab.EVIDENCE_KINDS),
                _f("date", "Date", "date", required=True),
                _f("url", "Link (https://…), or a file path to copy in"),
                _f("description", "Description", "long"),
                _f("student_info", "Contains student information (kept out of shared exports)", "flag"),
                _f("goal_id", "Goal", "ref", ref_kind="goal"),
                _f("question_id", "Research question", "ref", ref_kind="question"),
                _f("activity_id", "Activity", "ref", ref_kind="activity"),
            ),
            ("date", "title", "kind", "student_info"),
            help="A file path is copied into your journal (under its hash); a link is kept as a link.",
        ),
        RecordKind(
            "check",
            "progress check",
            "checks",
            4,
            "indicator",
            (
                _f("goal_id", "Goal", "ref", required=True, ref_kind="goal"),
                _f("indicator", "Indicator", "choice", required=True, choices=vocab.INDICATOR_KINDS),
                _f("rating", "Self-rating 1–5", "rating"),
                _f("value", "Or a measured value", "number"),
                _f("date", "Date", "date", required=True),
                _f("note", "Note", "long"),
                _f("evidence_id", "Evidence", "ref", ref_kind="evidence"),
            ),
            ("date", "goal_id", "indicator", "rating", "value"),
            per_cycle=False,
            parent_field="goal_id",
        ),
        RecordKind(
            "share",
            "share",
            "shares",
            5,
            "title",
            (
                _f("audience", "Audience", "choice", required=True, choices=vocab.SHARE_AUDIENCES),
                _f("title", "Title", required=True),
                _f("venue", "Where (PLC, showcase, blog, conference…)"),
                _f("date", "Date", "date", required=True),
                _f("link", "Link"),
                _f("notes", "Notes", "long"),
                _f("goals", "Goals it shares", "refs", ref_kind="goal", link_table="share_goals"),
            ),
            ("date", "audience", "title", "venue"),
        ),
    )
}

STAGE_KINDS: dict[int, tuple[str, ...]] = {
    1: ("vision", "outcome"),
    2: ("interest", "goal", "question"),
    3: ("activity",),
    4: ("innovation", "evidence", "check"),
    5: ("share",),
}

MAX_TEXT = 20_000


@dataclass
class Cleaned:
    values: dict[str, object] = field(default_factory=dict)
    links: dict[str, list[str]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def clean(kind: RecordKind, raw: dict[str, object]) -> Cleaned:
    """Check typed answers; every problem is reported against its field, nothing is guessed."""
    result = Cleaned()
    raw = _with_default_status(kind, raw)
    for spec in kind.fields:
        value = raw.get(spec.name)
        if spec.type == "refs":
            ids = [str(v) for v in (value or [])]  # type: ignore[union-attr]
            result.links[spec.link_table] = ids
            continue
        if spec.type == "flag":
            result.values[spec.name] = int(bool(value))
            continue
        text = "" if value is None else str(value).strip()
        if "\x00" in text:
            result.errors[spec.name] = "contains a NUL character"
            continue
        if len(text) > MAX_TEXT:
            result.errors[spec.name] = f"longer than {MAX_TEXT:,} characters"
            continue
        if not text:
            if spec.required:
                result.errors[spec.name] = "required"
            else:
                result.values[spec.name] = _empty(spec)
            continue
        try:
            result.values[spec.name] = _convert(spec, text)
        except ValueError as exc:
            result.errors[spec.name] = str(exc)
    no_measure = result.values.get("rating") is None and result.values.get("value") is None
    if kind.name == "check" and not result.errors and no_measure:
        result.errors["rating"] = "give a rating from 1 to 5 or a measured value"
    return result


def _with_default_status(kind: RecordKind, raw: dict[str, object]) -> dict[str, object]:
    """An activity left without a status is done if its date has come, as ``ilearn log`` has it."""
    if kind.name != "activity" or str(raw.get("status") or "").strip():
        return raw
    try:
        day = parse_day(str(raw.get("date") or ""))
    except ValueError:
        return raw  # the date's own error is reported; the status is not guessed from it
    return {**raw, "status": default_status(day)}


def _empty(spec: FieldSpec) -> object:
    """The stored value of a field left blank: hours count as 0, an unknown date as nothing."""
    if spec.name in ("hours", "credits"):
        return 0.0
    if spec.type in ("date", "ref", "rating", "number"):
        return None
    return ""


def _convert(spec: FieldSpec, text: str) -> object:
    if spec.type == "date":
        return parse_day(text)
    if spec.type == "number":
        try:
            number = float(text)
        except ValueError:
            raise ValueError("not a number") from None
        if math.isnan(number) or math.isinf(number) or number < 0:
            raise ValueError("must be 0 or more")
        if number > 10_000:
            raise ValueError("too large to be believable")
        return number
    if spec.type == "rating":
        if text not in {"1", "2", "3", "4", "5"}:
            raise ValueError("a whole number from 1 to 5")
        return int(text)
    if spec.type == "choice" and text not in spec.choices:
        raise ValueError("choose one of the list")
    is_web = text.lower().startswith(("http://", "https://"))
    if spec.name == "link" and not is_web:
        raise ValueError("a link starts with https:// or http://")
    if spec.name == "url" and not is_web and re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", text):
        raise ValueError("only https:// or http:// links (or a file path)")
    if spec.type != "long":
        text = " ".join(text.split())
    return text

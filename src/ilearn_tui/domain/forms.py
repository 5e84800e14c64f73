"""What each kind of record asks for, and how typed answers become valid values.

Screens build their forms from these specs and show the returned errors inline; the rules
stay here so the command line, imports and screens agree on what is valid.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Literal

from ilearn_tui.domain import model, sessions
from ilearn_tui.domain.fields import MAX_TEXT_CHARS, Kind
from ilearn_tui.domain.text import default_status, parse_day

FieldType = Literal[
    "text", "long", "choice", "date", "number", "flag", "ref", "refs", "rating", "count", "lines"
]


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


def _form_field(kind: Kind, name: str) -> FieldSpec:
    """A form field from the model: a column, or a many-to-many link shown as a multi-pick."""
    if any(link.name == name for link in kind.links):
        link = kind.link(name)
        return FieldSpec(link.name, link.label, "refs", ref_kind=link.ref_kind, link_table=link.table)
    lines = kind.line(name)
    if lines is not None:  # several short texts, one a line, each a row of its own table
        return FieldSpec(lines.name, lines.label, "lines", link_table=lines.table)
    spec = kind.field(name)
    if spec.type == "ref":
        target = model.BY_TABLE[spec.ref]
        assert isinstance(target, Kind)
        return FieldSpec(spec.name, spec.label, "ref", spec.required, ref_kind=target.name)
    form_type = _FORM_TYPES.get(spec.type, "text")
    return FieldSpec(
        spec.name, spec.label, form_type, spec.required, spec.choices, placeholder=spec.placeholder
    )


# The model's field types as the forms know them; the rest are typed as one line of text.
_FORM_TYPES: dict[str, FieldType] = {
    t: t for t in ("text", "long", "choice", "date", "number", "flag", "rating", "count")
}


def _record_kind(kind: Kind) -> RecordKind:
    return RecordKind(
        kind.name,
        kind.noun,
        kind.table,
        kind.stage,
        kind.title_field,
        tuple(_form_field(kind, name) for name in kind.form),
        kind.columns,
        per_cycle=kind.per_cycle,
        parent_field=kind.parent_field,
        help=kind.help,
    )


# The kinds a teacher edits in the stage screens, with their forms, derived from the model.
KINDS: dict[str, RecordKind] = {k.name: _record_kind(k) for k in model.KINDS.values() if k.stage}
STAGE_KINDS: dict[int, tuple[str, ...]] = model.STAGE_KINDS

MAX_TEXT = MAX_TEXT_CHARS  # the one limit per field, which imports apply too


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
            ids = [str(v) for v in value] if isinstance(value, list | tuple) else []
            result.links[spec.link_table] = ids
            continue
        if spec.type == "flag":
            result.values[spec.name] = int(bool(value))
            continue
        if spec.type == "lines":
            lines = sessions.read_lines(value)
            problem = sessions.lines_problem(spec.name, lines)
            if problem:
                result.errors[spec.name] = problem
            result.values[spec.name] = lines
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
    if kind.name == "activity":
        refused = sessions.only_for_sessions(str(result.values.get("role") or ""), result.values)
        for name, why in refused.items():
            result.errors.setdefault(name, why)
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
    if spec.type in ("date", "ref", "rating", "number", "count"):
        return None
    if spec.type == "choice" and not spec.required:
        return None  # an optional choice left open (a goal's kind) is unknown, not a word
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
    if spec.type == "count":
        return sessions.whole_number(text)
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

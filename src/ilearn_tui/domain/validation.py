"""Checking records that arrive from outside (a JSON export today; sync and group bundles next).

The checks are built from the record model, so an import refuses exactly what the model does
not allow: a wrong type, a missing required field, a value outside its vocabulary, a rating out
of range, a date that does not exist, text too long or not text at all (a NUL, a lone
surrogate), a link that is not a web address, an id of an odd shape. SQLModel (pydantic
underneath) does the checking: its messages name the field and the rule, which is what a
teacher needs to find the bad line, and the classes are made from the declaration rather than
written out again.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from ilearn_tui.domain.fields import ID_PATTERN, STAMP_PATTERN, Field, Kind, LinkTable
from ilearn_tui.domain.model import BY_TABLE
from ilearn_tui.domain.text import in_calendar

WEB_SCHEMES = ("http://", "https://")

if TYPE_CHECKING:
    from sqlmodel import SQLModel


def _iso_day(value: str) -> str:
    """Stored dates are canonical: only a real YYYY-MM-DD, never a word such as 'today'."""
    try:
        if len(value) != 10:
            raise ValueError
        day = date.fromisoformat(value)
    except ValueError:
        raise ValueError("not a real YYYY-MM-DD date") from None
    in_calendar(day)  # a school year or a period after 9999 cannot be computed
    return value


def text_problem(value: str) -> str | None:
    """What makes ``value`` unfit to store as text, if anything: a NUL or a lone surrogate.

    SQLite cuts text at a NUL when it measures or compares it; a lone surrogate (a JSON
    ``\\udcff``, or bytes that were not UTF-8) cannot be written as UTF-8 at all.
    """
    if "\x00" in value:
        return "contains a NUL character"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"contains a lone surrogate (\\u{ord(value[exc.start]):04x}), which is not text"
    return None


def _clean_text(value: Any) -> Any:
    """Runs before the type check, so its message, not pydantic's, names the fault."""
    if isinstance(value, str):
        problem = text_problem(value)
        if problem:
            raise ValueError(problem)
    return value


def _web_address(value: str) -> str:
    if value and not value.lower().startswith(WEB_SCHEMES):
        raise ValueError("a link must start with https:// or http://")
    return value


def _annotation(spec: Field) -> tuple[Any, Any]:
    """The pydantic (type, default-or-FieldInfo) pair for one declared field."""
    from typing import Annotated

    from pydantic import AfterValidator, BeforeValidator
    from pydantic import Field as P

    # A required field with a default of its own (a goal's status) may be left out of a file.
    required = spec.required and not spec.nullable and spec.default in ("", None)
    base: Any
    info: dict[str, Any] = {}
    if spec.type in ("id", "ref"):
        base, info = str, {"pattern": ID_PATTERN}
    elif spec.type == "stamp":
        base, info = str, {"pattern": STAMP_PATTERN}
    elif spec.type in ("text", "long", "time"):
        base, info = str, {"max_length": spec.max_length}
        if spec.required:
            info["min_length"] = 1
        if spec.pattern:
            info["pattern"] = spec.pattern
        if spec.web:
            base = Annotated[str, AfterValidator(_web_address)]
    elif spec.type == "choice":
        base = Literal[spec.choices]
    elif spec.type == "date":
        base = Annotated[str, AfterValidator(_iso_day)]
    elif spec.type == "number":  # strict: true is not 1, and "5" is not 5
        base, info = float, {"ge": 0, "allow_inf_nan": False, "strict": True}
    elif spec.type == "rating":
        base, info = int, {"ge": 1, "le": 5, "strict": True}
    elif spec.type == "flag":
        base, info = int, {"ge": 0, "le": 1, "strict": True}
    else:  # count
        base, info = int, {"ge": 0, "strict": True}
    if spec.nullable:
        base = base | None
    base = Annotated[base, BeforeValidator(_clean_text)]
    if required:
        return base, P(**info)
    return base, P(default=spec.default, **info)


@cache
def row_model(table: str) -> type[SQLModel]:
    """The validating class for one table of the model, made once per table."""
    from pydantic import create_model
    from sqlmodel import SQLModel

    entry: Kind | LinkTable = BY_TABLE[table]
    fields = {spec.name: _annotation(spec) for spec in entry.fields}
    name = "".join(part.title() for part in table.split("_")) + "Row"
    model: type[SQLModel] = create_model(name, __base__=SQLModel, **fields)  # type: ignore[call-overload]
    return model


def columns(table: str) -> tuple[str, ...]:
    return BY_TABLE[table].columns_in_table


def check_row(table: str, row: dict[str, Any]) -> str | None:
    """None when ``row`` is a valid record of ``table``; else "field: what is wrong".

    A row the declared fields plainly accept is taken without pydantic: importing it costs
    more than half a second, which a sync receiving ten records would pay for each run.
    Anything else goes to pydantic, whose message names the fault (and which decides).
    """
    if _plainly_valid(table, row):
        return None
    from pydantic import ValidationError

    try:
        row_model(table).model_validate(row)
    except ValidationError as exc:
        first = exc.errors()[0]
        place = ".".join(str(p) for p in first["loc"])
        message = first["msg"]
        if first["type"] == "string_pattern_mismatch":  # the regular expression helps no teacher
            spec = BY_TABLE[table].fields[columns(table).index(str(first["loc"][0]))]
            message = _SHAPES.get(spec.type, message)
        return f"{place}: {message}"
    return None


def _plainly_valid(table: str, row: dict[str, Any]) -> bool:
    """Whether every field holds what its declaration surely allows: never more than pydantic.

    Only the plain cases are decided here; an odd one (a pattern field holding a line break
    or a letter beyond ASCII, a date outside the calendar) is left to pydantic.
    """
    fields = BY_TABLE[table].fields
    if not row.keys() <= {spec.name for spec in fields}:
        return False
    for spec in fields:
        if spec.name not in row:
            if spec.required and not spec.nullable and spec.default in ("", None):
                return False
            continue
        if not _plain_value(spec, row[spec.name]):
            return False
    return True


def _plain_value(spec: Field, value: Any) -> bool:
    if value is None:
        return spec.nullable
    kind = spec.type
    if kind in ("number", "rating", "flag", "count"):
        if type(value) is float:
            return kind == "number" and value >= 0 and value != float("inf")
        if type(value) is not int:
            return False
        low, high = {"rating": (1, 5), "flag": (0, 1)}.get(kind, (0, None))
        return value >= low and (high is None or value <= high)
    if type(value) is not str or text_problem(value) is not None:
        return False
    if kind == "choice":
        return value in spec.choices
    if kind == "date":
        return _plain_day(value)
    if kind in ("id", "ref", "stamp"):
        return _plain_match(ID_PATTERN if kind != "stamp" else STAMP_PATTERN, value)
    if len(value) > spec.max_length or (spec.required and not value):
        return False
    if spec.pattern and not _plain_match(spec.pattern, value):
        return False
    return not spec.web or not value or value.lower().startswith(WEB_SCHEMES)


def _plain_match(pattern: str, value: str) -> bool:
    return value.isascii() and "\n" not in value and _compiled(pattern).search(value) is not None


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _plain_day(value: str) -> bool:
    try:
        _iso_day(value)
    except ValueError:
        return False
    return True


_SHAPES = {
    "id": "String is not an id (at most 64 letters, digits, - or _)",
    "ref": "String is not an id (at most 64 letters, digits, - or _)",
    "stamp": "String is not a time stamp (YYYY-MM-DDTHH:MM:SS, then a zone)",
}

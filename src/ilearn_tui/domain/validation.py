"""Checking records that arrive from outside (a JSON export today; sync and group bundles next).

The checks are built from the record model, so an import refuses exactly what the model does
not allow: a wrong type, a missing required field, a value outside its vocabulary, a rating out
of range, a date that does not exist. SQLModel (pydantic underneath) does the checking: its
messages name the field and the rule, which is what a teacher needs to find the bad line, and
the classes are made from the declaration rather than written out again.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from ilearn_tui.domain.fields import Field, Kind, LinkTable
from ilearn_tui.domain.model import BY_TABLE

if TYPE_CHECKING:
    from sqlmodel import SQLModel


def _iso_day(value: str) -> str:
    """Stored dates are canonical: only a real YYYY-MM-DD, never a word such as 'today'."""
    try:
        if len(value) != 10:
            raise ValueError
        date.fromisoformat(value)
    except ValueError:
        raise ValueError("not a real YYYY-MM-DD date") from None
    return value


def _annotation(spec: Field) -> tuple[Any, Any]:
    """The pydantic (type, default-or-FieldInfo) pair for one declared field."""
    from typing import Annotated

    from pydantic import AfterValidator
    from pydantic import Field as P

    # A required field with a default of its own (a goal's status) may be left out of a file.
    required = spec.required and not spec.nullable and spec.default in ("", None)
    base: Any
    info: dict[str, Any] = {}
    if spec.type in ("id",):
        base, info = str, {"min_length": 1, "max_length": 64}
    elif spec.type in ("stamp", "ref"):
        base, info = str, {"min_length": 1}
    elif spec.type in ("text", "long", "time"):
        base = str
        if spec.required:
            info["min_length"] = 1
        if spec.pattern:
            info["pattern"] = spec.pattern
    elif spec.type == "choice":
        base = Literal[spec.choices]
    elif spec.type == "date":
        base = Annotated[str, AfterValidator(_iso_day)]
    elif spec.type == "number":
        base, info = float, {"ge": 0}
    elif spec.type == "rating":
        base, info = int, {"ge": 1, "le": 5}
    elif spec.type == "flag":
        base, info = int, {"ge": 0, "le": 1}
    else:  # count
        base, info = int, {"ge": 0}
    if spec.nullable:
        base = base | None
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
    """None when ``row`` is a valid record of ``table``; else "field: what is wrong"."""
    from pydantic import ValidationError

    try:
        row_model(table).model_validate(row)
    except ValidationError as exc:
        first = exc.errors()[0]
        place = ".".join(str(p) for p in first["loc"])
        return f"{place}: {first['msg']}"
    return None

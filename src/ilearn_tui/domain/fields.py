"""The building blocks of the record model: a field, a many-to-many link, a record kind.

They carry every fact that more than one layer needs about a column — its type, whether it is
required, its vocabulary, whether it is free text (searched and redacted), what it points at,
its label on a form — so that the store, the forms, the exports and the importers read the same
declaration instead of keeping lists of their own. The declaration itself is ``domain.model``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# A reflection (or a draft of one) may be far longer than a field: the limit is a rule of the
# teacher's text, kept in ``domain.text`` so that saving a reflection needs no record model.
from ilearn_tui.domain.text import MAX_BODY_CHARS as MAX_BODY_CHARS

FieldType = Literal[
    "id",  # the primary key: an opaque text id
    "stamp",  # created_at / updated_at: an ISO timestamp
    "ref",  # the id of a record of another table
    "text",  # one line of text
    "long",  # Markdown or several lines
    "choice",  # one of a fixed vocabulary
    "date",  # an ISO day, YYYY-MM-DD
    "time",  # HH:MM, or empty
    "number",  # a decimal, 0 or more (hours, credits, a measured value)
    "rating",  # a whole number from 1 to 5
    "flag",  # 0 or 1
    "count",  # a whole number, 0 or more
]

SearchRole = Literal["", "title", "body"]

# The longest text one field may hold, whoever writes it: a form, the command line or an import.
MAX_TEXT_CHARS = 20_000
# What an id (and so a reference) looks like: a uuid, or any short word of letters, digits, - and _.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$"
# A time stamp: an ISO day, then optionally a time and a zone.
STAMP_PATTERN = r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$"


@dataclass(frozen=True, slots=True)
class Field:
    """One column of a record table."""

    name: str
    type: FieldType
    label: str = ""  # the form's label; fields without one never appear on a form
    required: bool = False  # a form refuses it blank; an import refuses it missing or empty
    choices: tuple[str, ...] = ()
    ref: str = ""  # for "ref": the table pointed at
    nullable: bool = False  # stored as NULL when unknown (else as its default)
    default: object = ""
    free: bool = False  # the teacher's own words: redacted in shareable exports, cleaned on export
    search: SearchRole = ""  # which column of the search index it fills
    pattern: str = ""  # a regular expression a stored value must match (e.g. a file name)
    max_length: int = MAX_TEXT_CHARS  # for text: the most characters it may hold
    web: bool = False  # for text: empty, or a web address (http:// or https://) and nothing else
    placeholder: str = ""

    @property
    def on_form(self) -> bool:
        return bool(self.label)


@dataclass(frozen=True, slots=True)
class Link:
    """A many-to-many link from a record to records of another kind, kept in its own table."""

    name: str  # the form field's name, e.g. "goals"
    table: str  # e.g. "activity_goals"
    own: str  # the column naming the record, e.g. "activity_id"
    other: str  # the column naming the linked record, e.g. "goal_id"
    ref_kind: str  # the kind linked to, e.g. "goal"
    label: str = ""


@dataclass(frozen=True, slots=True)
class Lines:
    """Several short texts of a record (names, quotes, links), one row each in a table of its own.

    One row per line, each with an id, so sync merges an added quote on one computer with a
    name added on another, instead of seeing one field changed on both.
    """

    name: str  # the form field's name, e.g. "feedback"
    table: str  # e.g. "session_items"
    own: str  # the column naming the record, e.g. "activity_id"
    part: str  # the value of the table's ``part`` column for these lines
    label: str = ""


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of record: its table, its fields, its links, and how it is shown."""

    name: str
    table: str
    fields: tuple[Field, ...]
    noun: str = ""
    stage: int = 0  # the stage whose screen lists it (0: not a stage record)
    title_field: str = ""  # the field that names a record of this kind in lists and links
    form: tuple[str, ...] = ()  # fields and links on the app's form, in order
    columns: tuple[str, ...] = ()  # the stage screen's table columns
    links: tuple[Link, ...] = ()
    lines: tuple[Lines, ...] = ()
    per_cycle: bool = True  # belongs to a cycle directly (else through its parent_field)
    parent_field: str = ""
    help: str = ""
    search_kind: str = ""  # its name in the search index ("" when not searched)

    def field(self, name: str) -> Field:
        for candidate in self.fields:
            if candidate.name == name:
                return candidate
        raise KeyError(f"{self.name} has no field {name!r}")

    def line(self, name: str) -> Lines | None:
        return next((candidate for candidate in self.lines if candidate.name == name), None)

    def link(self, name: str) -> Link:
        for candidate in self.links:
            if candidate.name == name:
                return candidate
        raise KeyError(f"{self.name} has no link {name!r}")

    @property
    def columns_in_table(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


@dataclass(frozen=True, slots=True)
class LinkTable:
    """A table that only joins records (no id of its own); listed so exports and imports carry it."""

    table: str
    fields: tuple[Field, ...]
    keyed: bool = True  # WITHOUT ROWID, keyed by all its columns

    @property
    def columns_in_table(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


def stamps() -> tuple[Field, Field]:
    return (Field("created_at", "stamp", required=True), Field("updated_at", "stamp", required=True))


def key() -> Field:
    return Field("id", "id", required=True)


def ref(name: str, table: str, *, required: bool = False, label: str = "") -> Field:
    """A reference; optional ones are NULL when unset (the database then keeps the record)."""
    return Field(name, "ref", label=label, required=required, ref=table, nullable=not required, default=None)


def joins(table: str, own: tuple[str, str], other: tuple[str, str]) -> LinkTable:
    """A link table joining two kinds: (column, table) for each side."""
    return LinkTable(table, (ref(own[0], own[1], required=True), ref(other[0], other[1], required=True)))


def components(*kinds: Kind) -> dict[str, LinkTable]:
    """For each kind, a table of the framework components its items evidence, by kind name.

    The framework is kept beside each code so that switching frameworks never makes an old
    "1a" read as another rubric's component.
    """
    return {
        kind.name: LinkTable(
            f"{kind.name}_components",
            (
                ref(f"{kind.name}_id", kind.table, required=True),
                Field("framework", "text", required=True),
                Field("component", "text", required=True),
            ),
        )
        for kind in kinds
    }


def lines_kind(name: str, owner: Kind, parts: tuple[str, ...], noun: str) -> Kind:
    """The kind that holds ``owner``'s lines (``Kind.lines``): one row a line, with its part and place."""
    own = owner.lines[0].own
    return Kind(
        name,
        owner.lines[0].table,
        (
            key(),
            ref(own, owner.table, required=True),
            Field("part", "choice", required=True, choices=parts),
            Field("text", "text", required=True, free=True),
            Field("position", "count", default=0),
            *stamps(),
        ),
        noun=noun,
        title_field="text",
        per_cycle=False,
        parent_field=own,
    )


def session_lines(*declared: tuple[str, str, str]) -> tuple[Lines, ...]:
    """An activity's session lines, (name, part, label) each, all kept in ``session_items``."""
    return tuple(Lines(name, "session_items", "activity_id", part, label) for name, part, label in declared)


def words(text: str) -> tuple[str, ...]:
    """Field names written as one line (a long form reads better so than one name a line)."""
    return tuple(text.split())

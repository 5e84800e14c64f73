"""The registry of typed record classes: which class holds which kind, and its columns.

``domain.records`` and ``domain.stage_records`` register their classes here with
:func:`record`; the store's one converter (``store.rows``) asks for the columns to select and
the flags to turn into ``bool``, and the export passes for the free-text fields to rewrite.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TypeVar

from ilearn_tui.domain.model import FREE_TEXT, KINDS

T = TypeVar("T")

_TYPES: dict[str, type] = {}
_KIND: dict[type, str] = {}
EXTRAS: dict[type, tuple[str, ...]] = {}


def record(kind: str, *extras: str) -> Callable[[type[T]], type[T]]:
    """Register a class as the record of ``kind``; ``extras`` are its fields gathered from other tables."""

    def register(cls: type[T]) -> type[T]:
        _TYPES[kind] = cls
        _KIND[cls] = kind
        if extras:
            EXTRAS[cls] = extras
        return cls

    return register


# Worked out on first use for each class, then looked up once per query by the converters.
_COLUMNS: dict[type, tuple[str, ...]] = {}
_FREE: dict[type, tuple[str, ...]] = {}
_FLAGS: dict[type, tuple[int, ...]] = {}


def columns(record: type) -> tuple[str, ...]:
    """The table columns a record holds, in its field order: what to SELECT to build one."""
    found = _COLUMNS.get(record)
    if found is None:
        extras = EXTRAS.get(record, ())
        found = _COLUMNS[record] = tuple(f.name for f in dataclasses.fields(record) if f.name not in extras)
    return found


def free_fields(record: type) -> tuple[str, ...]:
    """The record's fields that hold the teacher's own words (redacted, cleaned on export).

    Those the record model's ``FREE_TEXT`` names, in the table's column order, so a pass over
    them meets the words in the order a reader does; then the lines it gathers (lists of text).
    """
    found = _FREE.get(record)
    if found is None:
        kind = KINDS[_KIND[record]]
        own = tuple(f.name for f in kind.fields if f.name in FREE_TEXT)
        # Lines gathered with the record (a session's feedback) are her words too, a list of them.
        found = _FREE[record] = own + tuple(
            lines.name for lines in kind.lines if lines.name in EXTRAS.get(record, ())
        )
    return found


def flag_positions(record: type) -> tuple[int, ...]:
    """Where in :func:`columns` the 0-or-1 flags are, which the store hands over as ``bool``."""
    found = _FLAGS.get(record)
    if found is None:
        kind = KINDS[_KIND[record]]
        flags = (i for i, name in enumerate(columns(record)) if kind.field(name).type == "flag")
        found = _FLAGS[record] = tuple(flags)
    return found


def registered() -> dict[str, type]:
    """The classes registered so far, by kind (import both record modules to have them all)."""
    return dict(_TYPES)

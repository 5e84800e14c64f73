"""Rows into records, in one place: the store's only converters from a cursor to Python values.

Two shapes leave the store. Typed records (``domain.records``) for the code that reads a
record's fields by name — the exports above all — built positionally from a SELECT of exactly
the record's columns, so a big journal pays one call per row; and plain dicts for the code that
is generic over tables (the stage screens' forms, the trash, the lossless JSON export).
Both stream: the caller that writes as it reads holds one row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any, TypeVar

R = TypeVar("R")
Row = dict[str, Any]


def like_prefix(prefix: str) -> str:
    """A ``LIKE ? ESCAPE '\\'`` pattern for what starts with ``prefix``, its own ``%`` and ``_`` literal."""
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def dicts(cursor: sqlite3.Cursor) -> Iterator[Row]:
    """Each row of ``cursor`` as a dict by column name."""
    names = [d[0] for d in cursor.description]
    for row in cursor:
        yield dict(zip(names, row, strict=True))


def select_list(record: type, prefix: str = "") -> str:
    """The SELECT list that :func:`records` turns into ``record``s (``prefix``: a table alias)."""
    from ilearn_tui.domain.registry import columns  # loaded with the first record, not by ``like_prefix``

    return ", ".join(prefix + name for name in columns(record))


def records(record: type[R], cursor: sqlite3.Cursor) -> Iterator[R]:
    """The rows of a SELECT of :func:`select_list` as records; 0-or-1 flags become ``bool``.

    The cursor's columns are checked against the record's once, before the first row: a
    positional build from any other SELECT would put values in the wrong fields silently.
    """
    from ilearn_tui.domain.registry import columns, flag_positions

    selected = tuple(d[0] for d in cursor.description)
    if selected != columns(record):
        raise ValueError(f"{record.__name__} is built from {columns(record)}, not {selected}")
    flags = flag_positions(record)
    if not flags:
        for row in cursor:
            yield record(*row)
        return
    for row in cursor:
        values = list(row)
        for i in flags:
            values[i] = bool(values[i])
        yield record(*values)


def from_dict(record: type[R], row: Row) -> R:
    """One dict with (at least) the record's columns as a record, e.g. a row of a JSON export."""
    from ilearn_tui.domain.registry import columns, flag_positions

    flags = set(flag_positions(record))
    return record(*(bool(row[n]) if i in flags else row[n] for i, n in enumerate(columns(record))))

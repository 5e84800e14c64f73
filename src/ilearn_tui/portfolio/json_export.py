"""The lossless JSON document of a journal: every table, every column, in a stable order.

It is written as it is read: one table after another, one record a line, each line made by one
reused C encoder, so a journal of any size passes through a few rows of memory.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from ilearn_tui import __version__
from ilearn_tui.store import portfolio_query
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.rows import Row
from ilearn_tui.store.schema import EXPORT_TABLES, SCHEMA_VERSION

FORMAT_NAME = "ilearn-journal"

_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

Tables = Iterable[tuple[str, Iterable[Row]]]


def head(journal: Journal) -> dict[str, Any]:
    """Everything before the tables: what the file is, and the journal's settings."""
    return {
        "format": FORMAT_NAME,
        "schema": SCHEMA_VERSION,
        "app_version": __version__,
        "meta": dict(portfolio_query.meta(journal)),
    }


def table_streams(journal: Journal, *, include_private: bool = True) -> Iterator[tuple[str, Iterator[Row]]]:
    """Each exported table's rows, read when the writer reaches it; private ones out unless asked.

    A shareable cut drops student-information evidence and private reflections with what links
    to them (in the store's queries); a progress check keeps its place but loses the link.
    """
    hidden = set() if include_private else portfolio_query.private_evidence_ids(journal)
    for table in EXPORT_TABLES:
        rows = portfolio_query.table_rows(journal, table, shareable=not include_private)
        yield table, (_unlinked(rows, hidden) if table == "checks" and hidden else rows)


def _unlinked(rows: Iterator[Row], hidden: set[str]) -> Iterator[Row]:
    for row in rows:
        if row["evidence_id"] in hidden:
            row["evidence_id"] = None
        yield row


def left_out(journal: Journal, *, include_private: bool) -> int:
    return 0 if include_private else portfolio_query.count_private(journal)


def journal_document(journal: Journal, *, include_private: bool = True) -> tuple[dict[str, Any], int]:
    """The whole journal as a JSON-ready dict, and how many private records were left out.

    For tests and small journals; an export streams :func:`chunks` instead.
    """
    document = head(journal)
    tables = table_streams(journal, include_private=include_private)
    document["tables"] = {table: list(rows) for table, rows in tables}
    return document, left_out(journal, include_private=include_private)


def redact_rows(tables: Tables, redactor: Any) -> Iterator[tuple[str, Iterator[Row]]]:
    """The tables with the redaction list applied to each row as it passes.

    Only the teacher's own words (the model's free-text fields and tags) are touched; ids,
    dates and vocabularies stay, so the file still imports.
    """
    from ilearn_tui.domain.model import FREE_TEXT

    def redacted(rows: Iterable[Row]) -> Iterator[Row]:
        for row in rows:
            for key, value in row.items():
                if key in FREE_TEXT and isinstance(value, str):
                    row[key] = redactor(value)
            if "tags" in row:
                row["tags"] = [redactor(tag) for tag in row["tags"]]
            yield row

    for table, rows in tables:
        yield table, redacted(rows)


def redact_document(document: dict[str, Any], names: list[str]) -> dict[str, int]:
    """Apply the redaction list to a shareable cut held in memory, as every shareable format does."""
    from ilearn_tui.portfolio.redaction import Redactor

    redactor = Redactor(names)
    if redactor.pattern is None:
        return {}
    document["meta"] = {key: redactor(value) for key, value in document["meta"].items()}
    tables = redact_rows(document["tables"].items(), redactor)
    document["tables"] = {table: list(rows) for table, rows in tables}
    return redactor.counts


def _safe(line: str) -> str:
    """DEL, C1 controls and bidi overrides escaped (JSON escapes C0 controls itself).

    Only a line with non-ASCII text can hold one, so most lines skip the search.
    """
    if line.isascii() and "\x7f" not in line:
        return line
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", line)


def chunks(top: dict[str, Any], tables: Tables) -> Iterator[str]:
    """The document as text, one record a line: readable and diffable, made by the C encoder.

    Printing an export to a terminal can never replay an escape sequence (:func:`_safe`).
    """
    yield "{\n"
    for key, value in top.items():
        if key != "tables":
            yield _safe(f" {_ENCODE(key)}: {_ENCODE(value)},\n")
    yield ' "tables": {\n'
    first_table = True
    for name, rows in tables:
        yield ("" if first_table else ",\n") + f"  {_ENCODE(name)}: ["
        first_table = False
        sep = "\n   "
        for row in rows:
            yield sep + _safe(_ENCODE(row))
            sep = ",\n   "
        yield "]" if sep == "\n   " else "\n  ]"
    yield ("\n" if not first_table else "") + " }\n}\n"


def dumps(document: dict[str, Any]) -> str:
    """A document held in memory as the same text :func:`chunks` streams."""
    return "".join(chunks(document, document.get("tables", {}).items()))

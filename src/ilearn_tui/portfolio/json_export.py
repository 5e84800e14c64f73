"""The lossless JSON document of a journal: every table, every column, in a stable order."""

from __future__ import annotations

import json
import re
from typing import Any

from ilearn_tui import __version__
from ilearn_tui.store import portfolio_query
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.schema import EXPORT_TABLES, SCHEMA_VERSION

FORMAT_NAME = "ilearn-journal"


def journal_document(journal: Journal, *, include_private: bool = True) -> tuple[dict[str, Any], int]:
    """The whole journal as a JSON-ready dict, and how many private records were left out."""
    tables = {table: list(portfolio_query.table_rows(journal, table)) for table in EXPORT_TABLES}
    tags: dict[str, list[str]] = {}
    for reflection_id, name in portfolio_query.reflection_tag_pairs(journal):
        tags.setdefault(reflection_id, []).append(name)
    for row in tables["reflections"]:
        row["tags"] = tags.get(row["id"], [])
    left_out = 0 if include_private else _drop_private(tables)
    document = {
        "format": FORMAT_NAME,
        "schema": SCHEMA_VERSION,
        "app_version": __version__,
        "meta": dict(portfolio_query.meta(journal)),
        "tables": tables,
    }
    return document, left_out


def _drop_private(tables: dict[str, list[dict[str, Any]]]) -> int:
    """Remove student-information evidence and private reflections, and what points at them."""
    hidden_evidence = {r["id"] for r in tables["evidence"] if r["student_info"]}
    hidden_reflections = {r["id"] for r in tables["reflections"] if r["private"]}
    tables["evidence"] = [r for r in tables["evidence"] if r["id"] not in hidden_evidence]
    tables["reflections"] = [r for r in tables["reflections"] if r["id"] not in hidden_reflections]
    tables["reflection_links"] = [
        r
        for r in tables["reflection_links"]
        if r["reflection_id"] not in hidden_reflections and r["evidence_id"] not in hidden_evidence
    ]
    for table, own, hidden in (
        ("evidence_components", "evidence_id", hidden_evidence),
        ("reflection_components", "reflection_id", hidden_reflections),
    ):
        tables[table] = [r for r in tables.get(table, []) if r[own] not in hidden]
    for check in tables["checks"]:
        if check["evidence_id"] in hidden_evidence:
            check["evidence_id"] = None
    tables["drafts"] = []
    return len(hidden_evidence) + len(hidden_reflections)


def redact_document(document: dict[str, Any], names: list[str]) -> dict[str, int]:
    """Apply the redaction list to a shareable cut, as every shareable format does.

    Only the teacher's own words (the model's free-text fields, tags and the journal's meta
    text) are touched; ids, dates and vocabularies stay, so the file still imports.
    """
    from ilearn_tui.domain.model import FREE_TEXT
    from ilearn_tui.portfolio.redaction import Redactor

    redactor = Redactor(names)
    if redactor.pattern is None:
        return {}
    document["meta"] = {key: redactor(value) for key, value in document["meta"].items()}
    for rows in document["tables"].values():
        for row in rows:
            for key, value in row.items():
                if key in FREE_TEXT and isinstance(value, str):
                    row[key] = redactor(value)
            if "tags" in row:
                row["tags"] = [redactor(tag) for tag in row["tags"]]
    return redactor.counts


_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def dumps(document: dict[str, Any]) -> str:
    """One record a line: readable and diffable, yet written by json's fast C encoder.

    JSON escapes C0 controls itself; DEL, C1 controls and bidi overrides are escaped here too,
    so printing an export to a terminal can never replay an escape sequence.
    """
    parts = ["{\n"]
    for key, value in document.items():
        if key != "tables":
            parts.append(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n")
    parts.append(' "tables": {\n')
    tables = list(document.get("tables", {}).items())
    for index, (name, rows) in enumerate(tables):
        parts.append(f"  {json.dumps(name)}: [")
        if rows:
            lines = ("   " + json.dumps(row, ensure_ascii=False) for row in rows)
            parts.append("\n" + ",\n".join(lines) + "\n  ")
        parts.append("]" + ("," if index < len(tables) - 1 else "") + "\n")
    parts.append(" }\n}\n")
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", "".join(parts))

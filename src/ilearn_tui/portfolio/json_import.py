"""Importing a JSON export: validate everything first, then write it in one transaction.

Records are checked against the record model (``domain.validation``), so a wrong type, a missing
field or an out-of-range rating is reported with its place in the file before anything is written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ilearn_tui.errors import IlearnError
from ilearn_tui.portfolio.json_export import FORMAT_NAME
from ilearn_tui.store.bulk import BrokenRuleError, bulk_write
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.schema import EXPORT_TABLES, SCHEMA_VERSION

MAX_IMPORT_BYTES = 1024 * 1024 * 1024


@dataclass
class ImportReport:
    added: dict[str, int] = field(default_factory=dict)
    skipped: int = 0
    missing_files: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.added.values())


def load_document(path: Path) -> dict[str, Any]:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise IlearnError(f"no file at {path}") from None
    if size > MAX_IMPORT_BYTES:
        raise IlearnError(f"{path} is larger than 1 GiB; is it really an ilearn export?")
    try:
        document = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        raise IlearnError(f"{path} is not UTF-8 text; is it a JSON export?") from None
    except json.JSONDecodeError as exc:
        raise IlearnError(
            f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); is it truncated?"
        ) from None
    return validate_document(document)


def validate_document(document: Any) -> dict[str, Any]:
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise IlearnError("not an ilearn JSON export (no 'format': 'ilearn-journal')")
    schema = document.get("schema")
    if not isinstance(schema, int) or schema < 1:
        raise IlearnError("the export has no valid 'schema' number")
    if schema > SCHEMA_VERSION:
        raise IlearnError(f"the export comes from a newer ilearn (schema {schema}); update ilearn")
    tables = document.get("tables")
    meta = document.get("meta", {})
    if not isinstance(tables, dict) or not isinstance(meta, dict):
        raise IlearnError("the export has no 'tables' object")
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in meta.items()):
        raise IlearnError("the export's 'meta' must map names to text")
    unknown = set(tables) - set(EXPORT_TABLES)
    if unknown:
        raise IlearnError(f"the export has unknown tables: {', '.join(sorted(unknown))}")
    for table in EXPORT_TABLES:
        rows = tables.setdefault(table, [])
        if not isinstance(rows, list):
            raise IlearnError(f"tables.{table} must be a list")
        for index, row in enumerate(rows):
            check_record(table, row, f"tables.{table}[{index}]")
    return document


def check_record(table: str, row: Any, where: str) -> None:
    """Check one record arriving from outside against the record model, naming its place.

    The only place the validator is called, so sync and group bundles can share it.
    """
    from ilearn_tui.domain.validation import check_row, columns

    if not isinstance(row, dict):
        raise IlearnError(f"{where} is not an object")
    allowed = set(columns(table)) | ({"tags"} if table == "reflections" else set())
    extra = set(row) - allowed
    if extra:
        raise IlearnError(f"{where} has unknown fields: {', '.join(sorted(extra))}")
    if table == "reflections":
        tags = row.get("tags", [])
        if not isinstance(tags, list) or not all(isinstance(t, str) and t for t in tags):
            raise IlearnError(f"{where}.tags must be a list of words")
    problem = check_row(table, {k: v for k, v in row.items() if k != "tags"})
    if problem:
        raise IlearnError(f"{where}.{problem}")


def import_document(
    journal: Journal, document: dict[str, Any], source_dir: Path | None = None
) -> ImportReport:
    """Write a validated document; all of it or (on any conflict) none of it."""
    report = ImportReport()
    tables = document["tables"]
    cycle_map = _matching_cycles(journal, tables["cycles"])
    try:
        with bulk_write(journal) as bulk:
            # References are checked once at the end, so the message can name what is missing.
            bulk.defer_foreign_keys()
            for key, value in document["meta"].items():
                bulk.set_meta(key, value, replace=False)
            for table in EXPORT_TABLES:
                added = 0
                for row in tables[table]:
                    values = {k: v for k, v in row.items() if k != "tags"}
                    if table == "cycles" and values["id"] in cycle_map:
                        report.skipped += 1
                        continue
                    if "cycle_id" in values and values["cycle_id"] in cycle_map:
                        values["cycle_id"] = cycle_map[values["cycle_id"]]
                    if not bulk.insert_new(table, values):
                        report.skipped += 1
                        continue
                    added += 1
                    if table == "reflections" and row.get("tags"):
                        bulk.set_tags(str(values["id"]), row["tags"])
                report.added[table] = added
            broken = bulk.broken_reference()
            if broken:
                raise IlearnError(
                    f"the export refers to missing records ({broken[0]} → {broken[1]}); nothing was imported"
                )
    except BrokenRuleError as exc:
        raise IlearnError(f"the export breaks a rule of the journal ({exc}); nothing was imported") from None
    _copy_files(journal, tables["evidence"], source_dir, report)
    return report


def _matching_cycles(journal: Journal, cycles: list[dict[str, Any]]) -> dict[str, str]:
    """Imported cycles that cover the same dates as existing ones are merged into them."""
    existing = {(c.starts_on, c.ends_on): c.id for c in journal.cycles()}
    mapping = {}
    for row in cycles:
        match = existing.get((row["starts_on"], row["ends_on"]))
        if match is not None and match != row["id"]:
            mapping[row["id"]] = match
    return mapping


def _copy_files(
    journal: Journal, evidence: list[dict[str, Any]], source_dir: Path | None, report: ImportReport
) -> None:
    """Bring evidence files along from an ``evidence/`` folder beside the export, if present."""
    from ilearn_tui.store.evidence import store_file

    target_dir = journal.locations.evidence_dir
    for row in evidence:
        name = row.get("file_name")
        if not name or (target_dir / name).exists():
            continue
        candidate = source_dir / "evidence" / name if source_dir else None
        if candidate is not None and candidate.is_file():
            stored, sha, _ = store_file(candidate, target_dir)
            if sha == row.get("sha256") and stored == name:
                continue
            (target_dir / stored).unlink(missing_ok=True)
        report.missing_files.append(str(row.get("original_name") or name))

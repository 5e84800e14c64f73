"""Importing a JSON export: validate everything first, then write it in one transaction.

Records are checked against the record model (``domain.validation``), so a wrong type, a missing
field or an out-of-range rating is reported with its place in the file before anything is written.
Evidence files beside the export are checked before the transaction too, and copied into the
evidence store (under their hash, so a copy left by a failed import is harmless) before it
commits: a bad file leaves the journal as it was, and a good import has all its files.
Nothing is dropped without a word: a record is skipped only when the journal holds the same
record, and one whose id the journal uses for different content is named in the report.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ilearn_tui.domain.fields import MAX_TEXT_CHARS
from ilearn_tui.domain.text import MAX_TAG_CHARS
from ilearn_tui.domain.validation import text_problem
from ilearn_tui.errors import IlearnError
from ilearn_tui.portfolio.json_export import FORMAT_NAME
from ilearn_tui.store.bulk import BrokenRuleError, bulk_write
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.schema import EXPORT_TABLES, SCHEMA_VERSION
from ilearn_tui.textsafe import one_line, printable

MAX_IMPORT_BYTES = 1024 * 1024 * 1024


@dataclass
class ImportReport:
    added: dict[str, int] = field(default_factory=dict)
    skipped: int = 0  # records the journal already holds, exactly as in the file
    differing: list[str] = field(default_factory=list)  # "table id": the journal's version kept
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
    except RecursionError:
        raise IlearnError(f"{path} is nested too deeply to be an ilearn export") from None
    except ValueError as exc:  # a number of more than 4,300 digits
        raise IlearnError(f"{path} holds a value no export has ({one_line(str(exc), 80)})") from None
    return validate_document(document)


def validate_document(document: Any) -> dict[str, Any]:
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise IlearnError("not an ilearn JSON export (no 'format': 'ilearn-journal')")
    schema = document.get("schema")
    if type(schema) is not int or schema < 1:  # true is an int to Python, not a schema number
        raise IlearnError("the export has no valid 'schema' number")
    if schema > SCHEMA_VERSION:
        raise IlearnError(f"the export comes from a newer ilearn (schema {schema}); update ilearn")
    tables = document.get("tables")
    meta = document.get("meta", {})
    if not isinstance(tables, dict) or not isinstance(meta, dict):
        raise IlearnError("the export has no 'tables' object")
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in meta.items()):
        raise IlearnError("the export's 'meta' must map names to text")
    for key, value in meta.items():
        problem = text_problem(key) or text_problem(value) or _too_long(value)
        if problem:
            raise IlearnError(f"meta.{one_line(key, 40)} {problem}")
    unknown = set(tables) - set(EXPORT_TABLES)
    if unknown:
        raise IlearnError(f"the export has unknown tables: {', '.join(sorted(unknown))}")
    for table in EXPORT_TABLES:
        rows = tables.setdefault(table, [])
        if not isinstance(rows, list):
            raise IlearnError(f"tables.{table} must be a list")
        seen: dict[str, int] = {}
        for index, row in enumerate(rows):
            check_record(table, row, f"tables.{table}[{index}]")
            if "id" in row:
                first = seen.setdefault(row["id"], index)
                if first != index:
                    raise IlearnError(
                        f"tables.{table}[{index}] has the same id as tables.{table}[{first}] "
                        f"({row['id']}); an export never repeats an id"
                    )
    return document


def _too_long(value: str) -> str | None:
    return f"is longer than {MAX_TEXT_CHARS:,} characters" if len(value) > MAX_TEXT_CHARS else None


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
        for tag in tags:
            problem = text_problem(tag) or (
                f"is longer than {MAX_TAG_CHARS} characters" if len(tag) > MAX_TAG_CHARS else None
            )
            if problem:
                raise IlearnError(f"{where}.tags: a tag {problem}")
    problem = check_row(table, {k: v for k, v in row.items() if k != "tags"})
    if problem:
        raise IlearnError(f"{where}.{problem}")


def import_document(
    journal: Journal, document: dict[str, Any], source_dir: Path | None = None
) -> ImportReport:
    """Write a validated document with its evidence files; all of it or (on any conflict) none."""
    report = ImportReport()
    tables = document["tables"]
    cycle_map = _matching_cycles(journal, tables["cycles"])
    files, report.missing_files = _files_to_bring(journal, tables["evidence"], source_dir)
    copied = _copy_files(journal, files)
    try:
        _write_records(journal, document, cycle_map, report)
    except BaseException:
        for path in copied:  # the record that would have named it was not written
            path.unlink(missing_ok=True)
        raise
    return report


def _write_records(
    journal: Journal, document: dict[str, Any], cycle_map: dict[str, str], report: ImportReport
) -> None:
    tables = document["tables"]
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
                    outcome = bulk.insert_new(table, values)
                    if outcome != "added":
                        report.skipped += outcome == "same"
                        if outcome == "different":
                            report.differing.append(f"{table} {values['id']}")
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


def _matching_cycles(journal: Journal, cycles: list[dict[str, Any]]) -> dict[str, str]:
    """Imported cycles that cover the same dates as existing ones are merged into them."""
    existing = {(c.starts_on, c.ends_on): c.id for c in journal.cycles()}
    mapping = {}
    for row in cycles:
        match = existing.get((row["starts_on"], row["ends_on"]))
        if match is not None and match != row["id"]:
            mapping[row["id"]] = match
    return mapping


def _files_to_bring(
    journal: Journal, evidence: list[dict[str, Any]], source_dir: Path | None
) -> tuple[list[tuple[Path, dict[str, Any]]], list[str]]:
    """The evidence files to copy in, each checked; and the names of those not beside the export.

    A file that is there but unfit (a link, a folder, too large) stops the import here, before
    anything is written, naming the file; one that is simply absent is reported, and its record
    imported without it, as before.
    """
    from ilearn_tui.store.evidence import DEFAULT_MAX_BYTES

    target_dir = journal.locations.evidence_dir
    wanted: list[tuple[Path, dict[str, Any]]] = []
    missing: list[str] = []
    names: set[str] = set()
    for row in evidence:
        name = row.get("file_name")
        if not name or name in names or (target_dir / name).exists():
            continue
        names.add(name)
        candidate = source_dir / "evidence" / name if source_dir else None
        try:
            info = os.lstat(candidate) if candidate is not None else None
        except FileNotFoundError:
            info = None
        except OSError as exc:
            raise _file_error(candidate, f"cannot be read ({exc.strerror})") from None
        if candidate is None or info is None:
            missing.append(str(row.get("original_name") or name))
            continue
        if stat.S_ISLNK(info.st_mode):
            raise _file_error(candidate, "is a symbolic link, not an evidence file")
        if not stat.S_ISREG(info.st_mode):
            raise _file_error(candidate, "is not a regular file")
        if info.st_size > DEFAULT_MAX_BYTES:
            raise _file_error(candidate, f"is larger than {DEFAULT_MAX_BYTES // 2**20} MiB")
        if row.get("size") and info.st_size != row["size"]:
            raise _file_error(candidate, f"is {info.st_size:,} bytes; its record says {row['size']:,}")
        wanted.append((candidate, row))
    return wanted, missing


def _file_error(path: Path | None, problem: str) -> IlearnError:
    return IlearnError(f"{printable(str(path))} {problem}; nothing was imported")


def _copy_files(journal: Journal, files: list[tuple[Path, dict[str, Any]]]) -> list[Path]:
    """Copy each file into the evidence store under its hash; returns the copies made.

    A copy whose content does not hash to the name its record gives is removed, with all the
    others, and the import stops: the record would otherwise point at other bytes.
    """
    from ilearn_tui.store.evidence import store_file

    target_dir = journal.locations.evidence_dir
    made: list[Path] = []
    try:
        for source, row in files:
            stored, sha, _ = store_file(source, target_dir)
            made.append(target_dir / stored)
            if stored != row["file_name"] or (row.get("sha256") and sha != row["sha256"]):
                raise _file_error(source, "does not match its record (its content has another hash)")
    except BaseException as exc:
        for path in made:
            path.unlink(missing_ok=True)
        if isinstance(exc, IlearnError) and not str(exc).endswith("nothing was imported"):
            raise IlearnError(f"{exc}; nothing was imported") from None
        raise
    return made

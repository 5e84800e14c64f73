"""One record as one file: the layout of the sync repository, and reading it back safely.

``records/<table>/<key>.json`` holds one record, one field per line in the model's column order
(so git, and the record merge, see a change to one field as a change to one line). A link has
no id of its own; its key is its columns joined by dots (an id never holds one). A deleted
record leaves a tombstone at its path, so a delete travels instead of looking like a record
the other side never had. Evidence files travel as ``evidence/<sha256>``. Everything read from
a repository is checked against the record model before it is believed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from ilearn_tui.domain.fields import ID_PATTERN, Kind
from ilearn_tui.domain.model import BY_TABLE
from ilearn_tui.domain.validation import check_row, text_problem
from ilearn_tui.errors import IlearnError

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
RECORDS = "records/"
EVIDENCE = "evidence/"
TAGS = "tags"  # a reflection's tags travel inside it, after its columns
_ID = re.compile(ID_PATTERN)
_SHA = re.compile(r"^[0-9a-f]{64}$")

Row = dict[str, Any]


class BadRecordError(IlearnError):
    """A file in the sync repository is not a record this journal can take; nothing was applied."""


@dataclass(frozen=True)
class Tombstone:
    """A record deleted on some device, and when."""

    deleted_at: str


Version = Row | Tombstone | None  # a record's content at one commit (None: never there)


def is_record(table: str) -> bool:
    return isinstance(BY_TABLE[table], Kind)


def key_of(table: str, row: Row) -> str:
    if is_record(table):
        return str(row["id"])
    return ".".join("" if row.get(c) is None else str(row[c]) for c in BY_TABLE[table].columns_in_table)


def where_of(table: str, key: str) -> Row:
    """The columns that name the record ``key`` of ``table`` (an id, or a link's columns)."""
    if is_record(table):
        return {"id": key}
    columns = BY_TABLE[table].columns_in_table
    parts = key.split(".")
    if len(parts) != len(columns):
        raise BadRecordError(f"{table}/{key}: not a link key ({len(columns)} parts expected)")
    return {c: (p or None) for c, p in zip(columns, parts, strict=True)}


def record_path(table: str, key: str) -> str:
    return f"{RECORDS}{table}/{key}.json"


def parse_path(path: str) -> tuple[str, str] | None:
    """(table, key) for a record file's path, None for anything that is not one."""
    if not path.startswith(RECORDS) or not path.endswith(".json"):
        return None
    rest = path[len(RECORDS) : -len(".json")]
    table, _, key = rest.partition("/")
    if table not in BY_TABLE or not key or "/" in key:
        return None
    if not all(part == "" or _ID.match(part) for part in key.split(".")):
        return None
    return table, key


def evidence_path(sha256: str) -> str:
    if not _SHA.match(sha256):
        raise BadRecordError(f"{sha256!r} is not a file hash")
    return f"{EVIDENCE}{sha256}"


def _lines(pairs: list[tuple[str, Any]]) -> bytes:
    body = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in pairs)
    return ("{\n" + body + "\n}\n").encode("utf-8")


def dump(table: str, row: Row) -> bytes:
    """A record as its file: the model's columns in order, then (a reflection) its tags."""
    columns = BY_TABLE[table].columns_in_table
    pairs = [(c, row.get(c)) for c in columns]
    if table == "reflections":
        pairs.append((TAGS, sorted(row.get(TAGS) or [], key=str.lower)))
    return _lines(pairs)


def dump_tombstone(stone: Tombstone) -> bytes:
    return _lines([("deleted_at", stone.deleted_at)])


def dump_version(table: str, version: Row | Tombstone) -> bytes:
    return dump_tombstone(version) if isinstance(version, Tombstone) else dump(table, version)


def is_tombstone(data: bytes) -> bool:
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(value, dict) and set(value) == {"deleted_at"}


def load(table: str, key: str, data: bytes) -> Row | Tombstone:
    """A record file read back and checked: a valid record named by its path, or a tombstone."""
    place = f"{table}/{key}"
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadRecordError(f"{place}: not a JSON record ({exc})") from None
    if not isinstance(value, dict):
        raise BadRecordError(f"{place}: not a JSON record")
    if set(value) == {"deleted_at"} and isinstance(value["deleted_at"], str):
        return Tombstone(value["deleted_at"])
    columns = BY_TABLE[table].columns_in_table
    extra = set(value) - set(columns) - ({TAGS} if table == "reflections" else set())
    if extra:
        raise BadRecordError(f"{place}: unknown field {sorted(extra)[0]!r}")
    row: Row = {c: value.get(c) for c in columns}
    problem = check_row(table, row)
    if problem:
        raise BadRecordError(f"{place}: {problem}")
    if key_of(table, row) != key:
        raise BadRecordError(f"{place}: the file names another record")
    if table == "reflections":
        tags = value.get(TAGS, [])
        if not isinstance(tags, list) or not all(isinstance(t, str) and t.strip() for t in tags):
            raise BadRecordError(f"{place}: tags must be a list of words")
        bad = next((text_problem(t) for t in tags if text_problem(t)), None)
        if bad:
            raise BadRecordError(f"{place}: a tag {bad}")
        row[TAGS] = tags
    return row


def manifest(journal_id: str, schema: int) -> bytes:
    return _lines([("format", FORMAT_VERSION), ("journal_id", journal_id), ("schema", schema)])


def read_manifest(data: bytes) -> str:
    """The journal id a repository belongs to; refuses what is not an ilearn sync repository."""
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        value = None
    if not isinstance(value, dict) or not isinstance(value.get("journal_id"), str):
        raise BadRecordError("the remote is not an ilearn sync repository (its manifest is unreadable)")
    if not isinstance(value.get("format"), int) or value["format"] > FORMAT_VERSION:
        raise BadRecordError("the remote was written by a newer ilearn; update ilearn on this computer")
    return str(value["journal_id"])

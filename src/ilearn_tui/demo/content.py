"""The demo teacher's content, read from ``teacher.toml`` and checked field by field.

The file is written for people, not for the builder: a typo in it must come back as the
section, record and field at fault (``goals #3: unknown field 'titel'``), never as a
``KeyError`` from deep inside the build. Every record comes out with all of its section's
fields present, the ones the file leaves out at their empty default.
"""

from __future__ import annotations

import copy
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ilearn_tui.errors import IlearnError

YEARS = ("previous", "current")
LINK_KINDS = ("goals", "questions", "activities", "evidence")
_MONTH_DAY = re.compile(r"(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])")

Record = dict[str, Any]
Check = Callable[[Any], Any]  # returns the value as the builder wants it, or raises ValueError


class DemoContentError(IlearnError):
    """The demo's data file breaks one of its own rules."""


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("must be text")
    return value


def _year(value: Any) -> str:
    if value not in YEARS:
        raise ValueError(f"must be one of {', '.join(YEARS)}")
    return str(value)


def _month_day(value: Any) -> tuple[int, int]:
    if not isinstance(value, str) or not _MONTH_DAY.fullmatch(value):
        raise ValueError('must be a date written "MM-DD"')
    month, day = value.split("-")
    return int(month), int(day)


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be a number")
    return float(value)


def _whole(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("must be a whole number")
    return value


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def _words(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise ValueError("must be a list of names")
    return list(value)


def _links(value: Any) -> dict[str, list[str]]:
    if not isinstance(value, dict):
        raise ValueError(f"must be a table of {', '.join(LINK_KINDS)}")
    unknown = set(value) - set(LINK_KINDS)
    if unknown:
        raise ValueError(f"has unknown kinds {', '.join(sorted(unknown))}; known: {', '.join(LINK_KINDS)}")
    return {kind: _words(keys) for kind, keys in value.items()}  # in the order written


def _questions(value: Any) -> list[Record]:
    if not isinstance(value, list):
        raise ValueError("must be a list of { key, text }")
    return [
        _record("question", {"key": (_text, REQUIRED), "text": (_text, REQUIRED)}, item) for item in value
    ]


# Each section's fields: (check, value when left out); REQUIRED ones may not be left out.
REQUIRED: Any = object()
Fields = dict[str, tuple[Check, Any]]
_OPTIONAL_TEXT: tuple[Check, Any] = (_text, "")
SECTIONS: dict[str, Fields] = {
    "outcomes": {
        "key": (_text, REQUIRED),
        "year": (_year, REQUIRED),
        "kind": (_text, REQUIRED),
        "text": (_text, REQUIRED),
    },
    "interests": {"year": (_year, REQUIRED), "kind": (_text, REQUIRED), "text": (_text, REQUIRED)},
    "goals": {
        "key": (_text, REQUIRED),
        "year": (_year, REQUIRED),
        "title": (_text, REQUIRED),
        "why": _OPTIONAL_TEXT,
        "skills": _OPTIONAL_TEXT,
        "success_indicators": _OPTIONAL_TEXT,
        "target": (_month_day, REQUIRED),
        "status": (_text, REQUIRED),
        "outcomes": (_words, []),
        "questions": (_questions, []),
    },
    "activities": {
        "key": (_text, REQUIRED),
        "year": (_year, REQUIRED),
        "type": (_text, REQUIRED),
        "date": (_month_day, REQUIRED),
        "status": (_text, REQUIRED),
        "role": (_text, REQUIRED),
        "hours": (_number, 0.0),
        "credits": (_number, 0.0),
        "title": (_text, REQUIRED),
        "provider": _OPTIONAL_TEXT,
        "collaborators": _OPTIONAL_TEXT,
        "goals": (_words, []),
        "notes": _OPTIONAL_TEXT,
        "link": _OPTIONAL_TEXT,
        "topic": _OPTIONAL_TEXT,
        # A session she led (role "facilitated"); a later activity names the one it came from.
        "co_facilitators": (_words, []),
        "attendees": (_whole, None),
        "feedback": (_words, []),
        "materials": (_words, []),
        "spun_off_from": _OPTIONAL_TEXT,
    },
    "innovations": {
        "key": (_text, REQUIRED),
        "year": (_year, REQUIRED),
        "question": (_text, REQUIRED),
        "kind": (_text, REQUIRED),
        "title": (_text, REQUIRED),
        "started": (_month_day, REQUIRED),
        "phase": (_text, REQUIRED),
        "plan": _OPTIONAL_TEXT,
        "act": _OPTIONAL_TEXT,
        "observe": _OPTIONAL_TEXT,
        "reflect": _OPTIONAL_TEXT,
    },
    "evidence": {
        "key": (_text, REQUIRED),
        "year": (_year, REQUIRED),
        "date": (_month_day, REQUIRED),
        "kind": (_text, REQUIRED),
        "title": (_text, REQUIRED),
        "url": _OPTIONAL_TEXT,
        "file": _OPTIONAL_TEXT,
        "description": _OPTIONAL_TEXT,
        "student_info": (_flag, False),
        "goal": _OPTIONAL_TEXT,
        "question": _OPTIONAL_TEXT,
        "activity": _OPTIONAL_TEXT,
        "innovation": _OPTIONAL_TEXT,
    },
    "checks": {
        "goal": (_text, REQUIRED),
        "indicator": (_text, REQUIRED),
        "date": (_month_day, REQUIRED),
        "rating": (_whole, None),
        "value": (_number, None),
        "note": _OPTIONAL_TEXT,
        "evidence": _OPTIONAL_TEXT,
    },
    "shares": {
        "year": (_year, REQUIRED),
        "audience": (_text, REQUIRED),
        "date": (_month_day, REQUIRED),
        "title": (_text, REQUIRED),
        "venue": _OPTIONAL_TEXT,
        "link": _OPTIONAL_TEXT,
        "notes": _OPTIONAL_TEXT,
        "goals": (_words, []),
    },
    "reflections": {
        "year": (_year, REQUIRED),
        "date": (_month_day, REQUIRED),
        "time": (_text, REQUIRED),
        "stage": (_whole, None),
        "tags": (_words, []),
        "links": (_links, {}),
        "starred": (_flag, False),
        "private": (_flag, False),
        "title": (_text, REQUIRED),
        "body": (_text, REQUIRED),
    },
}
TOP_LEVEL = {"teacher": ("name", "role", "school", "mission"), "vision": YEARS}


@dataclass(frozen=True)
class Content:
    """Everything in the data file, checked: each section's records, the teacher and the files."""

    teacher: dict[str, str]
    vision: dict[str, str]
    files: dict[str, str]
    sections: dict[str, list[Record]]


def _record(where: str, fields: Fields, raw: Any) -> Record:
    if not isinstance(raw, dict):
        raise DemoContentError(f"{where}: expected a table of fields")
    unknown = [name for name in raw if name not in fields]
    if unknown:
        raise DemoContentError(f"{where}: unknown field {unknown[0]!r}; known: {', '.join(fields)}")
    record: Record = {}
    for name, (check, default) in fields.items():
        if name not in raw:
            if default is REQUIRED:
                raise DemoContentError(f"{where}: the field {name!r} is missing")
            record[name] = copy.deepcopy(default)  # records must not share one list
            continue
        try:
            record[name] = check(raw[name])
        except ValueError as exc:
            raise DemoContentError(f"{where}: the field {name!r} {exc}") from None
        except DemoContentError as exc:
            raise DemoContentError(f"{where}: {name}: {exc}") from None
    return record


def _table(document: dict[str, Any], name: str, keys: tuple[str, ...]) -> dict[str, str]:
    raw = document.get(name)
    fields: Fields = {key: (_text, REQUIRED) for key in keys}
    return {key: str(value) for key, value in _record(f"[{name}]", fields, raw).items()}


def parse_content(text: str) -> Content:
    """The demo's content from the text of a data file, or the first mistake in it."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DemoContentError(f"teacher.toml cannot be read: {exc}") from None
    unknown = set(document) - set(SECTIONS) - set(TOP_LEVEL) - {"files"}
    if unknown:
        raise DemoContentError(f"teacher.toml: unknown section {sorted(unknown)[0]!r}")
    sections: dict[str, list[Record]] = {}
    for section, fields in SECTIONS.items():
        rows = document.get(section, [])
        if not isinstance(rows, list):
            raise DemoContentError(f"teacher.toml: {section} must be written [[{section}]]")
        sections[section] = [_record(f"{section} #{n}", fields, row) for n, row in enumerate(rows, 1)]
    files = document.get("files", {})
    if not isinstance(files, dict) or not all(isinstance(v, str) for v in files.values()):
        raise DemoContentError("teacher.toml: [files] must map file names to their text")
    return Content(
        teacher=_table(document, "teacher", TOP_LEVEL["teacher"]),
        vision=_table(document, "vision", TOP_LEVEL["vision"]),
        files=dict(files),
        sections=sections,
    )


def load_content() -> Content:
    """The content shipped with ilearn."""
    return parse_content(resources.files(__package__).joinpath("teacher.toml").read_text(encoding="utf-8"))

"""Bring a journal kept with ``jrnl`` (https://jrnl.sh) into ilearn as reflections.

The text reader follows jrnl 4's own parser so each entry gets the title, body, star and
tags jrnl shows: an entry starts at ``[<date>] Title`` (`` *`` at the end of that line
stars it); a multi-line entry's title is its first line, a one-line entry's its first
sentence; a ``[1]`` or ``[x]`` line is text of the entry above. A ``[...]`` that looks
like a date but is not one is an error here, where jrnl would quietly re-date it to now.
Everything is checked before the journal is touched and then written in one transaction,
so a bad file never leaves half an import behind.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ilearn_tui.domain.fields import MAX_BODY_CHARS
from ilearn_tui.domain.text import in_calendar
from ilearn_tui.domain.validation import text_problem
from ilearn_tui.errors import IlearnError
from ilearn_tui.store.bulk import BulkWriter, bulk_write
from ilearn_tui.store.journal import Journal, new_id, now_stamp
from ilearn_tui.store.reflections import clean_tags, validate_body
from ilearn_tui.textsafe import one_line

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_TAG_CHARS = 64
# The common jrnl time formats; "%Y-%m-%d %I:%M:%S %p" is jrnl 4's default "%F %r".
AUTO_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %I:%M:%S %p", "%Y-%m-%d %I:%M %p", "%Y-%m-%d %H:%M:%S")
# strftime shorthands jrnl users write but Python's strptime does not know.
_SHORTHANDS = {"F": "%Y-%m-%d", "r": "%I:%M:%S %p", "T": "%H:%M:%S", "R": "%H:%M", "D": "%m/%d/%y", "h": "%b"}
_HEADER = re.compile(r"^\[([^\]\n]+)\](?: |$)", re.MULTILINE)
_CLOCK = re.compile(r"([01]\d|2[0-3]):[0-5]\d")
_DATE_LIKE = re.compile(r"\d+[-/.]\d+|\d+:\d\d")
# jrnl's sentence splitter (from segtok), used when an entry is a single line.
_SENTENCE_END = re.compile(
    r"""([.!?\u2026\u203C\u203D\u2047\u2048\u2049\u22EF\uFE52\uFE57]['\u2019"\u201D]?[\])]*\s+)
    |[\uFF01\uFF0E\uFF1F\uFF61\u3002]""",
    re.VERBOSE,
)


@dataclass
class JrnlEntry:
    """One jrnl entry, already shaped like an ilearn reflection."""

    day: str
    time: str
    title: str
    body: str
    tags: list[str]
    starred: bool


def all_entries(count: int) -> str:
    """"the one entry is", "all 12 entries are": a whole journal already imported, in a sentence."""
    return "the one entry is" if count == 1 else f"all {count:,} entries are"


def _strptime_format(time_format: str) -> str:
    """Expand ``%F``/``%r``…: jrnl's default format would otherwise never parse in Python."""
    fmt = re.sub(r"%([%A-Za-z])", lambda m: _SHORTHANDS.get(m.group(1), m.group(0)), time_format)
    try:
        sample = datetime(2024, 3, 5, 14, 30)
        datetime.strptime(sample.strftime(fmt), fmt)
    except ValueError as exc:
        raise IlearnError(f"the time format {time_format!r} cannot be read back: {exc}") from None
    return fmt


def _split_title(text: str) -> tuple[str, str]:
    """jrnl's rule: a multi-line entry is titled by its first line, else by its first sentence."""
    stripped = text.lstrip()
    cut = stripped.find("\n")
    if cut >= 0:
        return stripped[:cut].strip(), stripped[cut + 1 :].strip()
    found = _SENTENCE_END.search(stripped)
    if not found:
        return stripped.strip(), ""
    return stripped[: found.end()].strip(), stripped[found.end() :].strip()


def _check_tag(tag: str, where: str) -> str:
    if len(tag) > MAX_TAG_CHARS or any(ch.isspace() for ch in tag):
        shown = one_line(tag, 40)
        raise IlearnError(f"{where}: the tag {shown!r} is not one word of at most 64 characters")
    return tag


def parse_jrnl_text(text: str, *, time_format: str | None = None, tag_symbols: str = "@") -> list[JrnlEntry]:
    """Entries of a plain-text jrnl journal, or one clear error naming the line at fault.

    jrnl's own default ``tagsymbols`` is ``"#@"``; pass that when the journal used ``#tags``.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise IlearnError(f"line {line}: the file contains NUL bytes; is it a binary file?")
    if not text.strip():
        raise IlearnError("the file has no entries")
    formats = list(AUTO_FORMATS)
    if time_format:
        formats.insert(0, _strptime_format(time_format))
    tag_re = re.compile(  # jrnl's tag rule; with no tag symbols nothing is a tag
        rf"(?<!\S)[{re.escape(tag_symbols)}]([-+*#/\w]+)" if tag_symbols else r"(?!)(x)"
    )
    starts: list[tuple[int, int, int, datetime]] = []  # (line, header start, text start, when)
    line, counted = 1, 0
    for match in _HEADER.finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        blob = match.group(1)
        when = next(filter(None, (_read_date(blob, fmt) for fmt in formats)), None)
        if when is None:
            if len(blob) > 6 and _DATE_LIKE.match(blob.strip()):
                hint = f" (expected {time_format!r})" if time_format else ""
                raise IlearnError(f"line {line}: cannot read the date {one_line(blob, 40)!r}{hint}")
            continue  # a footnote or check box: text of the entry above, as in jrnl
        _in_calendar(when.date(), f"line {line}")
        starts.append((line, match.start(), match.end(), when))
    if not starts:
        raise IlearnError("not a jrnl journal: no entry starts with a [date] line")
    before = text[: starts[0][1]]
    if before.strip():
        line = before[: len(before) - len(before.lstrip())].count("\n") + 1
        raise IlearnError(f"line {line}: there is text before the first [date] line")
    entries: list[JrnlEntry] = []
    for index, (line, _start, begin, when) in enumerate(starts):
        end = starts[index + 1][1] - 1 if index + 1 < len(starts) else len(text)
        entry = _entry(text[begin:end], when, tag_re, f"line {line}")
        if entry.title or entry.body:
            entries.append(entry)  # an entry with no words carries nothing to import
    if not entries:
        raise IlearnError("the file has no entries")
    return entries


def _in_calendar(day: date, where: str) -> None:
    """A date jrnl allows but ilearn's school years cannot hold (9999-12-31) is refused here."""
    try:
        in_calendar(day)
    except ValueError as exc:
        raise IlearnError(f"{where}: {exc}") from None


def _read_date(blob: str, fmt: str) -> datetime | None:
    try:
        return datetime.strptime(blob.strip(), fmt)
    except ValueError:
        return None


def _entry(raw: str, when: datetime, tag_re: re.Pattern[str], where: str) -> JrnlEntry:
    lines = raw.splitlines()
    starred = bool(lines) and lines[0].strip().endswith("*")
    title, body = _split_title(lines[0].strip("\n *") + "\n" + "\n".join(lines[1:]) if starred else raw)
    if len(title) + len(body) > MAX_BODY_CHARS:
        raise IlearnError(f"{where}: the entry is longer than {MAX_BODY_CHARS:,} characters")
    tags: dict[str, str] = {}
    for found in tag_re.finditer(raw):
        tag = found.group(1).lower()
        tags.setdefault(tag, _check_tag(tag, where))
    return JrnlEntry(when.date().isoformat(), when.strftime("%H:%M"), title, body, list(tags), starred)


def parse_jrnl_json(text: str) -> list[JrnlEntry]:
    """Entries of ``jrnl --export json`` output, checked field by field."""
    try:
        document = json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as exc:
        raise IlearnError(f"line {exc.lineno}: the JSON is damaged or cut short ({exc.msg})") from None
    except RecursionError:
        raise IlearnError("the JSON is nested too deeply to be a jrnl export") from None
    except ValueError as exc:  # a number of more than 4,300 digits
        raise IlearnError(f"the JSON holds a value no jrnl export has ({one_line(str(exc), 80)})") from None
    if not isinstance(document, dict) or not isinstance(document.get("entries"), list):
        raise IlearnError('not a jrnl JSON export: there is no "entries" list')
    entries = [_json_entry(raw, f"entry {n}") for n, raw in enumerate(document["entries"], 1)]
    entries = [e for e in entries if e.title or e.body]  # as for text: nothing to import
    if not entries:
        raise IlearnError("the file has no entries")
    return entries


def _json_entry(raw: Any, where: str) -> JrnlEntry:
    if not isinstance(raw, dict):
        raise IlearnError(f"{where}: expected an object with a date, time, title and body")
    fields: dict[str, str] = {}
    for key in ("date", "time", "title", "body"):
        value = raw.get(key)
        if not isinstance(value, str):
            raise IlearnError(f"{where}: {key!r} is missing or not text")
        problem = text_problem(value)
        if problem:
            raise IlearnError(f"{where}: {key!r} {problem}")
        fields[key] = value.strip()
    try:
        day = date.fromisoformat(fields["date"]).isoformat()
        clock = datetime.strptime(fields["time"], "%H:%M").strftime("%H:%M")
    except ValueError:
        shown = one_line(f"{fields['date']} {fields['time']}", 40)
        raise IlearnError(f"{where}: cannot read the date {shown!r}") from None
    _in_calendar(date.fromisoformat(day), where)
    raw_tags = raw.get("tags", [])
    starred = raw.get("starred", False)
    if not isinstance(raw_tags, list) or not all(isinstance(t, str) for t in raw_tags):
        raise IlearnError(f"{where}: 'tags' must be a list of text")
    if not isinstance(starred, bool):
        raise IlearnError(f"{where}: 'starred' must be true or false")
    tags: dict[str, str] = {}
    for tag in raw_tags:
        problem = text_problem(tag)
        if problem:
            raise IlearnError(f"{where}: a tag {problem}")
        name = re.sub(r"^[^\w]", "", tag.strip())  # jrnl keeps the @ or # on each tag
        if name:
            tags.setdefault(name.lower(), _check_tag(name, where))
    return JrnlEntry(day, clock, fields["title"], fields["body"], list(tags.values()), starred)


def detect_and_parse(
    path: Path, *, time_format: str | None = None, tag_symbols: str = "@"
) -> list[JrnlEntry]:
    """Read a jrnl journal or JSON export; the first character decides which."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise IlearnError(f"{path} is {size / 2**20:,.0f} MiB; the limit is 200 MiB")
        data = path.read_bytes()
    except OSError as exc:
        raise IlearnError(f"cannot read {path}: {(exc.strerror or str(exc)).lower()}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise IlearnError(
            f"line {line}: {path.name} is not UTF-8 text; is it a binary or encrypted journal?"
        ) from None
    if text.removeprefix("\ufeff").lstrip().startswith("{"):
        return parse_jrnl_json(text)
    return parse_jrnl_text(text, time_format=time_format, tag_symbols=tag_symbols)


def import_entries(journal: Journal, entries: list[JrnlEntry]) -> int:
    """Save every entry the journal lacks as a reflection, in one transaction; returns how many.

    Rows go through the store's bulk path (not ``add_reflection``) because one transaction
    per entry makes 50,000 entries take minutes, and because a failure must save none of them.
    """
    rows: list[tuple[dict[str, object], list[str]]] = []
    for number, entry in enumerate(entries, 1):
        try:
            day = in_calendar(date.fromisoformat(entry.day)).isoformat()
            if not _CLOCK.fullmatch(entry.time):
                raise ValueError(entry.time)
        except (TypeError, ValueError):
            shown = one_line(f"{entry.day} {entry.time}", 40)
            raise IlearnError(f"entry {number}: cannot read the date {shown!r}") from None
        try:
            body = validate_body(entry.body if entry.body.strip() else entry.title)
            tags = clean_tags(entry.tags)
        except IlearnError as exc:
            raise IlearnError(f"entry {number} ({day}): {exc}") from None
        row = {
            "date": day,
            "time": entry.time,
            "title": entry.title,
            "body": body,
            "starred": int(entry.starred),
        }
        rows.append((row, tags))
    stamp = now_stamp()  # one import, one moment: the same stamp on every row it adds
    with bulk_write(journal, index_at_end=True) as bulk:
        held = _held(bulk, rows)
        new = [(row, tags) for row, tags in rows if _key(row) not in held]
        if not new:
            raise AlreadyImportedError(
                f"{all_entries(len(rows))} already in the journal (imported before?); nothing was imported"
            )
        for row, _tags in new:
            row.update(
                id=new_id(), cycle_id=bulk.cycle_for(str(row["date"])), created_at=stamp, updated_at=stamp
            )
        bulk.insert_many("reflections", [row for row, _tags in new])
        bulk.tag_new((str(row["id"]), tags) for row, tags in new if tags)
    return len(new)


class AlreadyImportedError(IlearnError):
    """Every entry of the file is in the journal already: the same file imported a second time."""


def _key(row: dict[str, object]) -> tuple[object, ...]:
    return (row["date"], row["time"], row["title"], row["body"])


def _held(bulk: BulkWriter, rows: list[tuple[dict[str, object], list[str]]]) -> set[tuple[object, ...]]:
    """The entries the journal already has, by day, time, title and text.

    Re-importing a jrnl journal (the same file, or one that has grown since) then adds only the
    entries that are new, instead of a second copy of every entry.
    """
    if not rows:
        return set()
    days = [str(row["date"]) for row, _ in rows]
    return set(bulk.held_reflections(min(days), max(days)))

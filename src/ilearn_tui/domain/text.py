"""The rules for what a teacher types: dates, titles, tags and topics, each written once.

Every command-line option and every field of the app goes through these functions, so a word
accepted in one place is accepted in all of them and a refusal reads the same everywhere.
They raise ``ValueError`` with a one-line message; each interface shows that message as it is
(the command line as a usage error, a form beside its field).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

# A reflection (or a draft of one) may be far longer than one field: ~2 MB, short of a runaway
# paste. The one limit: the record model, the store and the importers all read it from here.
MAX_BODY_CHARS = 2_000_000

# --- dates ------------------------------------------------------------------------------
DATE_WORDS: dict[str, int] = {"today": 0, "yesterday": -1, "tomorrow": 1}
DATE_FORMS = "YYYY-MM-DD, YYYYMMDD, today, yesterday or tomorrow"
_DASHED = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")


def date_error(text: str) -> str:
    """The one message for a date that is not understood, naming every accepted form."""
    shown = text if len(text) <= 40 else text[:40] + "…"
    return f"bad date {shown!r}: use {DATE_FORMS}"


def parse_day(text: str, *, today: date | None = None) -> str:
    """``text`` as an ISO date string; the grammar is explicit, not whatever ISO 8601 allows.

    ``date.fromisoformat`` alone would also take week dates and ordinal days, which no
    message offers; the regular expressions keep the accepted forms to the ones listed.
    """
    cleaned = text.strip().lower()
    if cleaned in DATE_WORDS:
        return ((today or date.today()) + timedelta(days=DATE_WORDS[cleaned])).isoformat()
    found = _DASHED.fullmatch(cleaned) or _COMPACT.fullmatch(cleaned)
    if found is None:
        raise ValueError(date_error(text))
    year, month, day = (int(part) for part in found.groups())
    try:
        parsed = date(year, month, day)
    except ValueError:
        raise ValueError(date_error(text)) from None
    return in_calendar(parsed).isoformat()


# The days a record may carry. Python's calendar ends at 9999 and starts at year 1, so the
# school year of 9999-12-31 (ending in 10000) or a period of years after it cannot be computed;
# this range leaves centuries on either side of any teacher's career and keeps that arithmetic
# well inside the calendar.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)


def in_calendar(day: date) -> date:
    """``day`` if a record may carry it, else a ValueError naming the range."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"{day.isoformat()} is outside the dates ilearn keeps ({FIRST_DAY} to {LAST_DAY})")
    return day


def school_year_bounds(day: date) -> tuple[date, date, str]:
    """The school year (1 August to 31 July) that contains ``day``, with its title."""
    in_calendar(day)
    start_year = day.year if day.month >= 8 else day.year - 1
    start = date(start_year, 8, 1)
    end = date(start_year + 1, 7, 31)
    return start, end, f"{start_year}–{str(start_year + 1)[-2:]}"


# --- activity status --------------------------------------------------------------------
def default_status(day: str, *, today: date | None = None) -> str:
    """Done if it happened (today or earlier), planned if it lies ahead: hours count once done."""
    return "planned" if day > (today or date.today()).isoformat() else "done"


# --- titles -----------------------------------------------------------------------------
MAX_TITLE_CHARS = 300
REFLECTION_TITLE_CHARS = 80


def clean_title(text: str, noun: str) -> str:
    """A record's title on one line; refused when empty, binary or far too long."""
    title = " ".join(text.split())
    if not title:
        raise ValueError(f"the {noun} needs a title")
    if "\x00" in title:
        raise ValueError(f"the {noun} title contains NUL bytes")
    if len(title) > MAX_TITLE_CHARS:
        raise ValueError(f"the {noun} title is longer than {MAX_TITLE_CHARS} characters")
    return title


def reflection_title(title: str, body: str) -> str:
    """The title typed, or else the body's first line without its Markdown heading marks.

    Creating and editing both use this, so emptying the title field brings back the same
    title the reflection had when it was first saved.
    """
    typed = " ".join(title.split())
    if typed:
        return typed[:MAX_TITLE_CHARS]
    for line in body.splitlines():
        first = " ".join(line.lstrip("# \t").split())
        if first:
            return first[:REFLECTION_TITLE_CHARS]
    return ""


# --- tags -------------------------------------------------------------------------------
MAX_TAG_CHARS = 64


def split_tags(text: str) -> list[str]:
    """Tags typed in one field, separated by commas or spaces, cleaned as ``clean_tags`` does."""
    return clean_tags(text.replace(",", " ").split())


def clean_tags(tags: Iterable[str]) -> list[str]:
    """Tags as typed, without a leading ``#``/``@``, empty ones dropped, duplicates merged."""
    seen: dict[str, str] = {}
    for raw in tags:
        tag = raw.strip().lstrip("#@").strip()
        if not tag:
            continue
        if len(tag) > MAX_TAG_CHARS or any(ch.isspace() for ch in tag):
            raise ValueError(f"bad tag {raw!r}: one word, at most {MAX_TAG_CHARS} characters")
        seen.setdefault(tag.lower(), tag)
    return list(seen.values())


# --- topics -----------------------------------------------------------------------------
NO_TOPIC = "(no topic)"


def topic_key(text: str) -> str:
    """The key a topic is grouped under: case and spacing do not make a second topic."""
    return " ".join(text.split()).lower() or NO_TOPIC


def noun_for(count: float, noun: str, many: str | None = None) -> str:
    """The noun a count takes: one ``activity``, any other number of ``activities``."""
    return noun if count == 1 else (many or noun + "s")


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``1 activity``, ``2 activities``: the count with the noun it takes, for every layer's words."""
    return f"{count:,} {noun_for(count, noun, many)}"


def amount(value: float, noun: str, many: str | None = None) -> str:
    """``1 hour``, ``1.5 hours``, ``0 credits``: a measured amount with its noun, as ``plural`` counts."""
    return f"{value:g} {noun_for(value, noun, many)}"

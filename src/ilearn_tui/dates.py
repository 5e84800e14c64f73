"""The dates a teacher may type: ISO dates and the words ``today`` and ``yesterday``."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from ilearn_tui.errors import UsageError

_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1}


def parse_date(text: str, *, today: date | None = None) -> str:
    """Return ``text`` as an ISO date string, or raise a one-line usage error."""
    cleaned = text.strip().lower()
    base = today or date.today()
    if cleaned in _WORDS:
        return (base + timedelta(days=_WORDS[cleaned])).isoformat()
    try:
        if len(cleaned) == 10:
            return date.fromisoformat(cleaned).isoformat()
        return datetime.fromisoformat(cleaned).date().isoformat()
    except ValueError:
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise UsageError(f"bad date {shown!r}: use YYYY-MM-DD, 'today' or 'yesterday'") from None


def school_year_bounds(day: date) -> tuple[date, date, str]:
    """The school year (1 August to 31 July) that contains ``day``, with its title."""
    start_year = day.year if day.month >= 8 else day.year - 1
    start = date(start_year, 8, 1)
    end = date(start_year + 1, 7, 31)
    return start, end, f"{start_year}–{str(start_year + 1)[-2:]}"

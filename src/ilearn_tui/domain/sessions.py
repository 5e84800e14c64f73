"""What a session the teacher led keeps, and the rules for it, for the command line and the forms.

An activity with role "facilitated" is a session she led: it keeps co-facilitators, how many
came, feedback quotes and materials (``model.ACTIVITY``). Those belong to sessions only, so an
attended workshop never shows attendees. A later activity may name the session it came from
(``spun_off_from``); that one may be of any role.
"""

from __future__ import annotations

import re

from ilearn_tui.domain.fields import MAX_TEXT_CHARS

LED = "facilitated"
# The fields only a session the teacher led keeps, in form order.
SESSION_FIELDS = ("co_facilitators", "attendees", "feedback", "materials")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
MAX_ATTENDEES = 100_000


def whole_number(text: str) -> int:
    """A count typed by a teacher (attendees): a whole number, 0 or more."""
    text = text.strip()
    if not text.isascii() or not text.isdigit():
        raise ValueError("a whole number, 0 or more")
    number = int(text)
    if number > MAX_ATTENDEES:
        raise ValueError("too large to be believable")
    return number


def read_lines(value: object) -> list[str]:
    """Lines typed one a line (a form's text box) or given as a list (repeated options), tidied.

    Blank lines go; spaces inside a line fold to one; a line given twice is kept once.
    """
    items = value if isinstance(value, list | tuple) else str(value or "").splitlines()
    tidy = (" ".join(str(item).split()) for item in items)
    return list(dict.fromkeys(item for item in tidy if item))


def line_problem(name: str, line: str) -> str | None:
    """What is wrong with one line, or None: too long, a NUL, or a material that is no link or path."""
    if "\x00" in line:
        return "contains a NUL character"
    if len(line) > MAX_TEXT_CHARS:
        return f"a line longer than {MAX_TEXT_CHARS:,} characters"
    web = line.lower().startswith(("http://", "https://"))
    if name == "materials" and not web and _SCHEME.match(line) and not re.match(r"^[A-Za-z]:[\\/]", line):
        return f"{line[:40]!r}: only https:// or http:// links, or a file path"
    return None


def lines_problem(name: str, lines: list[str]) -> str | None:
    """The first thing wrong with any of a field's lines, or None."""
    return next(filter(None, (line_problem(name, line) for line in lines)), None)


def only_for_sessions(role: str, given: dict[str, object]) -> dict[str, str]:
    """For each session field given to an activity that is not a session led: why it is refused."""
    if role == LED:
        return {}
    return {
        name: "only for a session you led (role facilitated)"
        for name in SESSION_FIELDS
        if given.get(name) not in (None, "", [], ())
    }

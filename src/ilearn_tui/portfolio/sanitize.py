"""Control and bidi-override characters in the records, drawn as visible symbols before rendering.

A portfolio is printed to terminals (``ilearn export | less``) and opened in editors, so an
escape sequence pasted into a title must not be replayed, nor a bidi override reorder what a
reader sees. Cleaning the records (not the finished document) lets most fields skip the slow
regular expression: a pure-ASCII field is checked with one C-level ``bytes.translate``.
"""

from __future__ import annotations

from ilearn_tui.portfolio.model import Portfolio
from ilearn_tui.textsafe import visible

# ASCII controls other than tab and newline, and DEL: the only hidden characters ASCII can hold.
_ASCII_HIDDEN = bytes(range(0, 9)) + bytes(range(11, 32)) + b"\x7f"


def clean(text: str, *, lines: bool = False) -> str:
    """``text`` with hidden characters made visible; the same object when there are none.

    ``lines``: text of many lines (a body), which the one-pass check for a title would only
    stop at its first newline.
    """
    if not lines and text.isprintable():  # one pass, no copy: a title, a tag (no controls, no bidi)
        return text
    if text.isascii():
        raw = text.encode("ascii")
        if len(raw.translate(None, _ASCII_HIDDEN)) == len(raw):
            return text
    return visible(text)


def show_hidden(p: Portfolio) -> None:
    """Clean every free-text field of ``p`` (titles, bodies, notes, names); records are replaced.

    Reflections and their tags are cleaned as they are read (``gather._reflections``): they
    are most of the text.
    """
    p.teacher, p.role, p.school = clean(p.teacher), clean(p.role), clean(p.school)
    p.rewrite_records(clean)

"""Printing records safely: nothing from the journal reaches the terminal unescaped.

Styles (bold search matches) appear only where a person reads them: on a terminal, unless
``NO_COLOR`` is set or ``TERM`` is ``dumb``; ``FORCE_COLOR`` asks for them anywhere. Piped
output is plain text, and ``--json`` is plain values for scripts.
"""

from __future__ import annotations

import os
import re
import sys
from typing import Any, Literal, TextIO

from ilearn_tui.domain.text import amount as amount  # the one rule for measured amounts
from ilearn_tui.domain.text import plural as plural  # the one rule for counted nouns
from ilearn_tui.store.search import MARK_END, MARK_START
from ilearn_tui.textsafe import one_line, printable

_SPACES = re.compile(r"\s+")
Marking = Literal["style", "plain", "marks"]


def out(text: str = "") -> None:
    sys.stdout.write(printable(text) + "\n")


def out_json(data: Any) -> None:
    import json  # only the --json outputs need it

    # ensure_ascii keeps escape characters as \u001b rather than raw bytes on the terminal.
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=True) + "\n")


def styles_on(stream: TextIO | None = None) -> bool:
    """Whether terminal styles belong on ``stream`` (stdout by default), by the common conventions."""
    if os.environ.get("NO_COLOR"):
        return False
    force = os.environ.get("FORCE_COLOR")
    if force is not None and force not in ("", "0"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    stream = stream or sys.stdout
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or odd stream
        return False


def highlighted(snippet: str, *, marking: Marking) -> str:
    """A snippet with its matches in bold (``style``), in ``**`` (``marks``) or unmarked (``plain``)."""
    pieces = []
    marked = False
    for part in snippet.replace(MARK_END, MARK_START).split(MARK_START):
        text = _SPACES.sub(" ", printable(part))
        if marked and text:
            text = {"style": f"\x1b[1m{text}\x1b[0m", "marks": f"**{text}**", "plain": text}[marking]
        pieces.append(text)
        marked = not marked
    return "".join(pieces).strip()


def saved(noun: str, title: str, record_id: str, *details: str) -> None:
    """After a write: the id alone on stdout for scripts, and on a terminal a line for the person.

    "Saved reflection “Wait time” · 2026-12-01 · #questioning · id 8f19beb1" goes to stderr,
    so ``id=$(ilearn reflect …)`` still captures only the id.
    """
    sys.stdout.write(record_id + "\n")
    sys.stdout.flush()
    if not _is_terminal(sys.stderr):
        return
    parts = [f"Saved {noun} “{one_line(title, 60)}”" if title else f"Saved {noun}", *filter(None, details)]
    sys.stderr.write(printable(" · ".join([*parts, f"id {record_id[:8]}"])) + "\n")


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False

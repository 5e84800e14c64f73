"""Printing records safely: nothing from the journal reaches the terminal unescaped."""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from ilearn_tui.store.search import MARK_END, MARK_START
from ilearn_tui.textsafe import printable

_SPACES = re.compile(r"\s+")


def out(text: str = "") -> None:
    sys.stdout.write(printable(text) + "\n")


def out_json(data: Any) -> None:
    # ensure_ascii keeps escape characters as \u001b rather than raw bytes on the terminal.
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=True) + "\n")


def highlighted(snippet: str, *, tty: bool) -> str:
    """A snippet with matches in bold on a terminal, or in ``**`` elsewhere."""
    pieces = []
    marked = False
    for part in snippet.replace(MARK_END, MARK_START).split(MARK_START):
        text = _SPACES.sub(" ", printable(part))
        if marked:
            text = f"\x1b[1m{text}\x1b[0m" if tty else f"**{text}**"
        pieces.append(text)
        marked = not marked
    return "".join(pieces).strip()

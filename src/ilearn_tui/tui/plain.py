"""Stored text on screen: drawn as the characters it holds, never read as markup.

Textual reads a ``str`` given to a widget as markup, so a title such as ``Plan [/b]`` would
crash the screen, ``[seminar]`` would vanish and ``[link=…]`` would become a terminal
hyperlink. A ``Text`` is taken as it is; control characters are drawn as visible symbols so
an escape sequence in a title is never sent to the terminal either.
"""

from __future__ import annotations

from rich.text import Text

from ilearn_tui.textsafe import visible


def plain(text: str, style: str = "") -> Text:
    """``text`` for any widget (Static, table cell, option, select prompt), shown literally."""
    return Text(visible(text), style=style, end="")


def unedited(stored: str, shown: str) -> str:
    """What a field's ``shown`` text stands for, given the ``stored`` text it was filled from.

    ``visible`` swaps each control character for one symbol, so the two line up character by
    character outside the part the teacher edited. The stored characters are kept in the
    untouched lead and tail; only the edited middle is taken as typed. Without this, saving
    after typing one word would write ``␛`` over every escape in the text, and a tag holding
    one would come back as a new tag.
    """
    before = visible(stored)
    if shown == before:
        return stored
    if len(before) != len(stored):  # not a one-for-one picture: nothing to line up
        return shown
    limit = min(len(before), len(shown))
    lead = 0
    while lead < limit and before[lead] == shown[lead]:
        lead += 1
    tail = 0
    while tail < limit - lead and before[-1 - tail] == shown[-1 - tail]:
        tail += 1
    return stored[:lead] + shown[lead : len(shown) - tail] + stored[len(stored) - tail :]

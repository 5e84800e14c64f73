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

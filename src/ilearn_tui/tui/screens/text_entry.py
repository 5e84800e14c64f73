"""A dialog for one piece of writing: saved with ctrl+s, left with escape.

Used where a few words are asked for outside the editor (one text written from both versions
of a conflict, a reply to a colleague). Each use is a subclass with the bindings of its area of
the actions table, so its keys reach the key bar and help like every other key.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static, TextArea

from ilearn_tui.tui.plain import plain
from ilearn_tui.tui.screens.dialog import Dialog
from ilearn_tui.tui.shell import UsesShell


class TextEntryScreen(UsesShell, Dialog[str | None]):
    """Dismissed with the text on save, or None when left."""

    AUTO_FOCUS = "#entry-text"
    DEFAULT_CSS = """
    TextEntryScreen { align: center middle; }
    TextEntryScreen > Vertical {
        width: 90%; max-width: 110; height: 80%; border: round $primary; background: $surface; padding: 0 1;
    }
    TextEntryScreen TextArea { height: 1fr; }
    TextEntryScreen #entry-note { height: auto; color: $text-muted; }
    """

    def __init__(self, title: str, text: str = "", *, note: str = "") -> None:
        super().__init__()
        self._title, self._text, self._note = title, text, note

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(plain(self._title), classes="area-title")
            yield TextArea(self._text, id="entry-text", soft_wrap=True)
            if self._note:  # its keys (save, cancel) are in the key bar below
                yield Static(plain(self._note), id="entry-note")

    def action_save(self) -> None:
        self.dismiss(self.query_one("#entry-text", TextArea).text)

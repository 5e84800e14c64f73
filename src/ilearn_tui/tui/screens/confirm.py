"""A yes/no question in a modal; the answer is the screen's result."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from ilearn_tui.tui import actions
from ilearn_tui.tui.plain import plain
from ilearn_tui.tui.screens.dialog import Dialog


class ConfirmScreen(Dialog[bool]):
    AUTO_FOCUS = "#no"
    BINDINGS = actions.bindings("dialog", "confirm.")
    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical {
        width: 60; height: auto; border: round $warning; background: $surface; padding: 1 2;
    }
    ConfirmScreen Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
    ConfirmScreen Button { margin-left: 1; }
    """

    def __init__(self, question: str | Text, yes: str = "Yes", no: str = "Cancel") -> None:
        super().__init__()
        # A question often quotes a stored title: it is shown as text, never as markup.
        self.question = question if isinstance(question, Text) else plain(question)
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question)
            with Horizontal():
                yield Button(self.no, id="no")
                yield Button(self.yes, id="yes", variant="warning")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _answer(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

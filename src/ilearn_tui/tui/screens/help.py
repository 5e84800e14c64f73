"""Every key, in one place, in plain words: written from the actions table, keymap applied."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from ilearn_tui.tui import actions
from ilearn_tui.tui.screens.dialog import Dialog
from ilearn_tui.tui.shell import UsesShell


class HelpScreen(UsesShell, Dialog[None]):
    AUTO_FOCUS = "VerticalScroll"
    BINDINGS = actions.bindings("help")
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%; max-width: 100; height: 90%; border: round $primary; background: $surface;
        padding: 0 1;
    }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(actions.help_markdown(self.ilearn.keymap), id="help-text")

    async def action_conflicts(self) -> None:
        """Help names the sync conflicts; from here they are one key away."""
        await self.app.run_action("conflicts")

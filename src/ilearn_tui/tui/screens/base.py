"""What every area screen shares: the stage bar on top, the footer below."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from ilearn_tui.tui.plain import plain
from ilearn_tui.tui.shell import UsesShell
from ilearn_tui.tui.widgets.key_bar import KeyBar
from ilearn_tui.tui.widgets.stage_bar import StageBar


class AreaScreen(UsesShell, Screen[None]):
    """An area of the app: subclasses compose ``body()``."""

    stage: int | None = None

    def compose(self) -> ComposeResult:
        yield StageBar(active_stage=self.stage)
        yield from self.body()
        yield KeyBar()

    def body(self) -> ComposeResult:
        raise NotImplementedError

    def post_message(self, message: Message) -> bool:
        if isinstance(message, events.ScreenResume) and not self.is_mounted:
            # Textual sends a new area one or two resume events as it opens, each restyling
            # every widget; a screen not mounted yet is styled by the stylesheet as it mounts.
            message.refresh_styles = False
        return super().post_message(message)

    _shown_revision = -1

    def on_mount(self) -> None:
        self.watch(self.app, "revision", self._on_revision, init=False)

    def _on_revision(self) -> None:
        if self.is_current:
            self._refresh_if_stale()

    def on_screen_resume(self) -> None:
        self._refresh_if_stale()

    def _refresh_if_stale(self) -> None:
        """Re-read only when something was written since this screen last looked."""
        revision = self.ilearn.revision
        if revision != self._shown_revision and self.is_mounted:
            self._shown_revision = revision
            self.reload()

    def reload(self) -> None:
        """Re-read what the screen shows (after a write anywhere in the app)."""


def show_error(line: Static, message: str) -> None:
    """An error line takes room only while it has something to say, marked ``⚠`` as forms mark
    theirs, so it reads as an error without its colour."""
    line.update(plain(f"⚠ {message}" if message else ""))
    line.display = bool(message)

"""Quitting with ``sync_on_quit``: one last sync, shown, skippable, and never a reason to stay."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ilearn_tui.tui import actions
from ilearn_tui.tui.plain import plain
from ilearn_tui.tui.screens.dialog import Dialog
from ilearn_tui.tui.shell import UsesShell
from ilearn_tui.tui.syncing import Outcome, Syncer

# The longest the app waits for the sync before it quits anyway (an unreachable server).
QUIT_WAIT_SECONDS = 20.0
# How long a failed sync's line stays on screen before the app quits.
FAILED_LINE_SECONDS = 2.0


class QuitSyncScreen(UsesShell, Dialog[None]):
    BINDINGS = actions.bindings("dialog", "syncquit.")
    DEFAULT_CSS = """
    QuitSyncScreen { align: center middle; }
    QuitSyncScreen > Vertical {
        width: 60; max-width: 95%; height: auto; border: round $primary; background: $surface; padding: 1 2;
    }
    QuitSyncScreen #quit-sync-phase { color: $text-muted; }
    """

    def __init__(self, syncer: Syncer, wait: float = QUIT_WAIT_SECONDS) -> None:
        super().__init__()
        self.syncer, self.wait = syncer, wait

    def compose(self) -> ComposeResult:
        skip = "/".join(actions.keys_of(actions.BY_ID["syncquit.skip"], self.ilearn.keymap))
        with Vertical():
            yield Static(f"Syncing before you go… ({skip} to skip)", id="quit-sync-text")
            yield Static("", id="quit-sync-phase")

    def on_mount(self) -> None:
        self.watch(self.app, "sync_phase", self._phase)
        self.set_timer(self.wait, self.action_skip)
        self.syncer.start(asked=False, then=self._done)

    def _phase(self, phase: str) -> None:
        self.query_one("#quit-sync-phase", Static).update(phase and f"{phase}…")

    def _done(self, outcome: Outcome) -> None:
        if outcome.ok:
            self.app.exit()
            return
        self.query_one("#quit-sync-text", Static).update(plain(f"Sync failed: {outcome.line}"))
        self.query_one("#quit-sync-phase", Static).update("Quitting; your changes wait for the next sync.")
        self.set_timer(FAILED_LINE_SECONDS, self.action_skip)

    def action_skip(self) -> None:
        self.app.exit()

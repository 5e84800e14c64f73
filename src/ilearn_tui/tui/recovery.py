"""Shown instead of the journal when it could not be opened: explain, and offer the backup."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from ilearn_tui.locations import Locations
from ilearn_tui.store.recovery import best_backup, holds
from ilearn_tui.tui import actions
from ilearn_tui.tui.plain import plain


class RecoveryApp(App[Path | None]):
    """Returns the backup to restore, or None to leave everything as it is."""

    CSS = """
    Screen { align: center middle; }
    Vertical { width: 90%; max-width: 90; height: auto; border: round $warning; padding: 1 2; }
    Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
    Button { margin-left: 1; }
    """
    BINDINGS = actions.bindings("recovery")

    def __init__(self, locations: Locations, problem: str) -> None:
        super().__init__()
        self.locations = locations
        self.problem = problem
        self.best = best_backup(locations.backups_dir)
        self.backup = None if self.best is None else self.best.path

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Your journal could not be opened", classes="title")
            yield Static(plain(f"\n{self.problem}\n"))
            if self.best is not None:
                yield Static(plain(f"The newest good backup is {self.best.path.name} ({holds(self.best)})."))
            else:
                yield Static("No good backup was found. Your files are kept as they were.")
            with Horizontal():
                yield Button("Quit", id="quit")
                if self.backup is not None:
                    yield Button("Restore that backup", id="restore", variant="warning")

    @on(Button.Pressed, "#quit")
    def _quit(self) -> None:
        self.exit(None)

    @on(Button.Pressed, "#restore")
    def _restore(self) -> None:
        self.exit(self.backup)

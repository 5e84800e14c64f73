"""The full-screen app as the command line sees it: opened on a journal, or asked to recover one.

``__main__`` hands this to the command line, so the command line itself never imports Textual
and a quick command never pays for it.
"""

from __future__ import annotations

from pathlib import Path

from ilearn_tui.locations import Locations
from ilearn_tui.store.journal import Journal


class FullScreenApp:
    """Implements ``cli.interactive.FullScreen`` with the Textual app and its recovery dialog."""

    def open(self, journal: Journal, *, demo: bool) -> None:
        from ilearn_tui.tui.app import IlearnApp

        IlearnApp(journal, demo=demo).run()

    def recover(self, where: Locations, problem: str) -> Path | None:
        from ilearn_tui.tui.recovery import RecoveryApp

        return RecoveryApp(where, problem).run()

"""The full-screen app as the command line sees it: opened on a journal, or asked to recover one.

``__main__`` hands this to the command line, so the command line itself never imports Textual
and a quick command never pays for it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ilearn_tui.locations import Locations
from ilearn_tui.store.journal import Journal


class FullScreenApp:
    """Implements ``cli.interactive.FullScreen`` with the Textual app and its recovery dialog."""

    def open(self, journal: Journal, *, demo: bool) -> int:
        """0 after a normal quit, 1 after a hang-up, a signal or a crash (said in one line)."""
        from ilearn_tui.textsafe import one_line
        from ilearn_tui.tui.app import IlearnApp
        from ilearn_tui.tui.crash import crash_line

        app = IlearnApp(journal, demo=demo)
        app.run()
        if app.crash is not None:
            sys.stderr.write(f"ilearn: {one_line(crash_line(app.crash, app.crash_report), 2000)}\n")
            return 1
        return app.return_code or 0

    def recover(self, where: Locations, problem: str) -> Path | None:
        from ilearn_tui.tui.recovery import RecoveryApp

        return RecoveryApp(where, problem).run()

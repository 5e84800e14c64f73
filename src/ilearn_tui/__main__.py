"""Entry point for the ``ilearn`` console script and ``python -m ilearn_tui``."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ilearn_tui.cli.interactive import FullScreen


def _full_screen() -> FullScreen:
    """Loaded only when ``ilearn`` or ``ilearn demo`` opens the app on a terminal."""
    from ilearn_tui.tui.launch import FullScreenApp

    return FullScreenApp()


def main(argv: list[str] | None = None) -> int:
    """Run the command line; kept tiny so that start-up imports only what a command needs."""
    if "_ARGCOMPLETE" in os.environ:  # the shell asks what Tab should offer
        from ilearn_tui.cli.completion import complete

        complete()
    from ilearn_tui.cli.main import run

    return run(sys.argv[1:] if argv is None else argv, full_screen=_full_screen)


if __name__ == "__main__":
    sys.exit(main())

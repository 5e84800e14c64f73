"""Opening a folder with the desktop's file manager, when the computer has a way to.

Only the app offers this (after an export): a terminal on a server or over ssh has no
desktop, so the caller always shows the folder's path as well and treats a failure as
nothing worse than "copy the path".
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path


def folder_opener() -> Callable[[Path], bool] | None:
    """How this computer opens a folder in its file manager, or None if it has no way."""
    if sys.platform.startswith("win"):
        startfile = getattr(os, "startfile", None)
        if startfile is None:
            return None

        def on_windows(folder: Path) -> bool:
            try:
                startfile(str(folder))
            except OSError:
                return False
            return True

        return on_windows
    program = shutil.which("open" if sys.platform == "darwin" else "xdg-open")
    if program is None:
        return None

    def run(folder: Path) -> bool:
        try:
            # Its own session, output dropped: a file manager must not draw over the app or
            # die with it.
            subprocess.Popen(
                [program, str(folder)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError:
            return False
        return True

    return run

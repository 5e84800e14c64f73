"""Where the app's traceback goes when it stops on an unexpected error.

The terminal gets one line (the command line prints it); the details go to a private file
in the data folder, so a teacher can attach it to a bug report without scrolling back.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from pathlib import Path

from rich.console import Console, RenderableType

CRASH_REPORT = "last-crash.txt"


def write_crash_report(data_dir: Path, renderables: Iterable[RenderableType]) -> Path | None:
    """Write what Textual would have printed to ``data_dir``; None when that is not possible."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=100, color_system=None, force_terminal=False)
    for renderable in renderables:
        console.print(renderable)
    path = data_dir / CRASH_REPORT
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", errors="replace") as handle:
            handle.write(buffer.getvalue())
    except OSError:
        return None
    return path


def crash_line(error: BaseException, report: Path | None) -> str:
    """The one line the terminal shows after a crash."""
    where = f"; details in {report}" if report is not None else ""
    return (
        f"the app stopped on an unexpected error ({type(error).__name__}: {error}); "
        f"unsaved writing was kept as a draft and opens next time{where}"
    )

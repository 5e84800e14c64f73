"""Progress of long exports and imports, as one line rewritten in place on a terminal.

Exports and imports report ``(what, done, total)`` to a callback; the command line passes a
:class:`TerminalProgress`, the app its own progress bar, tests nothing. The line appears only
on a terminal and only once the work has run for a moment, so quick runs and pipes stay clean.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable
from typing import Protocol, TextIO


class Progress(Protocol):
    """Told what is happening, and how far along (``done`` of ``total``) when that is known."""

    def __call__(self, what: str, done: int = 0, total: int = 0) -> None: ...


DELAY = 0.4  # seconds of work before the line appears; quicker runs never show it


def silent(what: str, done: int = 0, total: int = 0) -> None:
    """The progress callback that reports nothing."""


class TerminalProgress:
    """``ilearn: copying evidence 12/40 (30%)`` on stderr, redrawn with ``\\r``, erased at the end.

    A step that outlasts the delay is drawn by a timer even if no further report comes (reading
    a big file is one long step), so the line always says what the wait is for.
    """

    def __init__(
        self,
        stream: TextIO,
        *,
        delay: float | None = None,
        interval: float = 0.1,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        try:
            self.enabled = stream.isatty()
        except (AttributeError, ValueError):
            self.enabled = False
        self.stream = stream
        self.delay = DELAY if delay is None else delay
        self.interval = interval
        self.clock = clock
        self.started = clock()
        self.last = float("-inf")
        self.shown = False
        self.pending: tuple[str, int, int] | None = None
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()
        self.done = False

    def __call__(self, what: str, done: int = 0, total: int = 0) -> None:
        if not self.enabled:
            return
        with self.lock:
            if self.done:
                return
            self.pending = (what, done, total)
            now = self.clock()
            waited = now - self.started
            if waited < self.delay:
                if self.timer is None:
                    self.timer = threading.Timer(self.delay - waited, self._late)
                    self.timer.daemon = True
                    self.timer.start()
                return
            if now - self.last < self.interval and done != total:
                return
            self.last = now
            self._draw(what, done, total)

    def _late(self) -> None:
        """The delay has passed with the work still going: show the latest step."""
        with self.lock:
            if not self.done and self.pending is not None:
                self._draw(*self.pending)

    def _draw(self, what: str, done: int, total: int) -> None:
        text = f"ilearn: {what}"
        if total:
            text += f" {done:,}/{total:,} ({100 * done // total}%)"
        width = max(20, shutil.get_terminal_size((80, 24)).columns - 1)
        self.stream.write("\r" + text[:width].ljust(width))
        self.stream.flush()
        self.shown = True

    def finish(self) -> None:
        """Stop, and erase the line, so the next message starts on a clean line."""
        with self.lock:
            self.done = True
            if self.timer is not None:
                self.timer.cancel()
            if self.shown:
                width = max(20, shutil.get_terminal_size((80, 24)).columns - 1)
                self.stream.write("\r" + " " * width + "\r")
                self.stream.flush()
                self.shown = False

"""Hearing SIGHUP and SIGTERM on a thread of their own, so the app ends whatever it is doing.

A handler run by the event loop (``loop.add_signal_handler``) runs only when the loop gets to
it: with the main thread stuck in a long call, or the loop buried under a flood of pasted
keystrokes, the signal waited and the process outlived a closed terminal. Here the signals are
heard by a small thread instead, which starts the exit countdown at once and only *asks* the
loop to keep the drafts and exit in order.

How the thread hears them: Python's own C-level signal handler writes the signal's number to
the "wakeup fd" (``signal.set_wakeup_fd``) the moment the signal arrives, in whichever thread
the kernel picked, before and independently of the Python-level handler (which only ever runs
on the main thread). The watch thread blocks reading that pipe. Blocking the signals in every
thread and calling ``sigwait`` would do the same, but a blocked mask is inherited by every
thread started before it was set (one such thread would take the default action and kill the
process without keeping drafts) and by every child process, which would then ignore a
shutdown; the wakeup fd changes neither.

What is kept when the main thread cannot answer: the editors' autosaved drafts (written every
few seconds while typing, see ``EditorScreen``); text typed since the last autosave is lost.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterator
from types import FrameType

# The signals that mean "the terminal is gone" or "the system is shutting down".
SIGNAL_NAMES = ("SIGHUP", "SIGTERM")


def _ignored(signum: int, frame: FrameType | None) -> None:
    """The Python-level handler: the watch thread does the work; the main thread carries on."""


class HangupWatch:
    """While active, ``on_signal`` is called on the watch thread when SIGHUP or SIGTERM arrives."""

    def __init__(self, on_signal: Callable[[int], None]) -> None:
        self._on_signal = on_signal
        self._signals = [getattr(signal, name) for name in SIGNAL_NAMES if hasattr(signal, name)]
        self._previous_handlers: dict[int, object] = {}
        self._previous_wakeup: int | None = None
        self._pipe: tuple[int, int] | None = None
        self._thread: threading.Thread | None = None

    @property
    def active(self) -> bool:
        return self._thread is not None

    def start(self) -> bool:
        """Start watching; False where it cannot apply (no SIGHUP here, or not the main thread)."""
        if len(self._signals) != len(SIGNAL_NAMES):
            return False
        if threading.current_thread() is not threading.main_thread():
            return False
        read_end, write_end = os.pipe()
        os.set_blocking(write_end, False)  # the C handler must never block on a full pipe
        try:
            self._previous_wakeup = signal.set_wakeup_fd(write_end, warn_on_full_buffer=False)
        except ValueError:
            os.close(read_end)
            os.close(write_end)
            return False
        self._pipe = (read_end, write_end)
        for sig in self._signals:
            self._previous_handlers[sig] = signal.signal(sig, _ignored)
        self._thread = threading.Thread(target=self._watch, name="ilearn-hangup-watch", daemon=True)
        self._thread.start()
        return True

    def _watch(self) -> None:
        assert self._pipe is not None
        read_end = self._pipe[0]
        heard = False
        while True:
            try:
                chunk = os.read(read_end, 512)
            except InterruptedError:
                continue
            except OSError:
                return
            if not chunk:
                return  # the write end was closed: the watch has stopped
            # Other signals Python handles (a resized window) write here too.
            if not heard and any(byte in self._signals for byte in chunk):
                heard = True
                self._on_signal(next(byte for byte in chunk if byte in self._signals))

    def stop(self) -> None:
        """Put back the handlers and wakeup fd that were there before, and end the thread."""
        if self._thread is None or self._pipe is None:
            return
        for sig, handler in self._previous_handlers.items():
            with contextlib.suppress(TypeError, ValueError):
                signal.signal(sig, handler)  # type: ignore[arg-type]
        with contextlib.suppress(ValueError):
            signal.set_wakeup_fd(self._previous_wakeup if self._previous_wakeup is not None else -1)
        read_end, write_end = self._pipe
        os.close(write_end)  # the thread reads end-of-file and returns
        self._thread.join(timeout=1.0)
        os.close(read_end)
        self._thread = None
        self._pipe = None


@contextlib.contextmanager
def watching(on_signal: Callable[[int], None]) -> Iterator[HangupWatch]:
    watch = HangupWatch(on_signal)
    watch.start()
    try:
        yield watch
    finally:
        watch.stop()

"""Sync from the app: one at a time, on a thread of its own, ending in one notification.

The thread opens its own connection to the journal, so the app's connection is never used
from two threads, and it is a daemon: quitting while a sync hangs on an unreachable server
does not wait for it (a sync cut short is safe by design, see ``sync.engine``).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass

from ilearn_tui.errors import IlearnError
from ilearn_tui.store.journal import open_journal
from ilearn_tui.textsafe import one_line
from ilearn_tui.tui.shell import Shell

NO_REMOTE = (
    "Sync is not set up yet: in a terminal, run 'ilearn sync setup URL' once "
    "(a folder on a USB stick or a git server), then sync again."
)


@dataclass(frozen=True)
class Outcome:
    """How a sync ended: its summary line, or the one line of its error."""

    line: str
    ok: bool
    received: int = 0
    conflicts: int = 0


class Syncer:
    """The app's one sync at a time; ``app.sync_phase`` says what it is doing."""

    def __init__(self, app: Shell) -> None:
        self.app = app
        self._thread: threading.Thread | None = None
        self._waiting: list[Callable[[Outcome], None]] = []
        self.last: Outcome | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None

    def has_remote(self) -> bool:
        """Her own remote, or a group with a repository: something a sync can talk to."""
        from ilearn_tui.store.groups import anything_to_sync

        return anything_to_sync(self.app.journal)

    def start(self, *, asked: bool = True, then: Callable[[Outcome], None] | None = None) -> bool:
        """Start a sync unless one runs already (``then`` hears how it ended either way).

        ``asked`` is False for the automatic syncs on start and quit, which stay quiet when no
        remote is set up; a teacher who asked is told how to set one up.
        """
        if then is not None:
            self._waiting.append(then)
        if self.running:
            if asked:
                self.app.notify("A sync is already running.")
            return False
        if not self.has_remote():
            if asked:
                self.app.notify(NO_REMOTE, severity="warning", timeout=10)
            self._finished(Outcome(NO_REMOTE, ok=False), quiet=True)
            return False
        self.app.sync_phase = "syncing"
        self._thread = threading.Thread(target=self._run, name="ilearn-sync", daemon=True)
        self._thread.start()
        return True

    def _run(self) -> None:
        """On the sync thread: every failure becomes one line, never an exception."""
        from ilearn_tui.services.syncing import sync_all

        try:
            journal = open_journal(self.app.journal.locations)
            journal.auto_backup = False  # the sync takes its own backup before it changes anything
            try:
                done = sync_all(journal, progress=self._phase)
            finally:
                journal.close()
            line = "; ".join(one_line(p.line, 200) for p in done.parts)
            outcome = Outcome(line, done.ok, done.received, done.conflicts)
        except IlearnError as exc:
            outcome = Outcome(one_line(str(exc), 300), ok=False)
        except Exception as exc:  # a sync must never take the app down with it
            outcome = Outcome(one_line(f"the sync stopped: {exc or type(exc).__name__}", 300), ok=False)
        self._post(self._finished, outcome)

    def _phase(self, name: str) -> None:
        self._post(setattr, self.app, "sync_phase", name)

    def _post(self, callback: Callable[..., object], *args: object) -> None:
        with contextlib.suppress(RuntimeError):  # the app has already closed
            self.app.call_from_thread(callback, *args)

    def _finished(self, outcome: Outcome, *, quiet: bool = False) -> None:
        """Back on the app's thread: say how it went, and show what arrived."""
        self._thread = None
        self.app.sync_phase = ""
        if not quiet:
            self.last = outcome
            if outcome.ok:
                more = " Open 'sync: Conflicts' in the palette to resolve them." if outcome.conflicts else ""
                self.app.notify(outcome.line[:1].upper() + outcome.line[1:] + "." + more, timeout=8)
            else:
                self.app.notify(f"Sync failed: {outcome.line}", severity="error", timeout=12)
            self.app.changed()  # the pending count, and whatever was received
        waiting, self._waiting = self._waiting, []
        for callback in waiting:
            callback(outcome)

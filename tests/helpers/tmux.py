"""A real terminal for end-to-end tests: one tmux session on a tmux server of the test's own.

Keys go at typing speed (``KEY_GAP`` apart), and every wait is for something on screen or in
the process table, never a fixed pause.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

TMUX = shutil.which("tmux")
ILEARN = shutil.which("ilearn")

# How fast the tests type: one key (or one pasted string) every 0.2 s, as a quick typist would.
KEY_GAP = 0.2
# How long a wait for the screen may take before it fails. Only an upper bound: keys still go
# KEY_GAP apart, so a focus race shows as lost keys, never as a slow pass. A busy test machine
# has held the app a dozen seconds behind its keys, so it is generous.
WAIT = 60.0


def until(check: Callable[[], bool], what: str, timeout: float = WAIT) -> None:
    """Wait for ``check`` to hold, polling; fail naming ``what`` if it never does."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {timeout} s")
        time.sleep(0.05)


class Terminal:
    """One tmux session on the test's own tmux server (its socket in the test's temp dir)."""

    def __init__(self, socket: Path, session: str) -> None:
        self.socket = socket
        self.session = session
        self._last_key = 0.0

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            [str(TMUX), "-S", str(self.socket), *args], check=True, capture_output=True, text=True
        )
        return done.stdout

    def _pace(self) -> None:
        gap = self._last_key + KEY_GAP - time.monotonic()
        if gap > 0:
            time.sleep(gap)
        self._last_key = time.monotonic()

    def keys(self, *keys: str) -> None:
        for key in keys:
            self._pace()
            self.tmux("send-keys", "-t", self.session, key)

    def type(self, text: str) -> None:
        self._pace()
        self.tmux("send-keys", "-t", self.session, "-l", text)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-t", self.session, "-p")

    def wait_for(self, text: str, timeout: float = WAIT) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{self.screen()}")

    def wait_gone(self, text: str, timeout: float = WAIT) -> str:
        until(lambda: text not in self.screen(), f"{text!r} going away", timeout)
        return self.screen()

    def settled(self, text: str, timeout: float = WAIT) -> str:
        """Wait for ``text``, then for the screen to stop changing (the app is idle, ready for keys)."""
        deadline = time.monotonic() + timeout
        shown = self.wait_for(text, timeout)
        while time.monotonic() < deadline:
            time.sleep(KEY_GAP)
            again = self.screen()
            if again == shown:
                return shown
            shown = again
        raise AssertionError(f"the screen never settled; it shows:\n{shown}")

    def paste_raw(self, text_file: Path) -> None:
        """Paste as raw keystrokes (no ``-p``: no bracketed paste), as a flood of typing."""
        self.tmux("load-buffer", "-b", "flood", str(text_file))
        self.tmux("paste-buffer", "-b", "flood", "-t", self.session)

    def pid(self) -> int:
        return int(self.tmux("display-message", "-p", "-t", self.session, "#{pane_pid}").strip())

    def exit_status(self) -> int:
        """The ended app's exit status (tmux reaps it a moment after it ends)."""
        status = ""

        def known() -> bool:
            nonlocal status
            status = self.tmux("display-message", "-p", "-t", self.session, "#{pane_dead_status}").strip()
            return bool(status)

        # Only reading the status: how fast the app ended is measured by the test itself.
        until(known, "tmux noticing the app ended", timeout=20)
        return int(status)


def running(pid: int) -> bool:
    """Alive and not yet a zombie (tmux reaps its panes' processes, but not instantly)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@contextmanager
def app_in_tmux(home: Path, folder: Path, size: tuple[int, int]) -> Iterator[Terminal]:
    """The installed ``ilearn`` on ``home`` in a new tmux session of ``size``, on its own server.

    The server (its socket in ``folder``) gets this environment, without a tmux of the caller's
    or an ``ILEARN_*`` setting, so the app runs the code under test on the home it is given.
    """
    socket = folder / "tmux.sock"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TMUX", "ILEARN"))}
    session = f"ilearn-{uuid.uuid4().hex[:8]}"
    width, height = size
    subprocess.run(
        [
            str(TMUX),
            "-S",
            str(socket),
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            session,
            "-x",
            str(width),
            "-y",
            str(height),
            f"{ILEARN} --home {home}; sleep 30",
        ],
        check=True,
        env={**env, "TERM": "xterm-256color"},
    )
    try:
        yield Terminal(socket, session)
    finally:
        subprocess.run([str(TMUX), "-S", str(socket), "kill-server"], check=False, capture_output=True)


def quit_app(terminal: Terminal) -> None:
    """ctrl+q, then wait until the app's processes have ended (not only its screen)."""
    pid = terminal.pid()
    terminal.keys("C-q")

    def children() -> list[int]:
        found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
        return [int(p) for p in found.stdout.split()]

    until(lambda: not any(running(p) for p in children()), "the app quitting")

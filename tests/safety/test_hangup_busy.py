"""A hang-up or a shutdown ends the app within the grace period whatever the app is doing.

Real processes in a real terminal (tmux): one app whose main thread is stuck in a slow action,
one whose event loop is flooded with raw keystrokes. In both, the signal is sent while the main
thread cannot answer, so only a countdown that does not depend on it can end the process.
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ilearn_tui.locations import resolve
from ilearn_tui.store.drafts import list_drafts
from ilearn_tui.store.journal import open_journal
from tests.helpers.tmux import ILEARN, TMUX, Terminal, running, until

pytestmark = pytest.mark.skipif(not (TMUX and ILEARN), reason="needs tmux and an installed ilearn")

# The app promises to end within 5 s of the signal; one more second for a loaded machine.
GONE_WITHIN = 6.0

# A test harness, not app code: the app as the command line runs it, with one action made to
# block the main thread for a minute, as a long synchronous call would.
BUSY_APP = """
import sys, time
from ilearn_tui.tui.screens.editor import EditorScreen
EditorScreen.action_prompt = lambda self: time.sleep(60)
from ilearn_tui.__main__ import main
sys.exit(main(["--home", sys.argv[1]]))
"""


class AppTerminal(Terminal):
    """The pane runs a shell that runs the app and writes down its exit status.

    The status comes from that file rather than from tmux's ``pane_dead_status``, which now and
    then stayed empty long after the process had gone.
    """

    def __init__(self, socket: Path, session: str, status_file: Path) -> None:
        super().__init__(socket, session)
        self.status_file = status_file

    def pid(self) -> int:
        """The app's pid: the one child of the pane's shell."""
        shell = super().pid()
        children: list[str] = []

        def started() -> bool:
            children[:] = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
            return len(children) == 1

        until(started, "the app starting under its shell", timeout=20)
        return int(children[0])

    def exit_status(self) -> int:
        until(lambda: self.status_file.exists() and self.status_file.read_text().strip() != "",
              "the app's exit status being written", timeout=20)
        return int(self.status_file.read_text())


@pytest.fixture
def start_in_tmux(tmp_path: Path) -> Iterator[Callable[[str], AppTerminal]]:
    """Start a command in an 80×24 tmux session on a tmux server of this test's own."""
    socket = tmp_path / "tmux.sock"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TMUX")}
    started = False

    def start(command: str) -> AppTerminal:
        nonlocal started
        session = f"hangup-{uuid.uuid4().hex[:8]}"
        status_file = tmp_path / f"{session}.status"
        wrapped = f"{command}; echo $? > {shlex.quote(str(status_file))}"
        subprocess.run(
            [str(TMUX), "-S", str(socket), "-f", "/dev/null", "new-session", "-d", "-s", session,
             "-x", "80", "-y", "24", wrapped],
            check=True,
            env={**env, "TERM": "xterm-256color"},
        )
        started = True
        return AppTerminal(socket, session, status_file)

    yield start
    if started:
        subprocess.run([str(TMUX), "-S", str(socket), "kill-server"], check=False, capture_output=True)


def drafts(home: Path) -> list[str]:
    with open_journal(resolve(home)) as journal:
        return [d.body for d in list_drafts(journal)]


def open_editor_and_autosave(terminal: AppTerminal, home: Path, text: str) -> None:
    """Type into a new reflection and wait until the editor's timer has kept it as a draft."""
    terminal.wait_for("Welcome to ilearn")
    terminal.keys("Escape")
    terminal.wait_for("Next step")
    terminal.keys("j")
    terminal.wait_for("Journal — your reflections")
    terminal.keys("n")
    terminal.wait_for("ctrl+s save")
    terminal.type(text)
    terminal.wait_for(text[-12:])
    until(lambda: drafts(home) == [text], "the draft autosave", timeout=15)


def gone_after(pid: int, sig: signal.Signals) -> float:
    """Send ``sig`` and return how long the process took to end (failing past the bound)."""
    sent = time.monotonic()
    os.kill(pid, sig)
    deadline = sent + GONE_WITHIN
    while running(pid):
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            raise AssertionError(f"the app was still running {GONE_WITHIN} s after {sig.name}")
        time.sleep(0.05)
    took = time.monotonic() - sent
    print(f"{sig.name}: ended after {took:.2f} s")
    return took


def test_sigterm_ends_an_app_whose_main_thread_is_blocked(
    home: Path, start_in_tmux: Callable[[str], AppTerminal]
) -> None:
    harness = f"{shlex.quote(sys.executable)} -c {shlex.quote(BUSY_APP)} {shlex.quote(str(home))}"
    terminal = start_in_tmux(harness)
    pid = terminal.pid()
    open_editor_and_autosave(terminal, home, "kept by the autosave")
    terminal.type(" and more")  # not yet autosaved when the main thread stops answering
    terminal.keys("C-t")  # the action that blocks the main thread for a minute
    time.sleep(1.0)
    assert running(pid)
    gone_after(pid, signal.SIGTERM)
    assert terminal.exit_status() == 1
    # The main thread never answered, so what the timer had kept is what is kept.
    assert drafts(home) in (["kept by the autosave"], ["kept by the autosave and more"])


def test_sighup_ends_an_app_flooded_with_keystrokes_and_keeps_the_draft(
    home: Path, tmp_path: Path, start_in_tmux: Callable[[str], AppTerminal]
) -> None:
    terminal = start_in_tmux(f"{ILEARN} --home {shlex.quote(str(home))}")
    pid = terminal.pid()
    typed = "written before the flood"
    open_editor_and_autosave(terminal, home, typed)
    flood = tmp_path / "flood.txt"
    flood.write_text("lorem ipsum dolor sit amet " * 15_000)  # 405,000 characters
    terminal.paste_raw(flood)
    time.sleep(1.0)  # the loop is now deep in the keystrokes
    assert running(pid)
    gone_after(pid, signal.SIGHUP)
    assert terminal.exit_status() == 1
    kept = drafts(home)
    assert len(kept) == 1 and kept[0].startswith(typed), [d[:80] for d in kept]


def test_an_idle_app_exits_in_order_before_the_countdown_and_keeps_unsaved_text(
    home: Path, start_in_tmux: Callable[[str], AppTerminal]
) -> None:
    terminal = start_in_tmux(f"{ILEARN} --home {shlex.quote(str(home))}")
    pid = terminal.pid()
    open_editor_and_autosave(terminal, home, "autosaved")
    terminal.type(" then typed just before the hang-up")
    terminal.wait_for("the hang-up")
    took = gone_after(pid, signal.SIGHUP)
    # The countdown ends the app at 5 s at the earliest: anything sooner was the orderly exit.
    assert took < 5.0, "the orderly exit did not run; the countdown ended the app"
    assert terminal.exit_status() == 1
    assert drafts(home) == ["autosaved then typed just before the hang-up"]


def test_the_watch_hears_only_its_signals_and_puts_everything_back() -> None:
    import threading

    from ilearn_tui.tui.hangup import HangupWatch

    heard: list[int] = []
    got = threading.Event()

    def on_signal(signum: int) -> None:
        heard.append(signum)
        got.set()

    other = threading.Event()
    before = {sig: signal.getsignal(sig) for sig in (signal.SIGHUP, signal.SIGTERM)}
    wakeup_before = signal.set_wakeup_fd(-1)
    signal.set_wakeup_fd(wakeup_before)
    previous_usr1 = signal.signal(signal.SIGUSR1, lambda *_: other.set())
    watch = HangupWatch(on_signal)
    try:
        assert watch.start()
        os.kill(os.getpid(), signal.SIGUSR1)  # another signal Python handles: not a hang-up
        until(other.is_set, "SIGUSR1 reaching its own handler", timeout=5)
        time.sleep(0.2)
        assert heard == []
        os.kill(os.getpid(), signal.SIGHUP)
        assert got.wait(5), "the watch thread never heard SIGHUP"
        assert heard == [signal.SIGHUP]
    finally:
        watch.stop()
        signal.signal(signal.SIGUSR1, previous_usr1)
    assert {sig: signal.getsignal(sig) for sig in before} == before
    wakeup_after = signal.set_wakeup_fd(wakeup_before)
    assert wakeup_after == wakeup_before, "the wakeup fd was not put back"
    assert not any(t.name == "ilearn-hangup-watch" for t in threading.enumerate())


def test_the_watch_does_not_start_off_the_main_thread() -> None:
    import threading

    from ilearn_tui.tui.hangup import HangupWatch

    started: list[bool] = []
    before = signal.getsignal(signal.SIGTERM)
    worker = threading.Thread(target=lambda: started.append(HangupWatch(lambda _: None).start()))
    worker.start()
    worker.join(5)
    assert started == [False]
    assert signal.getsignal(signal.SIGTERM) == before

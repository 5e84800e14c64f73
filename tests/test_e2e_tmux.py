"""The installed ``ilearn`` in a real terminal (tmux): what a teacher would do and see."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
ILEARN = shutil.which("ilearn")
pytestmark = pytest.mark.skipif(not (TMUX and ILEARN), reason="needs tmux and an installed ilearn")


class Terminal:
    def __init__(self, session: str) -> None:
        self.session = session

    def keys(self, *keys: str) -> None:
        subprocess.run([TMUX, "send-keys", "-t", self.session, *keys], check=True)

    def type(self, text: str) -> None:
        subprocess.run([TMUX, "send-keys", "-t", self.session, "-l", text], check=True)

    def screen(self) -> str:
        return subprocess.run(
            [TMUX, "capture-pane", "-t", self.session, "-p"], check=True, capture_output=True, text=True
        ).stdout

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{self.screen()}")


@pytest.fixture
def launch(home: Path) -> Iterator[Callable[[], Terminal]]:
    """Start the installed ilearn on the test's home in a fresh 80×24 tmux session."""
    sessions: list[str] = []
    env = {k: v for k, v in os.environ.items() if not k.startswith("TMUX")}

    def start() -> Terminal:
        session = f"ilearn-{uuid.uuid4().hex[:8]}"
        subprocess.run(
            [
                TMUX,
                "new-session",
                "-d",
                "-s",
                session,
                "-x",
                "80",
                "-y",
                "24",
                f"{ILEARN} --home {home}; sleep 30",
            ],
            check=True,
            env={**env, "TERM": "xterm-256color"},
        )
        sessions.append(session)
        return Terminal(session)

    yield start
    for session in sessions:
        subprocess.run([TMUX, "kill-session", "-t", session], check=False)


@pytest.fixture
def terminal(launch: Callable[[], Terminal]) -> Terminal:
    return launch()


def test_first_run_write_a_reflection_and_find_it_from_the_shell(terminal: Terminal, home: Path) -> None:
    shown = terminal.wait_for("Welcome to ilearn")
    assert "Imagine" in shown and "Infiltrate" in shown
    time.sleep(0.5)
    terminal.type("Sam Rivera")
    terminal.wait_for("Sam Rivera")
    terminal.keys("Enter")
    time.sleep(0.3)
    terminal.type("Grade 7 science")
    terminal.wait_for("Grade 7 science")
    terminal.keys("Enter")
    time.sleep(0.3)
    terminal.keys("Enter")
    terminal.wait_for("Stage 1 · Imagine")
    terminal.keys("j")
    terminal.wait_for("Journal — your reflections")
    terminal.keys("n")
    terminal.wait_for("ctrl+s save")
    terminal.type("Students argued about evidence with claim cards")
    terminal.wait_for("claim cards")
    terminal.keys("C-s")
    terminal.wait_for("Saved.")
    terminal.keys("Escape")
    shown = terminal.wait_for("1 reflection")
    assert "Students argued about evidence" in shown
    terminal.keys("C-q")
    time.sleep(1.0)

    found = subprocess.run(
        [ILEARN, "--home", str(home), "search", "claim", "--json"], capture_output=True, text=True, check=True
    )
    hits = json.loads(found.stdout)
    assert [h["kind"] for h in hits] == ["reflection"]


def test_stage_bar_fits_and_keys_switch_areas(terminal: Terminal) -> None:
    terminal.wait_for("Welcome to ilearn")
    time.sleep(0.5)
    terminal.keys("Escape")
    shown = terminal.wait_for("Next step")
    top = shown.splitlines()[0]
    for name in ("1 Imagine", "2 Inspire", "3 Illuminate", "4 Innovate", "5 Infiltrate"):
        assert name in top
    terminal.keys("3")
    shown = terminal.wait_for("Stage 3 · Illuminate")
    terminal.keys("?")
    terminal.wait_for("ilearn keys")
    terminal.keys("Escape")
    time.sleep(0.3)
    terminal.keys("/")
    terminal.wait_for("type to search")


def _app_pid(home: Path) -> int:
    found = subprocess.run(["pgrep", "-f", f"ilearn --home {home}"], capture_output=True, text=True)
    pids = [int(p) for p in found.stdout.split()]
    assert pids, "the app is not running"
    return max(pids)


def test_closing_the_terminal_keeps_unsaved_text(terminal: Terminal, home: Path) -> None:
    import signal

    from ilearn_tui.locations import resolve
    from ilearn_tui.store.drafts import list_drafts
    from ilearn_tui.store.journal import open_journal

    terminal.wait_for("Welcome to ilearn")
    time.sleep(0.5)
    terminal.keys("Escape")
    terminal.wait_for("Next step")
    terminal.keys("j")
    terminal.wait_for("Journal — your reflections")
    terminal.keys("n")
    terminal.wait_for("ctrl+s save")
    terminal.type("typed just before the lid closed")
    terminal.wait_for("lid closed")
    os.kill(_app_pid(home), signal.SIGHUP)  # well inside the autosave interval
    time.sleep(1.5)
    with open_journal(resolve(home)) as journal:
        assert [d.body for d in list_drafts(journal)] == ["typed just before the lid closed"]


def test_escape_sequences_in_stored_text_are_not_obeyed(home: Path, launch: Callable[[], Terminal]) -> None:
    from ilearn_tui.locations import resolve
    from ilearn_tui.store.journal import open_journal
    from ilearn_tui.store.reflections import add_reflection

    with open_journal(resolve(home)) as journal:
        journal.set_meta("onboarded", "yes")
        add_reflection(journal, "body \x1b]2;PWNED\x07 text \x1b[2J gone?", title="ti\x1b]2;PWNED\x07tle")
    terminal = launch()
    terminal.wait_for("Next step")
    terminal.keys("j")
    terminal.wait_for("Journal — your reflections")
    terminal.keys("Enter")
    shown = terminal.wait_for("ctrl+s save")
    assert "␛]2;PWNED␇" in shown and "1 Imagine" in shown
    title = subprocess.run(
        [TMUX, "display", "-p", "-t", terminal.session, "#{pane_title}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "PWNED" not in title

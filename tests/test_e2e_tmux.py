"""The installed ``ilearn`` in a real terminal (tmux): what a teacher would do and see."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
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
def terminal(home: Path) -> Iterator[Terminal]:
    session = f"ilearn-{uuid.uuid4().hex[:8]}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TMUX")}
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
    try:
        yield Terminal(session)
    finally:
        subprocess.run([TMUX, "kill-session", "-t", session], check=False)


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

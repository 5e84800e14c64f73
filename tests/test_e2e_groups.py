"""A colleague's item read and answered in the installed app, in a real terminal at typing speed.

Sam publishes from the shell and syncs; Ana syncs, opens the app at 80×24, presses g, reads
Sam's reflection, replies to it, and syncs from the app with S; Sam's next sync brings the
reply back, and his search finds none of it as his own.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.tmux import ILEARN, TMUX, Terminal, app_in_tmux, quit_app

pytestmark = pytest.mark.skipif(not (TMUX and ILEARN), reason="needs tmux and an installed ilearn")


def cli(home: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ILEARN")}
    done = subprocess.run(
        [str(ILEARN), "--home", str(home), *args], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout


@pytest.fixture
def homes(tmp_path: Path) -> tuple[Path, Path]:
    sam, ana, shared = tmp_path / "sam", tmp_path / "ana", tmp_path / "plc.git"
    for home, name in ((sam, "Sam Rivera"), (ana, "Ana Lopez")):
        cli(home, "profile", "--name", name)
        cli(home, "group", "add", "Grade 7 PLC")
        cli(home, "group", "setup", "Grade", str(shared))
    rid = cli(sam, "reflect", "Sentence stems got the quiet table talking.").strip()
    cli(sam, "publish", rid[:8], "--to", "Grade")
    cli(sam, "sync")
    cli(ana, "sync")
    return sam, ana


@pytest.fixture
def terminal(homes: tuple[Path, Path], tmp_path: Path) -> Iterator[Terminal]:
    with app_in_tmux(homes[1], tmp_path, (80, 24)) as opened:
        yield opened


def test_a_colleague_reads_and_answers_in_the_app(terminal: Terminal, homes: tuple[Path, Path]) -> None:
    sam, _ana = homes
    t = terminal
    t.settled("Welcome to ilearn")
    t.keys("Escape")  # she has used ilearn before: the welcome is skipped
    t.wait_gone("Welcome to ilearn")
    t.keys("g")
    shown = t.wait_for("Groups — what colleagues published")
    t.wait_for("Sentence stems got the quiet table talking.")
    assert "Sam Rivera" in t.screen(), shown
    t.keys("r")
    t.wait_for("Reply to Sam Rivera")
    t.type("Try them with the lab teams too.")
    t.keys("C-s")
    t.wait_for("Reply saved")
    t.keys("S")
    t.wait_for("received")
    t.keys("Escape")
    t.wait_gone("Groups — what colleagues published")
    quit_app(t)

    said = cli(sam, "sync")
    assert "received 1" in said, said
    assert "Try them with the lab teams too." in cli(sam, "search", "lab teams")
    assert "Ana Lopez" in cli(sam, "group", "show", "Grade")

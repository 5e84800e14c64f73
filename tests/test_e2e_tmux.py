"""The installed ``ilearn`` in a real terminal (tmux): what a teacher would do and see."""

from __future__ import annotations

import json
import os
import subprocess
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.helpers.tmux import ILEARN, TMUX, Terminal, running, until

pytestmark = pytest.mark.skipif(not (TMUX and ILEARN), reason="needs tmux and an installed ilearn")


@pytest.fixture
def launch(home: Path, tmp_path: Path) -> Iterator[Callable[[], Terminal]]:
    """Start the installed ilearn on the test's home in a fresh 80×24 tmux session.

    The session runs on a tmux server of its own, started here with this environment, so the
    app gets this PYTHONPATH (the code under test) rather than whatever environment a tmux
    server someone else already runs on the machine would hand it.
    """
    socket = tmp_path / "tmux.sock"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TMUX")}
    started = False

    def start() -> Terminal:
        nonlocal started
        session = f"ilearn-{uuid.uuid4().hex[:8]}"
        subprocess.run(
            [
                TMUX,
                "-S",
                str(socket),
                "-f",
                "/dev/null",
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
        started = True
        terminal = Terminal(socket, session)
        if "PYTHONPATH" in env:  # the app runs the code this test run imports
            shown = terminal.tmux("show-environment", "-g", "PYTHONPATH").strip()
            assert shown == f"PYTHONPATH={env['PYTHONPATH']}", shown
        return terminal

    yield start
    if started:
        subprocess.run([TMUX, "-S", str(socket), "kill-server"], check=False, capture_output=True)


@pytest.fixture
def terminal(launch: Callable[[], Terminal]) -> Terminal:
    return launch()


def test_first_run_write_a_reflection_and_find_it_from_the_shell(terminal: Terminal, home: Path) -> None:
    shown = terminal.settled("Welcome to ilearn")
    assert "Imagine" in shown and "Infiltrate" in shown
    terminal.type("Sam Rivera")
    terminal.wait_for("Sam Rivera")
    terminal.keys("Enter")
    terminal.type("Grade 7 science")
    shown = terminal.wait_for("Grade 7 science")
    assert "Grade 7 science" in _row(shown, "Your role"), shown  # Enter moved on to the next field
    terminal.keys("Enter")
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
    pid = _app_pid(home)
    terminal.keys("C-q")
    until(lambda: not running(pid), "the app quitting")

    found = subprocess.run(
        [ILEARN, "--home", str(home), "search", "claim", "--json"], capture_output=True, text=True, check=True
    )
    hits = json.loads(found.stdout)
    assert [h["kind"] for h in hits] == ["reflection"]


def test_stage_bar_fits_and_keys_switch_areas(terminal: Terminal) -> None:
    terminal.settled("Welcome to ilearn")
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
    terminal.wait_gone("ilearn keys")
    terminal.keys("/")
    terminal.wait_for("type to search")


def _row(screen: str, label: str) -> str:
    """The line of the screen that shows ``label``."""
    (line,) = [line for line in screen.splitlines() if label in line]
    return line


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

    terminal.settled("Welcome to ilearn")
    terminal.keys("Escape")
    terminal.wait_for("Next step")
    terminal.keys("j")
    terminal.wait_for("Journal — your reflections")
    terminal.keys("n")
    terminal.wait_for("ctrl+s save")
    terminal.type("typed just before the lid closed")
    terminal.wait_for("lid closed")
    os.kill(_app_pid(home), signal.SIGHUP)  # well inside the autosave interval

    def drafts() -> list[str]:
        with open_journal(resolve(home)) as journal:
            return [d.body for d in list_drafts(journal)]

    until(lambda: bool(drafts()), "the draft being saved on the hangup", timeout=10)
    assert drafts() == ["typed just before the lid closed"]


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
    title = terminal.tmux("display", "-p", "-t", terminal.session, "#{pane_title}")
    assert "PWNED" not in title

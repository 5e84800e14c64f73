"""The first ten minutes of a new teacher, at typing speed in a real terminal, at two sizes.

Fresh journal, the installed ``ilearn``, keys 0.2 s apart: onboarding, a vision, a student
outcome, an interest, a goal with its research question, an activity with hours (counted as
done), evidence, a progress check dated ``today``, a share, a reflection from the stage's
prompt linked to the goal, a search, and an export to a folder. Each step waits for what the
teacher would read next; at the end the journal is read back through ``ilearn status`` and
``ilearn search`` and the exported folder is opened. Slow: run it on its own.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tests.helpers.tmux import ILEARN, TMUX, Terminal, app_in_tmux, quit_app

pytestmark = pytest.mark.skipif(not (TMUX and ILEARN), reason="needs tmux and an installed ilearn")

SIZES = [(80, 24), (120, 40)]


@pytest.fixture(params=SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def terminal(request: pytest.FixtureRequest, home: Path, tmp_path: Path) -> Iterator[Terminal]:
    with app_in_tmux(home, tmp_path, request.param) as opened:
        yield opened


def cli(home: Path, *args: str) -> str:
    done = subprocess.run(
        [str(ILEARN), "--home", str(home), *args], capture_output=True, text=True, check=True
    )
    return done.stdout


def saved(terminal: Terminal, what: str) -> None:
    """Save the open form and wait for it to close, saying what was saved."""
    terminal.settled("Save (ctrl+s)")
    terminal.keys("C-s")
    terminal.wait_gone("Save (ctrl+s)")
    terminal.wait_for(f"{what} saved")


def _row(screen: str, words: str) -> str:
    return next(line for line in screen.splitlines() if words in line)


def test_the_first_ten_minutes(terminal: Terminal, home: Path, tmp_path: Path) -> None:
    t = terminal
    # Onboarding: the name field has focus, enter moves on.
    t.settled("Welcome to ilearn")
    t.type("Sam Rivera")
    t.keys("Enter")
    t.type("Grade 7 science")
    t.wait_for("Grade 7 science")
    t.keys("Enter", "Enter")
    t.wait_for("Stage 1 · Imagine")
    t.wait_gone("Welcome to ilearn")

    # Stage 1: the vision, then a student outcome.
    t.keys("v")
    t.settled("My vision")
    t.type("Students reason from evidence and argue kindly.")
    saved(t, "Vision")
    shown = t.wait_for("reason from evidence")
    t.keys("n")
    t.settled("New student outcome")
    t.type("Students justify claims with evidence")
    saved(t, "Student outcome")
    t.wait_for("justify claims")

    # Stage 2: an interest, then a goal with its research question in one form.
    t.keys("2")
    t.settled("Stage 2 · Inspire")
    t.keys("n")
    t.settled("New interest or expertise")
    t.keys("Tab")
    t.type("Talk moves for science discussions")
    saved(t, "Interest or expertise")
    t.wait_for("Talk moves for science discussions")
    t.keys("Tab", "n")
    t.settled("New goal")
    t.type("Students use talk moves daily")
    t.keys("Tab")
    t.type("Do talk moves increase evidence use?")
    t.keys("C-s")
    # The question is listed under its goal, and the goal is listed: one form made both.
    shown = t.wait_for("Do talk moves increase evidence use?  Students use talk moves daily")
    assert sum("Students use talk moves daily" in line for line in shown.splitlines()) >= 2, shown

    # Stage 3: an activity with hours, today: it counts as done without touching its status.
    t.keys("3")
    t.settled("Stage 3 · Illuminate")
    t.keys("n")
    t.settled("New learning activity")
    t.keys("Tab")
    t.type("Peer coaching on talk moves")
    t.wait_for("Peer coaching on talk moves")
    t.keys("Tab", "Tab")  # the date starts as today: on to the hours
    t.type("3.5")
    saved(t, "Learning activity")
    shown = t.wait_for("Peer coaching on talk moves")
    assert "done" in next(line for line in shown.splitlines() if "Peer coaching" in line), shown

    # Stage 4: evidence, then a progress check dated "today" (the goal is the only one).
    t.keys("4")
    t.settled("Stage 4 · Innovate")
    t.keys("Tab", "n")  # the stage opens on its innovations: on to the evidence list
    t.settled("New evidence")
    t.type("Exit ticket tally week 1")
    saved(t, "Evidence")
    shown = t.wait_for("Exit ticket tally week 1")
    assert str(date.today()) in _row(shown, "Exit ticket tally week 1"), shown
    t.keys("Tab", "n")
    t.settled("New progress check")
    t.keys("Tab", "Tab")  # the goal (the only one), the indicator: on to the self-rating
    t.type("4")
    t.keys("Tab", "Tab")  # no measured value: on to the date, its text selected
    t.type("today")
    saved(t, "Progress check")
    # The list's detail line shows the new check in full: dated today (typed "today"), rated 4.
    shown = t.wait_for("rating 4")
    assert f"student achievement — date {date.today()}" in shown, shown
    assert _row(shown, f"{date.today()}  Students use talk"), shown  # for the only goal

    # Stage 5: a share.
    t.keys("5")
    t.settled("Stage 5 · Infiltrate")
    t.keys("n")
    t.settled("New share")
    t.keys("Tab")
    t.type("Talk moves at the grade 7 PLC")
    saved(t, "Share")
    t.wait_for("Talk moves at the grade 7 PLC")

    # A reflection on the share, from the palette on this stage: it takes the stage, and
    # ctrl+t its prompt, with the cursor on the first answer line. Linked to the goal.
    t.keys("C-p")
    t.settled("🔎")
    t.type("new: reflection")
    t.settled("write a reflection")
    t.keys("Enter")
    shown = t.settled("ctrl+s save")
    assert re.search(r"5 Infiltrate\s+▼", shown), shown  # the editor's stage field, not the stage bar
    t.keys("C-t")
    t.wait_for("## What I shared, and with whom")
    t.type("Quiet students used the stems.")
    shown = t.wait_for("Quiet students used the stems.")
    lines = shown.splitlines()
    heading = next(n for n, line in enumerate(lines) if "## What I shared, and with whom" in line)
    assert "Quiet students used the stems." in lines[heading + 1], shown
    t.keys("C-l")
    t.wait_for("Link this reflection to")
    t.keys("space", "C-s")
    t.wait_gone("Link this reflection to")
    t.wait_for("1 link set")
    t.keys("C-s")
    t.wait_for("Saved.")
    t.keys("Escape")
    t.wait_for("Stage 5 · Infiltrate")
    t.keys("j")
    shown = t.wait_for("1 reflection")
    assert "What I shared, and with whom" in shown, shown  # titled by its first line

    # Search finds it, and escape goes back.
    t.keys("/")
    t.wait_for("type to search")
    t.type("stems")
    shown = t.wait_for("1 result")
    assert "reflection" in shown and "Quiet students used the" in shown, shown
    # Each escape is seen to land before the next key: a terminal that reads an escape and the
    # key after it in one go (a busy machine) takes the pair for alt+key.
    t.keys("Escape")
    t.wait_for("Type to search · escape goes back")
    t.keys("Escape")
    t.wait_for("Journal — your reflections")

    # Export to a folder: the path has focus; a name ending in / is a folder.
    folder = tmp_path / "portfolio"
    t.keys("e")
    t.wait_for("Export your portfolio")
    t.type(f"{folder}/")
    t.keys("C-s")
    shown = t.wait_for("Wrote")
    t.wait_for("Done.")
    assert (folder / "portfolio.md").is_file(), shown
    t.keys("Escape")
    t.wait_gone("Export your portfolio")
    quit_app(t)

    # The journal as the command line reads it.
    status = cli(home, "status")
    assert "Students use talk moves daily" in status, status
    assert "3.5 hours" in status and "1 activity" in status, status
    hits = json.loads(cli(home, "search", "stems", "--json"))
    assert [h["kind"] for h in hits] == ["reflection"]
    shown_reflection = cli(home, "show", hits[0]["id"])
    assert "Students use talk moves daily" in shown_reflection, shown_reflection
    assert "What I shared, and with whom" in shown_reflection, shown_reflection
    document = (folder / "portfolio.md").read_text()
    for words in (
        "reason from evidence",
        "Peer coaching on talk moves",
        "Exit ticket tally week 1",
        "Talk moves at the grade 7 PLC",
        "Do talk moves increase evidence use?",
    ):
        assert words in document, words

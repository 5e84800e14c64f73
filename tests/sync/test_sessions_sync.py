"""A session led travels between two computers: its own fields and each of its lines as a record."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from ilearn_tui.domain.model import ACTIVITY
from ilearn_tui.store.session_items import read_lines, write_lines
from tests.sync.helpers import Computer, summary


def _add_line(computer: Computer, activity_id: str, name: str, text: str) -> None:
    """Add one line as the app's form does: the session's lines, with one more."""
    with computer.journal() as journal, journal.write() as conn:
        lines = read_lines(conn, ACTIVITY, activity_id)[name]
        write_lines(conn, ACTIVITY, activity_id, name, [*lines, text])


def _file(remote: Path, path: str) -> str:
    return subprocess.run(
        ["git", "--git-dir", str(remote), "show", f"main:{path}"], capture_output=True, text=True, check=True
    ).stdout


def test_a_session_and_its_lines_travel_and_lines_added_on_both_sides_merge(
    pair: tuple[Computer, Computer, Path],
) -> None:
    laptop, desktop, remote = pair
    session = laptop.ok(
        "log",
        "workshop",
        "Feedback that moves learning",
        "--role",
        "facilitated",
        "--attendees",
        "24",
        "--co-facilitator",
        "Ana Ruiz",
        "--feedback",
        "Useful right away",
    )
    book = laptop.ok("log", "book", "Embedded Formative Assessment", "--spun-off-from", session[:8])
    laptop.ok("sync")
    desktop.ok("sync")
    assert desktop.records()["session_items"] == laptop.records()["session_items"]
    activity = json.loads(_file(remote, f"records/activities/{session}.json"))
    assert (activity["role"], activity["attendees"]) == ("facilitated", 24)
    assert json.loads(_file(remote, f"records/activities/{book}.json"))["spun_off_from"] == session
    # One field a line, so a merge sees each change on its own line.
    assert '\n  "attendees": 24,\n' in _file(remote, f"records/activities/{session}.json")

    _add_line(laptop, session, "co_facilitators", "Ben Okafor")
    _add_line(desktop, session, "feedback", "More time to practise, please")
    laptop.ok("sync")
    assert summary(desktop.ok("sync"))[2] == 0
    laptop.ok("sync")
    assert laptop.records() == desktop.records()
    with desktop.journal() as journal:
        assert read_lines(journal.conn, ACTIVITY, session) == {
            "co_facilitators": ["Ana Ruiz", "Ben Okafor"],
            "feedback": ["Useful right away", "More time to practise, please"],
            "materials": [],
        }

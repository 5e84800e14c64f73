"""Small journals the CLI tests start from, built once per module through the command line.

Each builder is the body of a module-scoped ``template`` fixture: it returns the journal's
folder and its snapshot, and the ``seeded`` fixture gives every test its own copy.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.helpers.cli import Result, invoke_in, ok, snapshot

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def new_id(result: Result) -> str:
    """A capture command succeeded and printed exactly one new UUID."""
    printed = ok(result)
    assert UUID.match(printed), printed
    return printed


def capture_journal(base: Path) -> tuple[Path, str]:
    """Two goals sharing a prefix, a reflection, an activity and private evidence."""
    home = base / "home"
    new_id(invoke_in(home, "goal", "add", "Better questioning", "--question", "Does wait time help?"))
    new_id(invoke_in(home, "goal", "add", "Better feedback"))
    new_id(invoke_in(home, "reflect", "Seed reflection about wait time", "--tag", "seed"))
    new_id(invoke_in(home, "log", "book", "Visible Learning", "--hours", "2"))
    doc = base / "tickets.txt"
    doc.write_text("exit tickets\n")
    new_id(invoke_in(home, "evidence", "add", str(doc), "--student-info"))
    return home, snapshot(home)


def data_journal(base: Path) -> tuple[Path, str]:
    """Two goals sharing a prefix, a linked reflection, an activity, a link and a stored file
    (flagged as student information)."""
    home = base / "home"
    for args in (
        ("goal", "add", "Better questioning", "--question", "Does wait time help?"),
        ("goal", "add", "Better feedback"),
        ("reflect", "Seed reflection about wait time", "--tag", "seed", "--goal", "better q"),
        ("log", "book", "Visible Learning", "--hours", "2", "--credits", "1"),
        ("evidence", "add", "https://example.org/lesson", "--title", "Lesson video"),
    ):
        ok(invoke_in(home, *args))
    doc = base / "tickets.txt"
    doc.write_text("exit tickets from period 3\n")
    ok(invoke_in(home, "evidence", "add", str(doc), "--title", "Exit tickets", "--student-info"))
    return home, snapshot(home)


def backups(home: Path) -> list[str]:
    folder = home / "backups"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def stored_evidence(home: Path) -> Path:
    """The one evidence file the journal stores."""
    (stored,) = (home / "evidence").iterdir()
    return stored


# What the migrations after version 6 added, undone, so a test that rewinds ``user_version``
# to replay the older steps gets a file shaped like the old one (ADD COLUMN cannot run twice).
# Sessions led: their lines' table and the activity's two columns.
UNDO_SESSIONS = (
    "DROP TABLE session_items; DROP INDEX activities_by_origin;"
    "ALTER TABLE activities DROP COLUMN spun_off_from; ALTER TABLE activities DROP COLUMN attendees;"
)
UNDO_AFTER_V6 = (
    "ALTER TABLE goals DROP COLUMN kind; ALTER TABLE goals DROP COLUMN baseline;"
    "ALTER TABLE goals DROP COLUMN target; ALTER TABLE goals DROP COLUMN measure;"
    "ALTER TABLE activities DROP COLUMN group_id; ALTER TABLE shares DROP COLUMN group_id;"
    "DROP TABLE publications; DROP TABLE group_members; DROP TABLE groups;"
    + UNDO_SESSIONS
)

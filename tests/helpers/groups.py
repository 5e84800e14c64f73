"""What the tests of groups and publishing share: commands run in-process, refusals checked, a group."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ilearn_tui.locations import resolve
from ilearn_tui.store.journal import open_journal
from tests.helpers.cli import Result, invoke, ok, snapshot


def run(home: Path, *args: str) -> Result:
    return invoke(*args, home=home)


def rows(home: Path, sql: str) -> list[tuple[Any, ...]]:
    journal = open_journal(resolve(home))
    journal.auto_backup = False
    try:
        return [tuple(r) for r in journal.conn.execute(sql)]
    finally:
        journal.close()


def refused(home: Path, code: int, *args: str) -> str:
    """Run a command that must fail with one ``ilearn:`` line and leave the journal as it was."""
    before = snapshot(home)
    result = run(home, *args)
    assert result.code == code, result
    assert result.err.count("\n") == 1 and result.err.startswith("ilearn: "), result.err
    assert "Traceback" not in result.err
    assert snapshot(home) == before
    return result.err


@pytest.fixture
def plc(home: Path, tmp_path: Path) -> str:
    """A group with two members and a folder repository, and a teacher with a name."""
    ok(run(home, "profile", "--name", "Sam Rivera"))
    group_id = ok(
        run(
            home,
            "group",
            "add",
            "Grade 7 PLC",
            "--kind",
            "plc",
            "--member",
            "Ana Lopez",
            "--member",
            "J. Smith",
        )
    )
    ok(run(home, "group", "setup", "Grade 7", str(tmp_path / "plc-repo")))
    return group_id

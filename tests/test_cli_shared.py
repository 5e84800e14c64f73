"""What every command shares: --home, ILEARN_HOME, --version, --help, usage errors.

Bad input must give exit 2 (usage) or 1 (anything else), exactly one ``ilearn:`` line on
stderr, no traceback, no raw escape characters — and leave the journal exactly as it was.
Most cases run the command line in-process (the ``ilearn`` fixture, as a fresh process would);
a few per command run the installed ``ilearn`` as a separate process (``cli``), as a teacher
would, so the exit status and the bytes on stdout are checked for real too.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from ilearn_tui import __version__
from tests.helpers.cli import Result, assert_fails, ok, tables

Cli = Callable[..., Result]

STAGES = ("Imagine", "Inspire", "Illuminate", "Innovate", "Infiltrate")


# --- the shared command line ------------------------------------------------------------
def test_no_command_prints_the_journal_at_a_glance(cli: Cli) -> None:
    """Without a terminal, ``ilearn`` prints a summary naming the five stages in order."""
    text = ok(cli())
    positions = [text.index(stage) for stage in STAGES]
    assert positions == sorted(positions)


def test_demo_never_touches_the_real_journal(cli: Cli, home: Path) -> None:
    """``ilearn demo`` works on a throwaway journal: the home folder is not even created."""
    text = ok(cli("demo"))
    assert "demo" in text and all(stage in text for stage in STAGES)
    assert not home.exists()


def test_home_option_environment_and_position(ilearn: Cli, tmp_path: Path) -> None:
    """--home before or after the command and ILEARN_HOME all choose the data folder;
    --home wins over ILEARN_HOME."""
    by_option, by_env, after = tmp_path / "by-option", tmp_path / "by-env", tmp_path / "after"
    first = ok(ilearn("--home", str(by_option), "reflect", "via option", use_home=False))
    second = ok(ilearn("reflect", "via env", use_home=False, env={"ILEARN_HOME": str(by_env)}))
    third = ok(ilearn("reflect", "via trailing option", "--home", str(after), use_home=False))
    for folder, rid in ((by_option, first), (by_env, second), (after, third)):
        assert (folder / "journal.sqlite3").is_file()
        assert [r["id"] for r in tables(folder)["reflections"]] == [rid]
    ok(
        ilearn(
            "--home",
            str(by_option),
            "reflect",
            "option wins",
            use_home=False,
            env={"ILEARN_HOME": str(by_env)},
        )
    )
    assert len(tables(by_option)["reflections"]) == 2
    assert len(tables(by_env)["reflections"]) == 1


def test_home_that_is_a_file(ilearn: Cli, tmp_path: Path) -> None:
    """--home naming a plain file is one clear line, not a traceback."""
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    assert_fails(ilearn("--home", str(not_a_folder), "reflect", "x", use_home=False), 1)
    assert not_a_folder.read_text() == "x"


@pytest.mark.parametrize(
    "args",
    [("frob",), ("--bogus",), ("--home",), ("goal", "remove", "x"), ("evidence", "delete", "x")],
    ids=[
        "unknown-command",
        "unknown-option",
        "home-without-value",
        "goal-unknown-action",
        "evidence-unknown-action",
    ],
)
def test_usage_errors(ilearn: Cli, home: Path, args: tuple[str, ...]) -> None:
    """Unknown commands and options exit 2 with one line and create no journal."""
    assert_fails(ilearn(*args), 2)
    assert not home.exists()


COMMANDS = [
    (),
    ("demo",),
    ("reflect",),
    ("goal",),
    ("goal", "add"),
    ("goal", "list"),
    ("log",),
    ("evidence",),
    ("evidence", "add"),
    ("evidence", "list"),
    ("search",),
    ("export",),
    ("import",),
    ("backup",),
    ("restore",),
    ("doctor",),
    ("trash",),
    ("trash", "list"),
    ("trash", "restore"),
    ("trash", "purge"),
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "ilearn")
def test_version_and_help_on_every_command(ilearn: Cli, home: Path, command: tuple[str, ...]) -> None:
    """--version and --help work everywhere (even before required arguments) and touch nothing."""
    version = ilearn(*command, "--version")
    assert ok(version) == f"ilearn {__version__}"
    assert version.err == ""
    helped = ilearn(*command, "--help")
    assert ok(helped).startswith("usage: ilearn")
    assert helped.err == ""
    assert not home.exists()


def test_python_dash_m_runs_the_same_program(home: Path) -> None:
    """``python -m ilearn_tui`` is the console script under another name."""

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k != "ILEARN_HOME"}
        return subprocess.run(
            [sys.executable, "-m", "ilearn_tui", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )

    version = run("--version")
    assert (version.returncode, version.stdout.strip()) == (0, f"ilearn {__version__}")
    added = run("--home", str(home), "reflect", "through python -m")
    assert added.returncode == 0, added.stderr
    assert [r["id"] for r in tables(home)["reflections"]] == [added.stdout.strip()]
    bad = run("--home", str(home), "reflect", "x", "--date", "someday")
    assert bad.returncode == 2 and bad.stderr.startswith("ilearn:") and len(bad.stderr.splitlines()) == 1

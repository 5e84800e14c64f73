"""What the command line prints: plain for pipes and scripts, styled for a person at a terminal.

A terminal is a real pseudo-terminal here (``pty``), given to a real ``ilearn`` process as its
stdout or stderr, so the checks see what ``isatty`` sees in a shell.
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from ilearn_tui.cli.output import amount, plural
from tests.helpers.cli import ILEARN, SCRUBBED, Result, invoke_in, ok, snapshot

Cli = Callable[..., Result]
BOLD = "\x1b[1m"
TODAY = date.today().isoformat()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    home = tmp_path_factory.mktemp("output") / "home"
    assert invoke_in(home, "goal", "add", "Wait time in science").code == 0
    assert invoke_in(home, "reflect", "More hands went up after wait time.", "--tag", "questioning").code == 0
    return home, snapshot(home)


def on_terminal(home: Path, *args: str, stream: str = "stdout", env: dict[str, str] | None = None) -> Result:
    """``ilearn --home HOME ARGS`` with ``stream`` on a pseudo-terminal and the other on a pipe."""
    command = [ILEARN] if ILEARN else [sys.executable, "-m", "ilearn_tui"]
    base = {k: v for k, v in os.environ.items() if k not in (*SCRUBBED, "NO_COLOR", "FORCE_COLOR")}
    master, terminal = pty.openpty()
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, stream: terminal}
    proc = subprocess.Popen(
        [*command, "--home", str(home), *args],
        stdin=subprocess.DEVNULL,
        env={**base, "TERM": "xterm-256color", **(env or {})},
        **streams,  # type: ignore[arg-type]
    )
    os.close(terminal)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal's far end closed: the process is done with it
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    piped_out, piped_err = proc.communicate(timeout=120)
    shown = seen.decode().replace("\r\n", "\n")
    out = shown if stream == "stdout" else piped_out.decode()
    err = shown if stream == "stderr" else piped_err.decode()
    return Result(proc.returncode, out, err)


# --- search -------------------------------------------------------------------------------
def test_search_json_hits_are_plain_values(ilearn: Cli, seeded: str) -> None:
    hits = json.loads(ok(ilearn("search", "wait", "--json")))
    hit = next(h for h in hits if h["kind"] == "reflection")
    assert {tuple(sorted(h)) for h in hits} == {("date", "id", "kind", "rank", "snippet", "title")}
    titles = {h["kind"]: h["title"] for h in hits}
    assert titles == {"goal": "Wait time in science", "reflection": "More hands went up after wait time."}
    assert all("**" not in h["title"] and "\x1b" not in h["title"] + h["snippet"] for h in hits)
    assert "**wait**" in hit["snippet"].lower()  # matches in a snippet may be marked
    assert all(h["date"] == TODAY for h in hits if h["kind"] == "reflection")


@pytest.mark.parametrize(
    "env",
    [
        pytest.param({}, id="piped"),
        pytest.param({"FORCE_COLOR": "1", "NO_COLOR": "1"}, id="no-color-wins"),
        pytest.param({"FORCE_COLOR": "0"}, id="force-color-0"),
    ],
)
def test_piped_search_is_plain_text(ilearn: Cli, seeded: str, env: dict[str, str]) -> None:
    shown = ok(ilearn("search", "wait", env=env))
    assert "wait time" in shown.lower()
    assert "**" not in shown and "\x1b" not in shown


def test_force_color_styles_piped_output(ilearn: Cli, seeded: str) -> None:
    shown = ok(ilearn("search", "wait", env={"FORCE_COLOR": "1", "NO_COLOR": None}))
    assert BOLD in shown
    assert "**" not in shown


@pytest.mark.parametrize(
    ("env", "styled"),
    [
        pytest.param({}, True, id="terminal"),
        pytest.param({"NO_COLOR": "1"}, False, id="no-color"),
        pytest.param({"TERM": "dumb"}, False, id="dumb-terminal"),
        pytest.param({"TERM": "dumb", "FORCE_COLOR": "1"}, True, id="forced-on-dumb"),
    ],
)
def test_search_on_a_terminal_styles_matches(
    home: Path, seeded: str, env: dict[str, str], styled: bool
) -> None:
    shown = on_terminal(home, "search", "wait", env=env)
    assert shown.code == 0, shown
    assert (BOLD in shown.out) is styled
    assert "**" not in shown.out


# --- after a write ------------------------------------------------------------------------
def test_a_write_on_a_terminal_says_what_was_saved(home: Path, seeded: str) -> None:
    result = on_terminal(home, "reflect", "Tried think-pair-share", "--tag", "questioning", stream="stderr")
    assert result.code == 0, result
    new_id = result.out.strip()
    assert len(new_id) == 36 and "\n" not in new_id
    assert result.err.strip() == (
        f"Saved reflection “Tried think-pair-share” · {TODAY} · #questioning · id {new_id[:8]}"
    )


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("goal", "add", "Feedback", "--question", "Does it help?"),
            "Saved goal “Feedback” · 1 research question",
        ),
        (
            ("log", "book", "Visible Learning", "--hours", "1"),
            "Saved learning activity “Visible Learning” · 1 hour",
        ),
        (("log", "book", "Visible Learning", "--hours", "2.5"), "· 2.5 hours"),
        (("check", "wait", "--indicator", "engagement", "--rating", "4"), "student engagement” · 4/5"),
    ],
)
def test_each_write_has_its_line(home: Path, seeded: str, args: tuple[str, ...], said: str) -> None:
    result = on_terminal(home, *args, stream="stderr")
    assert result.code == 0, result
    saved_line = result.err.splitlines()[0]  # a goal without a measure gets a hint after it
    assert said in saved_line
    assert saved_line.rstrip().endswith(f"id {result.out.strip()[:8]}")


def test_a_write_to_a_pipe_prints_only_the_id(ilearn: Cli, seeded: str) -> None:
    result = ilearn("reflect", "Quiet on stderr")
    assert len(ok(result)) == 36
    assert result.err == ""


# --- plurals ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("count", "noun", "many", "expected"),
    [
        (0, "record", None, "0 records"),
        (1, "record", None, "1 record"),
        (2, "activity", "activities", "2 activities"),
        (1, "activity", "activities", "1 activity"),
        (1200, "entry", "entries", "1,200 entries"),
    ],
)
def test_plural(count: int, noun: str, many: str | None, expected: str) -> None:
    assert plural(count, noun, many) == expected


def test_purging_one_item_says_one_item(ilearn: Cli, seeded: str) -> None:
    reflection = json.loads(ok(ilearn("search", "hands", "--json")))[0]["id"]
    ok(ilearn("delete", reflection))
    assert ok(ilearn("trash", "purge")) == "purged 1 item from the trash"
    assert ok(ilearn("trash", "purge")) == "purged 0 items from the trash"


@pytest.mark.parametrize(
    ("value", "noun", "expected"),
    [(1, "hour", "1 hour"), (1.0, "hour", "1 hour"), (1.5, "hour", "1.5 hours"), (0, "credit", "0 credits")],
)
def test_amount(value: float, noun: str, expected: str) -> None:
    assert amount(value, noun) == expected


def test_one_of_each_is_worded_in_the_singular(ilearn: Cli, home: Path, tmp_path: Path) -> None:
    """A first week: one activity of one hour and one credit, one planned hour, one jrnl entry."""
    soon = (date.today() + timedelta(days=1)).isoformat()
    ok(ilearn("log", "book", "Visible Learning", "--hours", "1", "--credits", "1"))
    ok(ilearn("log", "course", "Questioning course", "--hours", "1", "--date", soon))
    status = ok(ilearn("status")).splitlines()
    assert "  1 hour and 1 credit done in 1 activity; 1 hour planned" in status
    assert "  Book study: 1 hour" in status
    assert ok(ilearn("hours")).splitlines()[0].endswith(": 1 hour, 1 credit in 1 activity (1 hour planned)")
    assert "1 hour  done" in ok(ilearn("stage", "3"))
    ok(ilearn("goal", "add", "Better questioning"))
    glance = [line.strip() for line in ok(ilearn()).splitlines()]  # no terminal: the journal at a glance
    assert {"1 goal", "2 learning activities", "0 reflections"} <= set(glance)
    entry = tmp_path / "one.txt"
    entry.write_text("[2024-03-05 14:30] Rounds went well.\n")
    ok(ilearn("import", str(entry)))
    again = ilearn("import", str(entry))
    assert again.code == 1
    assert "already imported: the one entry is in the journal" in again.err

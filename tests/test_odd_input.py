"""Odd input on the command line and in imported files: one ``ilearn:`` line, never a traceback."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ilearn_tui.cli.main import run
from tests.conftest import ILEARN

BAD = "a\udcffb"  # how Python hands over the bytes a\xffb of an argument (surrogateescape)


def fails_cleanly(capsys: pytest.CaptureFixture[str], code: int, expected: tuple[int, ...] = (1, 2)) -> str:
    """The run failed with a usage or plain error, and said so on exactly one ``ilearn:`` line."""
    captured = capsys.readouterr()
    assert code in expected, captured
    assert "Traceback" not in captured.err
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ilearn: "), captured.err
    return lines[0]


@pytest.fixture
def h(home: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """``--home`` of a journal that already has a goal and a reflection."""
    base = ["--home", str(home)]
    assert run([*base, "goal", "add", "Talk moves"]) == 0
    assert run([*base, "reflect", "first entry"]) == 0
    capsys.readouterr()
    return base


# --- invalid UTF-8 in arguments ---------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["reflect", BAD],
        ["reflect", "ok", "--tag", BAD],
        ["reflect", "ok", "--title", BAD],
        ["reflect", "ok", "--goal", BAD],
        ["goal", "add", BAD],
        ["goal", "add", "T", "--question", BAD],
        ["goal", "add", "T", "--why", BAD],
        ["log", "book", BAD],
        ["log", "book", "T", "--topic", BAD],
        ["log", "book", "T", "--provider", BAD],
        ["evidence", "add", "https://x.example/" + BAD],
        ["evidence", "add", "https://x.example/", "--title", BAD],
        ["trash", "restore", BAD],
        [
            "renewal",
            "set",
            "custom",
            "--start",
            "2024-07-01",
            "--amount",
            "5",
            "--years",
            "5",
            "--units",
            BAD,
        ],
        ["export", "--out", "o" + BAD + ".md"],
    ],
)
def test_invalid_utf8_in_an_argument_is_a_usage_error(
    h: list[str], home: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    line = fails_cleanly(capsys, run([*h, *args]), (2,))
    assert "UTF-8" in line
    assert not (home / "config" / "settings.json").exists() or BAD not in (
        home / "config" / "settings.json"
    ).read_text("utf-8", "surrogateescape")


def test_invalid_utf8_argument_from_a_real_shell(home: Path) -> None:
    command = [ILEARN] if ILEARN else [sys.executable, "-m", "ilearn_tui"]
    argv = [os.fsencode(a) for a in command] + [b"--home", os.fsencode(home), b"reflect", b"a\xffb"]
    proc = subprocess.run(argv, capture_output=True, timeout=120, check=False)
    assert proc.returncode == 2
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and err.startswith("ilearn: ") and len(err.strip().splitlines()) == 1
    assert "UTF-8" in err


# --- help, numbers and far dates ----------------------------------------------------------------


def test_check_help_shows_the_percent_sign(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", "--help"]) == 0
    assert "% on a quiz" in capsys.readouterr().out


def test_every_help_text_prints(capsys: pytest.CaptureFixture[str]) -> None:
    """Any ``%`` in any help text would break ``--help`` the same way; walk every command."""
    from ilearn_tui.cli.parser import build

    def walk(parser: argparse.ArgumentParser, prefix: list[str]) -> list[list[str]]:
        found = [prefix]
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    found += walk(sub, [*prefix, name])
        return found

    for words in walk(build(), []):
        assert run([*words, "--help"]) == 0, words
        assert "usage:" in capsys.readouterr().out


HUGE = "99999999999999999999"
DIGITS_5001 = "9" * 5001


@pytest.mark.parametrize(
    "args",
    [
        ["search", "--limit", HUGE, "x"],
        ["search", "--limit", DIGITS_5001, "x"],
        ["trash", "purge", "--older-than", "1000000"],
        ["trash", "purge", "--older-than", "99999999999"],
        ["trash", "purge", "--older-than", DIGITS_5001],
        ["check", "talk", "--indicator", "other", "--rating", HUGE],
        ["check", "talk", "--indicator", "other", "--value", "nan"],
        ["check", "talk", "--indicator", "other", "--value", "1e999"],
        ["log", "book", "T", "--hours", "1e999"],
        ["log", "book", "T", "--hours", DIGITS_5001],
        ["reflect", "x", "--date", "9999-12-31"],
        ["reflect", "x", "--date", "9999-08-01"],
        ["reflect", "x", "--date", "0001-01-01"],
        ["reflect", "x", "--date", "0001-07-31"],
        ["log", "book", "T", "--date", "9999-12-31"],
        ["log", "book", "T", "--date", "0001-01-01"],
        ["evidence", "add", "https://x.example/a", "--date", "9999-12-31"],
        ["goal", "add", "T", "--by", "9999-12-31"],
    ],
)
def test_odd_numbers_and_far_dates_are_refused(
    h: list[str], capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    fails_cleanly(capsys, run([*h, *args]), (2,))


RENEWAL = ["renewal", "set", "custom", "--start", "2024-07-01"]


@pytest.mark.parametrize(
    "extra",
    [
        ["--amount", "nan", "--years", "5"],
        ["--amount", "inf", "--years", "5"],
        ["--amount", "10", "--years", "5", "--minimum", "x=nan"],
        ["--amount", "10", "--years", "5", "--minimum", "x=inf"],
        ["--amount", "10", "--years", "5", "--topic-minimum", "nan"],
        ["--amount", "10", "--years", "99999999"],
        ["--amount", "10", "--years", "0"],
        ["--amount", "10", "--years", "5", "--semester-credit-rate", "nan"],
    ],
)
def test_renewal_values_that_would_break_later_are_refused(
    h: list[str], home: Path, capsys: pytest.CaptureFixture[str], extra: list[str]
) -> None:
    line = fails_cleanly(capsys, run([*h, *RENEWAL, *extra]), (2,))
    if "--years" in extra and extra[extra.index("--years") + 1] == "99999999":
        assert "1 to 20" in line
    assert run([*h, "renewal"]) == 1  # nothing was saved
    capsys.readouterr()


def test_renewal_start_far_in_the_future_is_refused(h: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    args = ["renewal", "set", "custom", "--start", "9999-06-01", "--amount", "10", "--years", "5"]
    fails_cleanly(capsys, run([*h, *args]), (2,))


def test_a_sane_custom_renewal_still_works(h: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run([*h, *RENEWAL, "--amount", "120", "--years", "20", "--minimum", "ell=15"]) == 0
    assert run([*h, "renewal", "--json"]) == 0
    data = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert data["required"] == 120


def test_a_damaged_renewal_setting_with_nan_is_reported_not_crashed(
    h: list[str], home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ilearn_tui.locations import resolve
    from ilearn_tui.settings import load_settings, save_settings

    locations = resolve(home)
    settings = load_settings(locations)
    settings.renewal = {"preset": "custom", "start": "2024-07-01", "units": "h", "amount": "nan", "years": 5}
    save_settings(locations, settings)
    fails_cleanly(capsys, run([*h, "renewal", "--json"]), (1,))


# --- odd files given to import ------------------------------------------------------------------


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_deeply_nested_json_is_refused(
    h: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = '{"format": "ilearn-journal", "schema": 1, "tables": ' + "[" * 100_000 + "]" * 100_000 + "}"
    path = _write(tmp_path / "deep.json", doc)
    assert "nested" in fails_cleanly(capsys, run([*h, "import", str(path)]), (1,))
    jrnl = _write(tmp_path / "deep-jrnl.json", '{"entries": ' + "[" * 100_000 + "]" * 100_000 + "}")
    fails_cleanly(capsys, run([*h, "import", "--format", "jrnl", str(jrnl)]), (1,))


def test_a_huge_number_in_json_is_refused(
    h: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = '{"format": "ilearn-journal", "schema": ' + DIGITS_5001 + ', "tables": {}}'
    fails_cleanly(capsys, run([*h, "import", str(_write(tmp_path / "big.json", doc))]), (1,))
    jrnl = '{"entries": [{"date": "2024-01-01", "time": "10:00", "title": "t", "body": "b", "n": '
    jrnl += DIGITS_5001 + "}]}"
    fails_cleanly(
        capsys, run([*h, "import", "--format", "jrnl", str(_write(tmp_path / "j.json", jrnl))]), (1,)
    )


def test_a_lone_surrogate_in_an_import_is_refused(
    h: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = '{"format": "ilearn-journal", "schema": 1, "meta": {"teacher_name": "x\\udcff"}, "tables": {}}'
    line = fails_cleanly(capsys, run([*h, "import", str(_write(tmp_path / "s.json", doc))]), (1,))
    assert "surrogate" in line or "UTF-8" in line
    jrnl = '{"entries": [{"date": "2024-01-01", "time": "10:00", "title": "t\\udcff", "body": "b"}]}'
    path = _write(tmp_path / "sj.json", jrnl)
    line = fails_cleanly(capsys, run([*h, "import", "--format", "jrnl", str(path)]), (1,))
    assert "entry 1" in line


@pytest.mark.parametrize("stamp", ["[9999-12-31 23:59]", "[9999-08-01 10:00]", "[0001-01-01 00:00]"])
def test_jrnl_entries_dated_at_the_ends_of_the_calendar_are_refused(
    h: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str], stamp: str
) -> None:
    path = _write(tmp_path / "far.txt", f"[2024-01-01 10:00] Fine.\n\n{stamp} Far away.\n")
    line = fails_cleanly(capsys, run([*h, "import", "--format", "jrnl", str(path)]), (1,))
    assert "line 3" in line
    assert run([*h, "search", "Fine", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []  # nothing of the file was imported


def test_a_body_of_100000_brackets_is_kept_and_exported(
    h: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run([*h, "reflect", "[" * 100_000, "--title", "Brackets"]) == 0
    for fmt in ("md", "html", "json"):
        assert run([*h, "export", "--format", fmt, "--out", str(tmp_path / f"out.{fmt}")]) == 0, fmt
    assert "[" * 100_000 in (tmp_path / "out.json").read_text("utf-8")
    assert "Traceback" not in capsys.readouterr().err

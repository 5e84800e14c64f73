"""``ilearn hours``, ``ilearn check`` and ``ilearn renewal`` from the shell, with their bad inputs.

Bad inputs run in-process (``ilearn``); each command also runs as a real process (``cli``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest


def one_line_error(result: Any) -> None:
    assert result.err.startswith("ilearn:") and len(result.err.strip().splitlines()) == 1
    assert "Traceback" not in result.err


def test_hours_json_totals_match_what_was_logged(cli: Callable[..., Any]) -> None:
    cli("goal", "add", "Talk moves")
    assert (
        cli(
            "log",
            "workshop",
            "Rounds",
            "--hours",
            "2.5",
            "--credits",
            "1",
            "--topic",
            "pedagogy",
            "--goal",
            "talk",
        ).code
        == 0
    )
    assert cli("log", "book", "Study", "--hours", "4", "--date", "today").code == 0
    assert cli("log", "course", "Later", "--hours", "10", "--planned").code == 0
    assert cli("log", "course", "Psych", "--semester-credits", "2").code == 0
    data = json.loads(cli("hours", "--json").out)
    assert data["hours"] == 6.5 and data["credits"] == 31 and data["planned_hours"] == 10
    assert data["by_goal"]["Talk moves"] == 2.5 and data["by_topic"]["pedagogy"] == 2.5
    assert "Rounds" not in cli("hours").err


@pytest.mark.parametrize(
    "args",
    [
        ("log", "book", "X", "--hours", "-1"),
        ("log", "book", "X", "--hours", "nan"),
        ("log", "book", "X", "--hours", "lots"),
        ("log", "book", "X", "--credits", "-3"),
        ("log", "book", "X", "--semester-credits", "0"),
        ("log", "book", "X", "--credits", "1", "--semester-credits", "1"),
    ],
)
def test_bad_numbers_are_refused(ilearn: Callable[..., Any], args: tuple[str, ...]) -> None:
    result = ilearn(*args)
    assert result.code in (1, 2)
    one_line_error(result)
    assert json.loads(ilearn("hours", "--json", "--cycle", "all").out)["activities"] == 0


def test_checks_from_the_shell(ilearn: Callable[..., Any]) -> None:
    ilearn("goal", "add", "Engagement")
    ok = ilearn(
        "check", "engage", "--indicator", "student-engagement", "--rating", "4", "--date", "yesterday"
    )
    assert ok.code == 0, ok.err
    for args, code in (
        (("--indicator", "student-engagement", "--rating", "9"), 2),
        (("--indicator", "vibes", "--rating", "3"), 2),
        (("--indicator", "other"), 2),
        (("--indicator", "other", "--rating", "3", "--value", "2"), 2),
        (("--indicator", "other", "--rating", "three"), 2),
        (("--indicator", "other", "--rating", "3", "--date", "2026-02-30"), 2),
    ):
        result = ilearn("check", "engage", *args)
        assert result.code == code, (args, result.err)
        one_line_error(result)
    missing = ilearn("check", "nosuch", "--indicator", "other", "--rating", "3")
    assert missing.code == 1
    one_line_error(missing)


def test_renewal_on_the_massachusetts_preset(cli: Callable[..., Any]) -> None:
    assert cli("renewal").code == 1
    assert cli("renewal", "set", "MA", "--start", "2024-07-01").code == 0
    cli("log", "workshop", "SEI course", "--hours", "16", "--topic", "sei", "--date", "2025-03-01")
    cli("log", "workshop", "Co-teaching", "--hours", "6", "--topic", "swd", "--date", "2025-04-01")
    data = json.loads(cli("renewal", "--json").out)
    assert data["total"] == 16 and data["by_category"]["sei"]["have"] == 16
    assert any("topic “swd” has 6 PDPs" in w for w in data["warnings"])
    text = cli("renewal").out
    assert "Students with disabilities" in text and "source" in text.lower()
    assert "MA" in cli("renewal", "presets").out


def test_check_in_a_real_process(cli: Callable[..., Any]) -> None:
    """The installed command's exit status and streams for a check saved and one refused."""
    assert cli("goal", "add", "Engagement").code == 0
    saved = cli("check", "engage", "--indicator", "student-engagement", "--rating", "4")
    assert saved.code == 0 and saved.out.strip() and saved.err == "", saved
    refused = cli("check", "engage", "--indicator", "other", "--rating", "three")
    assert refused.code == 2 and refused.out == ""
    one_line_error(refused)


@pytest.mark.parametrize(
    "args",
    [
        ("renewal", "set", "XX", "--start", "2024-01-01"),
        ("renewal", "set", "MA", "--start", "someday"),
        ("renewal", "set", "custom", "--start", "2024-01-01"),
        (
            "renewal",
            "set",
            "custom",
            "--start",
            "2024-01-01",
            "--amount",
            "10",
            "--years",
            "2",
            "--minimum",
            "a=20",
        ),
        (
            "renewal",
            "set",
            "custom",
            "--start",
            "2024-01-01",
            "--amount",
            "10",
            "--years",
            "2",
            "--minimum",
            "a",
        ),
        ("renewal", "set", "MA", "--start", "2024-01-01", "--hour-rate", "0"),
    ],
)
def test_bad_renewal_settings_are_refused(ilearn: Callable[..., Any], args: tuple[str, ...]) -> None:
    result = ilearn(*args)
    assert result.code == 2, result.err
    one_line_error(result)

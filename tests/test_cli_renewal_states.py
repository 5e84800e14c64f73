"""The state presets from the shell: listed, chosen in any case, and the unmet rule named."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from ilearn_tui.domain.renewal import STATES


def one_line_error(result: Any) -> None:
    assert result.err.startswith("ilearn:") and len(result.err.strip().splitlines()) == 1
    assert "Traceback" not in result.err


def test_presets_list_all_thirteen_states_with_their_sources(ilearn: Callable[..., Any]) -> None:
    shown = ilearn("renewal", "presets").out
    keys = {line.split()[0] for line in shown.splitlines() if line and not line.startswith(" ")}
    assert set(STATES) <= keys
    assert "VA  Virginia renewable licence (10 years): 270 points every 10 years" in shown
    assert "confirm the points with your division" in shown
    assert "CA  California clear credential: no hours required" in shown
    assert "at most 20% from independent study" in shown
    assert shown.count("(checked 2026-12-01)") == len(keys)


@pytest.mark.parametrize(("given", "key"), [("il-nbct", "IL-NBCT"), ("Nj", "NJ"), ("CUSTOM", "custom")])
def test_a_preset_is_named_in_any_case(ilearn: Callable[..., Any], given: str, key: str) -> None:
    extra = ["--amount", "10", "--years", "2"] if key == "custom" else []
    assert ilearn("renewal", "set", given, "--start", "2026-09-01", *extra).code == 0
    assert ilearn("renewal", "--json").code == 0


def test_a_misspelt_preset_gets_did_you_mean(ilearn: Callable[..., Any]) -> None:
    result = ilearn("renewal", "set", "IL-NBTC", "--start", "2026-09-01")
    assert result.code == 2 and "did you mean 'IL-NBCT'?" in result.err
    one_line_error(result)
    assert ilearn("renewal").code == 1  # nothing was saved


def test_extra_licences_raise_massachusetts_and_are_refused_elsewhere(ilearn: Callable[..., Any]) -> None:
    assert ilearn("renewal", "set", "MA", "--start", "2024-07-01", "--extra-licences", "1").code == 0
    assert json.loads(ilearn("renewal", "--json").out)["required"] == 180
    refused = ilearn("renewal", "set", "NY", "--start", "2024-07-01", "--extra-licences", "1")
    assert refused.code == 2
    one_line_error(refused)
    assert json.loads(ilearn("renewal", "--json").out)["required"] == 180  # the setting is unchanged


def test_the_view_and_status_name_the_unmet_rule(ilearn: Callable[..., Any]) -> None:
    start = (date.today() - timedelta(days=200)).isoformat()
    day = (date.today() - timedelta(days=10)).isoformat()
    assert ilearn("renewal", "set", "WA", "--start", start).code == 0
    ilearn("log", "workshop", "Equity lab", "--hours", "5", "--topic", "equity", "--date", day)
    shown = ilearn("renewal").out
    assert "  still unmet: Equity: 5 of 15 clock hours" in shown
    assert "  still unmet: Total: 5 of 100 clock hours" in shown
    (line,) = (line for line in ilearn("status").out.splitlines() if "Washington" in line)
    assert "5 of 100 clock hours, 95 to go (still unmet: Equity: 5 of 15 clock hours)" in line


def test_california_never_shows_zero_of_zero(ilearn: Callable[..., Any]) -> None:
    start = (date.today() - timedelta(days=200)).isoformat()
    assert ilearn("renewal", "set", "CA", "--start", start).code == 0
    ilearn("log", "course", "Physics", "--hours", "6", "--date", "today")
    for shown in (ilearn("renewal").out, ilearn("status").out):
        assert "0 of 0" not in shown and "track for yourself" in shown
    data = json.loads(ilearn("renewal", "--json").out)
    assert data["track_only"] is True and data["unmet"] == [] and data["total"] == 6


def test_semester_credits_convert_at_the_preset_rate(ilearn: Callable[..., Any]) -> None:
    assert ilearn("renewal", "set", "PA", "--start", "2024-07-01").code == 0
    assert ilearn("log", "course", "Psych", "--semester-credits", "2").code == 0
    assert json.loads(ilearn("hours", "--json").out)["credits"] == 60


def test_a_north_carolina_semester_credit_is_one_and_a_half_credits(ilearn: Callable[..., Any]) -> None:
    start = (date.today() - timedelta(days=200)).isoformat()
    assert ilearn("renewal", "set", "NC-K5", "--start", start).code == 0
    course = ("log", "course", "Literacy methods", "--topic", "literacy")
    assert ilearn(*course, "--semester-credits", "2").code == 0
    data = json.loads(ilearn("renewal", "--json").out)
    assert data["total"] == 3
    assert "Total: 3 of 8 renewal credits" in data["unmet"]
    assert not any(line.startswith("Literacy:") for line in data["unmet"])

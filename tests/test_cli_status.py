"""``ilearn status`` and ``ilearn stage N``: the dashboard and the stage screens as plain text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.helpers.cli import Result, assert_fails, invoke_in, ok, snapshot

Cli = Callable[..., Result]
TODAY = date.today().isoformat()
AHEAD = (date.today() + timedelta(days=3)).isoformat()


def _run(home: Path, *args: str) -> str:
    result = invoke_in(home, *args)
    assert result.code == 0, result
    return result.out.strip()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    home = tmp_path_factory.mktemp("status") / "home"
    _run(home, "goal", "add", "Better questioning", "--question", "Does wait time help?")
    _run(home, "check", "better", "--indicator", "engagement", "--rating", "2")
    _run(home, "check", "better", "--indicator", "engagement", "--rating", "4")
    _run(home, "log", "book", "Visible Learning", "--hours", "2", "--goal", "better")
    _run(home, "log", "workshop", "Questioning lab", "--hours", "3", "--date", AHEAD)
    _run(home, "reflect", "Wait time works", "--tag", "questioning")
    return home, snapshot(home)


def test_status_reads_as_the_dashboard(ilearn: Cli, home: Path, seeded: str) -> None:
    shown = ok(ilearn("status")).splitlines()
    assert "  1 Imagine     not begun  (you are here)" in shown
    assert "  2 Inspire     complete" in shown
    assert "  3 Illuminate  complete" in shown
    assert any(line.startswith("Next step: Imagine: write your vision") for line in shown)
    (goal,) = (line for line in shown if "Better questioning" in line)
    assert "(open; 1 research question; latest rating 4/5, up)" in goal
    assert "  2 hours and 0 credits done in 1 activity; 3 hours planned" in shown
    assert "  Book study: 2 hours" in shown
    assert not any("Workshop" in line for line in shown)  # planned hours are not done hours
    assert any(line.startswith("  No requirement set: ilearn renewal set") for line in shown)
    assert f"  {TODAY}  Wait time works" in shown
    assert snapshot(home) == seeded


def test_status_shows_renewal_progress_once_set(ilearn: Cli, seeded: str) -> None:
    start = (date.today() - timedelta(days=30)).isoformat()
    ok(ilearn("renewal", "set", "NY", "--start", start))
    (line,) = (line for line in ok(ilearn("status")).splitlines() if "CTLE" in line or "of 100" in line)
    assert "2 of 100" in line and "98 to go" in line


@pytest.mark.parametrize("stage", ["3", "illuminate", "illum", "Illuminate"])
def test_stage_lists_its_records(ilearn: Cli, stage: str, seeded: str) -> None:
    shown = ok(ilearn("stage", stage)).splitlines()
    assert "Stage 3: Illuminate" in shown
    assert "2 learning activities:" in shown
    (book,) = (line for line in shown if "Visible Learning" in line)
    assert book.split()[1:] == [TODAY, "Book", "study", "Visible", "Learning", "2", "hours", "done"]
    (lab,) = (line for line in shown if "Questioning lab" in line)
    assert lab.endswith("planned")


def test_stage_two_and_four_name_their_kinds(ilearn: Cli, seeded: str) -> None:
    inspire = ok(ilearn("stage", "2")).splitlines()
    assert "1 goal:" in inspire and "1 research question:" in inspire
    assert "0 interests or expertise:" in inspire
    innovate = ok(ilearn("stage", "innovate")).splitlines()
    assert "2 progress checks:" in innovate and "0 pieces of evidence:" in innovate
    assert any("rated 4/5" in line and "goal “Better questioning”" in line for line in innovate)


def test_stage_without_a_number_is_where_you_are(ilearn: Cli, seeded: str) -> None:
    assert "Stage 1: Imagine" in ok(ilearn("stage")).splitlines()


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("stage", "9"), 2),
        (("stage", "0"), 2),
        (("stage", "i"), 2),
        (("stage", "imagination"), 2),
        (("stage", "3", "--cycle", "1999-00"), 1),
        (("status", "--cycle", "nosuch"), 1),
        (("status", "extra"), 2),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(
    ilearn: Cli, home: Path, seeded: str, args: tuple[str, ...], code: int
) -> None:
    assert_fails(ilearn(*args), code)
    assert snapshot(home) == seeded


def test_an_empty_journal_says_how_to_begin(ilearn: Cli) -> None:
    assert ok(ilearn("status")).startswith("No school year yet")


def test_status_through_the_installed_command(cli: Cli, seeded: str) -> None:
    shown = ok(cli("status"))
    assert "(you are here)" in shown and "\x1b" not in shown
    assert "2 learning activities:" in ok(cli("stage", "3"))

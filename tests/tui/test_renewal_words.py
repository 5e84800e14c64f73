"""The dashboard's renewal line reads at a glance: logged, still needed, and where."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ilearn_tui.domain.renewal import Category, Progress, Requirement
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.screens.dashboard import DashboardScreen, renewal_headline
from tests.tui.test_navigation import _dashboard_lines
from tests.tui.waiting import until

RULE = Requirement(
    "MA", "MA", "PDPs", 150, 5, (Category("sei", "SEI", 15), Category("dis", "disabilities", 15))
)


def _progress(total: float, **by_category: float) -> Progress:
    return Progress(RULE, date(2024, 7, 1), date(2029, 6, 30), total=total, by_category=dict(by_category))


def test_past_the_total_with_topics_short_names_the_topics() -> None:
    assert (
        renewal_headline(_progress(177))
        == "MA: 177 PDPs logged — 30 still needed: SEI 0/15, disabilities 0/15"
    )


def test_short_of_the_total_says_of_how_many() -> None:
    line = renewal_headline(_progress(100, sei=15))
    assert line == "MA: 100 PDPs logged — 50 still needed of 150: disabilities 0/15"


def test_met_says_so() -> None:
    assert renewal_headline(_progress(150, sei=15, dis=20)) == "MA: 150 PDPs logged — requirement met"


async def test_the_dashboard_shows_it_without_a_percentage(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    app.settings.renewal = {"preset": "MA", "start": "2024-07-01"}
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, DashboardScreen))
        await until(pilot, lambda: "logged" in "\n".join(_dashboard_lines(app)))
        shown = "\n".join(_dashboard_lines(app))
        assert "still needed" in shown and "% done" not in shown and "to go" not in shown


def test_a_rule_without_hours_never_reads_zero_of_zero() -> None:
    from ilearn_tui.domain.renewal import PRESETS

    line = renewal_headline(Progress(PRESETS["CA"], date(2024, 7, 1), date(2029, 7, 1), total=12))
    assert line == "California clear credential: 12 hours logged — no hours required: tracked for yourself"

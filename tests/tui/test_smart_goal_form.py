"""The goal form takes the SMART parts and hints, without blocking, at a missing measure or date."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input, Select, Static

from ilearn_tui.store import plan
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.screens.stage import StageScreen
from tests.tui.test_forms_flow import _new_goal_form
from tests.tui.waiting import until


async def test_the_form_saves_the_smart_parts_and_its_hint_follows_the_fields(
    make_app: Callable[..., IlearnApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _new_goal_form(pilot, app)
        hint = form.query_one("#smart-hint", Static)
        assert "no measure and no date" in str(hint.render())
        form.query_one("#field-title", Input).value = "Reading fluency"
        form.query_one("#field-kind", Select).value = "student-learning"
        form.query_one("#field-baseline", Input).value = "62 wcpm"
        form.query_one("#field-target", Input).value = "90 wcpm"
        form.query_one("#field-measure", Input).value = "DIBELS ORF"
        await until(pilot, lambda: "no date" in str(hint.render()) and "measure" not in str(hint.render()))
        form.query_one("#field-target_date", Input).value = "today"
        await until(pilot, lambda: str(hint.render()).strip() == "")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, StageScreen))
    [goal] = plan.list_goals(app.journal)
    assert (goal.kind, goal.baseline, goal.target, goal.measure) == (
        "student-learning",
        "62 wcpm",
        "90 wcpm",
        "DIBELS ORF",
    )
    assert goal.target_date is not None


async def test_a_goal_without_them_still_saves_with_no_kind(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _new_goal_form(pilot, app)
        form.query_one("#field-title", Input).value = "Wait time"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, StageScreen))
    [goal] = plan.list_goals(app.journal)
    assert (goal.title, goal.kind, goal.measure, goal.target_date) == ("Wait time", None, "", None)

"""Onboarding and ``ilearn profile`` keep one name: what the shell set is offered, not asked blank."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input

from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.screens.startup import OnboardingScreen
from tests.tui.waiting import showing, until


async def test_a_name_set_from_the_shell_is_offered_and_kept(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app(onboarded=False)
    app.journal.set_meta("teacher_name", "Sam Rivera")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, showing(app, OnboardingScreen, "#name"))
        await until(pilot, lambda: app.screen.query_one("#name", Input).value != "")
        assert app.screen.query_one("#name", Input).value == "Sam Rivera"
        assert app.screen.query_one("#role", Input).value == ""
        await pilot.press("enter", *"Librarian", "enter", "enter")
        await pilot.pause()
        assert app.journal.get_meta("teacher_name") == "Sam Rivera"
        assert app.journal.get_meta("teacher_role") == "Librarian"

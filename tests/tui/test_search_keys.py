"""Search never traps the teacher: escape goes back, typing edits the query, ↓ and enter open the top hit."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input, OptionList, TextArea

from ilearn_tui.store.reflections import add_reflection
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.screens.dashboard import DashboardScreen
from ilearn_tui.tui.screens.editor import EditorScreen
from ilearn_tui.tui.screens.journal import JournalScreen
from ilearn_tui.tui.screens.search import SearchScreen
from ilearn_tui.tui.screens.stage import StageScreen
from ilearn_tui.tui.widgets.key_bar import KeyBar
from tests.tui.waiting import until


def _status(app: IlearnApp) -> str:
    return str(app.screen.query_one("#search-status").render())


def _hinges(app: IlearnApp) -> None:
    add_reflection(app.journal, "First hinge question went well.", title="Hinge one", day="2026-11-03")
    add_reflection(app.journal, "Second hinge question, less so.", title="Hinge two", day="2026-11-02")
    add_reflection(app.journal, "Feedback on exit tickets.", title="Feedback", day="2026-11-01")


async def test_escape_on_an_empty_query_goes_back_to_the_area_it_came_from(
    make_app: Callable[..., IlearnApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await until(pilot, lambda: isinstance(app.screen, StageScreen))
        await pilot.press("slash")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen))
        assert "escape goes back to stage 3, Illuminate" in _status(app)
        assert "Clear / back" in str(app.screen.query_one(KeyBar).render())
        await pilot.press(*"wait", "escape")  # the first escape clears the query…
        await until(pilot, lambda: app.screen.query_one("#query", Input).value == "")
        assert isinstance(app.screen, SearchScreen)
        assert "escape goes back to stage 3" in _status(app)
        await pilot.press("escape")  # …the second goes back
        await until(pilot, lambda: isinstance(app.screen, StageScreen) and app.screen.stage == 3)

        await pilot.press("j", "slash", "escape")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))


async def test_escape_on_a_fresh_search_goes_back_to_the_dashboard(
    make_app: Callable[..., IlearnApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", "escape")
        await until(pilot, lambda: isinstance(app.screen, DashboardScreen))


async def test_down_from_the_query_highlights_the_first_hit_and_enter_opens_it(
    make_app: Callable[..., IlearnApp],
) -> None:
    app = make_app()
    _hinges(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"hinge")
        results = app.screen.query_one("#results", OptionList)
        await until(pilot, lambda: results.option_count == 2)
        await pilot.press("down")
        await until(pilot, lambda: app.screen.focused is results)
        assert results.highlighted == 0
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, EditorScreen))
        assert "First hinge" in app.screen.query_one("#body", TextArea).text


async def test_letters_typed_on_the_results_edit_the_query_and_fire_no_shortcut(
    make_app: Callable[..., IlearnApp],
) -> None:
    app = make_app()
    _hinges(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"feedback")
        screen = app.screen
        results = screen.query_one("#results", OptionList)
        await until(pilot, lambda: results.option_count == 1)
        await pilot.press("down")
        await until(pilot, lambda: screen.focused is results)
        # "e" is Export, "j" Journal, "d" Dashboard, digits the stages, anywhere else.
        await pilot.press(*" edj1 hinge")
        query = screen.query_one("#query", Input)
        assert app.screen is screen and screen.focused is query
        assert query.value == "feedback edj1 hinge"


async def test_down_with_no_results_stays_in_the_query(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"zzzz", "down", *"y")
        query = app.screen.query_one("#query", Input)
        await until(pilot, lambda: query.value == "zzzzy")
        assert app.screen.focused is query

"""The trash in the app: every deleted item listed, any of them restored, the trash emptied."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import OptionList

from ilearn_tui.store import plan
from ilearn_tui.store.reflections import add_reflection, count_reflections, delete_reflection
from ilearn_tui.store.trash import list_trash
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.screens.confirm import ConfirmScreen
from ilearn_tui.tui.screens.dashboard import DashboardScreen
from ilearn_tui.tui.screens.trash import TrashScreen
from tests.tui.waiting import from_palette, showing, until


def _trash_some(app: IlearnApp) -> None:
    for title in ("Oldest", "Middle", "Newest"):
        delete_reflection(app.journal, add_reflection(app.journal, f"{title} thought", title=title))


async def _open(pilot, app: IlearnApp) -> TrashScreen:  # type: ignore[no-untyped-def]
    await from_palette(pilot, "trash: Show the trash", TrashScreen, "#trash-items")
    assert isinstance(app.screen, TrashScreen)
    return app.screen


async def test_the_trash_lists_every_item_and_restores_an_older_one(
    make_app: Callable[..., IlearnApp],
) -> None:
    app = make_app()
    _trash_some(app)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open(pilot, app)
        listing = screen.query_one("#trash-items", OptionList)
        await until(pilot, lambda: listing.option_count == 3)
        assert screen.focused is listing
        assert "3 items in the trash" in str(screen.query_one("#trash-status").render())
        await pilot.press("down", "r")  # the second newest, not the last deleted
        await until(pilot, lambda: listing.option_count == 2)
        assert sorted(i.label.split()[-1] for i in list_trash(app.journal)) == ["Newest", "Oldest"]
        assert count_reflections(app.journal) == 1
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, DashboardScreen))


async def test_emptying_asks_first_and_then_deletes_for_good(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    _trash_some(app)
    plan.add_goal(app.journal, "Kept goal")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open(pilot, app)
        await pilot.press("ctrl+d")
        await until(pilot, showing(app, ConfirmScreen, "#no"))
        await pilot.press("escape")  # no: nothing goes
        await until(pilot, lambda: app.screen is screen)
        assert len(list_trash(app.journal)) == 3
        await pilot.press("ctrl+d")
        await until(pilot, showing(app, ConfirmScreen, "#no"))
        await pilot.press("y")
        await until(pilot, lambda: app.screen is screen and list_trash(app.journal) == [])
        assert "The trash is empty." in str(screen.query_one("#trash-status").render())
        assert [g.title for g in plan.list_goals(app.journal)] == ["Kept goal"]
        await pilot.press("r", "ctrl+d")  # nothing to restore or empty: no error, no dialog
        await pilot.pause()
        assert app.screen is screen


async def test_an_empty_trash_says_so(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot, app)
        await until(pilot, lambda: "The trash is empty." in str(screen.query_one("#trash-status").render()))

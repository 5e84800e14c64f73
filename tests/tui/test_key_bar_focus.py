"""The key bar offers only keys that work where focus is: never one a focused text field types."""

from __future__ import annotations

from collections.abc import Callable

from ilearn_tui.store.reflections import add_reflection
from ilearn_tui.tui import actions
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.screens.editor import EditorScreen
from ilearn_tui.tui.screens.journal import JournalScreen
from ilearn_tui.tui.screens.search import SearchScreen
from ilearn_tui.tui.widgets.key_bar import KeyBar
from ilearn_tui.tui.widgets.reflection_list import ReflectionList
from tests.tui.waiting import showing, until


def bar_text(app: IlearnApp) -> str:
    return str(app.screen.query_one(KeyBar).render())


async def test_the_editor_bar_leaves_out_keys_the_text_types(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.press("j")
        await until(pilot, showing(app, JournalScreen, KeyBar.__name__))
        await until(pilot, lambda: isinstance(app.screen.focused, ReflectionList))
        await until(pilot, lambda: "/ Search" in bar_text(app))
        journal_bar = bar_text(app)
        for shown in ("/ Search", "n New reflection", "e Export", "d Dashboard", "^q Quit"):
            assert shown in journal_bar, journal_bar
        await pilot.press("n")
        await until(pilot, showing(app, EditorScreen, KeyBar.__name__))
        await until(pilot, lambda: "^s Save" in bar_text(app))
        editor_bar = bar_text(app)
        for gone in ("/ Search", "n New", "e Export", "d Dashboard", "j Journal", "? Help"):
            assert gone not in editor_bar, editor_bar
        for kept in ("^s Save", "esc Leave", "^t Prompt", "^l Links", "^q Quit", "^p palette"):
            assert kept in editor_bar, editor_bar
        await pilot.press("slash")  # and the key left out does type, as the bar implies
        assert app.screen.query_one("#body").text == "/"  # type: ignore[attr-defined]


async def test_leaving_a_text_field_brings_the_keys_back(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    add_reflection(app.journal, "Wait time helped", title="Wait time")
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.press("j")
        await until(pilot, lambda: isinstance(app.screen.focused, ReflectionList))
        await until(pilot, lambda: "/ Search" in bar_text(app))
        await pilot.press("f")  # the filter field: typing there
        await until(pilot, lambda: "/ Search" not in bar_text(app))
        assert "n New reflection" not in bar_text(app)
        app.screen.query_one(ReflectionList).focus()
        await until(pilot, lambda: "/ Search" in bar_text(app) and "n New reflection" in bar_text(app))


async def test_search_shows_the_way_back_not_letters(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.press("slash")
        await until(pilot, showing(app, SearchScreen, KeyBar.__name__))
        await until(pilot, lambda: "palette" in bar_text(app))
        text = bar_text(app)
        assert "esc Clear / back" in text and "e Export" not in text and "/ Search" not in text, text


def test_which_actions_fire_inside_a_text_field() -> None:
    by_id = actions.BY_ID
    assert not by_id["area.search"].fires_in_text_field()  # "/" types a slash
    assert not by_id["journal.new"].fires_in_text_field()
    assert not by_id["stage.delete"].fires_in_text_field()  # delete removes a character
    assert by_id["editor.save"].fires_in_text_field()
    assert by_id["editor.leave"].fires_in_text_field()  # escape is no character
    assert by_id["quit"].fires_in_text_field()
    # A teacher's keymap can move an action to a key that does fire while typing.
    assert by_id["area.search"].fires_in_text_field("ctrl+f")
    assert not by_id["editor.prompt"].fires_in_text_field("x")


async def test_at_80_columns_the_bar_leaves_keys_out_rather_than_cutting_them(
    make_app: Callable[..., IlearnApp],
) -> None:
    """A cut line hid the palette and the last keys without a sign; now each bar fits its line,
    keeps help, quit and the palette, and leaves out the area already shown before anything."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for key, area in (("d", "dashboard"), ("j", "journal"), ("2", "stage2"), ("3", "stage3")):
            await pilot.press(key)
            await until(pilot, lambda: app.current_mode == area)  # noqa: B023 (awaited at once)
            await until(pilot, lambda: "^p palette" in bar_text(app))
            bar = app.screen.query_one(KeyBar)
            text = bar_text(app)
            assert len(text) <= bar.size.width - 2, text
            for kept in ("? Help", "^q Quit", "^p palette"):
                assert kept in text, text
            assert not any(b.action == f"area({area!r})" for b, _ in bar.shown), text
    wide = make_app()
    async with wide.run_test(size=(160, 30)) as pilot:
        await until(pilot, lambda: "^p palette" in bar_text(wide))
        assert "d Dashboard" in bar_text(wide), "with room, nothing is left out"

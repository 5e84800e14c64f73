"""Keys come from one actions table: what a key bar shows is in help and the palette; keymaps."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
from collections.abc import Callable

import pytest
from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.widgets import Markdown

import ilearn_tui.tui
from ilearn_tui.domain.stages import Status
from ilearn_tui.settings import load_settings
from ilearn_tui.store.journal import Journal
from ilearn_tui.tui import actions
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.screens.dashboard import DashboardScreen
from ilearn_tui.tui.screens.editor import EditorScreen
from ilearn_tui.tui.screens.help import HelpScreen
from ilearn_tui.tui.screens.journal import JournalScreen
from ilearn_tui.tui.screens.search import SearchScreen
from ilearn_tui.tui.screens.stage import StageScreen
from ilearn_tui.tui.widgets.key_bar import KeyBar
from tests.tui.waiting import showing, toasts, until

# Every place with a key bar, and the keys that lead there from the dashboard.
ROUTES: dict[str, tuple[type[object], list[str]]] = {
    "dashboard": (DashboardScreen, []),
    "journal": (JournalScreen, ["j"]),
    "search": (SearchScreen, ["slash"]),
    **{f"stage{n}": (StageScreen, [str(n)]) for n in range(1, 6)},
    "editor": (EditorScreen, ["j", "n"]),
}


def _node_classes() -> list[type[DOMNode]]:
    """Every screen, widget and app class the ilearn TUI defines."""
    found: list[type[DOMNode]] = []
    for info in pkgutil.walk_packages(ilearn_tui.tui.__path__, "ilearn_tui.tui."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, DOMNode) and cls.__module__ == info.name:
                found.append(cls)
    return found


async def _help_text(app: IlearnApp, pilot: object) -> str:
    await pilot.press("question_mark")  # type: ignore[attr-defined]
    await until(pilot, showing(app, HelpScreen, "#help-text"))  # type: ignore[arg-type]
    source = app.screen.query_one("#help-text", Markdown).source
    await pilot.press("escape")  # type: ignore[attr-defined]
    return source


def test_every_binding_in_the_app_comes_from_the_table_and_has_its_action() -> None:
    classes = _node_classes()
    assert len(classes) > 15, "the TUI modules were not all found"
    for cls in classes:
        for binding in cls.__dict__.get("BINDINGS", []):
            assert isinstance(binding, Binding), f"{cls.__name__} has a binding written by hand: {binding}"
            assert binding.id in actions.BY_ID, f"{cls.__name__}: {binding.key} has no id in the table"
            assert binding.tooltip, f"{cls.__name__}: {binding.id} has no tooltip"
            name = binding.action.split("(")[0]
            assert callable(getattr(cls, f"action_{name}", None)), f"{cls.__name__} cannot {name}"


def test_ids_are_unique_and_every_area_is_known() -> None:
    assert len(actions.BY_ID) == len(actions.ACTIONS)
    assert {a.area for a in actions.ACTIONS} <= set(actions.AREAS)
    with pytest.raises(ValueError):
        actions.bindings("nowhere")


async def test_every_key_a_key_bar_shows_is_in_help(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await until(pilot, showing(app, DashboardScreen, KeyBar.__name__))
        help_text = await _help_text(app, pilot)
        for name, (screen, keys) in ROUTES.items():
            await app.run_action("area('dashboard')")  # "d" would be typed into the search field
            for key in keys:
                await pilot.press(key)
            await until(pilot, showing(app, screen, KeyBar.__name__))  # type: ignore[arg-type]
            bar = app.screen.query_one(KeyBar)
            await until(pilot, lambda bar=bar: "palette" in str(bar.render()))
            shown = [b for _, b, _, _ in app.screen.active_bindings.values() if b.show]
            assert shown, name
            for binding in shown:
                action = actions.BY_ID.get(binding.id or "")
                assert action is not None, f"{name}: {binding.key} is shown but not in the table"
                if bar._typing() and not action.fires_in_text_field(binding.key):
                    # A key the focused text field types: the bar leaves it out.
                    assert f" {binding.description}" not in str(bar.render()), f"{name}: {binding.key}"
                else:
                    assert app.get_key_display(binding) in str(bar.render()), f"{name}: {binding.key}"
                for key in actions.keys_of(action, {}):
                    assert f"`{key}`" in help_text, f"{name}: {key} ({action.id}) missing from help"
                assert action.help in help_text, f"{name}: {action.id} missing from help"
        for action in actions.ACTIONS:
            if action.keys and action.area != "recovery":
                assert action.help in help_text, action.id
        # Keys the review found missing from the hand-written help.
        for key in ("`ctrl+l`", "`v`", "`i`", "`f`", "`ctrl+p`", "`ctrl+s`", "`escape`", "`?`", "`/`"):
            assert key in help_text


async def test_every_palette_action_is_in_the_palette_and_in_help(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, showing(app, DashboardScreen, KeyBar.__name__))
        titles = [c.title for c in app.get_system_commands(app.screen)]
        palette = actions.palette_actions()
        assert {"stage: Innovate", "export: Portfolio", "area: Journal"} <= {a.palette for a in palette}
        help_text = await _help_text(app, pilot)
        for action in palette:
            assert action.palette in titles
            assert f"| {action.palette} |" in help_text
            assert callable(getattr(app, f"action_{action.action.split('(')[0]}", None)), action.id
        [journal] = [c for c in app.get_system_commands(app.screen) if c.title == "area: Journal"]
        app.call_later(journal.callback)  # as the palette runs its commands, in the app's own task
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))


def _write_settings(journal: Journal, data: dict[str, object]) -> None:
    path = journal.locations.settings_path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")


async def test_a_remapped_key_works_and_the_old_one_no_longer_does(
    make_app: Callable[..., IlearnApp], journal: Journal
) -> None:
    _write_settings(journal, {"keymap": {"area.journal": "o", "editor.links": "ctrl+k"}})
    app = make_app()
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await until(pilot, showing(app, DashboardScreen, KeyBar.__name__))
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen), "the default key still worked"
        bar = app.screen.query_one(KeyBar)
        await until(pilot, lambda: "o Journal" in str(bar.render()))
        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        help_text = await _help_text(app, pilot)
        assert "| `o` | journal: your reflections |" in help_text
        assert "| `ctrl+k` | link goals" in help_text and "`ctrl+l`" not in help_text
        await pilot.press("n")
        await until(pilot, showing(app, EditorScreen, "#editor-status"))
        assert "ctrl+k links" in str(app.screen.query_one("#editor-status").render())
        assert toasts(app) == ""


async def test_bad_keymap_entries_are_reported_once_and_the_rest_applies(
    make_app: Callable[..., IlearnApp], journal: Journal
) -> None:
    _write_settings(
        journal,
        {
            "keymap": {
                "no.such.action": "x",
                "help": " , ",
                "command_palette": "f1",
                "area.search": "s",
                "quit": 3,
            }
        },
    )
    assert "keymap" in " ".join(load_settings(journal.locations).problems)
    app = make_app()
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await until(pilot, lambda: "no.such.action" in toasts(app))
        shown = toasts(app)
        assert "'help' has no key" in shown and "'command_palette'" in shown and "not text" in shown
        assert shown.count("no.such.action") == 1
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.press("escape", "s")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen))


@pytest.mark.parametrize("keymap", ["ctrl+s", ["help"], None, 7])
async def test_a_keymap_that_is_not_a_mapping_is_a_problem_not_a_crash(
    keymap: object, make_app: Callable[..., IlearnApp], journal: Journal
) -> None:
    _write_settings(journal, {"keymap": keymap, "theme": "ilearn-light"})
    settings = load_settings(journal.locations)
    assert settings.keymap == {} and settings.theme == "ilearn-light"
    assert any("keymap" in p for p in settings.problems)
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await until(pilot, lambda: "keymap" in toasts(app))
        await pilot.press("j")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))


async def test_a_key_already_taken_is_refused_but_a_swap_works(
    make_app: Callable[..., IlearnApp], journal: Journal
) -> None:
    _write_settings(
        journal, {"keymap": {"area.journal": "d", "area.dashboard": "j", "stage.vision": "e"}}
    )
    app = make_app()
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await until(pilot, lambda: "'stage.vision': e is already the key of export" in toasts(app))
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await pilot.press("j")
        await until(pilot, lambda: isinstance(app.screen, DashboardScreen))
        await pilot.press("1", "e")
        await until(pilot, lambda: type(app.screen).__name__ == "ExportScreen")


def test_check_keymap_splits_good_from_bad() -> None:
    good, problems = actions.check_keymap({"stage.imagine": " f1 , f2 ", "nope": "x", "export": ""})
    assert good == {"stage.imagine": "f1,f2"}
    assert problems == ["'nope' is not an action that has a key", "'export' has no key"]
    assert actions.keys_of(actions.BY_ID["stage.imagine"], good) == ["f1", "f2"]
    assert actions.keys_of(actions.BY_ID["help"], {}) == ["?"]
    # Taken where both are live: refused. The same key in another dialog: fine.
    good, problems = actions.check_keymap({"journal.filter": "enter", "onboarding.skip": "y"})
    assert good == {"onboarding.skip": "y"}
    assert problems == ["'journal.filter': enter is already the key of list.open"]
    good, problems = actions.check_keymap({"confirm.cancel": "y", "help": "?"})
    assert good == {"help": "?"} and problems == ["'confirm.cancel': y is already the key of confirm.yes"]


def test_the_accessor_refuses_a_foreign_app() -> None:
    from ilearn_tui.tui.screens.help import HelpScreen

    async def run() -> None:
        app: App[None] = App()
        async with app.run_test():
            with pytest.raises(TypeError):
                _ = HelpScreen().ilearn

    import asyncio

    asyncio.run(run())


def test_help_explains_the_top_line() -> None:
    text = actions.help_markdown({})
    assert "no cycle" in text and "▸ marks the stage to work on next" in text
    for status in Status:
        assert f"{status.symbol} {status.value}" in text

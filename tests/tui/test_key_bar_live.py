"""Every screen and dialog has a key bar, and every key it shows does what it says there.

Walks each screen of the app and each dialog, and presses every key its bar offers. The
key goes through the app's real key handling (the typed-keys queue, the focused widget,
Textual's bindings); only the last step, running the action, is recorded instead of done,
so one screen can be tried key by key. A key shown under a dialog that belongs to the
screen behind it, or a key a focused field would type, is caught here.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from textual.dom import DOMNode
from textual.pilot import Pilot
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, OptionList

import ilearn_tui.tui.screens as screens_package
from ilearn_tui.store import plan
from ilearn_tui.store.drafts import save_draft
from ilearn_tui.store.reflections import add_reflection, delete_reflection
from ilearn_tui.tui import actions
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.screens import sync_quit
from ilearn_tui.tui.screens.base import AreaScreen
from ilearn_tui.tui.screens.confirm import ConfirmScreen
from ilearn_tui.tui.screens.conflicts import BothScreen
from ilearn_tui.tui.screens.dashboard import DashboardScreen
from ilearn_tui.tui.screens.dialog import Dialog
from ilearn_tui.tui.screens.editor import EditorScreen
from ilearn_tui.tui.screens.goal_detail import GoalDetailScreen
from ilearn_tui.tui.screens.groups import ReplyScreen
from ilearn_tui.tui.screens.journal import JournalScreen
from ilearn_tui.tui.screens.links import LinksScreen
from ilearn_tui.tui.screens.record_form import RecordFormScreen
from ilearn_tui.tui.screens.search import SearchScreen
from ilearn_tui.tui.screens.stage import StageScreen
from ilearn_tui.tui.screens.startup import DraftsScreen, OnboardingScreen
from ilearn_tui.tui.screens.sync_quit import QuitSyncScreen
from ilearn_tui.tui.screens.text_entry import TextEntryScreen
from ilearn_tui.tui.widgets.key_bar import KeyBar
from tests.tui.test_groups_screen import with_colleagues
from tests.tui.waiting import until


class Recorder:
    """Stands in for ``App.run_action`` while on: notes what a key would run, runs nothing."""

    def __init__(self, app: IlearnApp) -> None:
        self.app = app
        self.calls: list[tuple[str, DOMNode | None]] = []

    async def _record(self, action: object, default_namespace: DOMNode | None = None) -> bool:
        self.calls.append((str(action), default_namespace))
        return True

    @contextmanager
    def on(self) -> Iterator[None]:
        self.calls.clear()
        self.app.run_action = self._record  # type: ignore[method-assign,assignment]
        try:
            yield
        finally:
            del self.app.run_action


def _within(node: DOMNode | None, screen: Screen[Any]) -> bool:
    return node is not None and (node is screen or screen in node.ancestors)


async def every_key_shown_fires(pilot: Pilot[Any], recorder: Recorder, visited: set[type]) -> None:
    """Each key on the top screen's bar runs the action it names, from this screen (or the app)."""
    app = pilot.app
    screen = app.screen
    await until(pilot, lambda: screen.is_mounted)
    await pilot.pause()
    bars = list(screen.query(KeyBar))
    assert len(bars) == 1, f"{type(screen).__name__} has {len(bars)} key bars"
    bar = bars[0]
    await until(pilot, lambda: bar.is_mounted and not bar._draw_pending and bool(bar.shown))
    await pilot.pause()
    name = type(screen).__name__
    text = str(bar.render())
    for binding, enabled in list(bar.shown):
        shown = f"{app.get_key_display(binding)} {binding.description}"
        assert shown in text, f"{name}: {shown!r} is not drawn in {text!r}"
        assert enabled, f"{name}: {shown!r} is shown but disabled"
        with recorder.on():
            await pilot.press(binding.key)
            try:
                await until(pilot, lambda: bool(recorder.calls), seconds=3)
            except AssertionError:
                raise AssertionError(f"{name}: {shown!r} ran nothing (focus: {screen.focused!r})") from None
        action, namespace = recorder.calls[0]
        assert action == binding.action, f"{name}: {shown!r} ran {action!r}"
        if namespace is app:
            assert binding.priority or not screen.is_modal, (
                f"{name}: {shown!r} is the app's, not the dialog's"
            )
        else:
            assert _within(namespace, screen), f"{name}: {shown!r} ran on {namespace!r}, behind the screen"
        assert app.screen is screen
    if screen.is_modal:
        behind = [
            b.id for b, _ in bar.shown if b.id and actions.BY_ID[b.id].area == "global" and not b.priority
        ]
        assert not behind, f"{name} shows the global keys {behind}"
    visited.add(type(screen))


def screen_classes() -> set[type]:
    """Every screen class the app defines (dialogs and areas), found by walking its package."""
    found: set[type] = set()
    for module_info in pkgutil.iter_modules(screens_package.__path__):
        module = importlib.import_module(f"{screens_package.__name__}.{module_info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Screen) and cls.__module__ == module.__name__:
                found.add(cls)
    return found - {AreaScreen, Dialog, TextEntryScreen}  # the bases


def test_every_modal_screen_is_a_dialog_with_its_own_bar() -> None:
    modal = {cls for cls in screen_classes() if issubclass(cls, ModalScreen)}
    assert modal and {cls for cls in modal if not issubclass(cls, Dialog)} == set()


async def _on_top(pilot: Pilot[Any], kind: type[Screen[Any]]) -> None:
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, kind) and app.screen.is_mounted)


# The screens each walk below visits; together, every screen the app defines.
AREA_WALK = {
    "DashboardScreen",
    "StageScreen",
    "JournalScreen",
    "SearchScreen",
    "EditorScreen",
    "LinksScreen",
}
DIALOG_WALK = {
    "HelpScreen",
    "ExportScreen",
    "TrashScreen",
    "CoverageScreen",
    "ConflictsScreen",
    "GroupsScreen",
    "RenewalScreen",
    "ReplyScreen",
    "BothScreen",
    "RecordFormScreen",
    "GoalDetailScreen",
    "ConfirmScreen",
    "QuitSyncScreen",
}
FIRST_RUN_WALK = {"OnboardingScreen", "DraftsScreen"}


def test_the_walks_visit_every_screen_the_app_defines() -> None:
    assert {cls.__name__ for cls in screen_classes()} == AREA_WALK | DIALOG_WALK | FIRST_RUN_WALK


def names(visited: set[type]) -> set[str]:
    return {cls.__name__ for cls in visited}


def with_something_everywhere(app: IlearnApp, tmp_path: Path) -> None:
    """Colleagues' items, a goal with a question, a reflection and a deleted one: each view has rows."""
    with_colleagues(app.journal, tmp_path)
    plan.add_goal(app.journal, "Students explain their reasoning", questions=["Do stems help?"])
    add_reflection(app.journal, "Wait time helped the quiet ones.", title="Wait time")
    delete_reflection(app.journal, add_reflection(app.journal, "Gone", title="Gone"))


async def test_the_areas_and_their_dialogs_offer_only_live_keys(
    make_app: Callable[..., IlearnApp], tmp_path: Path
) -> None:
    visited: set[type] = set()
    app = make_app()
    with_something_everywhere(app, tmp_path)
    recorder = Recorder(app)
    async with app.run_test(size=(120, 40)) as pilot:

        async def check() -> None:
            await every_key_shown_fires(pilot, recorder, visited)

        await _on_top(pilot, DashboardScreen)
        await check()
        for stage in range(1, 6):
            await app.run_action(f"stage({stage})")
            await until(pilot, lambda s=stage: isinstance(app.screen, StageScreen) and app.screen.stage == s)
            await check()
        await pilot.press("tab")  # Inspire's goals: their details key
        await check()
        await app.run_action("area('journal')")
        await _on_top(pilot, JournalScreen)
        await check()
        app.screen.query_one("#filter-tag", Input).focus()
        await check()
        await app.run_action("area('search')")
        await _on_top(pilot, SearchScreen)
        await check()
        await pilot.press(*"wait")
        await until(pilot, lambda: app.screen.query_one("#results", OptionList).option_count > 0)
        await pilot.press("down")
        await check()
        await app.run_action("area('journal')")
        await _on_top(pilot, JournalScreen)
        await app.run_action("screen.new")
        await _on_top(pilot, EditorScreen)
        await check()
        app.screen.query_one("#tags", Input).focus()
        await check()
        await app.run_action("screen.links")
        await _on_top(pilot, LinksScreen)
        await check()
    assert names(visited) == AREA_WALK


async def _each_dialog(pilot: Pilot[Any], recorder: Recorder, visited: set[type]) -> None:
    app = pilot.app
    assert isinstance(app, IlearnApp)
    await _on_top(pilot, DashboardScreen)
    openers: list[tuple[str, Callable[[], object]]] = [
        ("HelpScreen", lambda: app.run_action("help")),
        ("ExportScreen", lambda: app.run_action("export")),
        ("TrashScreen", lambda: app.run_action("trash")),
        ("CoverageScreen", lambda: app.run_action("coverage")),
        ("ConflictsScreen", lambda: app.run_action("conflicts")),
        ("GroupsScreen", lambda: app.run_action("groups")),
        ("RenewalScreen", lambda: app.run_action("renewal")),
        ("ReplyScreen", lambda: app.push_screen(ReplyScreen("Reply to Ana Lopez"))),
        ("BothScreen", lambda: app.push_screen(BothScreen("Both versions", "mine\n\ntheirs"))),
    ]
    for name, opener in openers:
        result = opener()
        if inspect.isawaitable(result):
            await result
        await until(pilot, lambda n=name: type(app.screen).__name__ == n)
        await check_and_close(pilot, recorder, visited)


async def check_and_close(pilot: Pilot[Any], recorder: Recorder, visited: set[type]) -> None:
    app = pilot.app
    screen = app.screen
    await every_key_shown_fires(pilot, recorder, visited)
    screen.dismiss(None)
    await until(pilot, lambda: app.screen is not screen)


async def test_every_dialog_offers_only_its_own_keys(
    make_app: Callable[..., IlearnApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    visited: set[type] = set()
    app = make_app()
    with_something_everywhere(app, tmp_path)
    recorder = Recorder(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await _each_dialog(pilot, recorder, visited)
        await app.run_action("new_record('goal')")
        await _on_top(pilot, RecordFormScreen)
        await check_and_close(pilot, recorder, visited)
        await pilot.press("i")  # Inspire's goal list has focus again: the goal's details
        await _on_top(pilot, GoalDetailScreen)
        await check_and_close(pilot, recorder, visited)
        await app.run_action("area('journal')")
        await _on_top(pilot, JournalScreen)
        await until(pilot, lambda: app.screen.focused is app.screen.query_one("#reflections"))
        await pilot.press("delete")
        await _on_top(pilot, ConfirmScreen)
        await check_and_close(pilot, recorder, visited)
        monkeypatch.setattr(sync_quit, "FAILED_LINE_SECONDS", 60.0)  # no remote: it waits to quit
        app.push_screen(QuitSyncScreen(app.syncer, wait=60))
        await _on_top(pilot, QuitSyncScreen)
        await until(pilot, lambda: "Sync failed" in str(app.screen.query_one("#quit-sync-text").render()))
        await every_key_shown_fires(pilot, recorder, visited)
    assert names(visited) == DIALOG_WALK


async def test_the_first_run_dialogs_offer_only_their_own_keys(
    make_app: Callable[..., IlearnApp],
) -> None:
    visited: set[type] = set()
    app = make_app(onboarded=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _on_top(pilot, OnboardingScreen)
        await every_key_shown_fires(pilot, Recorder(app), visited)
    save_draft(app.journal, "reflection:new", "", "", "Half a thought")
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await _on_top(pilot, DraftsScreen)
        await every_key_shown_fires(pilot, Recorder(again), visited)
    assert names(visited) == FIRST_RUN_WALK

"""The palette finds every everyday action by the name a teacher would type, and no developer tools."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.app import SystemCommand
from textual.command import CommandPalette
from textual.widgets import Input, Select

from ilearn_tui.domain.forms import KINDS
from ilearn_tui.store import plan
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.screens.dashboard import DashboardScreen
from ilearn_tui.tui.screens.export import ExportScreen
from ilearn_tui.tui.screens.record_form import RecordFormScreen
from ilearn_tui.tui.screens.stage import StageScreen
from tests.tui.waiting import until

EVERYDAY = [
    "new: Reflection",
    "new: Goal",
    "new: Research question",
    "new: Learning activity",
    "new: Evidence",
    "new: Progress check",
    "new: Innovation",
    "new: Share",
    "export: Markdown portfolio",
    "export: HTML showcase",
    "export: To a folder (with evidence files)",
    "cycle: Start the next school year",
    "trash: Restore the last deleted item",
    "theme: Change theme",
    "help: Keys",
    "app: Quit",
]


def _command(app: IlearnApp, title: str) -> SystemCommand:
    [command] = [c for c in app.get_system_commands(app.screen) if c.title == title]
    return command


async def test_every_everyday_action_is_offered_and_no_developer_item(
    make_app: Callable[..., IlearnApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, DashboardScreen))
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in EVERYDAY:
            assert title in titles
        for developer in ("Screenshot", "Maximize", "Minimize", "Keys", "Theme", "Quit"):
            assert developer not in titles
        assert len(titles) == len(set(titles))


async def test_typing_a_name_in_the_palette_finds_it(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"progress check")
        palette = app.screen

        def offers() -> str:
            return " ".join(str(o.prompt) for o in palette.query_one("CommandList").options)  # type: ignore[attr-defined]

        await until(pilot, lambda: "new: Progress check" in offers())
        assert "Screenshot" not in offers()


@pytest.mark.parametrize("kind_name", ["goal", "activity", "evidence", "innovation", "share", "outcome"])
async def test_new_record_opens_its_stage_and_form(
    kind_name: str, make_app: Callable[..., IlearnApp]
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, DashboardScreen))
        noun = KINDS[kind_name].noun
        app.call_later(_command(app, f"new: {noun.capitalize()}").callback)
        await until(pilot, lambda: isinstance(app.screen, RecordFormScreen))
        assert app.screen.kind.name == kind_name
        stage = app.screen_stack[-2]
        assert isinstance(stage, StageScreen) and stage.stage == KINDS[kind_name].stage


async def test_new_question_without_a_goal_says_to_add_one_first(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.call_later(_command(app, "new: Research question").callback)
        await until(pilot, lambda: isinstance(app.screen, StageScreen))
        await until(pilot, lambda: "Add a goal first" in " ".join(n.message for n in app._notifications))
        assert not isinstance(app.screen, RecordFormScreen)

    plan.add_goal(app.journal, "A goal")
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        again.call_later(_command(again, "new: Progress check").callback)
        await until(pilot, lambda: isinstance(again.screen, RecordFormScreen))
        assert again.screen.kind.name == "check"


@pytest.mark.parametrize(
    ("title", "fmt"), [("export: Markdown portfolio", "md"), ("export: HTML showcase", "html")]
)
async def test_export_by_name_opens_the_dialog_with_that_format(
    title: str, fmt: str, make_app: Callable[..., IlearnApp]
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.call_later(_command(app, title).callback)
        await until(pilot, lambda: isinstance(app.screen, ExportScreen))
        dialog = app.screen
        path = dialog.query_one("#path", Input)
        await until(pilot, lambda: dialog.query_one("#format", Select).value == fmt)
        await until(pilot, lambda: path.value.endswith(f".{fmt}"))  # the path follows the format


async def test_export_to_a_folder_by_name_fills_a_folder_path(make_app: Callable[..., IlearnApp]) -> None:
    from ilearn_tui.portfolio.formats import is_folder_name

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.call_later(_command(app, "export: To a folder (with evidence files)").callback)
        await until(pilot, lambda: isinstance(app.screen, ExportScreen))
        path = app.screen.query_one("#path", Input)
        await until(pilot, lambda: is_folder_name(path.value))
        assert app.screen.focused is path

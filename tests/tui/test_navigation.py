"""The shell: global keys, the stage bar, help, the palette and onboarding."""

from __future__ import annotations

import os
from collections.abc import Callable

from textual.widgets import Input

from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.screens.dashboard import DashboardScreen
from ilearn_tui.tui.screens.help import HelpScreen
from ilearn_tui.tui.screens.journal import JournalScreen
from ilearn_tui.tui.screens.search import SearchScreen
from ilearn_tui.tui.screens.stage import StageScreen
from ilearn_tui.tui.screens.startup import OnboardingScreen
from ilearn_tui.tui.widgets.key_bar import KeyBar
from ilearn_tui.tui.widgets.stage_bar import StageBar, StageTab
from tests.tui.waiting import showing, until


async def test_global_keys_reach_every_area(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        for key in "12345":
            await pilot.press(key)
            assert isinstance(app.screen, StageScreen) and app.screen.stage == int(key)
            assert app.screen.query_one(StageBar)
        await pilot.press("j")
        assert isinstance(app.screen, JournalScreen)
        await pilot.press("d")
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)


async def test_keys_type_into_fields_instead_of_switching(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await pilot.press("d", "1", "j")
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#query", Input).value == "d1j"


async def test_help_opens_with_question_mark_and_closes(make_app: Callable[..., IlearnApp]) -> None:
    """What help lists is checked against every screen's keys in test_keys.py."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await until(pilot, showing(app, HelpScreen, "#help-text"))
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("question_mark")
        await until(pilot, showing(app, HelpScreen, "#help-text"))
        await pilot.press("question_mark")
        assert isinstance(app.screen, DashboardScreen)


async def test_clicking_a_stage_opens_it(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.click("#stage-tab-4")
        await pilot.pause()
        assert isinstance(app.screen, StageScreen) and app.screen.stage == 4


async def test_stage_status_shows_in_words_and_shapes(make_app: Callable[..., IlearnApp]) -> None:
    from ilearn_tui.store import plan

    app = make_app()
    plan.add_goal(app.journal, "Goal", questions=["Q?"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tab = app.screen.query_one("#stage-tab-2", StageTab)
        assert "●" in str(tab.render()) and "complete" in str(tab.tooltip)
        assert "▸1" in str(app.screen.query_one("#stage-tab-1", StageTab).render())


async def test_palette_offers_area_commands(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("area: Journal", "stage: Innovate", "export: Portfolio", "new: Reflection"):
            assert title in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"stage: Infiltrate")
        await until(pilot, lambda: _palette_offers(app, "stage: Infiltrate"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StageScreen) and app.screen.stage == 5


async def test_onboarding_records_the_teacher_and_leads_to_imagine(
    make_app: Callable[..., IlearnApp],
) -> None:
    app = make_app(onboarded=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, showing(app, OnboardingScreen, "#name"))
        await pilot.press(*"Sam Rivera", "enter", *"Grade 7 science", "enter", "enter")
        await pilot.pause()
        assert app.journal.get_meta("teacher_name") == "Sam Rivera"
        assert app.journal.get_meta("teacher_role") == "Grade 7 science"
        assert isinstance(app.screen, StageScreen) and app.screen.stage == 1
        assert app.journal.current_cycle() is not None


async def test_a_first_start_opens_on_the_welcome_alone_with_the_stages_and_keys(
    make_app: Callable[..., IlearnApp],
) -> None:
    app = make_app(onboarded=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, showing(app, OnboardingScreen, "#name"))
        # Nothing is drawn under it (the dashboard is built once it closes), and the stage bar
        # and the key bar are its own.
        welcome = app.screen
        assert app.screen_stack == [welcome]
        assert welcome.query_one(StageBar) and "Skip" in str(welcome.query_one(KeyBar).render())
        assert "Imagine" in str(welcome.query_one("#stage-tab-1", StageTab).render())
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, DashboardScreen))
        assert app.screen_stack == [app.screen]
        await until(pilot, lambda: not welcome.is_attached)  # gone: nothing comes back to it
        await pilot.press("2", "d")
        assert isinstance(app.screen, DashboardScreen)


async def test_onboarding_can_be_skipped_and_stays_skipped(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app(onboarded=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, showing(app, OnboardingScreen, "#name"))
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)
    again = IlearnApp(app.journal)
    async with again.run_test(size=(80, 24)) as pilot:
        # Drawn, and one more frame for the first-run checks that follow the first refresh.
        await until(pilot, lambda: bool(str(again.screen.query_one("#dashboard-body").render()).strip()))
        await pilot.pause()
        assert isinstance(again.screen, DashboardScreen)


async def test_start_the_next_cycle_and_look_back(make_app: Callable[..., IlearnApp]) -> None:
    from ilearn_tui.store import plan

    app = make_app()
    plan.add_goal(app.journal, "Carry me", questions=["Still asking?"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first = app.overview().cycle_id
        await app.run_action("next_cycle")
        await pilot.pause()
        second = app.overview().cycle_id
        assert second != first
        label = str(app.screen.query_one("#cycle-label").render())
        assert label == app.overview().cycle_label
        titles = [c.title for c in app.get_system_commands(app.screen)]
        old = next(
            t for t in titles if t.startswith("cycle: View") and t.endswith(app.journal.cycles()[0].title)
        )
        [command] = [c for c in app.get_system_commands(app.screen) if c.title == old]
        command.callback()
        await pilot.pause()
        assert app.overview().cycle_id == first


async def test_the_key_bar_lists_keys_and_clicks_press_them(make_app: Callable[..., IlearnApp]) -> None:
    from ilearn_tui.tui.widgets.key_bar import KeyBar

    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        text = str(bar.render())
        for shown in (
            "n New reflection",
            "? Help",
            "d Dashboard",
            "j Journal",
            "/ Search",
            "e Export",
            "^p palette",
        ):
            assert shown in text
        await pilot.click(KeyBar, offset=(1 + text.index("j Journal"), 0))
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)


def _palette_offers(app: IlearnApp, title: str) -> bool:
    """The palette is open and has the command ``title`` highlighted, ready for enter."""
    from textual.command import CommandList

    lists = app.screen.query(CommandList)
    if not lists or lists.first().highlighted is None:
        return False
    option = lists.first().get_option_at_index(lists.first().highlighted or 0)
    return title in str(option.prompt)


def _dashboard_lines(app: IlearnApp) -> list[str]:
    from rich.console import Console
    from textual.widgets import Static

    console = Console(width=500, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
    console.print(app.screen.query_one("#dashboard-body", Static).content)
    return console.export_text().splitlines()


async def test_dashboard_lines_fit_the_terminal_and_follow_a_resize(
    make_app: Callable[..., IlearnApp],
) -> None:
    """Rows are laid out for the width: at 80 columns a long goal title is cut, not wrapped."""
    from ilearn_tui.store import plan
    from ilearn_tui.store.growth import add_check

    app = make_app()
    goal = plan.add_goal(app.journal, "Students design and run their own investigations, start to finish")
    add_check(app.journal, goal, "student engagement", rating=3)
    app.settings.renewal = {"preset": "MA", "start": "2024-07-01"}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        narrow = _dashboard_lines(app)
        laid_out = [line for line in narrow if not line.startswith("Next step")]  # prose wraps itself
        assert max(len(line) for line in laid_out) <= 76, "\n".join(narrow)
        assert any("Students design" in line and "3/5" in line for line in narrow)
        await pilot.resize_terminal(140, 40)
        await pilot.pause()
        wide = _dashboard_lines(app)
        assert any("Students design and run their own…" in line for line in wide)

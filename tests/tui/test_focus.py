"""Every screen and dialog owns its focus from its first frame, and keys typed at speed land right.

A teacher types the next key about 0.2 s after the one that switched screens. If a screen
focused its main widget only once its data had loaded, Textual would first give focus to the
first focusable widget (a filter field), and that key would be typed into it. So each screen
names its focus in ``AUTO_FOCUS``, which Textual applies as the screen is composed, and these
tests check that what it names is what holds focus, and that keys pressed with no pause between
them do what the key bar says.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input

from ilearn_tui.domain.forms import KINDS
from ilearn_tui.store import plan
from ilearn_tui.store.drafts import save_draft
from ilearn_tui.store.reflections import add_reflection
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.screens.confirm import ConfirmScreen
from ilearn_tui.tui.screens.dashboard import DashboardScreen
from ilearn_tui.tui.screens.editor import EditorScreen
from ilearn_tui.tui.screens.export import ExportScreen
from ilearn_tui.tui.screens.goal_detail import GoalDetailScreen
from ilearn_tui.tui.screens.help import HelpScreen
from ilearn_tui.tui.screens.journal import JournalScreen
from ilearn_tui.tui.screens.links import LinksScreen
from ilearn_tui.tui.screens.record_form import RecordFormScreen
from ilearn_tui.tui.screens.renewal_form import RenewalScreen
from ilearn_tui.tui.screens.search import SearchScreen
from ilearn_tui.tui.screens.stage import StageScreen
from ilearn_tui.tui.screens.startup import DraftsScreen, OnboardingScreen
from tests.tui.waiting import until


def owns_focus(screen: Screen[object]) -> bool:
    """The screen's focus is the first focusable widget its ``AUTO_FOCUS`` names."""
    selector = type(screen).AUTO_FOCUS
    if not selector:
        return False
    named = next((w for w in screen.query(selector) if w.focusable), None)
    return named is not None and screen.focused is named


async def on_top(pilot: Pilot[object], kind: type[Screen[object]]) -> Screen[object]:
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, kind) and app.screen.is_mounted)
    await until(pilot, lambda: app.screen.focused is not None)
    return app.screen


# Keys from the dashboard, and the screen they open.
OPENED_BY: list[tuple[list[str], type[Screen[object]]]] = [
    (["j"], JournalScreen),
    (["slash"], SearchScreen),
    (["1"], StageScreen),
    (["2"], StageScreen),
    (["3"], StageScreen),
    (["4"], StageScreen),
    (["5"], StageScreen),
    (["e"], ExportScreen),
    (["question_mark"], HelpScreen),
    (["j", "n"], EditorScreen),
    (["3", "n"], RecordFormScreen),
    (["j", "delete"], ConfirmScreen),
    (["2", "tab", "i"], GoalDetailScreen),
    (["j", "n", "ctrl+l"], LinksScreen),
]


def _ids(value: object) -> str:
    return "-".join(value) if isinstance(value, list) else ""


@pytest.mark.parametrize(("keys", "kind"), OPENED_BY, ids=_ids)
async def test_every_screen_and_dialog_focuses_what_it_names(
    keys: list[str], kind: type[Screen[object]], make_app: Callable[..., IlearnApp]
) -> None:
    app = make_app()
    plan.add_goal(app.journal, "Students explain their reasoning", questions=["Do stems help?"])
    add_reflection(app.journal, "Wait time helped.", title="Week one")
    async with app.run_test(size=(80, 24)) as pilot:
        await on_top(pilot, DashboardScreen)
        assert owns_focus(app.screen)
        for key in keys:
            await pilot.press(key)
        screen = await on_top(pilot, kind)
        assert owns_focus(screen), f"{kind.__name__} focused {screen.focused!r}"


async def test_renewal_onboarding_and_drafts_dialogs_focus_their_first_field(
    make_app: Callable[..., IlearnApp],
) -> None:
    app = make_app(onboarded=False)
    async with app.run_test(size=(80, 24)) as pilot:
        assert owns_focus(await on_top(pilot, OnboardingScreen))
        await pilot.press("escape")
        await on_top(pilot, DashboardScreen)
        app.action_renewal()
        assert owns_focus(await on_top(pilot, RenewalScreen))

    save_draft(app.journal, "reflection:new", "", "", "Half a thought")
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        assert owns_focus(await on_top(pilot, DraftsScreen))


# At typing speed: the key that switches screens, then at once the key the new key bar offers.
RACES: list[tuple[list[str], Callable[[IlearnApp], bool]]] = [
    (["j", "n"], lambda app: isinstance(app.screen, EditorScreen)),
    (["d", "n"], lambda app: isinstance(app.screen, EditorScreen)),
    *[
        (
            [str(stage), "n"],
            lambda app, stage=stage: isinstance(app.screen, RecordFormScreen)
            and app.screen.kind.stage == stage,
        )
        for stage in (1, 2, 3, 4, 5)
    ],
    (["slash", *"hinge"], lambda app: app.screen.query_one("#query", Input).value == "hinge"),
    (["e", *"out.md"], lambda app: app.screen.query_one("#path", Input).value.endswith("out.md")),
]


@pytest.mark.parametrize(("keys", "arrived"), RACES, ids=_ids)
async def test_keys_typed_right_after_a_switch_do_what_the_key_bar_says(
    keys: list[str], arrived: Callable[[IlearnApp], bool], make_app: Callable[..., IlearnApp]
) -> None:
    app = make_app()
    plan.add_goal(app.journal, "A goal")
    async with app.run_test(size=(80, 24)) as pilot:
        await on_top(pilot, DashboardScreen)
        await pilot.press(*keys)  # no pause between keys
        await until(pilot, lambda: arrived(app))
        if keys[0] == "j":
            journal = next(s for s in app.screen_stack if isinstance(s, JournalScreen))
            assert journal.query_one("#filter-tag", Input).value == ""


async def test_every_area_switch_at_typing_speed_keeps_keys_out_of_fields(
    make_app: Callable[..., IlearnApp],
) -> None:
    """Round the areas and back again, each switch followed at once by the next switch key."""
    app = make_app()
    add_reflection(app.journal, "Wait time helped.", title="Week one")
    async with app.run_test(size=(80, 24)) as pilot:
        await on_top(pilot, DashboardScreen)
        await pilot.press("j", "1", "2", "3", "4", "5", "j", "d", "j")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen) and owns_focus(app.screen))
        assert app.screen.query_one("#filter-tag", Input).value == ""
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, EditorScreen))
        assert owns_focus(app.screen)


async def test_a_form_opened_from_a_stage_returns_focus_to_its_list(
    make_app: Callable[..., IlearnApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        stage = await on_top(pilot, StageScreen)
        await pilot.press("n")
        await on_top(pilot, RecordFormScreen)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is stage)
        assert stage.focused is stage.query_one(f"#table-{KINDS['activity'].name}")

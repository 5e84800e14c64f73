"""Stored text that looks like Rich/Textual markup is shown as text on every screen.

Every text field of the journal holds a title that markup would break, hide or turn into a
terminal hyperlink; each screen and dialog is opened and what it draws is read back.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable

from ilearn_tui.locations import resolve
from ilearn_tui.store import plan
from ilearn_tui.store.drafts import save_draft
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.plan import insert_row
from ilearn_tui.store.reflections import add_reflection
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.recovery import RecoveryApp
from ilearn_tui.tui.screens.confirm import ConfirmScreen
from ilearn_tui.tui.screens.editor import EditorScreen
from ilearn_tui.tui.screens.goal_detail import GoalDetailScreen
from ilearn_tui.tui.screens.links import LinksScreen
from ilearn_tui.tui.screens.record_form import RecordFormScreen
from ilearn_tui.tui.screens.stage import StageScreen
from ilearn_tui.tui.screens.startup import DraftsScreen
from tests.tui.waiting import showing, toasts, until

CLOSING = "Reading plan [/b] for Y7"
CLOSING_U = "Ev [/u]"
LINK = "[link=https://evil.example/x]Free PD hours[/link]"
HIDDEN = "Socratic [seminar] circles"
STYLE = "[bold red]x"
LONE = "Lone [ bracket"
HOSTILE = (CLOSING, CLOSING_U, LINK, HIDDEN, STYLE, LONE)
SIZE = (220, 60)


def screen_output(app: App[object]) -> tuple[str, str]:
    """What the screen shows as plain text, and the raw terminal output that draws it."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
    )
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    raw = update.render_segments(console)
    console.print(update)
    return console.export_text(styles=False), raw


def assert_literal(app: App[object], *expected: str) -> None:
    text, raw = screen_output(app)
    flat = " ".join(text.split())
    for wanted in expected:
        assert " ".join(wanted.split()) in flat, f"{wanted!r} is not on screen:\n{text}"
    assert "\x1b]8;" not in raw, "a terminal hyperlink was drawn"


def fill(journal: Journal) -> dict[str, str]:
    """One record of every kind per hostile title; returns a few ids the walk opens."""
    journal.set_meta("onboarded", "yes")
    journal.set_meta("teacher_name", STYLE)
    cycle = journal.add_cycle(f"2025–26 {LONE}", "2025-08-01", "2026-07-31")
    goals = [plan.add_goal(journal, title, questions=[f"Q {title}"], cycle_id=cycle) for title in HOSTILE]
    with journal.write() as conn:
        insert_row(conn, "visions", {"cycle_id": cycle, "body": f"Vision {STYLE} and {HIDDEN}"})
        for title in HOSTILE:
            insert_row(conn, "outcomes", {"cycle_id": cycle, "text": title, "kind": "knowledge"})
            insert_row(conn, "interests", {"cycle_id": cycle, "kind": "learn", "text": title})
            insert_row(conn, "innovations", {"cycle_id": cycle, "title": title, "phase": "act"})
            insert_row(
                conn,
                "evidence",
                {
                    "cycle_id": cycle,
                    "title": title,
                    "kind": "photo",
                    "date": "2025-10-03",
                    "url": "https://example.org/e",
                    "goal_id": goals[0],
                },
            )
            insert_row(
                conn,
                "checks",
                {
                    "goal_id": goals[0],
                    "indicator": "student engagement",
                    "rating": 3,
                    "date": "2025-10-15",
                    "note": title,
                },
            )
            insert_row(
                conn,
                "shares",
                {
                    "cycle_id": cycle,
                    "audience": "local",
                    "title": title,
                    "venue": title,
                    "date": "2026-01-22",
                },
            )
    for n, title in enumerate(HOSTILE):
        plan.add_activity(journal, "workshop", title, day=f"2025-10-{10 + n}", hours=1.0, goal_ids=[goals[0]])
    reflection = ""
    for n, title in enumerate(HOSTILE):
        reflection = add_reflection(
            journal, f"Body {title} ends", title=title, tags=["talk"], day=f"2025-11-{10 + n}"
        )
    return {"goal": goals[0], "reflection": reflection, "cycle": cycle}


async def open_stage(app: IlearnApp, pilot: Pilot[object], stage: int) -> None:
    await pilot.press(str(stage))
    await until(pilot, lambda: isinstance(app.screen, StageScreen) and app.screen.number == stage)
    await pilot.pause()


async def test_every_area_shows_hostile_titles_as_text(
    journal: Journal, make_app: Callable[..., IlearnApp]
) -> None:
    fill(journal)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert_literal(app, LONE)  # the cycle label in the stage bar
        await open_stage(app, pilot, 1)
        assert_literal(app, *HOSTILE, f"Vision {STYLE} and {HIDDEN}")
        await open_stage(app, pilot, 2)
        assert_literal(app, *HOSTILE, f"Q {HIDDEN}")
        await open_stage(app, pilot, 3)
        assert_literal(app, *HOSTILE)
        await open_stage(app, pilot, 4)
        assert_literal(app, *HOSTILE)
        await open_stage(app, pilot, 5)
        assert_literal(app, *HOSTILE)
        await pilot.press("d")
        await pilot.pause()
        assert_literal(app, STYLE)  # the teacher's name
        await pilot.press("j")
        await pilot.pause()
        assert_literal(app, *HOSTILE)
        await pilot.press("slash")
        await pilot.press(*"Socratic")
        await until(pilot, lambda: HIDDEN in " ".join(screen_output(app)[0].split()))
        assert_literal(app, HIDDEN)


async def test_dialogs_forms_and_notifications_show_hostile_titles_as_text(
    journal: Journal, make_app: Callable[..., IlearnApp]
) -> None:
    ids = fill(journal)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_stage(app, pilot, 2)
        table = app.screen.query_one("#table-goal", DataTable)
        table.focus()
        await pilot.press("delete")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert_literal(app, CLOSING)
        await pilot.press("escape")
        await pilot.press("enter")
        await until(pilot, showing(app, RecordFormScreen, "#field-title"))
        assert_literal(app, CLOSING)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, StageScreen))
        await pilot.press("i")
        await until(pilot, lambda: isinstance(app.screen, GoalDetailScreen))
        assert_literal(app, CLOSING, f"Q {CLOSING}", LINK, CLOSING_U)
        await pilot.press("escape")
        await open_stage(app, pilot, 4)
        app.screen.query_one("#table-evidence", DataTable).focus()
        await pilot.press("delete")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert_literal(app, CLOSING)
        await pilot.press("y")
        await pilot.pause()
        app.action_restore_last()
        await until(pilot, lambda: CLOSING in toasts(app))

        app.push_screen(EditorScreen(ids["reflection"]))
        await until(pilot, showing(app, EditorScreen, "#body"))
        await pilot.pause()
        assert_literal(app, LONE, f"Body {LONE} ends")
        await pilot.press("ctrl+l")
        await until(pilot, lambda: isinstance(app.screen, LinksScreen))
        assert_literal(app, *HOSTILE)
        await pilot.press("escape")
        await pilot.press("escape")
        await pilot.press("j")
        await pilot.pause()
        await pilot.press("delete")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert_literal(app, LONE)
        await pilot.press("escape")
        await pilot.press("e")
        await pilot.pause()
        assert_literal(app, "Export your portfolio")
        await pilot.press("escape")
        app.action_renewal()
        await pilot.pause()
        assert_literal(app, "Licence renewal requirement")
        await pilot.press("escape")
        await pilot.press("question_mark")
        await pilot.pause()
        assert_literal(app, "help")
        await pilot.press("escape")
        app.notify(f"Note about {LINK}")
        await until(pilot, lambda: LINK in toasts(app))
        assert "\x1b]8;" not in screen_output(app)[1]


async def test_the_drafts_dialog_shows_a_hostile_title_as_text(
    journal: Journal, make_app: Callable[..., IlearnApp]
) -> None:
    save_draft(journal, "reflection:new", "", LINK, f"Draft {CLOSING}")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, DraftsScreen))
        await pilot.pause()
        assert_literal(app, LINK)


async def test_the_welcome_dialog_opens_with_a_hostile_school_name(journal: Journal) -> None:
    journal.set_meta("school", HIDDEN)
    app = IlearnApp(journal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert_literal(app, "Welcome to ilearn")


async def test_the_recovery_dialog_shows_a_folder_path_with_brackets(tmp_path: Path) -> None:
    where = resolve(tmp_path / "data [/old]" / "ilearn")
    problem = f"Cannot open data [/old]/{where.db_path.name}\n{LINK}"
    app = RecoveryApp(where, problem)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert_literal(app, "data [/old]", LINK)
        await pilot.press("escape")

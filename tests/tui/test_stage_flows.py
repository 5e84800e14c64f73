"""Create, edit, delete and link records on the stage screens, by keyboard."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
from textual.widgets import DataTable, Input, Select, SelectionList, Static

from ilearn_tui.domain.forms import KINDS
from ilearn_tui.store import plan
from ilearn_tui.store.records import get_record, list_records
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.screens.confirm import ConfirmScreen
from ilearn_tui.tui.screens.record_form import RecordFormScreen
from ilearn_tui.tui.screens.stage import StageScreen
from tests.tui.test_hostile_text import screen_output
from tests.tui.waiting import until


def rows(app: IlearnApp, kind: str) -> list[dict[str, object]]:
    return list_records(app.journal, KINDS[kind], app.overview().cycle_id)


async def test_create_edit_and_delete_a_goal(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("2")
        app.screen.query_one("#table-goal", DataTable).focus()
        await pilot.press("n")
        assert isinstance(app.screen, RecordFormScreen)
        await pilot.press(*"More student talk")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, StageScreen)
        goals = rows(app, "goal")
        assert [g["title"] for g in goals] == ["More student talk"]
        table = app.screen.query_one("#table-goal", DataTable)
        assert table.row_count == 1

        table.focus()
        await pilot.press("enter")
        assert isinstance(app.screen, RecordFormScreen)
        title = app.screen.query_one("#field-title", Input)
        title.value = "More purposeful student talk"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert rows(app, "goal")[0]["title"] == "More purposeful student talk"

        app.screen.query_one("#table-goal", DataTable).focus()
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert rows(app, "goal") == []


async def test_cancelling_a_delete_keeps_the_record(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    plan.add_goal(app.journal, "Keep me")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("2")
        app.screen.query_one("#table-goal", DataTable).focus()
        await pilot.press("delete", "escape")
        await pilot.pause()
        assert len(rows(app, "goal")) == 1


async def test_bad_input_is_shown_inline_and_nothing_is_saved(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("3")
        await pilot.press("n")
        form = app.screen
        assert isinstance(form, RecordFormScreen)
        form.query_one("#field-title", Input).value = "Rounds"
        form.query_one("#field-hours", Input).value = "-2"
        form.query_one("#field-date", Input).value = "2025-02-30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "0 or more" in str(form.query_one("#error-hours", Static).render())
        assert "YYYY-MM-DD" in str(form.query_one("#error-date", Static).render())
        assert rows(app, "activity") == []
        form.query_one("#field-hours", Input).value = "1.5"
        form.query_one("#field-date", Input).value = "2025-02-28"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [a["hours"] for a in rows(app, "activity")] == [1.5]


async def test_leaving_a_changed_form_asks_first(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("5", "n")
        await pilot.pause()
        app.screen.query_one("#field-title", Input).value = "Showcase night"
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # keep editing
        assert isinstance(app.screen, RecordFormScreen)
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, StageScreen) and rows(app, "share") == []


async def test_linking_an_activity_to_a_goal(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    goal = plan.add_goal(app.journal, "Questioning")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("3", "n")
        form = app.screen
        assert isinstance(form, RecordFormScreen)
        form.query_one("#field-title", Input).value = "Peer coaching cycle"
        form.query_one("#field-goals", SelectionList).select(goal)
        await pilot.press("ctrl+s")
        await pilot.pause()
        activity = rows(app, "activity")[0]
        record = get_record(app.journal, KINDS["activity"], str(activity["id"]))
        assert record is not None and record["goals"] == [goal]


async def test_a_question_belongs_to_a_goal(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("2")
        app.screen.query_one("#table-question", DataTable).focus()
        await pilot.press("n")
        assert isinstance(app.screen, StageScreen), "no goal yet: the form must not open"
    goal = plan.add_goal(app.journal, "Feedback")
    app = IlearnApp(app.journal)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("2")
        app.screen.query_one("#table-question", DataTable).focus()
        await pilot.press("n")
        form = app.screen
        assert isinstance(form, RecordFormScreen)
        form.query_one("#field-text", Input).value = "Does written feedback get read?"
        await until(pilot, lambda: bool(form.query("#error-goal_id")))
        goal_box = form.query_one("#field-goal_id", Select)
        assert goal_box.value == goal  # the only goal is chosen already…
        goal_box.value = Select.NULL  # …and a question with none is still refused
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "required" in str(form.query_one("#error-goal_id", Static).render())
        form.query_one("#field-goal_id", Select).value = goal
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [q["goal_id"] for q in rows(app, "question")] == [goal]


async def test_vision_is_written_on_imagine(make_app: Callable[..., IlearnApp]) -> None:
    from textual.widgets import TextArea

    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("1", "v")
        form = app.screen
        assert isinstance(form, RecordFormScreen)
        form.query_one("#field-body", TextArea).text = "Curious students who ask **why**."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.overview().statuses[1].value == "complete"


async def test_progress_check_needs_a_rating_or_a_value(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    goal = plan.add_goal(app.journal, "Engagement")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("4")
        app.screen.query_one("#table-check", DataTable).focus()
        await pilot.press("n")
        form = app.screen
        assert isinstance(form, RecordFormScreen)
        form.query_one("#field-goal_id", Select).value = goal
        form.query_one("#field-rating", Input).value = "9"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "1 to 5" in str(form.query_one("#error-rating", Static).render())
        form.query_one("#field-rating", Input).value = "4"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [c["rating"] for c in rows(app, "check")] == [4]


async def test_a_deleted_goal_can_be_restored_from_the_palette(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    plan.add_goal(app.journal, "Bring it back", questions=["Will it return?"])
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("2")
        app.screen.query_one("#table-goal", DataTable).focus()
        await pilot.press("delete", "y")
        await pilot.pause()
        assert rows(app, "goal") == [] and rows(app, "question") == []
        await app.run_action("restore_last")
        await pilot.pause()
        assert [g["title"] for g in rows(app, "goal")] == ["Bring it back"]
        assert app.screen.query_one("#table-question", DataTable).row_count == 1


async def test_goal_details_show_ratings_over_time(make_app: Callable[..., IlearnApp]) -> None:
    from ilearn_tui.store.growth import add_check
    from ilearn_tui.tui.screens.goal_detail import GoalDetailScreen

    app = make_app()
    goal = plan.add_goal(app.journal, "Discussion", questions=["Do stems help?"])
    for day, rating in (("2026-09-01", 2), ("2026-10-01", 3), ("2026-11-01", 5)):
        add_check(app.journal, goal, "student engagement", rating=rating, day=day)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("2")
        app.screen.query_one("#table-goal", DataTable).focus()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, GoalDetailScreen)
        shown, _ = screen_output(app)
        assert "▂▄█" in shown and "latest 5/5" in shown and "Do stems help?" in shown


async def test_goal_details_wrap_long_lines_under_their_own_column(
    make_app: Callable[..., IlearnApp],
) -> None:
    from ilearn_tui.store.growth import add_check
    from ilearn_tui.tui.screens.goal_detail import GoalDetailScreen

    app = make_app()
    question = "Does a planning scaffold with peer review improve student-designed experiments in grade 7?"
    goal = plan.add_goal(app.journal, "Investigations", questions=[question])
    note = "Plans were vague and nobody tested a variable on purpose; next time a checklist first."
    add_check(app.journal, goal, "student engagement", rating=2, day="2026-09-01", note=note)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        app.screen.query_one("#table-goal", DataTable).focus()
        await pilot.press("i")
        await until(pilot, lambda: isinstance(app.screen, GoalDetailScreen))
        await pilot.pause()
        lines = screen_output(app)[0].splitlines()
        for text in (question, note):
            at = next(n for n, line in enumerate(lines) if text[:16] in line)
            start = lines[at].index(text[:16])
            on_first = lines[at][start:].split("│")[0].split()
            wrapped = lines[at + 1]
            inside = lines[at].index("│") + 1  # the dialog's left edge: the screen behind shows left of it
            # The next line goes on with the next word, right under the first word, not under the date.
            assert wrapped[inside:start].strip() == "", lines[at : at + 2]
            assert wrapped[start:].startswith(text.split()[len(on_first)]), lines[at : at + 2]


async def test_renewal_requirement_from_the_palette(make_app: Callable[..., IlearnApp]) -> None:
    from ilearn_tui.settings import load_settings
    from ilearn_tui.tui.screens.renewal_form import RenewalScreen

    app = make_app()
    plan.add_activity(app.journal, "workshop", "SEI course", hours=16, topic="sei", day="2025-03-01")
    async with app.run_test(size=(100, 40)) as pilot:
        await app.run_action("renewal")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RenewalScreen)
        form.query_one("#start", Input).value = "01/07/2024"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RenewalScreen), "a bad date keeps the form open"
        form.query_one("#start", Input).value = "2024-07-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert load_settings(app.locations).renewal == {"preset": "MA", "start": "2024-07-01"}
        from rich.console import Console

        console = Console(width=120, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
        console.print(app.screen.query_one("#dashboard-body", Static).content)
        renewal = console.export_text()
        assert "16 PDPs logged" in renewal and "still needed of 150" in renewal and "SEI" in renewal


CREATE = {
    # stage, kind, the fields to fill (widget id -> value)
    "outcome": (1, {"#field-text": "Ask testable questions"}),
    "interest": (2, {"#field-text": "Project-based learning"}),
    "activity": (3, {"#field-title": "Learning walk", "#field-hours": "1"}),
    "innovation": (4, {"#field-title": "Lab notebooks study"}),
    "evidence": (4, {"#field-title": "Slides", "#field-url": "https://example.org/slides"}),
    "share": (5, {"#field-title": "Parents' showcase", "#field-venue": "Library"}),
}


@pytest.mark.parametrize("kind", list(CREATE))
async def test_create_edit_delete_every_kind(make_app: Callable[..., IlearnApp], kind: str) -> None:
    stage, fields = CREATE[kind]
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press(str(stage))
        app.screen.query_one(f"#table-{kind}", DataTable).focus()
        await pilot.press("n")
        form = app.screen
        assert isinstance(form, RecordFormScreen)
        for selector, value in fields.items():
            form.query_one(selector, Input).value = value
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, StageScreen), f"{kind} not saved"
        [row] = rows(app, kind)
        table = app.screen.query_one(f"#table-{kind}", DataTable)
        table.focus()
        await pilot.press("enter")
        edit = app.screen
        assert isinstance(edit, RecordFormScreen)
        first_selector = next(iter(fields))
        edit.query_one(first_selector, Input).value = "Changed"
        await pilot.press("ctrl+s")
        await pilot.pause()
        [changed] = rows(app, kind)
        assert changed["id"] == row["id"] and "Changed" in changed.values()
        app.screen.query_one(f"#table-{kind}", DataTable).focus()
        await pilot.press("delete", "y")
        await pilot.pause()
        assert rows(app, kind) == []

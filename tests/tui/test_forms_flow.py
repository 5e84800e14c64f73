"""The reflection editor follows the teacher: the stage it came from, one prompt, the cursor on it."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import DataTable, Input, Select, Static, TextArea

from ilearn_tui.domain.forms import KINDS
from ilearn_tui.domain.prompts import PROMPTS
from ilearn_tui.store import plan
from ilearn_tui.store.records import list_records
from ilearn_tui.store.reflections import add_reflection
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.screens.editor import EditorScreen
from ilearn_tui.tui.screens.record_form import RecordFormScreen
from ilearn_tui.tui.screens.stage import StageScreen
from tests.tui.waiting import form_on_stage, showing, until


async def _editor(pilot, app: IlearnApp, *keys: str) -> EditorScreen:  # type: ignore[no-untyped-def]
    await pilot.press(*keys)
    await until(pilot, lambda: isinstance(app.screen, EditorScreen) and app.screen.focused is not None)
    assert isinstance(app.screen, EditorScreen)
    return app.screen


async def test_ctrl_t_inserts_the_prompt_once_with_the_cursor_on_the_first_answer_line(
    make_app: Callable[..., IlearnApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await _editor(pilot, app, "j", "n")
        body = editor.query_one("#body", TextArea)
        await pilot.press("ctrl+t")
        await until(pilot, lambda: body.text == PROMPTS[None])
        assert body.cursor_location == (1, 0)
        await pilot.press("ctrl+t")
        await pilot.press(*"Wait time")
        await until(pilot, lambda: "Wait time" in body.text)
        assert body.text.count("## What happened?") == 1
        assert body.text.splitlines()[1] == "Wait time"


async def test_choosing_a_stage_after_the_generic_prompt_replaces_it_if_untouched(
    make_app: Callable[..., IlearnApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await _editor(pilot, app, "j", "n")
        body = editor.query_one("#body", TextArea)
        await pilot.press("ctrl+t")
        await until(pilot, lambda: body.text == PROMPTS[None])
        editor.query_one("#stage", Select).value = 2
        await pilot.press("ctrl+t")
        await until(pilot, lambda: body.text == PROMPTS[2])
        assert body.cursor_location == (1, 0)


async def test_a_prompt_after_own_words_keeps_them(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await _editor(pilot, app, "j", "n")
        body = editor.query_one("#body", TextArea)
        await pilot.press(*"First line", "enter")
        await pilot.press("ctrl+t")
        await until(pilot, lambda: PROMPTS[None] in body.text)
        assert body.text.startswith("First line\n")
        assert body.cursor_location == (2, 0)


async def test_a_new_reflection_from_a_stage_takes_that_stage(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3")
        await until(pilot, lambda: isinstance(app.screen, StageScreen))
        app.action_new_reflection()
        editor = await _editor(pilot, app)
        assert editor.query_one("#stage", Select).value == 3


async def test_an_existing_reflection_keeps_its_own_stage(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    reflection_id = add_reflection(app.journal, "No stage on this one")
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(EditorScreen(reflection_id, stage=4))
        editor = await _editor(pilot, app)
        assert editor.query_one("#stage", Select).value is Select.NULL
        assert "No stage on this one" in editor.query_one("#body", TextArea).text


async def test_the_date_field_shows_the_whole_date_after_tabbing_through(
    make_app: Callable[..., IlearnApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await _editor(pilot, app, "j", "n")
        date_field = editor.query_one("#date", Input)
        await pilot.press("shift+tab", "shift+tab", "shift+tab", "shift+tab")
        await until(pilot, lambda: editor.focused is editor.query_one("#title", Input))
        await pilot.press("tab")
        await until(pilot, lambda: editor.focused is date_field)
        await pilot.press("tab")
        await until(pilot, lambda: editor.focused is not date_field)
        await pilot.pause()
        assert date_field.value in str(date_field.render_line(0).text)


async def test_shift_tab_into_a_date_then_typing_replaces_it_and_a_word_is_not_saved_as_one(
    make_app: Callable[..., IlearnApp],
) -> None:
    app = make_app()
    plan.add_goal(app.journal, "The only goal")
    async with app.run_test(size=(100, 30)) as pilot:
        form = await form_on_stage(pilot, 4, "check")
        note = form.query_one("#field-note", TextArea)
        note.focus()
        await until(pilot, lambda: form.focused is note)
        await pilot.press("shift+tab", *"x")
        day = form.query_one("#field-date", Input)
        await until(pilot, lambda: day.value == "x")
        await pilot.press("ctrl+s")
        error = form.query_one("#error-date", Static)
        await until(pilot, lambda: bool(str(error.render())))
        assert app.screen is form  # one shift+tab too many never saves a word as the date
        assert not list_records(app.journal, KINDS["check"], app.overview().cycle_id)


async def test_a_question_or_check_preselects_the_only_goal(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    goal_id = plan.add_goal(app.journal, "The only goal")
    async with app.run_test(size=(100, 30)) as pilot:
        form = await form_on_stage(pilot, 4, "check")
        assert form.query_one("#field-goal_id", Select).value == goal_id


async def test_a_question_from_stage_two_belongs_to_the_highlighted_goal(
    make_app: Callable[..., IlearnApp],
) -> None:
    app = make_app()
    plan.add_goal(app.journal, "First goal")
    second = plan.add_goal(app.journal, "Second goal")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        await until(pilot, lambda: isinstance(app.screen, StageScreen))
        stage = app.screen
        goals = stage.query_one("#table-goal", DataTable)
        await until(pilot, lambda: goals.row_count == 2)
        row = [str(k.value) for k in goals.rows].index(second)
        goals.move_cursor(row=row)
        await until(pilot, lambda: goals.cursor_row == row)
        stage.open_form(KINDS["question"], None)  # type: ignore[attr-defined]
        await until(pilot, showing(app, RecordFormScreen, "#buttons"))
        assert app.screen.query_one("#field-goal_id", Select).value == second


async def test_a_field_error_clears_as_soon_as_it_is_fixed(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    plan.add_goal(app.journal, "The only goal")
    async with app.run_test(size=(100, 30)) as pilot:
        form = await form_on_stage(pilot, 4, "check")
        day = form.query_one("#field-date", Input)
        day.value = "06/15/2027"
        await pilot.press("ctrl+s")
        error = form.query_one("#error-date", Static)
        await until(pilot, lambda: "⚠" in str(error.render()))
        day.value = "2026-06-15x"
        await pilot.pause()
        assert "⚠" in str(error.render())  # still wrong: still said
        day.value = "today"
        await until(pilot, lambda: str(error.render()) == "")
        assert isinstance(app.screen, RecordFormScreen)  # nothing saved by fixing a field


async def _new_goal_form(pilot, app: IlearnApp) -> RecordFormScreen:  # type: ignore[no-untyped-def]
    await pilot.press("2")
    await until(pilot, lambda: isinstance(app.screen, StageScreen))
    app.screen.open_form(KINDS["goal"], None)  # type: ignore[attr-defined]
    await until(pilot, showing(app, RecordFormScreen, "#goal-questions"))
    assert isinstance(app.screen, RecordFormScreen)
    return app.screen


async def test_a_new_goal_takes_its_research_questions_in_the_same_form(
    make_app: Callable[..., IlearnApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        form = await _new_goal_form(pilot, app)
        form.query_one("#field-title", Input).value = "Students explain their reasoning"
        form.query_one("#goal-questions", TextArea).text = "Do stems help?\n\n   Does wait time   help?  \n"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, StageScreen))
    [goal] = plan.list_goals(app.journal)
    assert goal.title == "Students explain their reasoning"
    assert [q.text for q in goal.questions] == ["Do stems help?", "Does wait time help?"]


async def test_a_bad_question_saves_nothing_and_its_error_clears_when_fixed(
    make_app: Callable[..., IlearnApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        form = await _new_goal_form(pilot, app)
        form.query_one("#field-title", Input).value = "A goal"
        questions = form.query_one("#goal-questions", TextArea)
        questions.text = "Fine?\n" + "x" * 100_000
        await pilot.press("ctrl+s")
        error = form.query_one("#error-questions", Static)
        await until(pilot, lambda: "⚠" in str(error.render()))
        assert app.screen is form and plan.list_goals(app.journal) == []
        questions.text = "Fine?"
        await until(pilot, lambda: str(error.render()) == "")


async def test_editing_a_goal_has_no_question_box(make_app: Callable[..., IlearnApp]) -> None:
    from ilearn_tui.store.records import get_record

    app = make_app()
    goal_id = plan.add_goal(app.journal, "A goal", questions=["Q?"])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        await until(pilot, lambda: isinstance(app.screen, StageScreen))
        app.screen.open_form(KINDS["goal"], get_record(app.journal, KINDS["goal"], goal_id))  # type: ignore[attr-defined]
        await until(pilot, showing(app, RecordFormScreen, "#buttons"))
        assert not app.screen.query("#goal-questions")

"""The reflection editor follows the teacher: the stage it came from, one prompt, the cursor on it."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Select, TextArea

from ilearn_tui.domain.prompts import PROMPTS
from ilearn_tui.store.reflections import add_reflection
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.screens.editor import EditorScreen
from ilearn_tui.tui.screens.stage import StageScreen
from tests.tui.waiting import until


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

"""Keys typed faster than the app handles them still do what they would one at a time.

``burst`` hands the app every key at once, as a terminal does when the machine is busy: each
key is in the app's queue before the one before it has been acted on. Pilot's ``press``
waits for the app between keys, so it cannot show this.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.widgets import Input, TextArea

from ilearn_tui.domain.forms import KINDS
from ilearn_tui.store import plan
from ilearn_tui.store.records import list_records, vision_for
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.screens.record_form import RecordFormScreen
from ilearn_tui.tui.screens.stage import StageScreen
from tests.tui.waiting import form_on_stage, showing, until

KEY_NAMES = {" ": "space", "?": "question_mark", ".": "full_stop", ",": "comma", "-": "minus"}


def burst(app: IlearnApp, *keys: str) -> None:
    """Post every key to the app in one go; a key longer than one letter is a key name."""
    for key in keys:
        if len(key) == 1:
            app.post_message(events.Key(KEY_NAMES.get(key, key), key))
        else:
            app.post_message(events.Key(key, "\t" if key == "tab" else None))


async def test_a_goal_typed_at_once_keeps_its_title_and_question_apart(
    make_app: Callable[..., IlearnApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await until(pilot, lambda: isinstance(app.screen, StageScreen))
        burst(
            app,
            "tab",
            "n",
            *("Students use talk moves daily"),
            "tab",
            *("Do talk moves increase evidence use?"),
            "ctrl+s",
        )
        await until(pilot, lambda: isinstance(app.screen, StageScreen) and bool(plan.list_goals(app.journal)))
    [goal] = plan.list_goals(app.journal)
    assert goal.title == "Students use talk moves daily"
    assert [q.text for q in goal.questions] == ["Do talk moves increase evidence use?"]


async def test_a_paste_right_after_a_tab_goes_to_the_next_field(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await until(pilot, lambda: isinstance(app.screen, StageScreen))
        burst(app, "tab", "n", *"Wait time", "tab")
        app.post_message(events.Paste("Does wait time help?"))
        await until(pilot, showing(app, RecordFormScreen, "#goal-questions"))
        form = app.screen
        questions = form.query_one("#goal-questions", TextArea)
        await until(pilot, lambda: questions.text == "Does wait time help?")
        assert form.query_one("#field-title", Input).value == "Wait time"


async def test_letters_typed_with_the_key_that_opens_a_form_land_in_the_form(
    make_app: Callable[..., IlearnApp],
) -> None:
    app = make_app()

    def interests() -> list[dict[str, object]]:
        return list_records(app.journal, KINDS["interest"], app.overview().cycle_id)

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await until(pilot, lambda: isinstance(app.screen, StageScreen))
        burst(app, "n", "tab", *("Talk moves"), "ctrl+s", "n", "tab", *("Wait time"))
        await until(pilot, lambda: len(interests()) == 1)
        await until(pilot, showing(app, RecordFormScreen, "#field-text"))
        text = app.screen.query_one("#field-text", Input)
        await until(pilot, lambda: text.value == "Wait time")
        [interest] = interests()
        assert interest["text"] == "Talk moves"


async def test_save_typed_right_after_the_form_opens_saves_it(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    cycle_id = app.ensure_cycle()

    def vision() -> dict[str, object] | None:
        return vision_for(app.journal, cycle_id)

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await until(pilot, lambda: isinstance(app.screen, StageScreen))
        burst(app, "v", *("Students argue kindly."), "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, StageScreen) and bool(vision()))
        assert (vision() or {}).get("body") == "Students argue kindly."


async def test_tab_into_a_filled_field_selects_it_so_typing_replaces_it(
    make_app: Callable[..., IlearnApp],
) -> None:
    app = make_app()
    plan.add_goal(app.journal, "The only goal")
    async with app.run_test(size=(100, 30)) as pilot:
        form = await form_on_stage(pilot, 4, "check")
        day = form.query_one("#field-date", Input)
        burst(app, "tab", "tab", "tab", "tab", *("today"))
        await until(pilot, lambda: day.value == "today")


async def test_every_filled_field_of_every_form_is_selected_when_tab_enters_it(
    make_app: Callable[..., IlearnApp],
) -> None:
    app = make_app()
    plan.add_goal(app.journal, "The only goal")
    cycle_id = app.ensure_cycle()
    async with app.run_test(size=(100, 40)) as pilot:
        for kind in KINDS.values():
            app.push_screen(RecordFormScreen(kind, None, cycle_id))
            await until(pilot, showing(app, RecordFormScreen, "#buttons"))
            form = app.screen
            # A field the form hides (a session's fields, unless the role is facilitated) is
            # never tabbed into.
            fields = [
                f for f in form.query(Input) if all(w.display for w in f.ancestors_with_self if w is not form)
            ]
            for field in fields:
                field.value = field.value or "typed before"
            entered: list[str] = []
            for _ in range(len(form.focus_chain)):
                await pilot.press("tab")
                focused = form.focused
                if isinstance(focused, Input) and focused.id not in entered:
                    entered.append(str(focused.id))
                    assert focused.selected_text == focused.value, (kind.name, focused.id)
            assert sorted(entered) == sorted(str(f.id) for f in fields), kind.name
            form.dismiss(None)
            await until(pilot, lambda closed=form: app.screen is not closed)

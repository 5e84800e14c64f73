"""The activity form's session fields: shown while the role is "facilitated", read by the forms' rules."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Select, Static, TextArea

from ilearn_tui.domain.forms import KINDS
from ilearn_tui.store.records import get_record, list_records, save_record
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.screens.record_form import RecordFormScreen
from ilearn_tui.tui.screens.stage import StageScreen
from tests.tui.waiting import form_on_stage, until

SESSION_IDS = ("#field-co_facilitators", "#field-attendees", "#field-feedback", "#field-materials")


def _shown(form: RecordFormScreen) -> list[bool]:
    return [form.query_one(wid).display for wid in SESSION_IDS]


async def _shot(app: IlearnApp, pilot: Pilot[object], name: str) -> None:
    """An SVG of the form's session fields to look at, when ILEARN_SCREENSHOTS names a folder."""
    folder = os.environ.get("ILEARN_SCREENSHOTS")
    if folder:
        app.screen.query_one("#field-materials").scroll_visible(animate=False)
        await pilot.pause()
        app.save_screenshot(filename=f"{name}.svg", path=str(Path(folder)))


async def test_the_session_fields_follow_the_role(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        form = await form_on_stage(pilot, 3, "activity")
        assert _shown(form) == [False] * 4
        form.query_one("#field-role", Select).value = "facilitated"
        await until(pilot, lambda: _shown(form) == [True] * 4)
        await _shot(app, pilot, "session-form-80x24")
        form.query_one("#field-role", Select).value = "attended"
        await until(pilot, lambda: _shown(form) == [False] * 4)


async def test_a_session_is_saved_from_the_form_with_its_lines(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        form = await form_on_stage(pilot, 3, "activity")
        form.query_one("#field-title", Input).value = "Feedback that moves learning"
        form.query_one("#field-role", Select).value = "facilitated"
        form.query_one("#field-co_facilitators", TextArea).text = "Ana Ruiz\n\nBen Okafor\n"
        form.query_one("#field-attendees", Input).value = "24"
        form.query_one("#field-feedback", TextArea).text = "Useful right away\nMore practice time"
        form.query_one("#field-materials", TextArea).text = "https://example.org/slides"
        await until(pilot, lambda: _shown(form) == [True] * 4)
        await _shot(app, pilot, "session-form-120x40")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, StageScreen))
    [row] = list_records(app.journal, KINDS["activity"], app.overview().cycle_id)
    saved = get_record(app.journal, KINDS["activity"], row["id"])
    assert saved is not None
    assert (saved["role"], saved["attendees"]) == ("facilitated", 24)
    assert saved["co_facilitators"] == ["Ana Ruiz", "Ben Okafor"]
    assert saved["feedback"] == ["Useful right away", "More practice time"]
    assert saved["materials"] == ["https://example.org/slides"]


async def test_a_wrong_count_is_named_under_its_field_and_nothing_is_saved(
    make_app: Callable[..., IlearnApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        form = await form_on_stage(pilot, 3, "activity")
        form.query_one("#field-title", Input).value = "Led it"
        form.query_one("#field-role", Select).value = "facilitated"
        form.query_one("#field-attendees", Input).value = "about 20"
        await pilot.press("ctrl+s")
        error = form.query_one("#error-attendees", Static)
        await until(pilot, lambda: "⚠" in str(error.render()))
        assert "a whole number, 0 or more" in str(error.render())
        assert isinstance(app.screen, RecordFormScreen)
    assert list_records(app.journal, KINDS["activity"], app.overview().cycle_id) == []


async def test_editing_a_session_shows_its_lines_and_keeps_what_is_left_alone(
    make_app: Callable[..., IlearnApp],
) -> None:
    app = make_app()
    kind = KINDS["activity"]
    cycle_id = app.journal.cycle_for("2026-11-10")
    made = save_record(
        app.journal,
        kind,
        {
            "type": "mini",
            "title": "Hinge questions",
            "date": "2026-11-10",
            "role": "facilitated",
            "attendees": 26,
            "feedback": ["Used it the next day"],
            "co_facilitators": ["Keiko"],
        },
        cycle_id=cycle_id,
    )
    record = get_record(app.journal, kind, made)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3")
        await until(pilot, lambda: isinstance(app.screen, StageScreen))
        assert isinstance(app.screen, StageScreen)
        app.screen.open_form(kind, record)
        await until(
            pilot, lambda: isinstance(app.screen, RecordFormScreen) and bool(app.screen.query("#buttons"))
        )
        form = app.screen
        assert isinstance(form, RecordFormScreen)
        assert _shown(form) == [True] * 4
        assert form.query_one("#field-feedback", TextArea).text == "Used it the next day"
        assert form.query_one("#field-attendees", Input).value == "26"
        form.query_one("#field-feedback", TextArea).text = "Used it the next day\nMore, please"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, StageScreen))
    saved = get_record(app.journal, kind, made)
    assert saved is not None
    assert saved["feedback"] == ["Used it the next day", "More, please"]
    assert (saved["co_facilitators"], saved["attendees"]) == (["Keiko"], 26)


async def test_a_role_set_back_to_attended_keeps_no_hidden_session_fields(
    make_app: Callable[..., IlearnApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        form = await form_on_stage(pilot, 3, "activity")
        form.query_one("#field-title", Input).value = "Went to it after all"
        form.query_one("#field-role", Select).value = "facilitated"
        await until(pilot, lambda: _shown(form) == [True] * 4)
        form.query_one("#field-attendees", Input).value = "12"
        form.query_one("#field-feedback", TextArea).text = "Typed, then not a session"
        form.query_one("#field-role", Select).value = "attended"
        await until(pilot, lambda: _shown(form) == [False] * 4)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, StageScreen))
    [row] = list_records(app.journal, KINDS["activity"], app.overview().cycle_id)
    saved = get_record(app.journal, KINDS["activity"], row["id"])
    assert saved is not None
    assert (saved["role"], saved["attendees"], saved["feedback"]) == ("attended", None, [])

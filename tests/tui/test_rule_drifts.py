"""The app's fields follow the same rules as the command line: dates, titles, activity status."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from textual.widgets import DataTable, Input, Select, Static

from ilearn_tui.domain.text import date_error
from ilearn_tui.settings import load_settings
from ilearn_tui.store import plan
from ilearn_tui.store.reflections import add_reflection, count_reflections, get_reflection, list_reflections
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.screens.editor import EditorScreen
from ilearn_tui.tui.screens.journal import JournalScreen
from ilearn_tui.tui.screens.record_form import RecordFormScreen
from ilearn_tui.tui.screens.renewal_form import RenewalScreen
from ilearn_tui.tui.screens.stage import StageScreen
from tests.tui.waiting import showing, until

BODY = "# Wait time\nLonger pauses helped."
TOMORROW = (date.today() + timedelta(days=1)).isoformat()


def _shown(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


async def test_an_emptied_title_field_keeps_the_title_the_store_gave(
    make_app: Callable[..., IlearnApp],
) -> None:
    app = make_app()
    reflection_id = add_reflection(app.journal, BODY)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(EditorScreen(reflection_id))
        await until(pilot, showing(app, EditorScreen, "#title"))
        title = app.screen.query_one("#title", Input)
        assert title.value == "Wait time"
        title.value = ""
        await pilot.press("ctrl+s")
        await until(pilot, lambda: _shown(app.screen, "#editor-status").startswith("Saved"))
    saved = get_reflection(app.journal, reflection_id)
    assert saved is not None and saved.title == "Wait time" and saved.body == BODY


async def test_the_editor_takes_and_refuses_dates_as_the_cli_does(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j", "n", *"keep me")
        await until(pilot, showing(app, EditorScreen, "#date"))
        editor = app.screen
        editor.query_one("#date", Input).value = "2025-W01-1"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "bad date" in _shown(editor, "#editor-error"))
        assert date_error("2025-W01-1") in _shown(editor, "#editor-error")
        assert count_reflections(app.journal) == 0
        editor.query_one("#date", Input).value = "20250105"
        editor.query_one("#tags", Input).value = "#wait, Wait questioning"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: count_reflections(app.journal) == 1)
    (saved,) = list_reflections(app.journal)
    assert saved.date == "2025-01-05" and sorted(saved.tags) == ["questioning", "wait"]


async def test_the_journal_filter_reads_dates_by_the_same_rule(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    add_reflection(app.journal, "early", day="2025-01-04")
    add_reflection(app.journal, "late", day="2025-01-06")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j")
        await until(pilot, showing(app, JournalScreen, "#filter-from"))
        screen = app.screen
        screen.query_one("#filter-from", Input).value = "2025-W01-1"
        await until(pilot, lambda: _shown(screen, "#filter-error") != "")
        assert date_error("2025-W01-1") in _shown(screen, "#filter-error")
        screen.query_one("#filter-from", Input).value = "20250105"
        await until(pilot, lambda: _shown(screen, "#filter-error") == "")
        assert screen.filter.date_from == "2025-01-05"  # type: ignore[attr-defined]
        screen.query_one("#filter-tag", Input).value = "two words"
        await until(pilot, lambda: "one word" in _shown(screen, "#filter-error"))
        screen.query_one("#filter-tag", Input).value = " #Wait "
        await until(pilot, lambda: _shown(screen, "#filter-error") == "")
        assert screen.filter.tag == "Wait"  # type: ignore[attr-defined]


async def test_the_renewal_start_takes_the_date_words(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await app.run_action("renewal")
        await until(pilot, showing(app, RenewalScreen, "#start"))
        form = app.screen
        form.query_one("#start", Input).value = "2025-W01-1"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: _shown(form, "#renewal-error") != "")
        assert date_error("2025-W01-1") in _shown(form, "#renewal-error")
        assert isinstance(app.screen, RenewalScreen)
        form.query_one("#start", Input).value = "yesterday"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, RenewalScreen))
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    assert load_settings(app.locations).renewal["start"] == yesterday


async def _new_activity_form(app: IlearnApp, pilot: object) -> RecordFormScreen:
    await pilot.press("3")  # type: ignore[attr-defined]
    await until(pilot, showing(app, StageScreen, "#table-activity"))  # type: ignore[arg-type]
    app.screen.query_one("#table-activity", DataTable).focus()
    await pilot.press("n")  # type: ignore[attr-defined]
    await until(pilot, showing(app, RecordFormScreen, "#field-status"))  # type: ignore[arg-type]
    assert isinstance(app.screen, RecordFormScreen)
    return app.screen


async def test_a_new_activity_is_done_today_and_planned_ahead(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        form = await _new_activity_form(app, pilot)
        status = form.query_one("#field-status", Select)
        assert form.query_one("#field-date", Input).value == date.today().isoformat()
        assert status.value == "done", "an activity dated today counts its hours, as ilearn log does"
        form.query_one("#field-date", Input).value = "tomorrow"
        await until(pilot, lambda: status.value == "planned")
        form.query_one("#field-date", Input).value = "yesterday"
        await until(pilot, lambda: status.value == "done")
        form.query_one("#field-title", Input).value = "Visible Learning"
        form.query_one("#field-type", Select).value = "book"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, RecordFormScreen))
    (activity,) = plan.list_activities(app.journal)
    assert activity.status == "done"
    assert activity.date == (date.today() - timedelta(days=1)).isoformat()


async def test_a_status_chosen_by_hand_is_not_overruled_by_the_date(
    make_app: Callable[..., IlearnApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        form = await _new_activity_form(app, pilot)
        status = form.query_one("#field-status", Select)
        status.value = "planned"
        await pilot.pause()
        form.query_one("#field-date", Input).value = "yesterday"
        form.query_one("#field-date", Input).value = TOMORROW
        form.query_one("#field-date", Input).value = "2020-01-01"
        await pilot.pause()
        assert status.value == "planned"

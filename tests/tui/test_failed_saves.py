"""Saves that cannot land say so and lose nothing: a record gone elsewhere, a busy journal.

Another process is played by a second connection to the same journal file, as a second
ilearn window or ``ilearn trash`` would be.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from textual.widgets import DataTable, Input, Static, TextArea

from ilearn_tui.domain.forms import KINDS
from ilearn_tui.store import plan
from ilearn_tui.store.drafts import list_drafts
from ilearn_tui.store.journal import Journal, open_journal
from ilearn_tui.store.records import delete_record, list_records
from ilearn_tui.store.reflections import add_reflection, delete_reflection, get_reflection, list_reflections
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.screens.confirm import ConfirmScreen
from ilearn_tui.tui.screens.editor import EditorScreen
from ilearn_tui.tui.screens.journal import JournalScreen
from ilearn_tui.tui.screens.record_form import RecordFormScreen
from ilearn_tui.tui.screens.stage import StageScreen
from ilearn_tui.tui.screens.startup import OnboardingScreen
from tests.tui.waiting import showing, toasts, until


@contextmanager
def other_window(journal: Journal) -> Iterator[Journal]:
    other = open_journal(journal.locations)
    try:
        yield other
    finally:
        other.close()


@contextmanager
def journal_held(journal: Journal) -> Iterator[None]:
    """Another process holds the write lock; the app waits only briefly for it."""
    journal.conn.execute("PRAGMA busy_timeout = 100")
    holder = sqlite3.connect(journal.locations.db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def error_line(app: IlearnApp) -> str:
    return str(app.screen.query_one("#editor-error", Static).render())


async def _edit_then_trash_elsewhere(app: IlearnApp, pilot, reflection_id: str) -> None:  # type: ignore[no-untyped-def]
    app.push_screen(EditorScreen(reflection_id))
    await until(pilot, showing(app, EditorScreen, "#body"))
    app.screen.query_one("#body", TextArea).move_cursor((0, 9))
    await pilot.press(*" and a typed paragraph")
    with other_window(app.journal) as other:
        delete_reflection(other, reflection_id)


async def test_saving_a_reflection_trashed_elsewhere_is_not_saved_and_keeps_a_draft(
    journal: Journal, make_app: Callable[..., IlearnApp]
) -> None:
    rid = add_reflection(journal, "Old text.", title="Week 1", tags=["talk"])
    app = make_app()
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await _edit_then_trash_elsewhere(app, pilot, rid)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        assert "no longer in the journal" in error_line(app)
        assert "new entry" in error_line(app)
        assert "Saved" not in str(app.screen.query_one("#editor-status", Static).render())
        assert [d.body for d in list_drafts(app.journal)] == ["Old text. and a typed paragraph"]
        assert get_reflection(app.journal, rid) is None

        await pilot.press("ctrl+s")  # the offer: save it as a new entry
        await pilot.pause()
        saved = list_reflections(app.journal)
        assert [(r.body, r.tags) for r in saved] == [("Old text. and a typed paragraph", ["talk"])]
        assert saved[0].id != rid
        assert list_drafts(app.journal) == []


async def test_saving_a_reflection_a_restore_removed_is_not_saved(
    journal: Journal, make_app: Callable[..., IlearnApp]
) -> None:
    rid = add_reflection(journal, "Only in the newer journal.", title="Newer")
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        app.push_screen(EditorScreen(rid))
        await until(pilot, showing(app, EditorScreen, "#body"))
        await pilot.press(*"More. ")
        with other_window(app.journal) as other, other.write() as conn:
            conn.execute("DELETE FROM reflections WHERE id = ?", (rid,))  # what an older backup lacks
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "no longer in the journal" in error_line(app)
        assert [d.body for d in list_drafts(app.journal)] == ["More. Only in the newer journal."]


async def test_a_form_updating_a_record_trashed_elsewhere_says_not_saved(
    journal: Journal, make_app: Callable[..., IlearnApp]
) -> None:
    goal = plan.add_goal(journal, "Gone soon")
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("2")
        await until(pilot, lambda: isinstance(app.screen, StageScreen))
        app.screen.query_one("#table-goal", DataTable).focus()
        await pilot.press("enter")
        await until(pilot, showing(app, RecordFormScreen, "#field-title"))
        app.screen.query_one("#field-title", Input).value = "Renamed"
        with other_window(app.journal) as other:
            delete_record(other, KINDS["goal"], goal)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "Not saved" in toasts(app))
        assert "no longer in the journal" in toasts(app)
        assert isinstance(app.screen, RecordFormScreen)  # the typed values are still there
        assert list_records(app.journal, KINDS["goal"], None) == []


async def test_a_far_date_in_the_editor_is_a_field_message(
    journal: Journal, make_app: Callable[..., IlearnApp]
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("j", "n")
        await until(pilot, showing(app, EditorScreen, "#body"))
        await pilot.press(*"Some text")
        for far in ("9999-12-31", "0001-01-01"):
            app.screen.query_one("#date", Input).value = far
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, EditorScreen)
            assert error_line(app).startswith("⚠ Date:"), error_line(app)
            assert far in error_line(app)
        assert list_reflections(app.journal) == []


async def test_deleting_in_the_journal_while_it_is_busy_says_so(
    journal: Journal, make_app: Callable[..., IlearnApp]
) -> None:
    add_reflection(journal, "Keep me.")
    app = make_app()
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await pilot.press("j")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await pilot.press("delete")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        with journal_held(app.journal):
            await pilot.press("y")
            await until(pilot, lambda: "busy" in toasts(app))
        assert "Not moved to the trash" in toasts(app)
        assert [r.body for r in list_reflections(app.journal)] == ["Keep me."]
        assert isinstance(app.screen, JournalScreen)


async def test_deleting_on_a_stage_screen_while_busy_says_so(
    journal: Journal, make_app: Callable[..., IlearnApp]
) -> None:
    plan.add_goal(journal, "Stays")
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("2")
        await until(pilot, lambda: isinstance(app.screen, StageScreen))
        app.screen.query_one("#table-goal", DataTable).focus()
        await pilot.press("delete")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        with journal_held(app.journal):
            await pilot.press("y")
            await until(pilot, lambda: "busy" in toasts(app))
        assert len(list_records(app.journal, KINDS["goal"], None)) == 1


async def test_leaving_the_welcome_dialog_while_busy_says_so(journal: Journal) -> None:
    app = IlearnApp(journal)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await until(pilot, lambda: isinstance(app.screen, OnboardingScreen))
        with journal_held(app.journal):
            await pilot.press("escape")
            await until(pilot, lambda: "busy" in toasts(app))
        assert not isinstance(app.screen, OnboardingScreen)
        assert app.journal.get_meta("onboarded") == ""


async def test_starting_from_the_welcome_dialog_while_busy_keeps_the_dialog(journal: Journal) -> None:
    app = IlearnApp(journal)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await until(pilot, lambda: isinstance(app.screen, OnboardingScreen))
        await pilot.press(*"Sam")
        with journal_held(app.journal):
            app.screen.query_one("#start").press()
            await until(pilot, lambda: "busy" in toasts(app))
        assert isinstance(app.screen, OnboardingScreen)
        assert app.screen.query_one("#name", Input).value == "Sam"


async def test_saving_after_an_edit_keeps_control_characters_that_were_not_edited(
    journal: Journal, make_app: Callable[..., IlearnApp]
) -> None:
    odd = "a\x1b]52;c;x\x07b\x9b\u202e"
    rid = add_reflection(journal, f"Body {odd} end", title=f"Title {odd}", tags=[f"tag{odd}"])
    before = get_reflection(journal, rid)
    assert before is not None
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        app.push_screen(EditorScreen(rid))
        await until(pilot, showing(app, EditorScreen, "#body"))
        body = app.screen.query_one("#body", TextArea)
        body.move_cursor(body.document.end)
        await pilot.press("space", "X")
        await pilot.press("ctrl+s")
        await pilot.pause()
    after = get_reflection(journal, rid)
    assert after is not None
    assert after.body == before.body + " X"
    assert after.title == before.title
    assert after.tags == before.tags
    tags = [row[0] for row in journal.conn.execute("SELECT name FROM tags")]
    assert tags == before.tags


@contextmanager
def disk_full(journal: Journal) -> Iterator[None]:
    """The journal cannot grow by a page, as on a full disk (SQLite answers SQLITE_FULL)."""
    pages = journal.conn.execute("PRAGMA page_count").fetchone()[0]
    journal.conn.execute(f"PRAGMA max_page_count = {pages}")
    try:
        yield
    finally:
        journal.conn.execute("PRAGMA max_page_count = 1073741823")


async def test_deleting_in_the_journal_on_a_full_disk_says_so(
    journal: Journal, make_app: Callable[..., IlearnApp]
) -> None:
    for n in range(3):
        add_reflection(journal, f"Entry {n} " + "words " * 20_000)  # the trash copy needs new pages
    app = make_app()
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await pilot.press("j")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await pilot.press("delete")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        with disk_full(app.journal):
            await pilot.press("y")
            await until(pilot, lambda: "full" in toasts(app))
        assert "Not moved to the trash" in toasts(app)
        assert len(list_reflections(app.journal)) == 3
        assert isinstance(app.screen, JournalScreen)


async def test_saving_in_the_editor_on_a_full_disk_keeps_the_text(
    journal: Journal, make_app: Callable[..., IlearnApp]
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        app.push_screen(EditorScreen())
        await until(pilot, showing(app, EditorScreen, "#body"))
        app.screen.query_one("#body", TextArea).text = "A long paragraph. " * 400
        with disk_full(app.journal):
            await pilot.press("ctrl+s")
            await until(pilot, lambda: "full" in error_line(app))
        assert "Nothing was lost" in error_line(app)
        assert app.screen.query_one("#body", TextArea).text.startswith("A long paragraph.")
        assert list_reflections(app.journal) == []

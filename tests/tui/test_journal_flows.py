"""The journal: writing, leaving, drafts after a crash, the long list, search and export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input, Markdown, OptionList, TextArea

from ilearn_tui.store.drafts import list_drafts, save_draft
from ilearn_tui.store.reflections import add_reflection, count_reflections, get_reflection
from ilearn_tui.store.search import search
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.screens.confirm import ConfirmScreen
from ilearn_tui.tui.screens.editor import EditorScreen
from ilearn_tui.tui.screens.journal import JournalScreen
from ilearn_tui.tui.screens.startup import DraftsScreen
from ilearn_tui.tui.widgets.reflection_list import ReflectionList
from tests.tui.waiting import click_when_settled, showing, until


async def test_write_a_reflection_and_find_it(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j", "n")
        assert isinstance(app.screen, EditorScreen)
        await pilot.press(*"Exit tickets showed **confusion** about ratios")
        preview = app.screen.query_one("#preview", Markdown)
        await until(pilot, lambda: "confusion" in preview.source)
        app.screen.query_one("#tags", Input).value = "math ratios"
        await pilot.press("ctrl+s")
        await pilot.pause()
        hits = search(app.journal, "confusion")
        assert [h.kind for h in hits] == ["reflection"]
        saved = get_reflection(app.journal, hits[0].id)
        assert saved is not None and saved.tags == ["math", "ratios"]
        await pilot.press("escape")
        assert isinstance(app.screen, JournalScreen)
        assert app.screen.query_one(ReflectionList).total == 1


async def test_leaving_unsaved_text_asks_first(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j", "n", *"half a thought")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.query_one("#body", TextArea).text == "half a thought"
        await pilot.press("escape", "y")
        assert isinstance(app.screen, JournalScreen)
        assert count_reflections(app.journal) == 0


async def test_a_bad_date_keeps_the_text(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j", "n", *"keep me")
        app.screen.query_one("#date", Input).value = "31/02/2025"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        assert "bad date" in str(app.screen.query_one("#editor-error").render())
        assert count_reflections(app.journal) == 0


async def test_unsaved_text_becomes_a_draft_and_is_offered_back(
    make_app: Callable[..., IlearnApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    import ilearn_tui.tui.screens.editor as editor

    monkeypatch.setattr(editor, "AUTOSAVE_SECONDS", 0.1)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j", "n", *"words before the crash")
        await until(pilot, lambda: [d.body for d in list_drafts(app.journal)] == ["words before the crash"])
    monkeypatch.setattr(editor, "AUTOSAVE_SECONDS", 3.0)

    again = IlearnApp(app.journal)
    async with again.run_test(size=(100, 30)) as pilot:
        await until(pilot, showing(again, DraftsScreen, "#open"))
        await click_when_settled(pilot, "#open")
        await until(pilot, showing(again, EditorScreen, "#body"))
        assert again.screen.query_one("#body", TextArea).text == "words before the crash"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: count_reflections(app.journal) == 1)
    assert list_drafts(app.journal) == []


async def test_a_damaged_draft_does_not_stop_the_app(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    save_draft(app.journal, "reflection:gone", "no-such-reflection", "", "orphan text")
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, showing(app, DraftsScreen, "#open"))
        await click_when_settled(pilot, "#open")
        await until(pilot, showing(app, EditorScreen, "#body"))
        assert app.screen.query_one("#body", TextArea).text == "orphan text"


async def test_journal_list_is_lazy_and_filters(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    journal = app.journal
    with journal.write():
        for n in range(3000):
            add_reflection(
                journal,
                f"entry {n}",
                day=f"20{10 + n % 15}-0{1 + n % 9}-1{n % 10}",
                tags=["odd"] if n % 2 else [],
            )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j")
        screen = app.screen
        listing = screen.query_one(ReflectionList)
        assert listing.total == 3000
        assert len(list(screen.query("*"))) < 60, "no widget per entry"
        await pilot.press("end")
        assert listing.cursor == 2999
        assert listing.highlighted is not None
        screen.query_one("#filter-tag", Input).value = "odd"
        await pilot.pause()
        assert listing.total == 1500
        screen.query_one("#filter-from", Input).value = "not a date"
        await pilot.pause()
        assert "not a date" in str(screen.query_one("#filter-error").render())
        assert listing.total == 1500


async def test_search_as_you_type_and_open(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    add_reflection(app.journal, "Gallery walk in period 2", title="Gallery walk")
    add_reflection(app.journal, "Nothing to see")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"galler")
        await pilot.pause()
        results = app.screen.query_one("#results", OptionList)
        assert results.option_count == 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        assert "Gallery walk" in app.screen.query_one("#body", TextArea).text


async def test_export_from_the_app(make_app: Callable[..., IlearnApp], tmp_path: Path) -> None:
    from ilearn_tui.tui.screens.export import ExportScreen

    app = make_app()
    add_reflection(app.journal, "Shareable thought")
    target = tmp_path / "portfolio.md"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Wrote" in str(app.screen.query_one("#export-result").render())
    assert "Shareable thought" in target.read_text()


async def test_export_refuses_a_missing_folder(make_app: Callable[..., IlearnApp], tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        app.screen.query_one("#path", Input).value = str(tmp_path / "nope" / "p.md")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "does not exist" in str(app.screen.query_one("#export-error").render())


async def test_recovery_dialog_offers_the_newest_good_backup(tmp_path: Path) -> None:
    from ilearn_tui.locations import resolve
    from ilearn_tui.store.backup import backup_to_dir, list_backups
    from ilearn_tui.store.journal import open_journal
    from ilearn_tui.tui.recovery import RecoveryApp

    where = resolve(tmp_path / "home")
    with open_journal(where) as journal:
        add_reflection(journal, "precious")
        backup_to_dir(journal.conn, where.backups_dir)
    newest = list_backups(where.backups_dir)[0]  # the automatic copy taken on close
    app = RecoveryApp(where, "the journal is damaged")
    async with app.run_test(size=(80, 24)) as pilot:
        await click_when_settled(pilot, "#restore")
        await until(pilot, lambda: app.return_value is not None)
    assert app.return_value == newest


async def test_pasted_escape_sequences_are_drawn_not_obeyed(make_app: Callable[..., IlearnApp]) -> None:
    from textual import events

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j", "n")
        await pilot.pause()
        app.post_message(events.Paste("before \x1b[2J\x1b]0;owned\x07 after"))
        await pilot.pause()
        text = app.screen.query_one("#body", TextArea).text
        assert "\x1b" not in text and "\x07" not in text
        assert text == "before ␛[2J␛]0;owned␇ after"


async def test_damaged_drafts_never_stop_the_app(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    conn = app.journal.conn
    stamp = "2025-01-01T00:00:00+00:00"
    conn.execute(
        "INSERT INTO drafts(id, target, title, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        ("reflection:new", "", "bad", b"\xff\xfe not utf-8 \x00 with NUL", stamp, stamp),
    )
    conn.execute(
        "INSERT INTO drafts(id, target, title, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        ("reflection:gone", "no-such-reflection", "", "x" * 3_000_000, stamp, stamp),
    )
    for _ in range(2):  # and the second start is as calm as the first
        again = IlearnApp(app.journal)
        async with again.run_test(size=(100, 30)) as pilot:
            await until(pilot, showing(again, DraftsScreen, "#open"))
            await click_when_settled(pilot, "#open")
            await until(pilot, showing(again, EditorScreen, "#body"))
            body = again.screen.query_one("#body", TextArea).text
            assert "not utf-8" in body or len(body) == 3_000_000


async def test_short_searches_wait_for_enter(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    add_reflection(app.journal, "AI in the classroom")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", "a", "i")
        await pilot.pause()
        assert app.screen.query_one("#results", OptionList).option_count == 0
        assert "Keep typing" in str(app.screen.query_one("#search-status").render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)


async def test_the_status_line_counts_one_reflection_in_the_singular(
    make_app: Callable[..., IlearnApp],
) -> None:
    app = make_app()
    add_reflection(app.journal, "Wait time helped", title="Wait time helped", day="2025-03-01", tags=["wait"])
    add_reflection(app.journal, "Exit tickets", title="Exit tickets", day="2025-03-02")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j")
        await until(pilot, showing(app, JournalScreen, "#journal-status"))
        status = app.screen.query_one("#journal-status")
        await until(pilot, lambda: str(status.render()).startswith("2 reflections —"))
        app.screen.query_one("#filter-tag", Input).value = "wait"
        await until(pilot, lambda: str(status.render()).startswith("1 reflection matches —"))

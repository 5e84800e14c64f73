"""The Conflicts view: both values side by side; keep mine, keep theirs, or an edit of both."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, Static, TextArea

from ilearn_tui.store import sync_state
from ilearn_tui.tui import actions
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.screens.conflicts import BothScreen, ConflictsScreen
from ilearn_tui.tui.screens.dashboard import DashboardScreen
from ilearn_tui.tui.screens.help import HelpScreen
from ilearn_tui.tui.widgets.sync_status import SyncStatus
from tests.sync.helpers import Computer, two_homes
from tests.tui.sync_homes import app_on, make_conflicts
from tests.tui.waiting import from_palette, showing, toasts, until

TITLES = ["Lesson study", "Exit tickets"]


def _pair(tmp_path: Path) -> tuple[Computer, Computer]:
    laptop, desktop, _ = two_homes(tmp_path)
    make_conflicts(laptop, desktop, TITLES)
    return laptop, desktop


async def _open(pilot, app: IlearnApp) -> ConflictsScreen:  # type: ignore[no-untyped-def]
    await from_palette(pilot, "sync: Conflicts", ConflictsScreen, "#conflict-list")
    assert isinstance(app.screen, ConflictsScreen)
    return app.screen


def _text(screen: ConflictsScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def _body(app: IlearnApp, title: str) -> str:
    sql = "SELECT body FROM reflections WHERE title LIKE ? AND title NOT LIKE 'Conflicted copy%'"
    row = app.journal.conn.execute(sql, (f"{title}%",)).fetchone()
    return str(row[0])


async def test_both_values_side_by_side_then_theirs_then_mine(tmp_path: Path) -> None:
    _laptop, desktop = _pair(tmp_path)
    with app_on(desktop) as app:
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            screen = await _open(pilot, app)
            listing = screen.query_one("#conflict-list", OptionList)
            assert listing.option_count == 2
            assert "2 conflicts" in _text(screen, "#conflicts-status")
            first = str(listing.get_option_at_index(0).prompt)
            title = next(t for t in TITLES if t in first)
            assert "reflection" in first and "body" in first
            assert _text(screen, "#mine") == f"{title}, as written at home."
            assert _text(screen, "#theirs") == f"{title}, as written at school."
            mine, theirs = screen.query_one("#mine").region, screen.query_one("#theirs").region
            assert mine.right <= theirs.x  # side by side at 80 columns
            await pilot.press("t")
            await until(pilot, lambda: listing.option_count == 1)
            assert _body(app, title) == f"{title}, as written at school."
            assert "Kept the other computer's" in toasts(app)
            other = next(t for t in TITLES if t != title)
            await pilot.press("m")
            await until(pilot, lambda: listing.option_count == 0)
            assert _body(app, other) == f"{other}, as written at home."
            assert sync_state.list_conflicts(app.journal) == []
            assert "No conflicts to resolve." in _text(screen, "#conflicts-status")
            await pilot.press("m", "t", "b")  # nothing left: nothing happens, nothing breaks
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, DashboardScreen))


async def test_an_edit_of_both_starts_from_both_texts_and_resolves_on_save(tmp_path: Path) -> None:
    laptop, desktop = _pair(tmp_path)
    with app_on(desktop) as app:
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            screen = await _open(pilot, app)
            listing = screen.query_one("#conflict-list", OptionList)
            title = next(t for t in TITLES if t in str(listing.get_option_at_index(0).prompt))
            await pilot.press("b")
            await until(pilot, showing(app, BothScreen, "#entry-text"))
            area = app.screen.query_one("#entry-text", TextArea)
            assert area.text == f"{title}, as written at home.\n\n{title}, as written at school."
            area.text = ""
            await pilot.press("ctrl+s")  # an empty text is refused: the conflict stays
            await until(pilot, lambda: app.screen is screen and "empty" in toasts(app))
            assert listing.option_count == 2
            await pilot.press("b")
            await until(pilot, showing(app, BothScreen, "#entry-text"))
            app.screen.query_one("#entry-text", TextArea).text = f"{title}: at school and at home."
            await pilot.press("ctrl+s")
            await until(pilot, lambda: app.screen is screen and listing.option_count == 1)
            assert _body(app, title) == f"{title}: at school and at home."
            await pilot.press("b")
            await until(pilot, showing(app, BothScreen, "#entry-text"))
            await pilot.press("escape")  # cancel: nothing changes
            await until(pilot, lambda: app.screen is screen)
            assert listing.option_count == 1
    desktop.ok("sync")
    laptop.ok("sync")
    assert f"{title}: at school and at home." in laptop.bodies()


async def test_the_header_names_the_conflicts_and_opens_them(tmp_path: Path) -> None:
    _laptop, desktop = _pair(tmp_path)
    with app_on(desktop) as app:
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await until(pilot, lambda: isinstance(app.screen, DashboardScreen))
            header = app.screen.query_one(SyncStatus)
            await until(pilot, lambda: str(header.render()).startswith("2 conflicts · synced "))
            assert header.has_class("-conflicts")
            await pilot.click(SyncStatus)
            await until(pilot, showing(app, ConflictsScreen, "#conflict-list"))
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, DashboardScreen))
            await pilot.press("question_mark")
            await until(pilot, showing(app, HelpScreen, "#help-text"))
            await pilot.press("c")  # from help too
            await until(pilot, showing(app, ConflictsScreen, "#conflict-list"))


def test_help_and_the_palette_offer_sync_and_the_conflicts() -> None:
    text = actions.help_markdown({})
    assert "| `S` | sync with your other computers now" in text
    assert "| sync: Conflicts |" in text and "| sync: Sync now |" in text
    assert "## Resolving sync conflicts" in text
    assert "`b` | write one version from both texts" in text

"""Sync in the app: the header, "sync now", errors, and sync on start and quit, on a real folder remote."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from textual.widgets import Static

from ilearn_tui.store import sync_state
from ilearn_tui.store.reflections import add_reflection
from ilearn_tui.tui import actions
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.screens.dashboard import DashboardScreen
from ilearn_tui.tui.screens.sync_quit import QuitSyncScreen
from ilearn_tui.tui.widgets.stage_bar import StageTab
from ilearn_tui.tui.widgets.sync_status import SyncStatus, sync_forms, when_synced
from tests.sync.helpers import Computer, summary, two_homes
from tests.tui.sync_homes import app_on
from tests.tui.waiting import toasts, until

UNREACHABLE = "http://127.0.0.1:9/nobody/journal.git"  # the discard port: nothing answers


def _header(app: IlearnApp) -> SyncStatus:
    return app.screen.query_one(SyncStatus)


def _shown(app: IlearnApp) -> str:
    return str(_header(app).render())


def test_the_last_sync_is_worded_by_how_long_ago() -> None:
    now = datetime(2026, 3, 10, 15, 30).astimezone()
    assert when_synced("", now) == "never synced"
    assert when_synced(now.replace(hour=14, minute=2).isoformat(), now) == "synced 14:02"
    assert when_synced((now - timedelta(days=1)).isoformat(), now) == "synced yesterday"
    assert when_synced((now - timedelta(days=5)).isoformat(), now) == "synced 5 Mar"
    assert when_synced((now - timedelta(days=400)).isoformat(), now) == "synced 3 Feb 2025"
    assert when_synced("not a time", now) == "synced"


def test_the_header_line_shortens_but_keeps_the_count() -> None:
    assert sync_forms("synced 14:02", 3, 0, "") == ["synced 14:02 · 3 to send", "3 to send", "↑3"]
    assert sync_forms("synced 14:02", 0, 0, "")[0] == "synced 14:02 · all sent"
    assert sync_forms("never synced", 1, 2, "")[0] == "2 conflicts · never synced · 1 to send"
    assert sync_forms("x", 0, 0, "receiving")[0] == "Syncing: receiving…"


async def test_no_remote_no_header_and_sync_now_says_how_to_set_one_up(tmp_path: Path) -> None:
    with app_on(Computer(tmp_path / "alone")) as app:
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await until(pilot, lambda: isinstance(app.screen, DashboardScreen))
            assert not any(line.display for line in app.screen.query(SyncStatus))  # no sync line at all
            await pilot.press("S")
            await until(pilot, lambda: "ilearn sync setup URL" in toasts(app))
            assert not app.syncer.running


async def test_a_remote_set_up_while_the_app_is_open_brings_the_sync_line(tmp_path: Path) -> None:
    desktop = Computer(tmp_path / "desktop")
    desktop.reflect("Written before any sync.")
    with app_on(desktop) as app:
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await until(pilot, lambda: isinstance(app.screen, DashboardScreen))
            assert not app.screen.query(SyncStatus)
            desktop.ok("sync", "setup", UNREACHABLE)  # from a shell, beside the open app
            app.changed()
            await until(pilot, lambda: bool(app.screen.query(SyncStatus)) and "to send" in _shown(app))
            assert _header(app).display


async def test_the_header_shows_the_last_sync_and_what_waits_at_80_and_120_columns(tmp_path: Path) -> None:
    _laptop, desktop, _ = two_homes(tmp_path)
    desktop.reflect("Waiting to travel.")
    with app_on(desktop) as app:
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await until(pilot, lambda: isinstance(app.screen, DashboardScreen) and _header(app).display)
            pending = sync_state.pending_count(app.journal)
            await until(pilot, lambda: _shown(app).strip() == f"never synced · {pending} to send")
            add_reflection(app.journal, "One more.")
            app.changed()
            await until(pilot, lambda: f"{pending + 1} to send" in _shown(app))
            await pilot.resize_terminal(80, 24)
            await until(pilot, lambda: _header(app).size.width < 20)
            tabs = list(app.screen.query(StageTab))
            assert all(t.region.right <= _header(app).region.x for t in tabs)  # the stages stay whole
            assert f"↑{pending + 1}" in _shown(app) or f"{pending + 1} to send" in _shown(app)
            assert "to send" in str(_header(app).tooltip)


async def test_sync_now_runs_off_the_main_thread_once_and_shows_what_arrived(tmp_path: Path) -> None:
    laptop, desktop, _ = two_homes(tmp_path)
    laptop.reflect("Written on the laptop.")
    laptop.ok("sync")
    with app_on(desktop) as app:
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await until(pilot, lambda: isinstance(app.screen, DashboardScreen))
            before = app.revision
            [command] = [a for a in actions.palette_actions() if a.palette == "sync: Sync now"]
            assert command.keys == "S"
            assert app.syncer.start() is True
            assert app.syncer.start() is False  # a second one while the first runs
            await until(pilot, lambda: "A sync is already running." in toasts(app))
            await until(pilot, lambda: not app.syncer.running)
            await until(pilot, lambda: "received" in toasts(app))
            assert toasts(app).count("Synced with") == 1
            assert app.revision > before
            assert app.syncer.last is not None and app.syncer.last.ok and app.syncer.last.received >= 1
            await pilot.press("j")
            await until(pilot, lambda: "Written on the laptop" in _journal_text(app))
            assert "synced " in _shown(app) and "all sent" in _shown(app)
    assert "Written on the laptop." in desktop.bodies()


def _journal_text(app: IlearnApp) -> str:
    from ilearn_tui.tui.widgets.reflection_list import ReflectionList

    lists = app.screen.query(ReflectionList)
    if not lists:
        return ""
    listing = lists.first()
    return " ".join(r.title for i in range(3) if (r := listing.row(i)) is not None)


async def test_an_unreachable_remote_is_one_line_and_changes_nothing(tmp_path: Path) -> None:
    desktop = Computer(tmp_path / "desktop")
    desktop.reflect("Stays waiting.")
    desktop.ok("sync", "setup", UNREACHABLE)
    with app_on(desktop) as app:
        pending = sync_state.pending_count(app.journal)
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await until(pilot, lambda: isinstance(app.screen, DashboardScreen))
            await pilot.press("S")
            await until(pilot, lambda: "Sync failed:" in toasts(app), seconds=30)
            assert "Traceback" not in toasts(app)
            assert app.syncer.last is not None and not app.syncer.last.ok
            assert "\n" not in app.syncer.last.line
            assert not app.syncer.running and app.sync_phase == ""
            assert isinstance(app.screen, DashboardScreen)  # still running, nothing in the way
        assert sync_state.pending_count(app.journal) == pending
        assert app.journal.get_meta(sync_state.LAST_AT) == ""


async def test_sync_on_start_brings_the_other_computers_records(tmp_path: Path) -> None:
    laptop, desktop, _ = two_homes(tmp_path)
    laptop.reflect("From the laptop, before the desktop opened.")
    laptop.ok("sync")
    with app_on(desktop, sync_on_start=True) as app:
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await until(pilot, lambda: "received" in toasts(app), seconds=30)
            assert not app.syncer.running
    assert "From the laptop, before the desktop opened." in desktop.bodies()


async def test_sync_on_start_with_a_broken_remote_still_opens_the_app(tmp_path: Path) -> None:
    desktop = Computer(tmp_path / "desktop")
    desktop.ok("sync", "setup", UNREACHABLE)
    with app_on(desktop, sync_on_start=True) as app:
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await until(pilot, lambda: "Sync failed:" in toasts(app), seconds=30)
            await pilot.press("j")
            await until(pilot, lambda: app.current_mode == "journal")


async def test_sync_on_quit_sends_before_the_app_ends(tmp_path: Path) -> None:
    laptop, desktop, _ = two_homes(tmp_path)
    with app_on(desktop, sync_on_quit=True) as app:
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await until(pilot, lambda: isinstance(app.screen, DashboardScreen))
            add_reflection(app.journal, "Written just before going home.")
            await pilot.press("ctrl+q")
            await until(pilot, lambda: isinstance(app.screen, QuitSyncScreen) or app.return_code is not None)
            if isinstance(app.screen, QuitSyncScreen):
                text = str(app.screen.query_one("#quit-sync-text", Static).render())
                assert "Syncing before you go… (ctrl+c to skip)" in text
            await until(pilot, lambda: app.return_code is not None, seconds=30)
    _sent, received, _ = summary(laptop.ok("sync"))
    assert received >= 1
    assert "Written just before going home." in laptop.bodies()


async def test_sync_on_quit_with_a_broken_remote_still_quits(tmp_path: Path) -> None:
    desktop = Computer(tmp_path / "desktop")
    desktop.reflect("Left waiting.")
    desktop.ok("sync", "setup", UNREACHABLE)
    with app_on(desktop, sync_on_quit=True) as app:
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await until(pilot, lambda: isinstance(app.screen, DashboardScreen))
            await pilot.press("ctrl+q")
            await until(pilot, lambda: app.return_code is not None, seconds=30)
        assert sync_state.pending_count(app.journal) >= 1


async def test_the_quit_sync_can_be_skipped(tmp_path: Path) -> None:
    _laptop, desktop, _ = two_homes(tmp_path)
    with app_on(desktop) as app:
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await until(pilot, lambda: isinstance(app.screen, DashboardScreen))
            app.push_screen(QuitSyncScreen(app.syncer, wait=60))
            await until(pilot, lambda: isinstance(app.screen, QuitSyncScreen))
            await pilot.press("ctrl+c")
            await until(pilot, lambda: app.return_code is not None, seconds=5)


async def test_sync_on_quit_without_a_remote_quits_at_once(tmp_path: Path) -> None:
    with app_on(Computer(tmp_path / "alone"), sync_on_quit=True) as app:
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await until(pilot, lambda: isinstance(app.screen, DashboardScreen))
            await pilot.press("ctrl+q")
            await until(pilot, lambda: app.return_code is not None, seconds=5)

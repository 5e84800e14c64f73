"""How every screen looks, at 80×24 and 120×40 (SVG snapshots)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import textual.constants
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from ilearn_tui.store.journal import Journal
from ilearn_tui.tui.app import IlearnApp
from tests.sample_journal import fill

SIZES = [(80, 24), (120, 40)]


@pytest.fixture(autouse=True)
def _no_animation(monkeypatch: pytest.MonkeyPatch) -> None:
    """Animations off for every app these tests start, so a frame never depends on timing."""
    monkeypatch.setattr(textual.constants, "TEXTUAL_ANIMATIONS", "none")


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until the app is idle, with every cursor steady (a blink would change the frame)."""
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
    await pilot.pause()


SCREENS: dict[str, list[str]] = {
    "dashboard": [],
    "imagine": ["1"],
    "inspire": ["2"],
    "illuminate": ["3"],
    "innovate": ["4"],
    "infiltrate": ["5"],
    "journal": ["j"],
    "editor": ["j", "enter"],
    "search": ["slash", *"claim"],
    "help": ["question_mark"],
    "goal_form": ["2", "tab", "n"],
    "confirm_delete": ["3", "delete"],
    "goal_detail": ["2", "tab", "i"],
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", list(SCREENS))
def test_screen(
    name: str, size: tuple[int, int], journal: Journal, snap_compare: Callable[..., bool]
) -> None:
    fill(journal)
    app = IlearnApp(journal)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for key in SCREENS[name]:
            await pilot.press(key)
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_export_screen(size: tuple[int, int], journal: Journal, snap_compare: Callable[..., bool]) -> None:
    fill(journal)
    app = IlearnApp(journal)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        pilot.app.screen.query_one("#path", Input).value = "/media/usb/portfolio.md"
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_onboarding(size: tuple[int, int], journal: Journal, snap_compare: Callable[..., bool]) -> None:
    app = IlearnApp(journal)
    assert snap_compare(app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_draft_offered(size: tuple[int, int], journal: Journal, snap_compare: Callable[..., bool]) -> None:
    from ilearn_tui.store.drafts import save_draft

    fill(journal)
    save_draft(journal, "reflection:new", "", "", "Half-written thoughts about lab groups")
    journal.conn.execute("UPDATE drafts SET updated_at = '2025-01-05T10:00:00+00:00'")
    app = IlearnApp(journal)
    assert snap_compare(app, terminal_size=size, run_before=settle)


def test_high_contrast_theme(journal: Journal, snap_compare: Callable[..., bool]) -> None:
    from ilearn_tui.settings import Settings, save_settings

    fill(journal)
    save_settings(journal.locations, Settings(theme="ilearn-high-contrast"))
    app = IlearnApp(journal)
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_renewal_form(size: tuple[int, int], journal: Journal, snap_compare: Callable[..., bool]) -> None:
    fill(journal)
    app = IlearnApp(journal)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.app.run_action("renewal")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_trash(size: tuple[int, int], journal: Journal, snap_compare: Callable[..., bool]) -> None:
    from ilearn_tui.store.reflections import add_reflection, delete_reflection

    fill(journal)
    for title in ("Lab groups, first try", "Exit tickets: what the tally said"):
        delete_reflection(journal, add_reflection(journal, f"{title}. Notes.", title=title, day="2024-10-02"))
    # Fixed deletion times, so the frame does not depend on when the test runs.
    journal.conn.execute(
        "UPDATE trash SET deleted_at = '2024-10-03T09:0' || rowid || ':00+00:00'"
    )
    app = IlearnApp(journal)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.app.run_action("trash")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)

"""How sync looks in the app, at 80×24 and 120×40: the header with a remote, the Conflicts view."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import textual.constants
from textual.pilot import Pilot

from ilearn_tui.store import sync_state
from ilearn_tui.store.journal import Journal
from ilearn_tui.sync import engine
from ilearn_tui.tui.app import IlearnApp
from tests.sample_journal import fill
from tests.sync.helpers import Computer, two_homes
from tests.tui.sync_homes import app_on, make_conflicts
from tests.tui.test_snapshots import SIZES, settle


@pytest.fixture(autouse=True)
def _no_animation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textual.constants, "TEXTUAL_ANIMATIONS", "none")


def _synced_yesterday(journal: Journal) -> None:
    """'synced yesterday' whatever the day the snapshot is taken (a clock time would not be)."""
    journal.set_meta(sync_state.LAST_AT, (datetime.now().astimezone() - timedelta(days=1)).isoformat())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_header_with_a_remote(
    size: tuple[int, int], journal: Journal, tmp_path: Path, snap_compare: Callable[..., bool]
) -> None:
    fill(journal)
    (tmp_path / "usb").mkdir()
    engine.setup(journal, str(tmp_path / "usb" / "journal"))
    _synced_yesterday(journal)
    assert snap_compare(IlearnApp(journal), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_conflicts_view(size: tuple[int, int], tmp_path: Path, snap_compare: Callable[..., bool]) -> None:
    laptop, desktop, _ = two_homes(tmp_path)
    with laptop.journal() as journal:
        fill(journal)
    make_conflicts(laptop, desktop, ["Lesson study", "Exit tickets"])
    _open_conflicts(desktop, size, snap_compare)


def _open_conflicts(desktop: Computer, size: tuple[int, int], snap_compare: Callable[..., bool]) -> None:
    with app_on(desktop) as app:
        _synced_yesterday(app.journal)

        async def run_before(pilot: Pilot[Any]) -> None:
            await settle(pilot)
            await pilot.app.run_action("conflicts")
            await settle(pilot)

        assert snap_compare(app, terminal_size=size, run_before=run_before)

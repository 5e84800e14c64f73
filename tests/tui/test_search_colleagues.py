"""Colleagues' items in the app's search: named with their author, opened read-only in the groups view."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import textual.constants
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from ilearn_tui.domain.colleagues import Received
from ilearn_tui.store import colleagues
from ilearn_tui.store.groups import add_group, set_group_remote
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.reflections import add_reflection
from ilearn_tui.store.search import plain
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.screens.groups import GroupsScreen
from ilearn_tui.tui.screens.search import SearchScreen
from tests.tui.test_groups_screen import JO, _item, with_colleagues
from tests.tui.waiting import showing, until


@pytest.fixture(autouse=True)
def _no_animation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textual.constants, "TEXTUAL_ANIMATIONS", "none")


def _journal_with_colleagues(journal: Journal, tmp_path: Path) -> None:
    """Ana's "Wait time" in the PLC; a cohort that sorts first and has an item of its own."""
    with_colleagues(journal, tmp_path)
    cohort = add_group(journal, "Algebra cohort", "cohort", ["Jo Park"])
    set_group_remote(journal, cohort, str(tmp_path / "cohort.git"))
    item = _item(9, JO, "Number talks", "Counting by sevens, out loud.", "2026-11-20")
    colleagues.replace_group(journal, cohort, [Received(item, "Jo Park")])
    add_reflection(journal, "Counting the seconds of wait time.", title="My own wait time")


async def _shot(app: IlearnApp, pilot: Pilot[None], name: str) -> None:
    """An SVG of the screen to look at, when ILEARN_SCREENSHOTS names a folder."""
    folder = os.environ.get("ILEARN_SCREENSHOTS")
    if folder:
        await pilot.pause()
        app.save_screenshot(filename=f"{name}.svg", path=folder)


def _lines(results: OptionList) -> list[str]:
    drawn = ["".join(s.text for s in results.render_line(y)).rstrip() for y in range(results.size.height)]
    return [line for line in drawn if line.strip()]


async def _search(app: IlearnApp, pilot: Pilot[None], words: str) -> OptionList:
    await pilot.press("slash")
    await until(pilot, showing(app, SearchScreen, "#results"))
    await pilot.press(*words)
    return app.screen.query_one("#results", OptionList)


async def test_a_colleagues_item_is_found_with_its_author_apart_from_her_own(
    journal: Journal, tmp_path: Path
) -> None:
    _journal_with_colleagues(journal, tmp_path)
    app = IlearnApp(journal)
    async with app.run_test(size=(80, 24)) as pilot:
        results = await _search(app, pilot, "wait time")
        await until(pilot, lambda: results.option_count == 2)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        by_title = {plain(hit.title): hit for hit in screen.hits}
        assert by_title["Wait time"].author == "Ana Lopez" and not by_title["My own wait time"].author
        await _shot(app, pilot, "search-colleague-80x24")
        text = "\n".join(_lines(results))
        assert "reflection from Ana Lopez" in text, text
        assert text.count("colleague") == 1 and text.count(" from ") == 1, text  # hers names no author


async def test_enter_on_a_colleagues_item_opens_its_group_on_it_not_the_editor(
    journal: Journal, tmp_path: Path
) -> None:
    _journal_with_colleagues(journal, tmp_path)
    app = IlearnApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        results = await _search(app, pilot, "doubled")
        await until(pilot, lambda: results.option_count == 1)
        await _shot(app, pilot, "search-colleague-120x40")
        await pilot.press("enter")
        await until(pilot, showing(app, GroupsScreen, "#item-body"))
        screen = app.screen
        groups = screen.query_one("#group-list", OptionList)
        items = screen.query_one("#item-list", OptionList)
        await until(pilot, lambda: items.option_count == 2)
        assert groups.highlighted == 2  # Algebra cohort, Book study, Grade 7 PLC: not the first with items
        assert items.highlighted == 1  # Ana's is the older of the two
        body = str(screen.query_one("#item-body", Static).render())
        assert body.startswith("Wait time") and "Ana Lopez" in body
        assert screen.focused is items
        await _shot(app, pilot, "groups-on-item-120x40")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen))


async def test_an_item_withdrawn_since_it_was_found_opens_the_view_as_usual(
    journal: Journal, tmp_path: Path
) -> None:
    _journal_with_colleagues(journal, tmp_path)
    app = IlearnApp(journal)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(GroupsScreen(item_id="00000077-1111-4222-8333-444455556666"))
        await until(pilot, showing(app, GroupsScreen, "#item-body"))
        groups = app.screen.query_one("#group-list", OptionList)
        await until(pilot, lambda: groups.highlighted == 0)  # the first group with something to read
        assert "Number talks" in str(app.screen.query_one("#item-body", Static).render())

"""The groups view: colleagues' items by group, newest first, replied to or cited, never edited."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import textual.constants
from textual.pilot import Pilot
from textual.widgets import OptionList, Static, TextArea

from ilearn_tui.domain.colleagues import Item, Received
from ilearn_tui.store import colleagues
from ilearn_tui.store.groups import add_group, set_group_remote
from ilearn_tui.store.journal import Journal
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.screens.editor import EditorScreen
from ilearn_tui.tui.screens.groups import NO_GROUPS, GroupsScreen, ReplyScreen
from tests.tui.test_snapshots import SIZES, settle
from tests.tui.waiting import showing, toasts, until

ANA = "0e5a3c1d-9b7f-4e2a-8c6d-1f2e3a4b5c6d"
JO = "6f7e8d9c-0b1a-4c2d-9e3f-a4b5c6d7e8f9"


@pytest.fixture(autouse=True)
def _no_animation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textual.constants, "TEXTUAL_ANIMATIONS", "none")


def _item(n: int, author: str, title: str, body: str, day: str, kind: str = "reflection") -> Item:
    return Item(
        id=f"{n:08x}-1111-4222-8333-444455556666",
        author_id=author,
        kind=kind,
        title=title,
        body=body,
        date=day,
        stage=4 if kind == "reflection" else None,
        published_at=f"{day}T16:00:00+00:00",
    )


def with_colleagues(journal: Journal, tmp_path: Path) -> str:
    journal.set_meta("onboarded", "yes")
    journal.set_meta("teacher_name", "Sam Rivera")
    plc = add_group(journal, "Grade 7 PLC", "plc", ["Ana Lopez", "Jo Park"])
    set_group_remote(journal, plc, str(tmp_path / "plc.git"))
    add_group(journal, "Book study", "book-study", [])
    colleagues.replace_group(
        journal,
        plc,
        [
            Received(
                _item(1, ANA, "Wait time", "Counting to five doubled the hands.", "2026-10-05"), "Ana Lopez"
            ),
            Received(
                _item(
                    2,
                    JO,
                    "Exit tickets [bold]weekly[/bold]",
                    "Three questions.\n\nSorted by Friday.",
                    "2026-11-12",
                ),
                "Jo Park",
            ),
        ],
    )
    return plc


async def test_items_are_listed_newest_first_and_shown_as_plain_text(
    journal: Journal, tmp_path: Path
) -> None:
    with_colleagues(journal, tmp_path)
    app = IlearnApp(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await until(pilot, showing(app, GroupsScreen, "#item-list"))
        screen = app.screen
        items = screen.query_one("#item-list", OptionList)
        await until(pilot, lambda: items.option_count == 2)
        body = str(screen.query_one("#item-body", Static).render())
        assert body.startswith("Exit tickets [bold]weekly[/bold]")  # the newest, its markup as typed
        assert "Jo Park" in body and "Sorted by Friday." in body
        await pilot.press("tab", "down")
        assert "Counting to five" in str(screen.query_one("#item-body", Static).render())
        await pilot.press("shift+tab", "up")  # the book study, sorted first: no repository yet
        assert items.option_count == 0
        assert "has no shared repository yet" in str(screen.query_one("#item-body", Static).render())
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, GroupsScreen))


async def test_a_reply_is_saved_for_the_items_group(journal: Journal, tmp_path: Path) -> None:
    plc = with_colleagues(journal, tmp_path)
    app = IlearnApp(journal)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await app.run_action("groups")
        await until(pilot, showing(app, GroupsScreen, "#item-list"))
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ReplyScreen))
        assert app.screen.focused is app.screen.query_one("#entry-text", TextArea)
        await pilot.press(*"Same here.")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "Reply saved" in toasts(app))
    row = journal.conn.execute(
        "SELECT group_id, kind, body, in_reply_to, to_author FROM publications"
    ).fetchone()
    assert tuple(row) == (plc, "reply", "Same here.", "00000002-1111-4222-8333-444455556666", JO)


async def test_an_empty_reply_saves_nothing(journal: Journal, tmp_path: Path) -> None:
    with_colleagues(journal, tmp_path)
    app = IlearnApp(journal)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.run_action("groups")
        await until(pilot, showing(app, GroupsScreen, "#item-list"))
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ReplyScreen))
        await pilot.press("ctrl+s")
        await until(pilot, showing(app, GroupsScreen, "#item-list"))
    assert journal.conn.execute("SELECT count(*) FROM publications").fetchone()[0] == 0


async def test_citing_opens_a_new_reflection_that_quotes_and_names_the_author(
    journal: Journal, tmp_path: Path
) -> None:
    with_colleagues(journal, tmp_path)
    app = IlearnApp(journal)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.run_action("groups")
        await until(pilot, showing(app, GroupsScreen, "#item-list"))
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, EditorScreen))
        text = app.screen.query_one("#body", TextArea).text
    assert text.startswith("> Three questions.\n>\n> Sorted by Friday.\n>\n> — Jo Park, “Exit tickets")
    assert "in Grade 7 PLC (2026-11-12)" in text


async def test_no_groups_says_how_to_make_one(journal: Journal) -> None:
    journal.set_meta("onboarded", "yes")
    app = IlearnApp(journal)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await app.run_action("groups")
        await until(pilot, showing(app, GroupsScreen, "#item-body"))
        await until(pilot, lambda: str(app.screen.query_one("#item-body", Static).render()) == NO_GROUPS)
        await pilot.press("r")
        await until(pilot, lambda: "Choose a colleague's item" in toasts(app))
        assert isinstance(app.screen, GroupsScreen)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_groups_view(
    size: tuple[int, int], journal: Journal, tmp_path: Path, snap_compare: Callable[..., bool]
) -> None:
    with_colleagues(journal, tmp_path)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.app.run_action("groups")
        await settle(pilot)

    assert snap_compare(IlearnApp(journal), terminal_size=size, run_before=run_before)


async def test_s_syncs_from_the_view_and_what_arrives_is_listed(journal: Journal, tmp_path: Path) -> None:
    from tests.helpers.cli import invoke, ok

    sam, shared = tmp_path / "sam", tmp_path / "plc.git"
    ok(invoke("profile", "--name", "Sam Rivera", home=sam))
    ok(invoke("group", "add", "Grade 7 PLC", home=sam))
    ok(invoke("group", "setup", "Grade", str(shared), home=sam))
    journal.set_meta("onboarded", "yes")
    journal.set_meta("teacher_name", "Ana Lopez")
    set_group_remote(journal, add_group(journal, "Grade 7 PLC", "plc", []), str(shared))
    app = IlearnApp(journal)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await app.run_action("groups")
        await until(pilot, showing(app, GroupsScreen, "#item-list"))
        items = app.screen.query_one("#item-list", OptionList)
        assert items.option_count == 0
        rid = ok(invoke("reflect", "Stems got the quiet table talking.", home=sam))
        ok(invoke("publish", rid, "--to", "Grade", home=sam))
        ok(invoke("sync", home=sam))
        await pilot.press("S")
        await until(pilot, lambda: items.option_count == 1, seconds=30)
        assert "Stems got the quiet table" in str(app.screen.query_one("#item-body", Static).render())
        assert "received 1" in toasts(app)

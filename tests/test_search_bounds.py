"""Search stays bounded on one very large reflection: a bounded snippet and a time budget."""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import partial

import pytest
from textual.widgets import OptionList, Static

from ilearn_tui.store import background_search
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.reflections import add_reflection
from ilearn_tui.store.search import (
    MARK_START,
    WINDOW_CHARS,
    SearchTooSlowError,
    plain,
    search,
    search_in,
)
from ilearn_tui.tui.app import IlearnApp
from tests.tui.waiting import until

WORDS = ["assessment", "a", "an", "all", "students", "learning", "lesson", "talk", "about", "along"]


def big_text(chars: int) -> str:
    rng = random.Random(3)
    words: list[str] = []
    size = 0
    while size < chars:
        words.append(rng.choice(WORDS))
        size += len(words[-1]) + 1
    return " ".join(words)


@pytest.fixture
def big_journal(journal: Journal) -> Journal:
    journal.auto_backup = False
    add_reflection(journal, big_text(1_000_000), title="A very long entry")
    add_reflection(journal, "A short one about gallery walks.", title="Gallery walks")
    with journal.write():  # many rows, so a query has real work to do in SQLite itself
        for n in range(1500):
            add_reflection(journal, f"Entry {n}: all about assessment and talk.", day="2025-10-01")
    return journal


def test_a_one_letter_query_on_a_large_entry_gives_a_short_marked_snippet(big_journal: Journal) -> None:
    hits = search(big_journal, "a", limit=2000)
    long_hit = next(
        h for h in hits if h.title == "A very long entry" or plain(h.title) == "A very long entry"
    )
    assert MARK_START in long_hit.snippet
    assert len(long_hit.snippet) < 400


def test_a_query_past_its_budget_is_stopped_with_a_message(big_journal: Journal) -> None:
    with pytest.raises(SearchTooSlowError, match="took longer than 0 s"):
        search(big_journal, "a a", budget=0.0)
    # The budget is lifted afterwards: the same connection searches normally again.
    assert [plain(h.title) for h in search(big_journal, "gallery")] == ["Gallery walks"]


def test_a_match_past_the_window_is_found_and_shows_the_opening(journal: Journal) -> None:
    filler = "lorem " * (WINDOW_CHARS // 6 + 100)
    rid = add_reflection(journal, f"Opening words here. {filler} zebrafish at the end")
    hits = search(journal, "zebrafish")
    assert [h.id for h in hits] == [rid]
    assert hits[0].snippet.startswith("Opening words here.")
    assert MARK_START not in hits[0].snippet


def test_bad_queries_find_nothing_rather_than_fail(journal: Journal) -> None:
    add_reflection(journal, "Plain text.")
    for query in ("", "   ", '"', "* OR NEAR(", "\x00"):
        assert search(journal, query) == []


async def test_the_search_screen_searches_off_the_ui_thread_and_keeps_the_newest_answer(
    big_journal: Journal, make_app: Callable[..., IlearnApp]
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("slash")
        await pilot.press(*"all")  # matches a large part of the large entry
        await pilot.press(*"xx")  # typed past it at once: no answer for "all" may land last
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace")
        await pilot.press(*"gallery")
        screen = app.screen
        results = screen.query_one("#results", OptionList)
        await until(pilot, lambda: results.option_count == 1)
        await pilot.pause(0.3)
        assert [plain(h.title) for h in screen.hits] == ["Gallery walks"]  # type: ignore[attr-defined]


async def test_the_search_screen_says_when_a_search_took_too_long(
    big_journal: Journal, make_app: Callable[..., IlearnApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The screen's searches run through ``store.background_search``: its budget is the one cut.
    monkeypatch.setattr(background_search, "search_in", partial(search_in, budget=0.0))
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("slash")
        await pilot.press(*"all")
        status = app.screen.query_one("#search-status", Static)
        await until(pilot, lambda: "took longer" in str(status.render()))
        assert app.screen.query_one("#results", OptionList).option_count == 0

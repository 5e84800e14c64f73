"""A long title in a list row wraps under its own first line, never back under the row's date or kind."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import OptionList

from ilearn_tui.domain.colleagues import Received
from ilearn_tui.store import colleagues
from ilearn_tui.store.reflections import add_reflection, delete_reflection
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.hanging import WRAPS, hanging
from ilearn_tui.tui.screens.groups import GroupsScreen
from ilearn_tui.tui.screens.trash import TrashScreen
from tests.tui.test_groups_screen import ANA, _item, with_colleagues
from tests.tui.waiting import showing, until

LONG = "Exit tickets every Friday for a term: what the tally said about who asks for help and who never does"


def drawn_lines(widget: Widget) -> list[str]:
    """The widget's lines as drawn, blank ones left out."""
    lines = ["".join(s.text for s in widget.render_line(y)).rstrip() for y in range(widget.size.height)]
    return [line for line in lines if line.strip()]


async def one_row_drawn(
    pilot: Pilot[Any], action: str, screen: type[Screen[Any]], selector: str
) -> list[str]:
    """Open a view by its action and read the lines of its list once it holds its one row."""
    app = pilot.app
    await app.run_action(action)
    await until(pilot, showing(app, screen, selector))
    listing = app.screen.query_one(selector, OptionList)
    await until(pilot, lambda: listing.option_count == 1)
    await pilot.pause()
    return drawn_lines(listing)


def assert_hangs(lines: list[str], first_words: str, column: int | None = None) -> None:
    """The row holding ``first_words`` wraps onto lines that start exactly at ``column``
    (by default, where those words start)."""
    at = next(n for n, line in enumerate(lines) if first_words in line)
    column = lines[at].index(first_words) if column is None else column
    wrapped = lines[at + 1 : at + 3]
    assert wrapped, lines
    for line in wrapped:
        assert line[:column].strip() == "" and line[column] != " ", (lines[at], line)


def test_a_grid_row_wraps_its_long_column_under_itself() -> None:
    console = Console(width=40, record=True, color_system=None)
    console.print(hanging([(Text("2026-10-01"), Text(LONG))], [10, WRAPS], indent=2))
    lines = [line for line in console.export_text().splitlines() if line.strip()]
    assert len(lines) > 2 and lines[0].startswith("  2026-10-01 Exit"), lines
    assert_hangs(lines, "Exit")


def test_numbers_in_a_right_aligned_column_line_up() -> None:
    console = Console(width=40, record=True, color_system=None)
    rows = [(Text("walk"), Text("1.5 h")), (Text("course"), Text("15 h"))]
    console.print(hanging(rows, [10, 6], right={1}))
    first, second = console.export_text().splitlines()[:2]
    assert first.index("h") == second.index("h"), (first, second)


async def test_the_trash_wraps_a_long_title_under_itself(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    delete_reflection(app.journal, add_reflection(app.journal, "Notes.", title=LONG))
    async with app.run_test(size=(80, 24)) as pilot:
        lines = await one_row_drawn(pilot, "trash", TrashScreen, "#trash-items")
        label = next(line for line in lines if "Exit tickets" in line)
        # The label opens with the reflection's date: the wrapped lines start under that.
        assert_hangs(lines, "Exit tickets", label.index("Exit tickets") - len("2026-12-02 "))


async def test_a_colleagues_long_title_wraps_under_the_author_not_the_date(
    make_app: Callable[..., IlearnApp], tmp_path: Path
) -> None:
    app = make_app()
    plc = with_colleagues(app.journal, tmp_path)
    colleagues.replace_group(
        app.journal, plc, [Received(_item(3, ANA, LONG, "Notes.", "2026-11-20"), "Ana Lopez")]
    )
    async with app.run_test(size=(80, 24)) as pilot:
        lines = await one_row_drawn(pilot, "groups", GroupsScreen, "#item-list")
        assert lines[0].startswith("2026-11-20 Ana Lopez"), lines
        assert_hangs(lines, "Ana Lopez")

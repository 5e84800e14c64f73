"""Stage tables use the width they have: dates, hours and status always, the rest as it fits."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import DataTable, Static

from ilearn_tui.domain.forms import KINDS
from ilearn_tui.store.records import save_record
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.columns import CELL_PADDING, fit
from ilearn_tui.tui.screens.stage import StageScreen
from tests.tui.waiting import until

ACTIVITY = KINDS["activity"].columns  # date, type, title, hours, status
HEADERS = list(ACTIVITY)
LONG_TITLE = "District workshop on academic discourse and talk moves for every science class, part two"


def _cells(title: str = LONG_TITLE) -> list[list[str]]:
    return [["2026-11-20", "workshop", title, "3.5", "done"]]


def test_everything_fits_whole_when_there_is_room() -> None:
    widths = fit(ACTIVITY, HEADERS, _cells(), 200, "title")
    assert list(widths) == list(ACTIVITY)
    assert widths["title"] == len(LONG_TITLE)  # no 50-character stop


@pytest.mark.parametrize("width", [40, 50, 60, 76, 100])
def test_dates_hours_and_status_are_never_dropped_or_cut(width: int) -> None:
    widths = fit(ACTIVITY, HEADERS, _cells(), width, "title")
    assert widths["date"] == 10 and widths["hours"] == len("hours") and widths["status"] == len("status")
    assert sum(w + CELL_PADDING for w in widths.values()) <= max(width, 10 + 5 + 6 + 16 + 4 * CELL_PADDING)


def test_the_title_gives_way_before_a_column_is_dropped_and_the_least_needed_goes_first() -> None:
    at_76 = fit(ACTIVITY, HEADERS, _cells(), 76, "title")
    assert "type" in at_76 and at_76["title"] < len(LONG_TITLE)
    narrow = fit(ACTIVITY, HEADERS, _cells(), 50, "title")
    assert "type" not in narrow and "title" in narrow
    columns = KINDS["share"].columns
    share = fit(columns, list(columns), [["2026-11-20", "local", "x" * 40, "y" * 30]], 44, "title")
    assert "venue" not in share and "audience" in share  # venue is the least needed of the two


def test_empty_tables_take_their_headers_width() -> None:
    widths = fit(ACTIVITY, HEADERS, [], 80, "title")
    assert widths == {c: len(c) for c in ACTIVITY}


def _activity(app: IlearnApp, title: str) -> None:
    values: dict[str, object] = {
        "type": "workshop",
        "title": title,
        "date": "2026-11-20",
        "hours": 3.5,
        "status": "done",
    }
    save_record(app.journal, KINDS["activity"], values, cycle_id=app.ensure_cycle())


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (120, 40)])
async def test_stage_three_shows_hours_and_status_and_the_row_in_full(
    size: tuple[int, int], make_app: Callable[..., IlearnApp]
) -> None:
    app = make_app()
    _activity(app, LONG_TITLE)
    async with app.run_test(size=size) as pilot:
        await pilot.press("3")
        await until(pilot, lambda: isinstance(app.screen, StageScreen))
        table = app.screen.query_one("#table-activity", DataTable)
        await until(pilot, lambda: table.row_count == 1)
        keys = [str(c.value) for c in table.columns]
        assert {"date", "hours", "status"} <= set(keys)
        assert sum(c.get_render_width(table) for c in table.columns.values()) <= size[0]
        detail = app.screen.query_one("#row-detail", Static)
        await until(pilot, lambda: LONG_TITLE in str(detail.render()))
        assert "hours 3.5" in str(detail.render()) and "status done" in str(detail.render())


async def test_a_resize_lays_the_table_out_again(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    _activity(app, LONG_TITLE)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await until(pilot, lambda: isinstance(app.screen, StageScreen))
        table = app.screen.query_one("#table-activity", DataTable)
        await until(pilot, lambda: table.row_count == 1)
        wide = table.columns[next(k for k in table.columns if k.value == "title")].width
        await pilot.resize_terminal(70, 24)
        await until(
            pilot,
            lambda: (
                "type" not in [str(c.value) for c in table.columns]
                or table.columns[next(k for k in table.columns if k.value == "title")].width < wide
            ),
        )
        assert {"date", "hours", "status"} <= {str(c.value) for c in table.columns}


@pytest.mark.parametrize("stage", [3, 5])
async def test_a_stage_with_one_long_list_scrolls_only_the_list(
    stage: int, make_app: Callable[..., IlearnApp]
) -> None:
    app = make_app()
    for n in range(30):
        if stage == 3:
            _activity(app, f"Workshop {n}")
        else:
            values = {"audience": "local", "title": f"Share {n}", "date": "2026-10-01"}
            save_record(app.journal, KINDS["share"], values, cycle_id=app.ensure_cycle())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(str(stage))
        await until(pilot, lambda: isinstance(app.screen, StageScreen))
        table = app.screen.query_one(DataTable)
        await until(pilot, lambda: table.row_count == 30)
        await pilot.pause()
        page = table.parent
        assert page is not None and page.max_scroll_y == 0 and not page.show_vertical_scrollbar
        assert table.max_scroll_y > 0 and table.show_vertical_scrollbar  # one scroll bar: the list's
        assert table.region.bottom <= app.screen.query_one("#row-detail").region.y
        await pilot.press(*["down"] * 29)  # the list follows its cursor to the last row
        await until(pilot, lambda: table.cursor_row == 29 and table.scroll_y == table.max_scroll_y)

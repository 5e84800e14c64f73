"""The coverage screen: from the palette and from Innovate, the same view as ``ilearn framework``."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import DataTable, Select

from ilearn_tui.domain.frameworks import FRAMEWORKS
from ilearn_tui.store import coverage
from ilearn_tui.store.evidence import add_evidence
from ilearn_tui.store.reflections import add_reflection
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.screens.coverage import CoverageScreen
from ilearn_tui.tui.screens.dashboard import DashboardScreen
from ilearn_tui.tui.screens.stage import StageScreen
from tests.tui.waiting import showing, until


def _tagged(app: IlearnApp) -> None:
    coverage.set_framework(app.journal, "danielson")
    chosen = FRAMEWORKS["danielson"]
    eid = add_evidence(app.journal, "https://example.org/plan", title="Unit plan [b]not markup[/b]")
    rid = add_reflection(app.journal, "Wait time doubled the answers.", title="Wait time")
    coverage.tag(app.journal, "evidence", eid, chosen, ["1e", "3b"])
    coverage.tag(app.journal, "reflection", rid, chosen, ["3b"])


def _rows(screen: CoverageScreen) -> dict[str, str]:
    table = screen.query_one("#coverage-table", DataTable)
    return {
        str(key.value): " ".join(str(cell) for cell in table.get_row(key))
        for key in (row.key for row in table.ordered_rows)
    }


async def test_the_palette_opens_the_coverage_and_the_framework_can_change(
    make_app: Callable[..., IlearnApp],
) -> None:
    app = make_app()
    _tagged(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, DashboardScreen))
        [command] = [c for c in app.get_system_commands(app.screen) if c.title.startswith("framework:")]
        app.call_later(command.callback)
        await until(pilot, showing(app, CoverageScreen, "#coverage-table"))
        screen = app.screen
        assert isinstance(screen, CoverageScreen)
        rows = _rows(screen)
        assert rows["3b"].endswith("2 items")
        assert "· Unit plan [b]not markup[/b] (evidence)" in rows["3b"]
        assert "· Wait time (reflection)" in rows["3b"]
        assert "nothing yet" in rows["2a"]
        assert "2 of 22 components evidenced" in str(screen.query_one("#coverage-summary").render())
        screen.query_one("#framework", Select).value = "marzano"
        await until(pilot, lambda: "of 23 components" in str(screen.query_one("#coverage-summary").render()))
        assert coverage.framework(app.journal) is FRAMEWORKS["marzano"]
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, CoverageScreen))


async def test_c_on_innovate_opens_it_and_only_there(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    _tagged(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, DashboardScreen))
        await pilot.press("3")
        await until(pilot, lambda: isinstance(app.screen, StageScreen) and app.screen.stage == 3)
        await pilot.press("c")
        await pilot.pause()
        assert not isinstance(app.screen, CoverageScreen)
        await pilot.press("4")
        await until(pilot, lambda: isinstance(app.screen, StageScreen) and app.screen.stage == 4)
        await pilot.press("c")
        await until(pilot, showing(app, CoverageScreen, "#coverage-table"))
        rows = _rows(app.screen)  # type: ignore[arg-type]
        assert "Wait time" in rows["3b"]


async def test_at_80_columns_every_title_shows_under_its_component(
    make_app: Callable[..., IlearnApp],
) -> None:
    from ilearn_tui.tui.screens.coverage import SHOWN_ITEMS, TAGGING

    app = make_app()
    _tagged(app)
    chosen = FRAMEWORKS["danielson"]
    long_title = "A long title for a unit plan on fractions and decimals, week 3"
    for n in range(SHOWN_ITEMS + 1):
        eid = add_evidence(app.journal, f"https://example.org/{n}", title=f"{long_title} ({n})")
        coverage.tag(app.journal, "evidence", eid, chosen, ["4e"])
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, DashboardScreen))
        app.action_coverage()
        await until(pilot, showing(app, CoverageScreen, "#coverage-table"))
        screen = app.screen
        assert isinstance(screen, CoverageScreen)
        table = screen.query_one("#coverage-table", DataTable)
        # The columns fit the dialog: nothing is left past its right edge to scroll to.
        assert table.virtual_size.width <= table.size.width
        rows = _rows(screen)
        assert rows["4e"].endswith(f"{SHOWN_ITEMS + 1} items")
        assert f"{long_title} (0)" in rows["4e"] and "· and 1 more" in rows["4e"]
        height = next(row.height for row in table.ordered_rows if row.key.value == "4e")
        assert height >= SHOWN_ITEMS + 2  # the name, five titles and "and 1 more", each a line
        # The framework's caveat closes the list; the line under it says how to tag in the app.
        assert list(rows)[-2:] == ["about", "note"] and chosen.note.split()[0] in rows["note"]
        assert TAGGING in str(screen.query_one("#coverage-status").render())

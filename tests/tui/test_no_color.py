"""With ``NO_COLOR`` set, every theme the app offers stays readable, and no state is told by
colour alone: the stage bar, the key bar, a tick box, a status and the selected row.

The screen is taken as the terminal gets it: the app's own output filters (Textual turns
colours into greys under ``NO_COLOR``) applied to every rendered line.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rich.color import Color as RichColor
from rich.segment import Segment, Segments
from textual.color import Color
from textual.widgets import DataTable, Input

import ilearn_tui.tui.app as app_module
from ilearn_tui.store.journal import Journal
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.screens.export import ExportScreen
from ilearn_tui.tui.screens.stage import StageScreen
from ilearn_tui.tui.themes import load_themes, shipped_themes_dir
from ilearn_tui.tui.widgets.tick_box import TickBox
from tests.sample_journal import fill
from tests.tui.waiting import showing, until

Line = list[Segment]


def terminal_lines(app: IlearnApp) -> list[Line]:
    lines = []
    for strip in app.screen._compositor.render_strips():
        segments = list(strip)
        for line_filter in app._filters:
            segments = line_filter.apply(segments, Color(0, 0, 0))
        lines.append(segments)
    return lines


def text(line: Line) -> str:
    return "".join(s.text for s in line)


def _grey(colour: RichColor | None) -> float:
    triplet = colour.get_truecolor() if colour is not None else None
    if triplet is None:
        return 0.0
    return (0.299 * triplet.red + 0.587 * triplet.green + 0.114 * triplet.blue) / 255


def contrast(segment: Segment) -> float:
    style = segment.style
    if style is None:
        return 1.0
    fg, bg = _grey(style.color), _grey(style.bgcolor)
    return abs(bg - fg) if not style.reverse else abs(fg - bg)


def _words(segment: Segment) -> str:
    """The segment's letters and symbols, without the frames and half blocks that draw widgets."""
    return "".join(c for c in segment.text if not "\u2500" <= c <= "\u259f").strip()


def readable(line: Line, minimum: float = 0.25) -> bool:
    """Every letter or symbol stands out from its background in grey alone."""
    return all(contrast(s) >= minimum for s in line if _words(s))


def row_with(lines: list[Line], words: str) -> Line:
    return next(line for line in lines if words in text(line))


@pytest.fixture
def app(journal: Journal, monkeypatch: pytest.MonkeyPatch) -> IlearnApp:
    monkeypatch.setenv("NO_COLOR", "1")
    fill(journal)
    journal.set_meta("onboarded", "yes")
    made = IlearnApp(journal)
    assert made.no_color
    return made


def test_every_shipped_theme_is_offered(app: IlearnApp) -> None:
    shipped, _ = load_themes([shipped_themes_dir()])
    assert {t.name for t in shipped} <= set(app.available_themes)
    assert not [name for name, theme in app.available_themes.items() if theme.ansi]


async def test_every_theme_reads_without_colour(app: IlearnApp, make_app: Callable[..., IlearnApp]) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3")
        await until(pilot, showing(app, StageScreen, "#table-activity"))
        table = app.screen.query_one("#table-activity", DataTable)
        await until(pilot, lambda: table.row_count > 1 and app.screen.focused is table)
        themes = sorted(app.available_themes)
        assert len(themes) > 10
        for theme in themes:
            app.theme = theme
            await pilot.pause()
            lines = terminal_lines(app)
            stage_bar, key_bar = lines[0], lines[-1]
            # The next stage to work on has ▸, each stage its status symbol, the one on screen
            # is underlined.
            assert "▸" in text(stage_bar) and "●" in text(stage_bar), (theme, text(stage_bar))
            shown = [s for s in stage_bar if "Illuminate" in s.text]
            assert shown and all(s.style is not None and s.style.underline for s in shown), theme
            assert readable(stage_bar), theme
            assert "^q Quit" in text(key_bar) and readable(key_bar), (theme, text(key_bar))
            first, second = row_with(lines, "Talk Science Primer"), row_with(lines, "Peer coaching")
            assert "done" in text(first) or "planned" in text(first), (theme, text(first))
            assert readable(first) and readable(second), theme
            # The selected row (the first) stands apart from the next in grey or by its weight.
            a, b = (next(s for s in row if s.text.strip()) for row in (first, second))
            assert a.style is not None and b.style is not None
            apart = abs(_grey(a.style.bgcolor) - _grey(b.style.bgcolor)) >= 0.15
            assert apart or a.style.bold != b.style.bold or a.style.reverse != b.style.reverse, theme

        await pilot.press("e")
        await until(pilot, showing(app, ExportScreen, "#private"))
        app.screen.query_one("#private", TickBox).value = True
        app.screen.query_one("#path", Input).value = "/nowhere/at/all/p.md"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: bool(app.screen.query_one("#export-error").display))
        for theme in themes:
            app.theme = theme
            await pilot.pause()
            lines = terminal_lines(app)
            tick = row_with(lines, "Include private reflections")
            assert "✓" in text(tick) and readable(tick), (theme, text(tick))
            error = row_with(lines, "does not exist")
            assert "⚠" in text(error) and readable(error), (theme, text(error))


class AsTheTerminalGetsIt(IlearnApp):
    """Screenshots with the app's output filters applied, so a snapshot shows NO_COLOR's greys."""

    CSS_PATH = str(Path(app_module.__file__).with_name("app.tcss"))  # relative to its own module

    def export_screenshot(self, *, title: str | None = None, simplify: bool = False) -> str:
        import io

        from rich.console import Console

        width, height = self.size
        console = Console(
            width=width, height=height, file=io.StringIO(), force_terminal=True,
            color_system="truecolor", record=True, legacy_windows=False, safe_box=False,
        )
        segments: list[Segment] = []
        for number, line in enumerate(terminal_lines(self)):
            segments += [Segment.line()] if number else []
            segments += line
        console.print(Segments(segments))
        return console.export_svg(title=title or self.title)


def test_no_color_snapshot(
    journal: Journal, monkeypatch: pytest.MonkeyPatch, snap_compare: Callable[..., bool]
) -> None:
    """Stage 3 of the default theme as a NO_COLOR terminal shows it (look at it as a picture)."""
    import textual.constants

    monkeypatch.setattr(textual.constants, "TEXTUAL_ANIMATIONS", "none")
    monkeypatch.setenv("NO_COLOR", "1")
    fill(journal)
    journal.set_meta("onboarded", "yes")
    app = AsTheTerminalGetsIt(journal)
    assert snap_compare(app, terminal_size=(80, 24), press=["3"])

"""The app's export screen: HTML, packets and folder exports, as a teacher would use them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input, Select

from ilearn_tui.settings import load_settings
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.screens.confirm import ConfirmScreen
from ilearn_tui.tui.screens.export import FORMATS, ExportScreen
from tests.helpers.export_data import fill_with_files


async def run_export(app: IlearnApp, choice: str, path: str, *, keys: tuple[str, ...] = ()) -> str:
    """Open the screen, pick ``choice``, type ``path``, export; return the result line."""
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#format", Select).value = choice
        await pilot.pause()
        app.screen.query_one("#path", Input).value = path
        await pilot.press("ctrl+s")
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        error = str(screen.query_one("#export-error").render())
        return error or str(screen.query_one("#export-result").render())


def test_the_formats_on_offer() -> None:
    assert ("HTML showcase (.html)", "html") in FORMATS
    assert [value for _, value in FORMATS] == [
        *("md", "html", "review", "renewal", "json", "archive", "pdf", "review-pdf")
    ]


async def test_html_showcase_into_a_new_folder(make_app: Callable[..., IlearnApp], tmp_path: Path) -> None:
    app = make_app()
    fill_with_files(app.journal, tmp_path / "src")
    message = await run_export(app, "html", f"{tmp_path / 'showcase'}/")
    assert message.startswith("Wrote") and "4 evidence files copied" in message, message
    assert (tmp_path / "showcase" / "index.html").read_text().startswith("<!DOCTYPE html>")
    assert len(list((tmp_path / "showcase" / "evidence").iterdir())) == 4


async def test_an_existing_folder_asks_before_replacing(
    make_app: Callable[..., IlearnApp], tmp_path: Path
) -> None:
    app = make_app()
    fill_with_files(app.journal, tmp_path / "src")
    target = tmp_path / "stick"
    target.mkdir()
    (target / "portfolio.md").write_text("old")
    (target / "mine.txt").write_text("keep")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert (target / "portfolio.md").read_text().startswith("# Professional learning portfolio")
    assert (target / "mine.txt").read_text() == "keep"


async def test_a_file_given_as_a_folder_is_refused(
    make_app: Callable[..., IlearnApp], tmp_path: Path
) -> None:
    app = make_app()
    (tmp_path / "afile").write_text("x")
    message = await run_export(app, "md", f"{tmp_path / 'afile'}/")
    assert "is a file, not a folder" in message
    assert (tmp_path / "afile").read_text() == "x"


async def test_review_packet_from_the_app(make_app: Callable[..., IlearnApp], tmp_path: Path) -> None:
    app = make_app()
    fill_with_files(app.journal, tmp_path / "src")
    target = tmp_path / "review.md"
    message = await run_export(app, "review", str(target))
    assert message.startswith("Wrote"), message
    text = target.read_text()
    assert text.startswith("# Annual review packet — Robin Okafor") and "2024–25" in text
    assert "goal in this cycle yet" not in text  # no renewal rule chosen: no state's rule on goals


async def test_the_app_review_packet_follows_the_massachusetts_preset(
    make_app: Callable[..., IlearnApp], tmp_path: Path
) -> None:
    app = make_app()
    app.settings.renewal = {"preset": "MA", "start": "2024-07-01"}
    fill_with_files(app.journal, tmp_path / "src")
    target = tmp_path / "review.md"
    assert (await run_export(app, "review", str(target))).startswith("Wrote")
    assert "Massachusetts asks for at least one student-learning" in target.read_text()


async def test_choosing_a_format_renames_the_default_file(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        path = app.screen.query_one("#path", Input)
        select = app.screen.query_one("#format", Select)
        for choice, ending in (("html", ".html"), ("review", ".md"), ("json", ".json")):
            select.value = choice
            await pilot.pause()
            assert path.value.endswith(ending), path.value
        select.value = "review"
        await pilot.pause()
        assert Path(path.value).name.startswith("review-packet-")


async def test_a_damaged_settings_file_stops_a_shared_export(
    make_app: Callable[..., IlearnApp], tmp_path: Path
) -> None:
    """The app cannot tell which names to redact, so it says so instead of sharing them."""
    app = make_app()
    app.journal.locations.settings_path.parent.mkdir(parents=True, exist_ok=True)
    app.journal.locations.settings_path.write_text('{"redact_names": ["Jordan"],}')
    app.settings = load_settings(app.journal.locations)
    target = tmp_path / "portfolio.md"
    message = await run_export(app, "md", str(target))
    assert message.startswith("✗ Not exported:") and "names to redact are unknown" in message, message
    assert not target.exists()


async def test_a_typed_name_picks_the_format_by_the_cli_rule(
    make_app: Callable[..., IlearnApp], tmp_path: Path
) -> None:
    """Typing show.html switches the choice to HTML; a .pdf name keeps a packet, as a bound PDF."""
    app = make_app()
    fill_with_files(app.journal, tmp_path / "src")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        select = app.screen.query_one("#format", Select)
        path = app.screen.query_one("#path", Input)
        path.value = str(tmp_path / "show.html")
        await pilot.pause()
        assert select.value == "html"
        path.value = str(tmp_path / "data.json")
        await pilot.pause()
        assert select.value == "json"
        select.value = "review"
        await pilot.pause()
        path.value = str(tmp_path / "meeting.md")  # Markdown: the packet stays chosen
        await pilot.pause()
        assert select.value == "review"
        path.value = str(tmp_path / "print.pdf")  # the packet comes as a PDF too: it stays chosen
        await pilot.pause()
        assert select.value == "review-pdf"
        select.value = "md"
        await pilot.pause()
        path.value = str(tmp_path / "folio.pdf")
        await pilot.pause()
        assert select.value == "pdf"
        path.value = str(tmp_path / "print.pdf")
        select.value = "review-pdf"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert (tmp_path / "print.pdf").read_bytes().startswith(b"%PDF-")


async def test_replacing_a_file_asks_first(make_app: Callable[..., IlearnApp], tmp_path: Path) -> None:
    app = make_app()
    fill_with_files(app.journal, tmp_path / "src")
    target = tmp_path / "page.html"
    target.write_text("mine")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "page.html already exists. Replace it?" in app.screen.question
        await pilot.press("escape")
        await app.workers.wait_for_complete()
    assert target.read_text() == "mine"
    message = await run_export(make_app(), "html", str(target), keys=("y",))
    assert message.startswith("Wrote"), message
    assert target.read_text().startswith("<!DOCTYPE html>")

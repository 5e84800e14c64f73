"""The export dialog as a teacher meets it: typing goes to the path, the name picks the format,
one file or a folder is a choice, and the result stays on the dialog with its folder."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input, Select

from ilearn_tui.store.reflections import add_reflection
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.screens.export import PRIVATE_LABEL, ExportScreen, as_shape, default_path
from ilearn_tui.tui.widgets.key_bar import KeyBar
from ilearn_tui.tui.widgets.tick_box import TickBox
from tests.tui.waiting import showing, until


def result_line(app: IlearnApp) -> str:
    return str(app.screen.query_one("#export-result").render())


async def test_a_path_typed_at_once_is_used_and_the_name_picks_the_format(
    make_app: Callable[..., IlearnApp], tmp_path: Path
) -> None:
    app = make_app()
    target = tmp_path / "show.html"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", *str(target), "ctrl+s")  # no pause: the path has focus at once
        await app.workers.wait_for_complete()
        await until(pilot, lambda: "Wrote" in result_line(app))
        assert app.screen.query_one("#format", Select).value == "html"
        assert app.screen.query_one("#shape", Select).value == "file"
        line = result_line(app)
        assert f"Wrote {target}" in line and f"Its folder: {tmp_path}" in line, line
        assert not app._notifications, "the result is on the dialog, not a toast over its buttons"
    assert target.read_text().startswith("<!DOCTYPE html>")


async def test_a_folder_is_an_explicit_choice(make_app: Callable[..., IlearnApp], tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await until(pilot, showing(app, ExportScreen, "#shape"))
        app.screen.query_one("#path", Input).value = str(tmp_path / "folio.md")
        await pilot.pause()
        app.screen.query_one("#shape", Select).value = "folder"
        await pilot.pause()
        assert app.screen.query_one("#path", Input).value == f"{tmp_path / 'folio'}{os.sep}"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await until(pilot, lambda: "Wrote" in result_line(app))
    assert (tmp_path / "folio" / "portfolio.md").is_file()


async def test_the_default_is_dated_under_the_documents_folder(
    make_app: Callable[..., IlearnApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path / "Docs"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await until(pilot, showing(app, ExportScreen, "#path"))
        value = Path(app.screen.query_one("#path", Input).value)
        assert value == default_path("md") and value.parent == tmp_path / "Docs" / "ilearn"
        assert value.parent != Path.home()
        await pilot.press("ctrl+s")  # the dialog's own folder is made when first used
        await app.workers.wait_for_complete()
        await until(pilot, lambda: "Wrote" in result_line(app))
    assert value.is_file()


async def test_private_reflections_are_left_out_unless_ticked(
    make_app: Callable[..., IlearnApp], tmp_path: Path
) -> None:
    app = make_app()
    add_reflection(app.journal, "a secret thought", title="Only mine", private=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await until(pilot, showing(app, ExportScreen, "#private"))
        box = app.screen.query_one("#private", TickBox)
        assert box.value is False and str(box.label) == PRIVATE_LABEL
        app.screen.query_one("#path", Input).value = str(tmp_path / "p.md")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await until(pilot, lambda: "Wrote" in result_line(app))
    assert "a secret thought" not in (tmp_path / "p.md").read_text()


@pytest.mark.parametrize("have_opener", [True, False])
async def test_open_folder_uses_the_desktop_opener_only_if_there_is_one(
    make_app: Callable[..., IlearnApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, have_opener: bool
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    asked = tmp_path / "asked.txt"
    if have_opener:
        opener = bin_dir / "xdg-open"
        opener.write_text(f'#!/bin/sh\necho "$1" > {asked}\n')
        opener.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    app = make_app()
    out = tmp_path / "out"
    out.mkdir()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await until(pilot, showing(app, ExportScreen, "#path"))
        app.screen.query_one("#path", Input).value = str(out / "p.md")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await until(pilot, lambda: "Wrote" in result_line(app))
        line = result_line(app)
        assert ("ctrl+o opens it" in line) is have_opener, line
        assert ("copy this path" in line) is not have_opener, line
        assert app.screen.query_one("#open").display is have_opener
        bar = app.screen.query_one(KeyBar)
        await until(pilot, lambda: ("^o Open folder" in str(bar.render())) is have_opener)
        await pilot.press("ctrl+o")
        await pilot.pause()
        if have_opener:
            await until(pilot, asked.exists)
            assert asked.read_text().strip() == str(out)
        assert isinstance(app.screen, ExportScreen)  # failing quietly: the dialog stays


def test_shapes_make_the_name_say_what_was_chosen(tmp_path: Path) -> None:
    assert as_shape(f"{tmp_path}/folio.md", "folder", "md") == f"{tmp_path}/folio{os.sep}"
    assert as_shape(f"{tmp_path}/folio/", "file", "html") == f"{tmp_path}/folio.html"
    assert as_shape(f"{tmp_path}/folio", "file", "md") == f"{tmp_path}/folio.md"
    assert as_shape(f"{tmp_path}/keep.json", "file", "md") == f"{tmp_path}/keep.json"
    assert as_shape("  ", "file", "md") == ""

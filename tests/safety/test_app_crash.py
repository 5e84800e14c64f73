"""An unexpected error in the app: the command exits non-zero with one line; drafts are kept."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot

from ilearn_tui.cli import interactive
from ilearn_tui.locations import resolve
from ilearn_tui.store.drafts import list_drafts
from ilearn_tui.store.journal import open_journal
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.crash import CRASH_REPORT
from ilearn_tui.tui.launch import FullScreenApp
from ilearn_tui.tui.screens.editor import EditorScreen
from tests.tui.waiting import showing, until


def _boom() -> None:
    raise RuntimeError("something [/b] broke")


def _run_headless(pilot_script):  # type: ignore[no-untyped-def]
    def run(self: IlearnApp) -> None:
        App.run(self, headless=True, size=(100, 30), auto_pilot=pilot_script)

    return run


def _args(home: Path) -> argparse.Namespace:
    return argparse.Namespace(command=None, home=home)


def _mark_onboarded(home: Path) -> None:
    with open_journal(resolve(home)) as journal:
        journal.set_meta("onboarded", "yes")


def test_a_crash_exits_1_with_one_line_and_keeps_the_draft(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _mark_onboarded(home)

    async def crash(pilot: Pilot[None]) -> None:
        app = pilot.app
        await pilot.press("j", "n")
        await until(pilot, showing(app, EditorScreen, "#body"))
        await pilot.press(*"typed before the crash")
        app.call_later(_boom)
        await pilot.pause(5)  # the crash ends the app before this pause does

    monkeypatch.setattr(IlearnApp, "run", _run_headless(crash))
    monkeypatch.setattr(interactive.sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(interactive.sys.stdout, "isatty", lambda: True, raising=False)
    code = interactive.run(_args(home), FullScreenApp)
    err = capsys.readouterr().err
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(
        "ilearn: the app stopped on an unexpected error (RuntimeError: something [/b] broke)"
    )
    assert "Traceback" not in err
    report = resolve(home).data_dir / CRASH_REPORT
    assert "something [/b] broke" in report.read_text()
    with open_journal(resolve(home)) as journal:
        assert [d.body for d in list_drafts(journal)] == ["typed before the crash"]


def test_a_normal_quit_exits_0(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _mark_onboarded(home)

    async def quit_app(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.press("ctrl+q")

    monkeypatch.setattr(IlearnApp, "run", _run_headless(quit_app))
    monkeypatch.setattr(interactive.sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(interactive.sys.stdout, "isatty", lambda: True, raising=False)
    assert interactive.run(_args(home), FullScreenApp) == 0
    assert capsys.readouterr().err == ""
    assert not (resolve(home).data_dir / CRASH_REPORT).exists()

"""Themes: shipped ones, the user's own, a broken file, and the choice remembered."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from ilearn_tui.settings import load_settings
from ilearn_tui.store.journal import Journal
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.themes import load_themes, shipped_themes_dir
from tests.tui.waiting import toasts, until

ROOT = Path(__file__).resolve().parents[2]


def test_the_shipped_themes_include_dark_light_and_high_contrast() -> None:
    themes, problems = load_themes([shipped_themes_dir()])
    names = {t.name for t in themes}
    assert {"ilearn-dark", "ilearn-light", "ilearn-high-contrast"} <= names
    assert problems == []


async def test_choice_persists_and_user_themes_load(
    make_app: Callable[..., IlearnApp], journal: Journal
) -> None:
    folder = journal.locations.user_themes_dir
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text('name = "my-theme"\nprimary = "#336699"\n')
    (folder / "broken.toml").write_text('name = "oops"\nprimary = "not a colour"\n')
    (folder / "garbage.toml").write_text("this is = = not toml")
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await until(pilot, lambda: "broken.toml" in toasts(app) and "garbage.toml" in toasts(app))
        assert "my-theme" in app.available_themes
        app.theme = "ilearn-high-contrast"
        await pilot.pause()
    assert load_settings(app.locations).theme == "ilearn-high-contrast"
    again = IlearnApp(app.journal)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == "ilearn-high-contrast"


@pytest.mark.slow
def test_the_wheel_carries_the_themes(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("ilearn-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for theme in ("ilearn-dark", "ilearn-light", "ilearn-high-contrast"):
        assert f"ilearn_tui/themes/{theme}.toml" in names
    assert "ilearn_tui/tui/app.tcss" in names
    assert "ilearn_tui/demo/teacher.toml" in names  # the demo teacher is data, not code

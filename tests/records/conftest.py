"""The journal with one record of every kind that the show/edit/delete tests share."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.helpers.cli import snapshot
from tests.helpers.records import EDITOR, build


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    home = tmp_path_factory.mktemp("records") / "home"
    reflection = build(home)
    (home / "reflection-id").write_text(reflection)
    return home, snapshot(home)


@pytest.fixture
def reflection(home: Path, seeded: str) -> str:
    return (home / "reflection-id").read_text()


@pytest.fixture
def editor(tmp_path: Path) -> str:
    script = tmp_path / "editor.py"
    script.write_text(EDITOR)
    return f"{sys.executable} {script}"

"""The two computers most sync tests start from: both set up with one empty folder remote."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sync.helpers import Computer


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Computer, Computer, Path]:
    laptop, desktop = Computer(tmp_path / "laptop"), Computer(tmp_path / "desktop")
    remote = tmp_path / "remote"
    laptop.ok("sync", "setup", str(remote))
    desktop.ok("sync", "setup", str(remote))
    return laptop, desktop, remote

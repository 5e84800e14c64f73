"""The two computers most sync tests start from: both set up with one empty folder remote."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sync.helpers import Computer, two_homes


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Computer, Computer, Path]:
    return two_homes(tmp_path)

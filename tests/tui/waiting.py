"""Waiting on the app in Pilot tests by what it shows, not by a fixed pause.

A loaded CI machine can take longer than one ``pilot.pause()`` to mount a screen; a test
that waits for the state it needs passes on a slow machine and fails only when the state
never comes.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen


async def until(pilot: Pilot[object], condition: Callable[[], bool], seconds: float = 10.0) -> None:
    """Let the app run until ``condition()`` holds; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"the app did not reach the expected state within {seconds} s")
        await pilot.pause(0.05)


def showing(app: App[object], screen: type[Screen[object]], selector: str) -> Callable[[], bool]:
    """A condition: ``screen`` is on top and has composed the widget ``selector`` names."""
    return lambda: isinstance(app.screen, screen) and bool(app.screen.query(selector))

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


async def click_when_settled(pilot: Pilot[object], selector: str, seconds: float = 10.0) -> None:
    """Click ``selector`` once it is laid out and has stopped moving.

    A modal centred with ``height: auto`` can be placed twice as it mounts; a click aimed
    at the first placement lands beside the button.
    """
    app = pilot.app
    deadline = time.monotonic() + seconds
    last = None
    while True:
        matches = app.screen.query(selector)
        region = matches.first().region if matches else None
        if region is not None and region.area > 0 and region == last:
            break
        if time.monotonic() > deadline:
            raise AssertionError(f"{selector} was never laid out still within {seconds} s")
        last = region
        await pilot.pause(0.05)
    await pilot.click(selector)


def toasts(app: App[object]) -> str:
    """The text of every notification on screen now, joined (read from the toasts drawn)."""
    return " ".join(str(toast.render()) for toast in app.screen.query("Toast"))


async def from_palette(pilot: Pilot[object], title: str, screen: type[Screen[object]], selector: str) -> None:
    """Run the palette command ``title`` from the dashboard and wait for ``screen`` to show."""
    app = pilot.app
    await until(pilot, lambda: app.current_mode == "dashboard" and app.screen.is_mounted)
    [command] = [c for c in app.get_system_commands(app.screen) if c.title == title]
    app.call_later(command.callback)
    await until(pilot, showing(app, screen, selector))


async def form_on_stage(pilot: Pilot[object], stage: int, kind_name: str) -> Screen[object]:
    """Open stage ``stage``, then a new record form for ``kind_name`` as its ``n`` would."""
    from ilearn_tui.domain.forms import KINDS
    from ilearn_tui.tui.screens.record_form import RecordFormScreen
    from ilearn_tui.tui.screens.stage import StageScreen

    app = pilot.app
    await pilot.press(str(stage))
    await until(pilot, lambda: isinstance(app.screen, StageScreen))
    assert isinstance(app.screen, StageScreen)
    app.screen.open_form(KINDS[kind_name], None)
    await until(
        pilot, lambda: isinstance(app.screen, RecordFormScreen) and bool(app.screen.query("#buttons"))
    )
    return app.screen

"""A closed terminal or a shutdown: the draft is kept and the process always ends."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

import pytest

import ilearn_tui.tui.app as app_module
from ilearn_tui.store.drafts import list_drafts
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.screens.editor import EditorScreen
from tests.tui.waiting import showing, until


async def test_a_stalled_exit_after_a_hangup_still_ends_the_process(
    make_app: Callable[..., IlearnApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    ended: list[int] = []
    done = threading.Event()

    def fake_exit(code: int) -> None:
        ended.append(code)
        done.set()

    monkeypatch.setattr(os, "_exit", fake_exit)
    monkeypatch.setattr(app_module, "EXIT_GRACE_SECONDS", 0.1)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j", "n")
        await until(pilot, showing(app, EditorScreen, "#body"))
        await pilot.press(*"typed before the hangup")
        monkeypatch.setattr(app, "exit", lambda *a, **k: None)  # the orderly exit never finishes
        app.keep_drafts_and_exit()
        assert [d.body for d in list_drafts(app.journal)] == ["typed before the hangup"]
        assert done.wait(5), "the process was left running"
        assert ended == [1]

"""Fixtures for the screens: an app on a real journal in a temp folder."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ilearn_tui.store.journal import Journal
from ilearn_tui.tui.app import IlearnApp


@pytest.fixture
def make_app(journal: Journal) -> Callable[..., IlearnApp]:
    """An app on the test's journal, past onboarding unless a test wants to see it."""

    def make(*, onboarded: bool = True, demo: bool = False) -> IlearnApp:
        if onboarded:
            journal.set_meta("onboarded", "yes")
        return IlearnApp(journal, demo=demo)

    return make

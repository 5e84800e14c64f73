"""Build the screen of an area (or the welcome) by name, importing only that screen's module."""

from __future__ import annotations

from textual.screen import Screen


def make(name: str) -> Screen[None]:
    if name == "dashboard":
        from ilearn_tui.tui.screens.dashboard import DashboardScreen

        return DashboardScreen()
    if name == "journal":
        from ilearn_tui.tui.screens.journal import JournalScreen

        return JournalScreen()
    if name == "search":
        from ilearn_tui.tui.screens.search import SearchScreen

        return SearchScreen()
    if name == "welcome":
        from ilearn_tui.tui.screens.startup import OnboardingScreen

        return OnboardingScreen()
    if name.startswith("stage"):
        from ilearn_tui.tui.screens.stage import StageScreen

        return StageScreen(int(name.removeprefix("stage")))
    raise ValueError(name)

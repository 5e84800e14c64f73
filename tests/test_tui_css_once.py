"""The app's stylesheets are parsed once per start, with the welcome showing or not."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from textual.css import stylesheet
from textual.css.stylesheet import Stylesheet

from ilearn_tui.tui.app import IlearnApp


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> tuple[Counter[object], list[int]]:
    """How often each stylesheet source is parsed, and how often all of them are reparsed."""
    sources: Counter[object] = Counter()
    reparses = [0]
    real_parse, real_reparse = stylesheet.parse, Stylesheet.reparse

    def parse(scope: str, css: str, read_from: object, **kwargs: Any) -> Any:
        # Textual adds a base class's CSS once per scope and rank it is used at: each is its own.
        sources[(read_from, scope, kwargs.get("tie_breaker"))] += 1
        return real_parse(scope, css, read_from, **kwargs)

    def reparse(self: Stylesheet) -> None:
        reparses[0] += 1
        real_reparse(self)

    monkeypatch.setattr(stylesheet, "parse", parse)
    monkeypatch.setattr(Stylesheet, "reparse", reparse)
    return sources, reparses


@pytest.mark.parametrize("onboarded", [True, False])
async def test_a_start_parses_each_stylesheet_once(
    make_app: Callable[..., IlearnApp], monkeypatch: pytest.MonkeyPatch, onboarded: bool
) -> None:
    sources, reparses = _count_parses(monkeypatch)
    app = make_app(onboarded=onboarded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        shown = type(app.screen).__name__
        parsed, reparsed = Counter(sources), reparses[0]
    assert (shown == "OnboardingScreen") is not onboarded, shown
    assert any("app.tcss" in str(where[0]) for where in parsed), parsed
    assert max(parsed.values()) == 1, [where for where, n in parsed.items() if n > 1]
    assert reparsed == 0, "a start reparsed every stylesheet"


async def test_the_chosen_theme_styles_the_first_frame(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "ilearn-dark"
        assert app.has_class("-theme-ilearn-dark") and app.has_class("-dark-mode")
        assert not app.has_class("-light-mode")
        assert app.stylesheet._variables["primary"] == app.get_css_variables()["primary"]
        before = app.stylesheet._variables["primary"]
        app.theme = "ilearn-light"  # a later change still restyles through the usual path
        await pilot.pause()
        assert app.has_class("-theme-ilearn-light") and app.has_class("-light-mode")
        assert app.stylesheet._variables["primary"] == app.get_css_variables()["primary"] != before

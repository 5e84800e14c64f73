"""Search results read as plain words: no Markdown markup, wrapped lines under the first."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import OptionList

from ilearn_tui.store.reflections import add_reflection
from ilearn_tui.store.search import MARK_END, MARK_START, search, unmarkdown
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.screens.search import SearchScreen
from tests.tui.waiting import showing, until

BODY = (
    "## What happened?\nThe **quiet** ones spoke after `wait time`, see [the notes](https://x.org/n).\n\n"
    "## What will I change?\n- Try *think-pair-share* with wait time across every single lesson this term\n"
)


def test_markdown_is_stripped_and_the_marks_kept() -> None:
    assert unmarkdown("## What happened?\n> a **bold** and *soft* `code` [link](u)") == (
        "What happened?\na bold and soft code link"
    )
    assert unmarkdown(f"- the **{MARK_START}wait{MARK_END}** time") == f"the {MARK_START}wait{MARK_END} time"
    assert unmarkdown("cut inside **bold") == "cut inside bold"  # a snippet cut mid-markup
    assert unmarkdown("2 * 3 * 4 and snake_case_name") == "2 * 3 * 4 and snake_case_name"


def test_the_command_line_and_the_app_get_the_same_plain_hit(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    add_reflection(app.journal, BODY, title="Wait *time*, week 1")
    [hit] = search(app.journal, "quiet")
    assert hit.title == "Wait time, week 1"
    assert "**" not in hit.snippet.replace(MARK_START, "").replace(MARK_END, "") and "##" not in hit.snippet


async def test_results_are_plain_and_wrapped_lines_indented(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    add_reflection(app.journal, BODY, title="Wait *time*, week 1")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await until(pilot, showing(app, SearchScreen, "#results"))
        await pilot.press(*"wait")
        results = app.screen.query_one("#results", OptionList)
        await until(pilot, lambda: results.option_count == 1)
        await pilot.pause()
        lines = [
            "".join(s.text for s in results.render_line(y)).rstrip() for y in range(results.size.height)
        ]
        shown = [line for line in lines if line.strip()]
        assert "reflection" in shown[0] and "Wait time, week 1" in shown[0], shown
        text = "\n".join(shown)
        for markup in ("**", "##", "`", "](", "*think"):
            assert markup not in text, (markup, shown)
        indent = shown[0].index("Wait")
        for line in shown[1:]:
            assert line[:indent].strip() == "", f"a wrapped line runs under the kind column: {line!r}"

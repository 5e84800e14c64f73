"""The start of a reflection listed under a goal, whatever the body's length; the counts an
export heads its document with."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ilearn_tui.domain.records import Reflection
from ilearn_tui.portfolio.gather import Scope, gather
from ilearn_tui.portfolio.markdown import _flat, excerpt
from ilearn_tui.store import plan
from ilearn_tui.store import portfolio_query as q
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.reflections import add_reflection
from ilearn_tui.textsafe import one_line, printable


def reflection(body: str, title: str = "Exit tickets") -> Reflection:
    return Reflection("r1", "2026-10-01", "09:00", title, body)


def test_a_long_body_is_cut_at_the_width_with_an_ellipsis() -> None:
    body = "# Exit tickets\n\n" + "Students wrote one question each. " * 60
    line = excerpt(reflection(body), 40)
    assert line == "Students wrote one question each. Stude…"


def test_a_long_body_that_starts_with_little_text_is_read_on() -> None:
    # Hundreds of heading marks and blank lines first: the opening of the body holds almost
    # no text, so the line has to come from further down.
    body = "#\n" * 400 + "\n" * 200 + "Later words " * 40
    assert excerpt(reflection(body), 30) == "Later words Later words Later…"


def test_spaces_collapse_before_the_width_is_measured() -> None:
    # 700 characters of tabs and spaces around a few words flatten to a short line: no cut.
    body = "one" + " \t" * 350 + "two three"
    assert excerpt(reflection(body), 20) == "one two three"


def test_control_characters_are_shown_and_counted_in_the_width() -> None:
    body = "\x1b[31m" * 200
    line = excerpt(reflection(body), 12)
    assert line == "\\x1b[31m\\x1…"


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab #\n\n\t\r\x1b\x85\u2028é")), max_size=500),
    st.integers(min_value=1, max_value=60),
)
def test_the_opening_gives_the_line_the_whole_body_gives(body: str, width: int) -> None:
    """Reading only the start of a long body is a shortcut: it must cut the same line."""
    r = reflection(body, title="")
    assert excerpt(r, width) == one_line(_flat(body), width)


@pytest.mark.parametrize("text", ["plain words", "tab\there", "bell\x07", "\u202eflip", "caf\xe9 \x85"])
def test_printable_keeps_plain_text_and_escapes_the_rest(text: str) -> None:
    shown = printable(text)
    assert shown.isprintable() or "\t" in shown
    assert "\x07" not in shown and "\u202e" not in shown and "\x85" not in shown


def test_shareable_and_private_reflections_are_counted_in_one_read(journal: Journal) -> None:
    add_reflection(journal, "Shared one", day="2026-10-01")
    add_reflection(journal, "Shared two", day="2026-10-02")
    add_reflection(journal, "Mine", day="2026-10-03", private=True)
    add_reflection(journal, "Mine, later", day="2026-11-20", private=True)
    every = q.ReflectionWindow(private=False)
    assert q.count_by_privacy(journal, every) == (2, 2)
    october = q.ReflectionWindow(date_from="2026-10-01", date_to="2026-10-31", private=True)
    assert q.count_by_privacy(journal, october) == (2, 1)
    assert q.count_by_privacy(journal, q.ReflectionWindow(date_from="2027-01-01")) == (0, 0)
    portfolio = gather(journal, Scope())
    assert (len(portfolio.reflections), portfolio.left_out) == (2, 2)


def test_the_activity_totals_follow_a_list_put_in_place(journal: Journal) -> None:
    plan.add_activity(journal, "book", "Talk moves", hours=4, day="2026-10-01")
    plan.add_activity(journal, "course", "Questioning", hours=2, day="2026-10-08")
    portfolio = gather(journal, Scope())
    assert portfolio.summed().done.hours == 6
    assert portfolio.summed() is portfolio.summed()  # summed once for every section
    portfolio.activities = portfolio.activities[:1]
    assert portfolio.summed().done.hours == 4

"""The showcase's two Markdown renderers agree, and neither lets raw HTML through.

Bulk exports render a teacher's plain paragraphs directly and the common Markdown (emphasis,
lists, headings, quotes, code) with cmark-gfm; markdown-it renders the rest. Each fast path
must give exactly what markdown-it gives, on a corpus of what teachers write: the generated
journal's bodies, the demo teacher's texts, and hand-made cases at the edges of the syntax.
"""

from __future__ import annotations

import random
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ilearn_tui.portfolio import teacher_markdown as tm

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from journal_prose import Writer  # noqa: E402

EDGES = [
    "One paragraph.\n\nAnother, with a \"quote\" and 'single' ones.",
    "**bold** and *italic* and __strong__ and _em_ and snake_case_word and 2*3*4",
    "Next steps:\n- one\n- two\n  - nested\n- three",
    "1. first\n2. second\n\n10) tenth",
    "# Title\n## Second\n#### Fourth\n###### Sixth\n\ntext",
    "Setext\n======\n\nAnd two\n-------",
    "> a quote\n> over lines\n\n> - with a list",
    "```python\ncode = 1  # not a heading\n```\n\n    indented code\n\ntext `inline` here",
    "line with two spaces  \nnext line",
    "---\n\n***\n\n___",
    "+ plus list\n+ again",
    "2024 was a year. 3 students stayed.",
    "A line ending in a space \nand more",
    "   three spaces in\n      six in",
    "~~strike~~ and ~tilde~",
    "*unclosed emphasis and **half",
    "- [ ] not a task list here\n- item",
    "Week 3 -- a dash - in the middle = fine + fine # hash",
    "",
    "\n\n",
    "Two blank lines\n\n\nbetween these, \"quoted\"",
    " one space in\n\n  two in\nand a line of spaces\n   \nend",
    "\n\nblank lines around\n\n",
]


def _demo_texts() -> Iterator[str]:
    def walk(value: Any) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from walk(item)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)

    with open(ROOT / "src/ilearn_tui/demo/teacher.toml", "rb") as handle:
        yield from walk(tomllib.load(handle))


def corpus() -> list[str]:
    writer = Writer(random.Random(7))
    return [writer.body() for _ in range(600)] + list(_demo_texts()) + EDGES


@pytest.mark.parametrize("shift", [0, 3])
def test_every_fast_path_renders_as_markdown_it_does(shift: int) -> None:
    fast = plain = 0
    for text in corpus():
        reference = tm.markdown_it_html(text, shift)
        assert tm.markdown_html(text, shift=shift) == reference, text
        if not tm.has_syntax(text):
            plain += 1
        elif tm.cmark_html(text, shift) is not None and text.isascii():
            fast += 1
    assert plain > 50 and fast > 100  # both paths are really taken by the corpus


@pytest.mark.parametrize("text", EDGES)
def test_cmark_alone_renders_the_edges_as_markdown_it(text: str) -> None:
    assert tm.cmark_html(text, 3) == tm.markdown_it_html(text, 3)


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<b onclick='x()'>hi</b> **bold**",
        "<!-- comment --> *em*",
        "[x](javascript:alert(1)) **bold**",
        "&lt;b&gt; &amp; &copy; **bold**",
        "| a | b |\n|---|---|\n| <i>1</i> | 2 |",
    ],
)
def test_raw_html_and_unsafe_links_stay_off(text: str) -> None:
    html = tm.markdown_html(text, shift=3)
    assert html == tm.markdown_it_html(text, 3)  # these never take the fast path
    for tag in ("<script", "<b ", "<b>", "<i>", "<!--", 'href="javascript:'):
        assert tag not in html


def test_cmark_on_its_own_omits_raw_html() -> None:
    rendered = tm.cmark_html("<script>alert(1)</script>\n\n<b>x</b> [a](javascript:x)")
    assert rendered is not None
    assert "<script" not in rendered and "<b>" not in rendered and 'href="javascript:' not in rendered


def test_the_cheap_syntax_test_agrees_with_the_full_pattern_where_it_says_plain() -> None:
    for text in corpus():
        if tm._SYNTAX.search(text) is None:
            assert not tm.has_syntax(text), text


def test_cmark_frees_what_it_renders() -> None:
    """Each rendered body's C buffer is handed back: 40 MB of output must not stay resident."""
    resource = pytest.importorskip("resource")
    body = "**bold** and *em* in a line of its own.\n\n" * 2_500  # ~100 KB, rendered to ~130 KB
    assert tm.cmark_html(body) is not None
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(300):
        tm.cmark_html(body)
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 16 * 1024


_PIECES = ["word", "words.", " ", "  ", "\n", "\n\n", "\n\n\n", " \n", "\n ", "# ", "- ", "1. ", "=", "+"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_plain_by_the_full_pattern_is_plain_and_rendered_as_markdown_it(text: str) -> None:
    """The shortcuts for lines (a search for newlines, then each line) against the full pattern."""
    if tm._SYNTAX.search(text) is None:
        assert not tm.has_syntax(text)
    plain = tm.plain_html(text)
    if plain is not None:
        assert plain == tm.markdown_it_html(text)

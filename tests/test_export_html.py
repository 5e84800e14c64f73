"""The HTML showcase: self-contained, printable, charted, and inert whatever the teacher typed."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from ilearn_tui.portfolio.charts import month_chart, months_between, rating_chart, type_chart
from ilearn_tui.portfolio.gather import Scope, gather
from ilearn_tui.portfolio.showcase import CSP, render_html
from ilearn_tui.portfolio.teacher_markdown import markdown_html, plain_html, safe_url
from ilearn_tui.services.exports import export_text
from ilearn_tui.store.journal import Journal
from tests.helpers.export_data import HOSTILE_TITLE, add_hostile, fill_with_files, markup, unsafe_urls
from tests.sample_journal import fill

TODAY = date(2025, 6, 30)
# Elements that could run code, load something, or submit anything: none may appear.
FORBIDDEN_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "link",
    "img",
    "form",
    "input",
    "base",
    "frame",
    "audio",
}


@pytest.fixture
def hostile_page(journal: Journal, tmp_path: Path) -> str:
    fill_with_files(journal, tmp_path / "src")
    add_hostile(journal)
    return export_text(journal, "html", Scope(include_private=True), [], today=TODAY).text


def test_hostile_text_is_shown_never_run(hostile_page: str) -> None:
    page = hostile_page
    parsed = markup(page)
    assert "<script" not in page.lower()
    assert not FORBIDDEN_TAGS & set(parsed.tags)
    assert not [a for a in parsed.attrs if a[1].startswith("on")], "no event-handler attributes"
    assert not re.search(r"<[a-z][^>]*\son\w+\s*=", page, re.IGNORECASE)  # nor in any real tag
    assert unsafe_urls(page) == []
    assert "javascript:" not in " ".join(v for _, n, v in parsed.attrs)
    # ...while the teacher's words are all there, as text.
    text = "".join(parsed.text)
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(1)>" in text
    assert "[x](javascript:alert(1))" in text and HOSTILE_TITLE in text
    assert 'Hillside "School" <script>alert("school")</script>' in text
    assert "<script>alert('note')</script>" in text and "<img src=x onerror=alert('share')>" in text
    # The allowed link survives; the tracking image became a plain link (nothing is loaded).
    hrefs = [v for _, n, v in parsed.attrs if n == "href"]
    assert "https://example.org/ok" in hrefs and "http://tracker.example/pixel.png" in hrefs
    assert not [v for _, n, v in parsed.attrs if n == "src"]


def test_page_is_self_contained_with_a_strict_policy(hostile_page: str) -> None:
    head = hostile_page.split("<style>", 1)[0]
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in head
    assert "default-src 'none'" in CSP and "script-src" not in CSP
    assert hostile_page.index("Content-Security-Policy") < hostile_page.index("<title>")
    style = hostile_page.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "@import" not in style and "url(" not in style and "@font-face" not in style
    assert "@media print" in style
    assert hostile_page.count("<style>") == 1  # the teacher's <style> stayed text


def test_charts_are_inline_svg_with_the_data(journal: Journal) -> None:
    fill(journal)
    page = render_html(gather(journal, Scope()), today=TODAY)
    parsed = markup(page)
    assert parsed.tags.count("svg") == 3
    assert "Hours of learning by month" in page and "Hours of learning by kind of activity" in page
    assert "Goal self-ratings over time (1 to 5)" in page
    for month in ("Sep 2024", "Oct 2024", "Nov 2024", "Dec 2024"):
        assert f">{month}</text>" in page
    assert ">PLC</text>" in page and ">10 h</text>" in page
    assert "Raise the quality of student talk in science" in page
    assert "2024-09-15 rated 2, 2024-10-15 rated 3, 2024-11-15 rated 3, 2024-12-15 rated 4" in page


def test_sections_follow_the_portfolio(journal: Journal) -> None:
    fill(journal)
    page = render_html(gather(journal, Scope()), today=TODAY)
    ids = re.findall(r'<section id="([a-z]+)">', page)
    assert ids == [
        "glance",
        "imagine",
        "inspire",
        "illuminate",
        "innovate",
        "infiltrate",
        "reflections",
        "summary",
    ]
    assert "<strong>argue from evidence</strong>" in page  # the vision's Markdown, rendered
    assert "<h4>Week 1</h4>" not in page  # a body heading that repeats the title is not shown twice
    assert '<tr class="total"><td>Total (done)</td>' in page


def test_empty_journal_renders(journal: Journal) -> None:
    page = render_html(gather(journal, Scope()), today=TODAY)
    assert "<svg" not in page and "Charts appear once" in page and page.endswith("</html>\n")


def test_names_are_redacted_in_html_too(journal: Journal) -> None:
    fill(journal)
    result = export_text(journal, "html", Scope(), ["Dana"], today=TODAY)
    assert "Dana" not in result.text and result.redactions == {"dana": 1}


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://example.org/a", True),
        ("http://example.org", True),
        ("mailto:me@example.org", True),
        ("evidence/2024-10-03-photo.pdf", True),
        ("#section", True),
        ("javascript:alert(1)", False),
        ("JAVASCRIPT:alert(1)", False),
        ("java%09script:alert(1)", False),
        ("%6Aavascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("\u200bjavascript:alert(1)", False),
        ("vbscript:x", False),
        ("data:text/html,<script>", False),
        ("file:///etc/passwd", False),
        ("ftp://example.org", False),
        ("//evil.example/x", False),
        ("", False),
    ],
)
def test_safe_url(url: str, allowed: bool) -> None:
    assert safe_url(url) is allowed


def test_teacher_markdown_headings_move_down_and_tables_render() -> None:
    html = markdown_html("# Top\n\n| a | b |\n|---|---|\n| 1 | 2 |", shift=3)
    assert "<h4>Top</h4>" in html and "<table>" in html
    outline = markdown_html("# A\n## B\n### C\n#### D", shift=3)
    assert [outline.count(f"<h{n}>") for n in (4, 5, 6)] == [1, 1, 2]  # at most h6
    # Never more than one level below the last: a lone deep heading sits just under the page's.
    assert markdown_html("###### Deep", shift=3).startswith("<h4>")
    assert "<h4>Top</h4>\n<h5>Skip</h5>" in markdown_html("# Top\n### Skip", shift=3)


REFERENCE = MarkdownIt("commonmark", {"html": False}).enable("table")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \n\n\"'.,é1#*-_<>&[]()`\\|~=+!:\t\u3000\xa0")), max_size=60))
def test_plain_fast_path_matches_the_parser(text: str) -> None:
    """The shortcut for Markdown-free text must give exactly the parser's output, or step aside."""
    fast = plain_html(text)
    if fast is not None:
        assert fast == REFERENCE.render(text)


def test_chart_helpers() -> None:
    assert months_between("2024-11", "2025-02") == ["2024-11", "2024-12", "2025-01", "2025-02"]
    assert month_chart({}) == "" and type_chart([]) == "" and rating_chart([("g", [])]) == ""
    svg = type_chart([("<b>Bold</b>", 2.0)])
    assert "&lt;b&gt;Bold&lt;/b&gt;" in svg and "<b>" not in svg
    many = rating_chart([(f"goal {i}", [("2024-01-01", 3), ("2024-02-01", 4)]) for i in range(12)])
    assert many.count("<polyline") == 8  # at most eight lines, each with its own colour, dash and marker


def test_export_modules_never_import_textual() -> None:
    import subprocess
    import sys

    modules = [
        "ilearn_tui.services.exports",
        "ilearn_tui.portfolio.formats",
        "ilearn_tui.portfolio.model",
        "ilearn_tui.portfolio.gather",
        "ilearn_tui.store.portfolio_query",
        "ilearn_tui.portfolio.showcase",
        "ilearn_tui.portfolio.charts",
        "ilearn_tui.portfolio.packets",
        "ilearn_tui.portfolio.folder",
        "ilearn_tui.portfolio.progress",
        "ilearn_tui.portfolio.redaction",
        "ilearn_tui.portfolio.teacher_markdown",
    ]
    probe = f"import sys\nimport {', '.join(modules)}\nprint('\\n'.join(sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert not [m for m in loaded.split() if m == "textual" or m.startswith("textual.")]

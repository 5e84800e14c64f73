"""The bound PDF: its text read back with a PDF text extractor, never just its first bytes.

The PDF is typeset from the Markdown export, so the same rules hold: private records left out
unless asked, listed names redacted; and nothing a teacher types may become Typst code.
"""

from __future__ import annotations

import io
import json
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from ilearn_tui.portfolio.pdf import literal, typst_source
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.reflections import add_reflection
from tests.helpers.cli import Result, assert_fails, ok
from tests.sample_journal import fill

Cli = Callable[..., Result]
HOSTILE = (
    'Tried it. "] #pagebreak() #panic("boom") #[ ]] \\ \\" $x^2$ @ref <lbl> // not a comment '
    '/* nor this */ #import "/etc/passwd" #read("/etc/passwd") = Heading? - item? #set text(size: 90pt)'
)


def pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def filled(journal: Journal) -> Journal:
    fill(journal)
    return journal


def test_the_review_packet_pdf_holds_the_goals_with_contents_and_numbered_pages(
    filled: Journal, ilearn: Cli, tmp_path: Path
) -> None:
    target = tmp_path / "packet.pdf"
    ok(ilearn("export", "--packet", "review", "--cycle", "2024-25", "--out", str(target)))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = pages(target)
    whole = flat(" ".join(text))
    assert "Raise the quality of student talk in science" in whole
    assert "Use exit tickets every lesson" in whole
    assert "Contents" in text[0] and "Goals and progress" in text[0] and "Hours and credits" in text[0]
    for number, page in enumerate(text, 1):
        assert page.rstrip().endswith(f"{number} / {len(text)}"), page[-40:]
    assert len(text) >= 2


def test_the_portfolio_pdf_lists_the_stages_and_carries_reflections_and_charts(
    filled: Journal, ilearn: Cli, tmp_path: Path
) -> None:
    target = tmp_path / "folio.pdf"
    ok(ilearn("export", "--out", str(target)))
    text = pages(target)
    contents = flat(text[0])
    stages = ["Imagine", "Inspire", "Illuminate", "Innovate", "Infiltrate"]
    places = [contents.index(f"{n}. {stage}") for n, stage in enumerate(stages, 1)]
    assert places == sorted(places)
    whole = flat(" ".join(text))
    assert "Students used claim cards today" in whole
    assert "Hours by month" in whole and "Hours by kind of activity" in whole  # the chart captions
    assert "Class list" not in whole  # student information stays out of a shareable export


def test_private_records_and_listed_names_follow_the_sharing_rules(
    filled: Journal, ilearn: Cli, home: Path, tmp_path: Path
) -> None:
    add_reflection(filled, "Jordan asked the best question today.", day="2024-10-20")
    add_reflection(filled, "Only for me: a hard day.", day="2024-10-21", private=True)
    home.joinpath("config", "settings.json").write_text(json.dumps({"redact_names": ["Jordan"]}))
    shared, everything = tmp_path / "shared.pdf", tmp_path / "mine.pdf"
    ok(ilearn("export", "--out", str(shared)))
    ok(ilearn("export", "--out", str(everything), "--include-private"))
    shared_text, my_text = flat(" ".join(pages(shared))), flat(" ".join(pages(everything)))
    assert "asked the best question today" in shared_text and "Jordan" not in shared_text
    assert "a hard day" not in shared_text and "Class list" not in shared_text
    assert "Jordan asked" in my_text and "a hard day" in my_text and "Class list" in my_text


def test_a_hostile_reflection_is_printed_never_run(filled: Journal, ilearn: Cli, tmp_path: Path) -> None:
    add_reflection(filled, HOSTILE, title=HOSTILE[:60], day="2024-10-22")
    plain = tmp_path / "plain.pdf"
    ok(ilearn("export", "--out", str(plain)))
    add_reflection(filled, HOSTILE, title="Again", day="2024-10-23")
    target = tmp_path / "hostile.pdf"
    ok(ilearn("export", "--out", str(target)))
    whole = flat(" ".join(pages(target)))
    for piece in ('#panic("boom")', "#pagebreak()", '#read("/etc/passwd")', "$x^2$", "// not a comment"):
        assert piece in whole, piece
    assert "#set text(size: 90pt)" in whole
    assert len(PdfReader(target).pages) <= len(PdfReader(plain).pages) + 1  # no page breaks were run


@pytest.mark.parametrize(
    "text",
    ['"', "\\", '\\"', "#", "]", "[", "= x", "\x00\x07\x1b[31m", "}{", "$", "`raw`", '");#panic("x'],
)
def test_a_literal_reads_back_as_exactly_its_text(text: str) -> None:
    import typst

    data = typst.compile(f"#{literal('START' + text + 'END')}".encode())
    # A control character has no glyph (exports show them visibly first); it must not escape.
    shown = PdfReader(io.BytesIO(data)).pages[0].extract_text().replace("\x00", "")
    visible = "".join(ch for ch in text if ch.isprintable())
    assert shown.replace(" ", "") == f"START{visible}END".replace(" ", "")


def test_every_word_of_the_markdown_enters_the_source_as_a_string_literal() -> None:
    source, inputs = typst_source("# Title\n\nHello **#panic** [link](https://example.org/x) `#code`\n")
    assert "#panic" not in source.replace('"#panic"', "")
    assert '#link("https://example.org/x")' in source and '#raw("#code")' in source
    assert inputs == {}


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--format", "pdf"], "give --out NAME.pdf"),
        (["--packet", "renewal", "--out", "r.pdf"], "--packet renewal"),
        (["--format", "pdf", "--out", "DIR/"], "PDF export is one file"),
    ],
)
def test_a_pdf_that_cannot_be_made_writes_nothing(
    filled: Journal, ilearn: Cli, tmp_path: Path, args: list[str], words: str
) -> None:
    place = tmp_path / "out"
    place.mkdir()
    result = ilearn("export", *[str(place / a) if "." in a or a.endswith("/") else a for a in args])
    assert_fails(result, 2)
    assert words in result.err
    assert list(place.iterdir()) == []

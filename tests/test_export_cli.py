"""``ilearn export`` with HTML, folders and packets from the command line.

Bad input must give exit 2 (usage) or 1 (anything else), exactly one ``ilearn:`` line on
stderr, no traceback — and leave every existing file as it was. Most cases run in-process
(``ilearn``); the HTML export and the no-progress-line check run the installed command (``cli``).
"""

from __future__ import annotations

import hashlib
import io
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ilearn_tui.portfolio import progress as progress_module
from ilearn_tui.portfolio.progress import TerminalProgress
from ilearn_tui.store.journal import Journal
from tests.helpers.cli import Result
from tests.helpers.export_data import fill_with_files
from tests.sample_journal import fill

Cli = Callable[..., Result]


@pytest.fixture
def filled(journal: Journal, tmp_path: Path) -> Iterator[Journal]:
    fill_with_files(journal, tmp_path / "src")
    yield journal


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under ``folder`` with its content hash and modification time."""
    return {
        str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def assert_refused(result: Result, code: int, words: str) -> None:
    assert result.code == code, result
    assert "Traceback" not in result.err and "\x1b" not in result.err
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("ilearn: "), result.err
    assert words in lines[0], lines[0]
    assert result.out == ""


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["--packet", "annual"], 2, "--packet: 'annual' is not known; use review or renewal"),
        (["--packet", "review", "--format", "html"], 2, "--packet review makes a Markdown document"),
        (["--packet", "renewal", "--format", "json"], 2, "--packet renewal makes a Markdown document"),
        (["--format", "pdf"], 2, "PDF export is one file: give --out NAME.pdf"),
        (["--packet", "renewal", "--format", "pdf"], 2, "--packet renewal makes a Markdown document;"),
        (["--format", "html", "--from", "2025-01-02", "--to", "2024-01-01"], 2, "is after --to"),
        (["--format", "html", "--from", "2025-02-30"], 2, "2025-02-30"),
        (["--out", ""], 2, "--out needs a file or folder name"),
        (["--format", "html", "--out", "EXISTING.html"], 1, "already exists; use --force"),
        (["--out", "AFILE/"], 1, "is a file, not a folder"),
        (["--out", "FULL/"], 1, "portfolio.md already exists; use --force"),
        (["--format", "html", "--out", "HTMLFULL/"], 1, "index.html already exists; use --force"),
        (["--packet", "review", "--out", "REVIEWFULL/"], 1, "review-packet.md already exists"),
        (["--format", "json", "--out", "JSONFULL/"], 1, "ilearn-journal.json already exists"),
        (["--out", "FULL/", "--format", "html", "--packet", "review"], 2, "makes a Markdown document"),
        (["--format", "html", "--out", "nowhere/deeper/page.html"], 1, "does not exist"),
        (["--out", "nowhere/deeper/folder/"], 1, "does not exist"),
        (["--packet", "review", "--cycle", "1999-00"], 1, "no cycle matches '1999-00'"),
        (["--format", "html", "--goal", "no such goal"], 1, "no goal matches"),
    ],
)
def test_bad_export_lines_are_refused_and_touch_nothing(
    filled: Journal, ilearn: Cli, tmp_path: Path, args: list[str], code: int, words: str
) -> None:
    place = tmp_path / "place"
    place.mkdir()
    (place / "EXISTING.html").write_text("<p>keep</p>")
    (place / "AFILE").write_text("a file")
    for name, document in (
        ("FULL", "portfolio.md"),
        ("HTMLFULL", "index.html"),
        ("REVIEWFULL", "review-packet.md"),
        ("JSONFULL", "ilearn-journal.json"),
    ):
        (place / name / "evidence").mkdir(parents=True)
        (place / name / document).write_text("old")
        (place / name / "evidence" / "old.pdf").write_text("old copy")
    before = snapshot(place)
    resolved = [
        str(place / a) + ("/" if a.endswith("/") else "") if a[:1].isupper() or a.startswith("nowhere") else a
        for a in args
    ]
    assert_refused(ilearn("export", *resolved), code, words)
    assert snapshot(place) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_packet_review_with_no_cycle_yet(ilearn: Cli, journal: Journal) -> None:
    assert_refused(ilearn("export", "--packet", "review"), 1, "no learning cycle yet")


def test_html_export_to_a_file_and_stdout(filled: Journal, cli: Cli, tmp_path: Path) -> None:
    page = tmp_path / "showcase.html"
    result = cli("export", "--format", "HTML", "--out", str(page))
    assert result.code == 0, result
    assert result.out.strip() == f"wrote {page}"
    assert page.read_text().startswith("<!DOCTYPE html>")
    assert "left out 2 private items" in result.err  # the class list and the URL one
    printed = cli("export", "--format", "html")  # no --out: the page goes to stdout
    assert (
        printed.code == 0 and printed.out.startswith("<!DOCTYPE html>") and printed.out.endswith("</html>\n")
    )


def test_folder_export_from_the_command_line(filled: Journal, ilearn: Cli, tmp_path: Path) -> None:
    target = tmp_path / "usb"
    result = ilearn("export", "--out", f"{target}/")
    assert result.code == 0, result
    assert result.out.strip() == f"wrote {target}/portfolio.md and 4 evidence files in {target}/evidence"
    assert len(list((target / "evidence").iterdir())) == 4
    again = ilearn("export", "--out", str(target), "--force", "--include-private")
    assert again.code == 0 and len(list((target / "evidence").iterdir())) == 5


def test_packets_from_the_command_line(filled: Journal, ilearn: Cli, tmp_path: Path) -> None:
    review = ilearn("export", "--packet", "review", "--cycle", "2024-25")
    assert review.code == 0 and review.out.startswith("# Annual review packet — Robin Okafor")
    assert "## Notes from the meeting" in review.out
    assert ilearn("renewal", "set", "MA", "--start", "2024-07-01").code == 0
    record = ilearn("export", "--packet", "Renewal")
    assert record.code == 0, record
    assert "| **Requirement** | Massachusetts professional licence: 150 PDPs in 5 years |" in record.out
    assert "## Toward the requirement" in record.out
    folder = ilearn("export", "--packet", "renewal", "--out", f"{tmp_path / 'renewal'}/")
    assert folder.code == 0, folder
    copies = [p.name for p in (tmp_path / "renewal" / "evidence").iterdir()]
    assert copies == ["2024-09-11-certificate.pdf"]  # the record carries its certificates only
    assert (
        "(<evidence/2024-09-11-certificate.pdf>)" in (tmp_path / "renewal" / "renewal-record.md").read_text()
    )


def test_help_names_the_new_options(ilearn: Cli) -> None:
    result = ilearn("export", "--help")
    assert result.code == 0
    assert "--packet review|renewal" in result.out and "annual review packet" in result.out
    assert "--format md|html|json" in result.out and "evidence/" in result.out


def test_no_progress_line_when_not_a_terminal(filled: Journal, cli: Cli, tmp_path: Path) -> None:
    exported = cli("export", "--format", "json", "--include-private", "--out", str(tmp_path / "all.json"))
    assert exported.code == 0 and "\r" not in exported.err and "\r" not in exported.out
    imported = cli("import", str(tmp_path / "all.json"))
    assert imported.code == 0 and "\r" not in imported.err


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_line_on_a_terminal(
    journal: Journal, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In-process, with stderr a terminal and no delay: the line is drawn, then erased."""
    from ilearn_tui.cli.main import run

    fill(journal)
    monkeypatch.setattr(progress_module, "DELAY", 0.0)
    err = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", err)
    assert run(["--home", str(home), "export", "--out", f"{tmp_path / 'out'}/", "--include-private"]) == 0
    assert "\rilearn: reading the journal" in err.getvalue()
    assert err.getvalue().rstrip(" ").endswith("\r")  # erased before anything else is printed
    err.truncate(0)
    err.seek(0)
    assert run(["--home", str(home), "export", "--format", "json", "--out", str(tmp_path / "a.json")]) == 0
    assert run(["--home", str(tmp_path / "other"), "import", str(tmp_path / "a.json")]) == 0
    assert "\rilearn: importing" in err.getvalue()


def test_a_long_step_is_shown_without_another_report() -> None:
    """Reading a big file is one long step: the line appears once the delay has passed."""
    stream = FakeTerminal()
    line = TerminalProgress(stream, delay=0.05)
    line("reading big.json")
    assert stream.getvalue() == ""
    deadline = time.monotonic() + 5
    while "reading big.json" not in stream.getvalue() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert stream.getvalue().startswith("\rilearn: reading big.json")
    line.finish()
    line("too late")  # after finish nothing more is drawn
    assert "too late" not in stream.getvalue() and stream.getvalue().endswith("\r")


def test_terminal_progress_draws_throttles_and_clears() -> None:
    now = [0.0]
    stream = FakeTerminal()
    line = TerminalProgress(stream, delay=0.5, interval=0.1, clock=lambda: now[0])
    line("copying evidence", 1, 10)
    assert stream.getvalue() == ""  # too soon: quick runs show nothing
    now[0] = 0.6
    line("copying evidence", 2, 10)
    line("copying evidence", 3, 10)  # within the interval: skipped
    assert stream.getvalue().count("\r") == 1 and "2/10 (20%)" in stream.getvalue()
    now[0] = 0.65
    line("copying evidence", 10, 10)  # the last step is always drawn
    assert "10/10 (100%)" in stream.getvalue()
    line.finish()
    assert stream.getvalue().endswith("\r") and not line.shown
    piped = io.StringIO()
    quiet = TerminalProgress(piped, delay=0)
    quiet("reading")
    quiet.finish()
    assert piped.getvalue() == ""

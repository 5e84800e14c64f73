"""The name decides the format, tried as a teacher types it: every pair, relative names, short values.

Each refusal is exit 2 with one ``ilearn:`` line, no file written and the journal unchanged
(the lossless JSON export plus the stored evidence files, before and after). Relative names
are written in the working folder, as a shell user means them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from ilearn_tui.portfolio.formats import FORMATS, KINDS
from tests.helpers.cli import ILEARN, SCRUBBED, Result, assert_fails, invoke_in, ok, snapshot

Cli = Callable[..., Result]

# The contract's suffixes (PRODUCT.md), with the other spellings the table accepts.
SUFFIXES = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".zip": "archive",
    ".pdf": "pdf",
}
PAIRS = [(fmt, suffix) for fmt in FORMATS for suffix in SUFFIXES if SUFFIXES[suffix] != fmt]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    base = tmp_path_factory.mktemp("names")
    home = base / "home"
    assert invoke_in(home, "goal", "add", "Better questioning").code == 0
    assert invoke_in(home, "reflect", "Wait time helped", "--goal", "better").code == 0
    (base / "notes.txt").write_text("lesson notes\n")
    assert invoke_in(home, "evidence", "add", str(base / "notes.txt"), "--goal", "better").code == 0
    return home, snapshot(home)


def test_the_suffixes_are_the_tables_own() -> None:
    assert {s: k.format for k in KINDS if k.packet is None for s in (k.suffix, *k.also)} == SUFFIXES


@pytest.mark.parametrize(("fmt", "suffix"), PAIRS, ids=[f"{f}-to{s}" for f, s in PAIRS])
def test_every_format_that_contradicts_the_name_is_refused(
    ilearn: Cli, home: Path, seeded: str, tmp_path: Path, fmt: str, suffix: str
) -> None:
    place = tmp_path / "place"
    place.mkdir()
    result = ilearn("export", "--format", fmt, "--out", str(place / f"portfolio{suffix}"))
    assert_fails(result, 2)
    assert f"--format {fmt} contradicts the name portfolio{suffix}" in result.err, result.err
    assert list(place.iterdir()) == []
    assert snapshot(home) == seeded


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("portfolio.md", b"# "),
        ("show.html", b"<!DOCTYPE html>"),
        ("all.json", b"{"),
        ("moving.zip", b"PK"),
        ("packet.pdf", b"%PDF-"),
    ],
)
def test_a_relative_name_is_written_in_the_working_folder(
    ilearn: Cli, seeded: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, start: bytes
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    said = ok(ilearn("export", "--out", name))
    assert said.startswith(f"wrote {name}"), said
    assert (work / name).read_bytes().startswith(start)
    assert [p.name for p in work.iterdir()] == [name]  # no temporary file left beside it


@pytest.mark.parametrize(
    ("out", "fmt", "document"),
    [("usb/", None, "portfolio.md"), ("usb", None, "portfolio.md"), ("site/", "html", "index.html")],
)
def test_a_relative_folder_gets_the_document_and_its_evidence(
    ilearn: Cli,
    seeded: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    out: str,
    fmt: str | None,
    document: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = out.rstrip("/")
    said = ok(ilearn("export", "--out", out, *(("--format", fmt) if fmt else ())))
    assert said == f"wrote {folder}/{document} and 1 evidence file in {folder}/evidence"
    assert sorted(p.name for p in (tmp_path / folder).iterdir()) == sorted([document, "evidence"])
    (copy,) = (tmp_path / folder / "evidence").iterdir()
    assert copy.read_text() == "lesson notes\n"
    assert f"evidence/{copy.name}" in (tmp_path / folder / document).read_text()


def test_the_installed_command_writes_a_relative_name(home: Path, seeded: str, tmp_path: Path) -> None:
    """As a shell runs it: ``cd`` somewhere, then ``ilearn export --out portfolio.md``."""
    command = [ILEARN] if ILEARN else [sys.executable, "-m", "ilearn_tui"]
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    for name in ("portfolio.md", "moving.zip"):
        done = subprocess.run(
            [*command, "--home", str(home), "export", "--out", name],
            cwd=tmp_path,
            capture_output=True,
            env=env,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0 and done.stderr == b"", done
    assert (tmp_path / "portfolio.md").read_text().startswith("# ")
    with zipfile.ZipFile(tmp_path / "moving.zip") as archive:
        assert "journal.json" in archive.namelist()


@pytest.mark.parametrize(("typed", "start"), [("htm", "<!DOCTYPE html>"), ("JS", "{"), ("Mark", None)])
def test_a_format_may_be_named_by_its_start(ilearn: Cli, seeded: str, typed: str, start: str | None) -> None:
    result = ilearn("export", "--format", typed)
    if start is None:  # not the start of any format
        assert_fails(result, 2)
        return
    assert ok(result).startswith(start)


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ("export", "--format", "mdd"),
            "ilearn: --format: 'mdd' is not known; did you mean 'md'? "
            "(the list: md, html, json, archive or pdf)",
        ),
        (
            ("export", "--format", "xml"),
            "ilearn: --format: 'xml' is not known; use md, html, json, archive or pdf",
        ),
        (("export", "--format", ""), "ilearn: --format: empty; use md"),
        (("export", "--packet", "reveiw"), "ilearn: --packet: 'reveiw' is not known; did you mean 'review'?"),
        (
            ("export", "--packet", "re"),
            "ilearn: --packet: 're' could be 'review' or 'renewal'; give more of it",
        ),
        (
            ("import", "IMPORT", "--format", "jsno"),
            "ilearn: --format: 'jsno' is not known; did you mean 'json'?",
        ),
        (("import", "IMPORT", "--format", "j"), "ilearn: --format: 'j' could be 'json' or 'jrnl'"),
    ],
)
def test_a_format_or_packet_misspelt_gets_a_suggestion(
    ilearn: Cli, home: Path, seeded: str, tmp_path: Path, args: tuple[str, ...], line: str
) -> None:
    offered = tmp_path / "offered.json"
    offered.write_text("{}")
    result = ilearn(*(str(offered) if a == "IMPORT" else a for a in args))
    assert_fails(result, 2)
    assert result.err.startswith(line), result.err
    assert snapshot(home) == seeded


def test_a_dash_is_standard_output_not_a_folder(
    ilearn: Cli, home: Path, seeded: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert ok(ilearn("export", "--out", "-", "--format", "html")).startswith("<!DOCTYPE html>")
    assert ok(ilearn("export", "--out", "-")).startswith("# ")
    refused = ilearn("export", "--out", "-", "--format", "pdf")
    assert_fails(refused, 2)
    assert "give --out NAME.pdf" in refused.err
    assert not (tmp_path / "-").exists()
    assert snapshot(home) == seeded

"""The one table of export kinds and the rule that a target's name decides its format.

Run in-process through ``cli.main.run`` (one subprocess case keeps the installed command
honest): each refusal is exit 2 with one ``ilearn:`` line, and nothing is written.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import ilearn_tui.portfolio
from ilearn_tui.cli.main import run
from ilearn_tui.errors import IlearnError, UsageError
from ilearn_tui.portfolio import formats
from ilearn_tui.portfolio.formats import BY_NAME, KINDS, choose, kind_for
from ilearn_tui.services.exports import ExportResult, notes, preflight
from ilearn_tui.settings import Settings
from ilearn_tui.store.journal import Journal
from tests.conftest import Result
from tests.sample_journal import fill

Cli = Callable[..., Result]


@pytest.fixture
def filled(journal: Journal) -> Iterator[Journal]:
    fill(journal)
    yield journal


@pytest.fixture
def export(filled: Journal, home: Path, capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """``ilearn export ARGS`` in-process, on a filled journal."""

    def call(*args: str) -> Result:
        capsys.readouterr()
        code = run(["--home", str(home), "export", *args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return call


@pytest.fixture
def place(tmp_path: Path) -> Path:
    """Where exports are written: apart from the journal's home, so "nothing written" is checkable."""
    folder = tmp_path / "place"
    folder.mkdir()
    return folder


def refused(result: Result, code: int, *words: str) -> str:
    assert result.code == code, result
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("ilearn: "), result.err
    for word in words:
        assert word in lines[0], lines[0]
    assert result.out == ""
    return lines[0]


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("page.md", "# "),
        ("page.MD", "# "),
        ("page.markdown", "# "),
        ("page.html", "<!DOCTYPE html>"),
        ("page.htm", "<!DOCTYPE html>"),
        ("page.json", "{"),
        ("page.pdf", "%PDF-"),
        ("page.PDF", "%PDF-"),
    ],
)
def test_the_name_decides_the_format(
    export: Callable[..., Result], place: Path, name: str, start: str
) -> None:
    target = place / name
    result = export("--out", str(target), "--include-private")
    assert result.code == 0, result
    assert target.read_bytes().startswith(start.encode())
    if name.endswith("json"):
        assert json.loads(target.read_text())["format"] == "ilearn-journal"


@pytest.mark.parametrize("fmt", ["pdf", "PDF"])
def test_a_pdf_is_never_printed_it_needs_a_file_name(export: Callable[..., Result], fmt: str) -> None:
    refused(export("--format", fmt), 2, "PDF export is one file", "--out NAME.pdf")
    refused(export("--format", fmt, "--packet", "review"), 2, "--out NAME.pdf")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (
            ["--format", "html", "--out", "page.md"],
            ("--format html contradicts the name page.md", "page.html"),
        ),
        (["--format", "md", "--out", "page.html"], ("contradicts the name page.html", "page.md")),
        (["--format", "json", "--out", "page.HTML"], ("contradicts the name page.HTML",)),
        (["--format", "md", "--out", "page.pdf"], ("--format md contradicts the name page.pdf", "page.md")),
        (["--format", "pdf", "--out", "page.html"], ("--format pdf contradicts the name page.html",)),
        (["--packet", "renewal", "--out", "renewal.pdf"], ("--packet renewal",)),
        (["--packet", "renewal", "--format", "pdf"], ("--packet renewal makes a Markdown document;",)),
        (
            ["--packet", "review", "--out", "review.html"],
            ("--packet review makes a Markdown document", "review.md"),
        ),
        (["--packet", "renewal", "--out", "all.json"], ("--packet renewal",)),
    ],
)
def test_a_format_that_contradicts_the_name_writes_nothing(
    export: Callable[..., Result], place: Path, args: list[str], words: tuple[str, ...]
) -> None:
    resolved = [str(place / a) if "." in a else a for a in args]
    refused(export(*resolved), 2, *words)
    assert list(place.iterdir()) == []


def test_a_name_that_names_no_format_is_refused_unless_the_format_is_given(
    export: Callable[..., Result], place: Path
) -> None:
    refused(export("--out", str(place / "notes.txt")), 2, "cannot tell the format", "--format")
    assert list(place.iterdir()) == []
    assert export("--format", "html", "--out", str(place / "notes.txt")).code == 0
    assert (place / "notes.txt").read_text().startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("form", ["slash", "existing", "no-suffix"])
def test_folder_names(export: Callable[..., Result], place: Path, form: str) -> None:
    target = place / "portfolio"
    raw = str(target)
    if form == "slash":
        raw += "/"
    elif form == "existing":
        target.mkdir()
    result = export("--out", raw)
    assert result.code == 0, result
    assert (target / "portfolio.md").read_text().startswith("# ")
    html = export("--format", "html", "--out", raw)
    assert html.code == 0, html
    assert (target / "index.html").read_text().startswith("<!DOCTYPE html>")


def test_an_existing_folder_with_a_suffix_is_still_a_folder(
    export: Callable[..., Result], place: Path
) -> None:
    target = place / "stick.md"
    target.mkdir()
    assert export("--format", "json", "--out", str(target)).code == 0
    assert (target / "ilearn-journal.json").is_file()


def test_existing_targets_are_refused_in_the_cli_words(export: Callable[..., Result], place: Path) -> None:
    page = place / "page.html"
    page.write_text("mine")
    refused(export("--out", str(page)), 1, "page.html already exists; use --force to replace it")
    assert page.read_text() == "mine"
    assert export("--out", str(page), "--force").code == 0
    assert page.read_text().startswith("<!DOCTYPE html>")


def test_one_subprocess_case_through_the_installed_command(cli: Cli, filled: Journal, tmp_path: Path) -> None:
    refused(cli("export", "--format", "md", "--out", str(tmp_path / "show.html")), 2, "contradicts")
    assert cli("export", "--out", str(tmp_path / "show.html")).code == 0
    assert (tmp_path / "show.html").read_text().startswith("<!DOCTYPE html>")


# --- the table and the rule, without a command line -------------------------------------


def test_one_table_gives_every_list() -> None:
    assert formats.FORMATS == ("md", "html", "json", "archive", "pdf")
    assert formats.PACKETS == ("review", "renewal")
    assert [k.name for k in KINDS if k.available] == [
        *("md", "html", "review", "renewal", "json", "archive", "pdf", "review-pdf")
    ]
    assert {k.document_name for k in KINDS if k.available} == {
        "portfolio.md",
        "portfolio.html",
        "review-packet.md",
        "renewal-record.md",
        "ilearn-journal.json",
        "ilearn-archive.zip",
        "portfolio.pdf",
        "review-packet.pdf",
    }
    assert formats.kind_for("pdf", "review") is BY_NAME["review-pdf"]
    assert formats.choose("packet.pdf", BY_NAME["review"]).kind is BY_NAME["review-pdf"]
    assert not BY_NAME["json"].shareable and BY_NAME["html"].shareable


def test_the_app_offers_the_same_table() -> None:
    from ilearn_tui.tui.screens.export import FORMATS, default_path

    assert [(k.title, k.name) for k in KINDS if k.available] == FORMATS
    for name, _ in ((v, t) for t, v in FORMATS):
        assert default_path(name).suffix == BY_NAME[name].suffix
        assert choose(str(default_path(name)), None).kind.format == BY_NAME[name].format


@pytest.mark.parametrize(
    ("fmt", "packet", "error"),
    [
        ("xml", None, formats.UnknownFormat),
        ("pdf", "renewal", formats.PacketNotMarkdown),
        (None, "annual", formats.UnknownPacket),
        ("html", "review", formats.PacketNotMarkdown),
    ],
)
def test_bad_kinds_raise_typed_usage_errors(fmt: str | None, packet: str | None, error: type) -> None:
    with pytest.raises(error) as raised:
        kind_for(fmt, packet)
    assert isinstance(raised.value, UsageError)
    assert "--" not in str(raised.value)  # no option named: each UI words its own fix


def test_the_rule_refuses_without_naming_options(tmp_path: Path) -> None:
    for out, asked in (("a.md", BY_NAME["html"]), ("a.txt", None), ("", None), ("a.pdf", BY_NAME["renewal"])):
        with pytest.raises(formats.ExportChoiceError) as raised:
            choose(str(tmp_path / out) if out else out, asked)
        assert "--" not in str(raised.value), raised.value
    assert choose(None, None).kind is BY_NAME["md"]
    assert choose(str(tmp_path / "r.md"), BY_NAME["review"]).kind is BY_NAME["review"]
    assert choose(str(tmp_path / "x"), BY_NAME["review"]).folder


def test_preflight_reports_what_would_be_replaced(tmp_path: Path) -> None:
    folder = tmp_path / "stick"
    (folder / "evidence").mkdir(parents=True)
    plan = preflight(choose(str(folder), BY_NAME["html"]))
    assert plan.replaces == (folder / "evidence",)
    (folder / "index.html").write_text("old")
    assert preflight(choose(str(folder), BY_NAME["html"])).replaces == (
        folder / "index.html",
        folder / "evidence",
    )
    assert preflight(choose(str(tmp_path / "new.md"), None)).replaces == ()
    with pytest.raises(IlearnError, match="does not exist"):
        preflight(choose(str(tmp_path / "no" / "page.md"), None))
    (tmp_path / "afile").write_text("x")
    with pytest.raises(IlearnError, match="is a file, not a folder"):
        preflight(choose(str(tmp_path / "afile") + "/", None))


def test_notes_are_worded_once_without_options() -> None:
    said = notes(ExportResult("", left_out=2, redactions={"dana": 2, "jo": 1}, missing=["a", "b", "c", "d"]))
    assert [n.what for n in said] == ["left_out", "redacted", "missing"]
    assert said[0].text == "left out 2 private items"
    assert said[1].text == "redacted 3 names: dana ×2, jo ×1"
    assert "(a, b, c, …)" in said[2].text
    assert not any("--" in n.text or "ilearn " in n.text for n in said)
    assert notes(ExportResult("")) == []


def test_unknown_redaction_names_no_option() -> None:
    from ilearn_tui.settings import RedactionUnknown

    settings = Settings(redaction_unknown="settings file x is unreadable")
    with pytest.raises(RedactionUnknown) as raised:
        settings.names_to_redact(shareable=True)
    assert "--include-private" not in str(raised.value)
    assert settings.names_to_redact(shareable=False) == []


# --- no SQL outside the store ----------------------------------------------------------------


def _sources_outside_the_store() -> list[object]:
    package = Path(ilearn_tui.__file__).parent
    return [
        pytest.param(path, id=str(path.relative_to(package)))
        for path in sorted(package.rglob("*.py"))
        if path.relative_to(package).parts[0] != "store"
    ]


@pytest.mark.parametrize("path", _sources_outside_the_store())
def test_modules_outside_the_store_run_no_sql(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # The command line may name sqlite3's exception class to word a failure; it runs no SQL.
    may_import = path.parent.name == "cli"
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and not may_import:
            assert not any(a.name.split(".")[0] == "sqlite3" for a in node.names), path.name
        if isinstance(node, ast.ImportFrom) and not may_import:
            assert (node.module or "").split(".")[0] != "sqlite3", path.name
        if isinstance(node, ast.Attribute):
            assert node.attr not in ("execute", "executemany", "executescript"), f"{path.name}:{node.lineno}"


def test_the_sql_check_would_catch_a_query(tmp_path: Path) -> None:
    """The check above finds what it looks for (so it cannot pass for want of looking)."""
    probe = tmp_path / "probe.py"
    probe.write_text("import sqlite3\n\ndef f(conn):\n    return conn.execute('SELECT 1')\n")
    with pytest.raises(AssertionError):
        test_modules_outside_the_store_run_no_sql(probe)


def test_the_portfolio_model_imports_nothing_of_the_package() -> None:
    """gather, sanitize and redaction all import the model; it imports none of them (no cycle).

    Its only imports from the package are the typed records of the domain layer it holds.
    """
    model = Path(ilearn_tui.portfolio.__file__).parent / "model.py"
    tree = ast.parse(model.read_text(encoding="utf-8"))
    imported = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    ours = [m for m in imported if m and m.startswith("ilearn_tui")]
    assert ours and all(m.startswith("ilearn_tui.domain.") for m in ours), ours
    for name in ("sanitize", "redaction"):
        source = (model.parent / f"{name}.py").read_text(encoding="utf-8")
        assert "portfolio.gather" not in source, name


# The modules that read the journal (through the store's queries) or import into it; every
# other portfolio module renders or writes from records it is handed.
_READERS = {"gather.py", "json_export.py", "json_import.py", "jrnl_import.py"}


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(Path(ilearn_tui.portfolio.__file__).parent.glob("*.py")) if p.name not in _READERS],
    ids=lambda p: p.name,
)
def test_renderers_and_writers_never_reach_the_store(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    modules += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert not [m for m in modules if m.startswith("ilearn_tui.store")], path.name

"""The zip archive: a whole journal with its evidence files, and refusing every zip that is not one.

An archive made from a journal and imported into an empty one gives the same journal and the
same files (compared as the lossless JSON export plus each stored file's hash). Every hostile
or broken zip is refused with one line, exit 1, and the journal it was offered to unchanged.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from ilearn_tui.portfolio.archive import DOCUMENT, MANIFEST
from tests.helpers.cli import Result, assert_fails, invoke_in, ok, snapshot

Cli = Callable[..., Result]


def _run(home: Path, *args: str) -> str:
    result = invoke_in(home, *args)
    assert result.code == 0, result
    return result.out.strip()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A journal with a private reflection, two evidence files (one of student work) and a link."""
    base = tmp_path_factory.mktemp("archive")
    home = base / "home"
    _run(home, "goal", "add", "Better questioning", "--question", "Does wait time help?")
    _run(home, "reflect", "Private thoughts about period 3", "--tag", "private")
    (base / "tickets.txt").write_text("exit tickets\n")
    (base / "photo.png").write_bytes(bytes(range(256)) * 64)
    _run(home, "evidence", "add", str(base / "tickets.txt"), "--student-info", "--goal", "better")
    _run(home, "evidence", "add", str(base / "photo.png"), "--title", "Board photo")
    _run(home, "evidence", "add", "https://example.org/slides", "--title", "Slides")
    _run(home, "log", "book", "Visible Learning", "--hours", "2")
    return home, snapshot(home)


@pytest.fixture
def archive(ilearn: Cli, seeded: str, tmp_path: Path) -> Path:
    target = tmp_path / "journal.zip"
    said = ok(ilearn("export", "--out", str(target)))
    assert said == f"wrote {target}: the whole journal and 2 evidence files"
    return target


def test_an_archive_holds_the_journal_its_files_and_their_sums(archive: Path, home: Path) -> None:
    with zipfile.ZipFile(archive) as opened:
        names = set(opened.namelist())
        manifest = json.loads(opened.read(MANIFEST))
        stored = {f"evidence/{p.name}" for p in (home / "evidence").iterdir()}
        assert names == {DOCUMENT, MANIFEST, *stored}
        assert manifest["format"] == "ilearn-archive"
        for name, digest in manifest["sha256"].items():
            assert hashlib.sha256(opened.read(name)).hexdigest() == digest
        document = json.loads(opened.read(DOCUMENT))
    assert any(r["title"].startswith("Private thoughts") for r in document["tables"]["reflections"])


def test_importing_an_archive_restores_an_identical_journal(
    ilearn: Cli, archive: Path, seeded: str, tmp_path: Path
) -> None:
    fresh = tmp_path / "new-computer"
    said = _run(fresh, "import", str(archive))
    assert said.startswith("imported ") and "from journal.zip" in said
    assert snapshot(fresh) == seeded
    assert not [p for p in fresh.iterdir() if p.name.startswith("import-")]  # its work folder is gone


def test_importing_the_same_archive_twice_adds_nothing(
    ilearn: Cli, archive: Path, home: Path, seeded: str
) -> None:
    said = ok(ilearn("import", str(archive)))
    assert said.startswith("imported 0 records")
    assert snapshot(home) == seeded


def test_the_format_may_be_named_and_the_real_command_round_trips(
    cli: Cli, seeded: str, tmp_path: Path
) -> None:
    target = tmp_path / "moving.zip"
    ok(cli("export", "--format", "archive", "--out", str(target)))
    fresh = tmp_path / "elsewhere"
    ok(cli("--home", str(fresh), "import", str(target), "--format", "archive"))
    assert snapshot(fresh) == seeded


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--format", "archive"), "give --out NAME.zip"),
        (("--format", "archive", "--out", "DIR/"), "give --out NAME.zip"),
        (("--format", "archive", "--out", "all.json"), "contradicts the name all.json"),
        (("--format", "json", "--out", "all.zip"), "contradicts the name all.zip"),
        (("--out", "all.zip", "--cycle", "2025-26"), "an archive is always the whole journal"),
    ],
)
def test_an_archive_export_that_cannot_be_made_writes_nothing(
    ilearn: Cli, home: Path, seeded: str, tmp_path: Path, args: tuple[str, ...], words: str
) -> None:
    place = tmp_path / "out"
    place.mkdir()
    result = ilearn(
        "export", *(a.replace("DIR/", f"{place}/dir/").replace("all.", f"{place}/all.") for a in args)
    )
    assert_fails(result, 2)
    assert words in result.err
    assert list(place.iterdir()) == []
    assert snapshot(home) == seeded


def test_an_existing_archive_is_kept_unless_forced(ilearn: Cli, archive: Path) -> None:
    before = archive.read_bytes()
    assert_fails(ilearn("export", "--out", str(archive)), 1)
    assert archive.read_bytes() == before
    ok(ilearn("export", "--out", str(archive), "--force"))


# --- hostile and broken zips ----------------------------------------------------------------
def _members(archive: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(archive) as opened:
        return {name: opened.read(name) for name in opened.namelist()}


def _zip(path: Path, members: dict[str, bytes], *, compress: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=compress) as made:
        for name, data in members.items():
            made.writestr(name, data)
    return path


def _resummed(members: dict[str, bytes]) -> dict[str, bytes]:
    """The members with a manifest whose sums fit them (so only the change under test is wrong)."""
    sums = {n: hashlib.sha256(d).hexdigest() for n, d in members.items() if n != MANIFEST}
    manifest = {"format": "ilearn-archive", "version": 1, "sha256": sums}
    return {**members, MANIFEST: json.dumps(manifest).encode()}


def _evidence_name(members: dict[str, bytes]) -> str:
    return next(n for n in members if n.startswith("evidence/"))


def _case(case: str, archive: Path, place: Path) -> Path:
    members = _members(archive)
    target = place / "offered.zip"
    if case == "not-a-zip":
        target.write_text("just some text\n")
    elif case == "truncated":
        target.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    elif case == "corrupt-bytes":
        data = bytearray(archive.read_bytes())
        start = data.find(b"journal.json") + 40  # inside the first member's compressed data
        data[start : start + 64] = bytes(64)
        target.write_bytes(bytes(data))
    elif case == "foreign":
        _zip(target, {"README.txt": b"hello", "data.csv": b"a,b\n"})
    elif case in ("zip-slip", "absolute-path", "backslash-path"):
        bad = {"zip-slip": "evidence/../../escaped.txt", "absolute-path": "/tmp/escaped.txt"}
        _zip(target, _resummed({**members, bad.get(case, "evidence\\..\\escaped.txt"): b"x"}))
    elif case == "no-manifest":
        _zip(target, {k: v for k, v in members.items() if k != MANIFEST})
    elif case == "stray-file":
        extra = "evidence/" + "0" * 64 + ".txt"
        _zip(target, {**members, extra: b"not listed"})
    elif case == "sum-mismatch":
        document = json.loads(members[DOCUMENT])
        document["tables"]["goals"][0]["title"] = "Tampered"
        _zip(target, {**members, DOCUMENT: json.dumps(document).encode()})
    elif case == "file-swapped":
        name = _evidence_name(members)  # the same size, other bytes: only the hash can tell
        _zip(target, _resummed({**members, name: members[name][::-1]}))
    elif case == "zip-bomb":
        _zip(target, _resummed({**members, _evidence_name(members): bytes(8 * 1024 * 1024)}))
    elif case == "foreign-manifest":
        _zip(target, {**members, MANIFEST: b'{"format": "something-else"}'})
    elif case == "bad-document":
        _zip(target, _resummed({**members, DOCUMENT: b'{"format": "ilearn-journal", "schema": "x"}'}))
    elif case == "duplicate-entry":
        with zipfile.ZipFile(target, "w") as made, pytest.warns(UserWarning):
            for name, data in members.items():
                made.writestr(name, data)
            made.writestr(DOCUMENT, members[DOCUMENT])
    return target


@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("not-a-zip", "is not a zip archive"),
        ("truncated", "offered.zip"),
        ("corrupt-bytes", "damaged"),
        ("foreign", "is not an ilearn archive"),
        ("zip-slip", "unsafe path"),
        ("absolute-path", "unsafe path"),
        ("backslash-path", "unsafe path"),
        ("no-manifest", "no manifest.json"),
        ("stray-file", "does not hold what its manifest lists"),
        ("sum-mismatch", "does not match its SHA-256 sum"),
        ("file-swapped", "is not the file its name is the hash of"),
        ("zip-bomb", "zip bomb"),
        ("foreign-manifest", "manifest is another's"),
        ("bad-document", "schema"),
        ("duplicate-entry", "twice"),
    ],
)
def test_a_zip_that_is_not_a_whole_archive_is_refused_and_changes_nothing(
    ilearn: Cli, home: Path, seeded: str, archive: Path, tmp_path: Path, case: str, words: str
) -> None:
    offered = _case(case, archive, tmp_path)
    result = ilearn("import", str(offered))
    assert_fails(result, 1)
    assert words in result.err, result.err
    assert "nothing was imported" in result.err
    assert snapshot(home) == seeded
    assert not (tmp_path / "escaped.txt").exists() and not Path("/tmp/escaped.txt").exists()
    assert not [p for p in home.iterdir() if p.name.startswith("import-")]
    empty = tmp_path / "empty"  # a journal without the files: nothing may be taken from the zip
    _run(empty, "goal", "list")
    before = snapshot(empty)
    assert_fails(invoke_in(empty, "import", str(offered)), 1)
    assert snapshot(empty) == before


def test_the_archive_limit_is_the_evidence_store_limit() -> None:
    """An archive may hold any file the journal could take in, and nothing larger."""
    from ilearn_tui.portfolio.archive import MAX_FILE_BYTES
    from ilearn_tui.store.evidence import DEFAULT_MAX_BYTES

    assert MAX_FILE_BYTES == DEFAULT_MAX_BYTES

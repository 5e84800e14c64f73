"""Evidence files enter the journal only as plain files, copied under their hash."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from ilearn_tui.errors import IlearnError, UsageError
from ilearn_tui.store.evidence import add_evidence, list_evidence, store_file
from ilearn_tui.store.journal import Journal


def count(journal: Journal) -> int:
    return int(journal.conn.execute("SELECT count(*) FROM evidence").fetchone()[0])


def test_a_file_is_copied_under_its_hash(journal: Journal, tmp_path: Path) -> None:
    source = tmp_path / "exit tickets.PDF"
    source.write_bytes(b"%PDF-1.4 pretend")
    eid = add_evidence(journal, str(source), student_info=True)
    item = list_evidence(journal)[0]
    digest = hashlib.sha256(b"%PDF-1.4 pretend").hexdigest()
    assert item.id == eid and item.sha256 == digest and item.student_info
    stored = journal.locations.evidence_dir / item.file_name
    assert item.file_name == f"{digest}.pdf"
    assert stored.read_bytes() == b"%PDF-1.4 pretend"
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert item.original_name == "exit tickets.PDF"


def test_hostile_names_are_stored_safely(journal: Journal, tmp_path: Path) -> None:
    name = "\u202egnp.exe\x1b[31m..txt"
    source = tmp_path / name
    source.write_bytes(b"data")
    add_evidence(journal, str(source))
    item = list_evidence(journal)[0]
    assert "\x1b" not in item.original_name and "\u202e" not in item.original_name
    assert "/" not in item.file_name and item.file_name.startswith(item.sha256)


def test_links_are_evidence_too(journal: Journal) -> None:
    add_evidence(journal, "https://example.org/blog/post", title="My blog post")
    assert list_evidence(journal)[0].url == "https://example.org/blog/post"
    with pytest.raises(UsageError):
        add_evidence(journal, "https://example.org/a b")


def refused(journal: Journal, target: str, match: str) -> None:
    with pytest.raises(IlearnError, match=match):
        add_evidence(journal, target)
    assert count(journal) == 0
    folder = journal.locations.evidence_dir
    assert not folder.exists() or list(folder.iterdir()) == []


def test_missing_file(journal: Journal, tmp_path: Path) -> None:
    refused(journal, str(tmp_path / "nope.pdf"), "no file")


def test_directory(journal: Journal, tmp_path: Path) -> None:
    refused(journal, str(tmp_path), "folder")


def test_symlink_to_an_outside_file(journal: Journal, tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("private")
    link = tmp_path / "innocent.txt"
    link.symlink_to(secret)
    refused(journal, str(link), "symbolic link")


def test_fifo_is_refused_without_blocking(journal: Journal, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    refused(journal, str(fifo), "not a regular file")


def test_device(journal: Journal) -> None:
    refused(journal, "/dev/zero", "not a regular file")


def test_file_over_the_cap(journal: Journal, tmp_path: Path) -> None:
    big = tmp_path / "big.bin"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(IlearnError, match="limit"):
        add_evidence(journal, str(big), max_bytes=1024)
    assert count(journal) == 0


def test_nul_in_path(journal: Journal) -> None:
    with pytest.raises(UsageError):
        add_evidence(journal, "bad\x00name")


def test_same_file_twice_is_stored_once(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("same")
    first = store_file(source, tmp_path / "ev")
    second = store_file(source, tmp_path / "ev")
    assert first == second
    assert len(list((tmp_path / "ev").iterdir())) == 1


def test_relative_and_absolute_paths_never_escape_the_evidence_folder(
    journal: Journal, tmp_path: Path
) -> None:
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (tmp_path / "x").write_text("outside")
    cwd = os.getcwd()
    os.chdir(nested)
    try:
        add_evidence(journal, "../../x")
    finally:
        os.chdir(cwd)
    add_evidence(journal, str(tmp_path / "x"))
    stored = list(journal.locations.evidence_dir.iterdir())
    assert all(p.parent == journal.locations.evidence_dir for p in stored)
    assert {i.original_name for i in list_evidence(journal)} == {"x"}


def test_a_very_long_name_is_kept_short_for_display(journal: Journal, tmp_path: Path) -> None:
    source = tmp_path / ("n" * 250 + ".txt")
    source.write_text("long")
    add_evidence(journal, str(source))
    item = list_evidence(journal)[0]
    assert len(item.original_name) <= 201 and len(item.title) <= 300

"""Submitted packets are kept as dated copies with their SHA-256, listed and checked later."""

from __future__ import annotations

import hashlib
import stat
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ilearn_tui.locations import resolve
from ilearn_tui.portfolio.formats import BY_NAME
from ilearn_tui.services import submissions
from ilearn_tui.store.journal import Journal
from tests.helpers.cli import Result, assert_fails, ok
from tests.sample_journal import fill

Cli = Callable[..., Result]


@pytest.fixture
def filled(journal: Journal) -> Journal:
    fill(journal)
    return journal


@pytest.mark.parametrize("name", ["packet.pdf", "packet.md"])
def test_a_submitted_packet_is_kept_private_with_its_sum(
    filled: Journal, ilearn: Cli, home: Path, tmp_path: Path, name: str
) -> None:
    target = tmp_path / name
    result = ilearn("export", "--packet", "review", "--cycle", "2024-25", "--out", str(target), "--submit")
    ok(result)
    [copy] = [p for p in (home / "submissions").iterdir() if not p.name.endswith(".sha256")]
    assert copy.read_bytes() == target.read_bytes()  # what was handed in, byte for byte
    if name.endswith(".md"):  # a streamed export: kept from the file, never from memory
        assert "Goals and progress" in copy.read_text()
    digest = hashlib.sha256(copy.read_bytes()).hexdigest()
    assert digest in result.err
    assert (home / "submissions" / (copy.name + ".sha256")).read_text() == f"{digest}  {copy.name}\n"
    for path in (home / "submissions").iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE((home / "submissions").stat().st_mode) == 0o700
    listed = ok(ilearn("submissions"))
    assert f"review-{name}" in listed and digest in listed and f"{copy.stat().st_size:,} bytes" in listed
    assert ok(ilearn("submissions", "--check")) == "the 1 submission matches its SHA-256"


def test_a_packet_printed_to_stdout_is_kept_as_printed(filled: Journal, ilearn: Cli, home: Path) -> None:
    result = ilearn("export", "--packet", "review", "--cycle", "2024-25", "--submit")
    printed = ok(result)
    [item] = submissions.listed(resolve(home))
    assert item.kind == "review-packet.md"
    assert item.path.read_text().strip() == printed


def test_a_changed_or_missing_copy_fails_the_check(ilearn: Cli, home: Path) -> None:
    where = resolve(home)
    when = datetime(2026, 5, 1, 9, 30, tzinfo=UTC)
    first = submissions.keep(where, BY_NAME["review"], b"# Packet\n", now=when)
    second = submissions.keep(where, BY_NAME["review"], b"# Packet again\n", now=when)  # same second
    assert first.name != second.name and second.kind == "review-packet.md"
    assert first.submitted == "2026-05-01T09:30:00Z"
    first.path.write_bytes(b"# Packet, edited afterwards\n")
    second.path.unlink()
    (where.data_dir / "submissions" / "stray.pdf").write_bytes(b"%PDF-")
    result = ilearn("submissions", "--check")
    assert_fails(result, 1, quiet=False)
    assert "the check failed for 3 submissions" in result.err
    assert "has changed" in result.out and "is missing" in result.out and "no checksum" in result.out
    assert "missing" in ok(ilearn("submissions"))


def test_a_damaged_sum_file_is_named(ilearn: Cli, home: Path) -> None:
    where = resolve(home)
    kept = submissions.keep(where, BY_NAME["review"], b"# Packet\n")
    (where.data_dir / "submissions" / (kept.name + ".sha256")).write_text("not a sum\n")
    result = ilearn("submissions")
    assert_fails(result, 1)
    assert kept.name in result.err


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "json", "--submit"],
        ["--out", "all.zip", "--submit"],
    ],
)
def test_the_whole_journal_is_not_a_submission(
    filled: Journal, ilearn: Cli, home: Path, tmp_path: Path, args: list[str]
) -> None:
    result = ilearn("export", *[str(tmp_path / a) if "." in a else a for a in args])
    assert_fails(result, 2)
    assert "--submit" in result.err
    assert not (home / "submissions").exists() and not (tmp_path / "all.zip").exists()


def test_nothing_submitted_says_how(ilearn: Cli) -> None:
    assert "--submit" in ok(ilearn("submissions"))
    assert "--submit" in ok(ilearn("submissions", "--check"))  # nothing to check: said once, not "all 0"

"""Full disks and read-only folders: a clear message, and nothing partial left behind."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ilearn_tui.errors import IlearnError
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.reflections import add_reflection, count_reflections


def test_a_full_database_saves_nothing_and_says_so(journal: Journal) -> None:
    add_reflection(journal, "already safe")
    pages = journal.conn.execute("PRAGMA page_count").fetchone()[0]
    journal.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    with pytest.raises(IlearnError, match="disk is full; nothing was saved"):
        for n in range(500):
            add_reflection(journal, f"filling {n} " + "x" * 4000)
    saved = count_reflections(journal)
    assert saved >= 1
    journal.conn.execute("PRAGMA max_page_count = 1073741823")
    assert journal.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert count_reflections(journal) == saved


def _small_files() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


def test_evidence_copy_on_a_full_disk_leaves_nothing(
    cli: Callable[..., Any], home: Path, tmp_path: Path
) -> None:
    assert cli("reflect", "first").code == 0
    big = tmp_path / "scan.pdf"
    big.write_bytes(os.urandom(256 * 1024))
    from tests.helpers.cli import ILEARN

    proc = subprocess.run(
        [ILEARN or "ilearn", "--home", str(home), "evidence", "add", str(big)],
        capture_output=True,
        text=True,
        preexec_fn=_small_files,
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stderr.startswith("ilearn: cannot copy") and len(proc.stderr.splitlines()) == 1
    assert list((home / "evidence").iterdir()) == []
    assert "evidence" not in cli("search", "scan").out


def test_export_on_a_full_disk_leaves_no_partial_file(
    cli: Callable[..., Any], home: Path, tmp_path: Path
) -> None:
    for n in range(40):
        cli("reflect", f"entry {n} " + "words " * 400)
    out = tmp_path / "portfolio.md"
    from tests.helpers.cli import ILEARN

    proc = subprocess.run(
        [ILEARN or "ilearn", "--home", str(home), "export", "--out", str(out)],
        capture_output=True,
        text=True,
        preexec_fn=_small_files,
        check=False,
    )
    assert proc.returncode == 1 and "cannot write" in proc.stderr
    assert list(tmp_path.glob("*portfolio*")) == []


@pytest.fixture
def small_mount(tmp_path: Path) -> Iterator[Path]:
    """A real 1 MiB filesystem (tmpfs), where the machine allows mounting one."""
    where = tmp_path / f"mnt-{uuid.uuid4().hex[:6]}"
    where.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(where)], capture_output=True, check=False
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a small filesystem here")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_really_full_disk(small_mount: Path, cli: Callable[..., Any]) -> None:
    home = small_mount / "home"
    codes = []
    for n in range(200):
        words = "words " * 15000
        codes.append(cli("reflect", f"entry {n} {words}", use_home=False, env={"ILEARN_HOME": str(home)}))
        if sum(r.code != 0 for r in codes) >= 3:
            break
    failures = [r for r in codes if r.code != 0]
    assert failures, "the disk never filled"
    assert all(len(r.err.splitlines()) == 1 and "Traceback" not in r.err for r in failures)
    saved = sum(1 for r in codes if r.code == 0)
    subprocess.run(["mount", "-o", "remount,size=8m", str(small_mount)], check=True)
    listed = cli(
        "export", "--format", "json", "--include-private", use_home=False, env={"ILEARN_HOME": str(home)}
    )
    assert listed.code == 0
    import json

    assert len(json.loads(listed.out)["tables"]["reflections"]) == saved


def test_a_read_only_folder_gives_a_clear_error(small_mount: Path, cli: Callable[..., Any]) -> None:
    env = {"ILEARN_HOME": str(small_mount / "home")}
    assert cli("reflect", "written before", use_home=False, env=env).code == 0
    subprocess.run(["mount", "-o", "remount,ro", str(small_mount)], check=True)
    for args in (("reflect", "after"), ("search", "written")):
        result = cli(*args, use_home=False, env=env)
        assert result.code == 1
        assert "read-only" in result.err and len(result.err.splitlines()) == 1

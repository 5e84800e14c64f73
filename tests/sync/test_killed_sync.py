"""A sync killed at any moment (SIGKILL) leaves the journal whole; the next one completes."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ilearn_tui.store.reflections import add_reflection
from tests.helpers.cli import ILEARN
from tests.sync.helpers import Computer

KILLS = 50


@pytest.mark.slow
def test_a_sync_killed_at_random_moments_loses_nothing(tmp_path: Path) -> None:
    """Fifty kills, each at a moment drawn over the whole length of an unhurried sync.

    Every fifth round the desktop has sent something first, so some kills land while a merge
    is applied; after each, the laptop's journal is whole and holds what it held or more,
    and at the end both computers agree and hold every text written.
    """
    rng = random.Random(7)
    laptop, desktop = Computer(tmp_path / "laptop"), Computer(tmp_path / "desktop")
    for computer in (laptop, desktop):
        computer.ok("sync", "setup", str(tmp_path / "remote"))
        computer.ok("sync")
    written: set[str] = set()
    command = [ILEARN] if ILEARN else [sys.executable, "-m", "ilearn_tui"]
    argv = [*command, "--home", str(laptop.home), "sync"]
    started = time.perf_counter()
    subprocess.run(argv, capture_output=True, check=True, timeout=60)
    whole = time.perf_counter() - started  # start-up, imports, fetch, merge, push: kills fall in all
    killed = 0
    for round_ in range(KILLS):
        with laptop.journal() as journal:
            text = f"round {round_} on the laptop"
            add_reflection(journal, text)
            written.add(text)
        if round_ % 5 == 0:
            with desktop.journal() as journal:
                text = f"round {round_} on the desktop"
                add_reflection(journal, text)
                written.add(text)
            desktop.ok("sync")
        held = laptop.bodies()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, whole * 1.1))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            killed += 1
        proc.wait(timeout=60)
        with laptop.journal() as journal:
            assert journal.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert held <= laptop.bodies() <= written  # as before, or as after: never less, nothing made up
    assert killed >= KILLS // 2, f"only {killed} of {KILLS} syncs were still running when killed"
    for computer in (laptop, desktop, laptop, desktop):
        computer.ok("sync")
    assert laptop.records() == desktop.records()
    assert written <= laptop.bodies()


@pytest.mark.slow
def test_two_computers_syncing_at_the_same_moment_both_finish(tmp_path: Path) -> None:
    """One of them finds the remote moved (or locked) under it, fetches, merges and pushes again."""
    laptop, desktop = Computer(tmp_path / "laptop"), Computer(tmp_path / "desktop")
    for computer in (laptop, desktop):
        computer.ok("sync", "setup", str(tmp_path / "remote"))
        computer.ok("sync")
    command = [ILEARN] if ILEARN else [sys.executable, "-m", "ilearn_tui"]
    for round_ in range(3):
        for computer in (laptop, desktop):
            with computer.journal() as journal:
                add_reflection(journal, f"round {round_} on {computer.home.name}")
        procs = [
            subprocess.Popen(
                [*command, "--home", str(c.home), "sync"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
            )
            for c in (laptop, desktop)
        ]
        for proc in procs:
            _, err = proc.communicate(timeout=60)
            assert proc.returncode == 0, err.decode()
    laptop.ok("sync")
    desktop.ok("sync")
    assert laptop.records() == desktop.records()
    assert len(laptop.bodies()) == 6


def test_a_lock_file_left_by_a_killed_sync_does_not_stop_the_next(tmp_path: Path) -> None:
    """A sync killed while it moved its branch leaves ``main.lock``; the next one carries on."""
    from ilearn_tui.locations import resolve

    laptop, desktop = Computer(tmp_path / "laptop"), Computer(tmp_path / "desktop")
    laptop.reflect("Before the kill.")
    for computer in (laptop, desktop):
        computer.ok("sync", "setup", str(tmp_path / "remote"))
        computer.ok("sync")
    lock = resolve(laptop.home).data_dir / "sync" / "refs" / "heads" / "main.lock"
    lock.write_bytes(b"")  # what dulwich leaves when killed between taking and releasing it
    laptop.reflect("After the kill.")
    laptop.ok("sync")
    assert not lock.exists()
    desktop.ok("sync")
    assert "After the kill." in desktop.bodies()

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


@pytest.mark.slow
def test_a_sync_killed_at_random_moments_loses_nothing(tmp_path: Path) -> None:
    rng = random.Random(7)
    laptop, desktop = Computer(tmp_path / "laptop"), Computer(tmp_path / "desktop")
    for computer in (laptop, desktop):
        computer.ok("sync", "setup", str(tmp_path / "remote"))
        computer.ok("sync")
    written: set[str] = set()
    command = [ILEARN] if ILEARN else [sys.executable, "-m", "ilearn_tui"]
    for round_ in range(10):
        for computer in (laptop, desktop):
            with computer.journal() as journal:
                text = f"round {round_} on {computer.home.name}"
                add_reflection(journal, text)
                written.add(text)
        desktop.ok("sync")
        proc = subprocess.Popen(
            [*command, "--home", str(laptop.home), "sync"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.3, 1.0))  # start-up takes about 0.4 s; the sync itself follows
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        with laptop.journal() as journal:
            assert journal.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert {t for t in written if "laptop" in t} <= laptop.bodies()
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

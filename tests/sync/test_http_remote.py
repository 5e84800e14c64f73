"""Sync through a real smart-HTTP git server on 127.0.0.1 (the ``server`` fixture of conftest)."""

from __future__ import annotations

from pathlib import Path

from tests.sync.helpers import Computer, summary


def test_two_computers_sync_through_a_git_server(server: str, tmp_path: Path) -> None:
    # Real processes: the server's own open pack files must not count against the commands.
    laptop, desktop = Computer(tmp_path / "laptop", real=True), Computer(tmp_path / "desktop", real=True)
    laptop.ok("sync", "setup", server)
    desktop.ok("sync", "setup", server)
    rid = laptop.reflect("Shared over HTTP.").strip()
    assert summary(laptop.ok("sync"))[0] >= 1
    desktop.ok("sync")
    assert "Shared over HTTP." in desktop.bodies()
    desktop.reflect("An answer from home.")
    laptop.edit(rid, "Shared over HTTP, edited.")
    desktop.ok("sync")
    laptop.ok("sync")  # the remote moved: fetched and merged, then pushed
    desktop.ok("sync")
    assert laptop.records() == desktop.records()
    assert {"Shared over HTTP, edited.", "An answer from home."} <= desktop.bodies()

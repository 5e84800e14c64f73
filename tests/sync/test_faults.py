"""Faults a sync meets in a school: each is one ``ilearn:`` line, exit 1, and the journal as it was.

"As it was" is checked on every record table and on the change log (the records waiting to
be sent are still waiting); after the fault is gone, the next sync completes and sends them.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from dulwich.repo import Repo

from ilearn_tui.store import sync_state
from ilearn_tui.sync.repo import BRANCH
from tests.helpers.cli import ILEARN, Result, assert_fails, run_ilearn, run_ilearn_with, without_root_override
from tests.sync.helpers import Computer, summary


def _state(computer: Computer) -> tuple[dict[str, list[tuple[object, ...]]], list[tuple[str, str]]]:
    with computer.journal() as journal:
        waiting = [(c.table, c.key) for c in sync_state.pending(journal)]
    return computer.records(), waiting


def _refused_and_unchanged(computer: Computer, result: Result, before: object) -> None:
    assert_fails(result, 1)
    assert _state(computer) == before


def _head(remote: Path) -> bytes | None:
    repo = Repo(str(remote))
    try:
        head = repo.refs.as_dict().get(BRANCH)
        return bytes(head) if head else None
    finally:
        repo.close()


@pytest.fixture
def synced(tmp_path: Path) -> tuple[Computer, Computer, Path]:
    """A laptop and a desktop that have synced with a folder remote, and that remote."""
    remote = tmp_path / "stick"
    laptop, desktop = Computer(tmp_path / "laptop"), Computer(tmp_path / "desktop")
    laptop.reflect("Written before any fault.")
    for computer in (laptop, desktop, laptop):
        computer.ok("sync", "setup", str(remote))
        computer.ok("sync")
    return laptop, desktop, remote


def _pending_write(computer: Computer, text: str = "Written while the remote was in trouble.") -> None:
    computer.reflect(text)
    with computer.journal() as journal:
        assert sync_state.pending_count(journal) >= 1


def _completes(
    laptop: Computer, desktop: Computer, text: str = "Written while the remote was in trouble."
) -> None:
    assert summary(laptop.ok("sync"))[0] >= 1
    with laptop.journal() as journal:
        assert sync_state.pending_count(journal) == 0
    desktop.ok("sync")
    assert text in desktop.bodies()


def test_a_vanished_folder(synced: tuple[Computer, Computer, Path], tmp_path: Path) -> None:
    laptop, desktop, remote = synced
    _pending_write(laptop)
    before = _state(laptop)
    remote.rename(tmp_path / "unplugged")
    _refused_and_unchanged(laptop, laptop.run("sync"), before)
    assert not remote.exists()  # a sync never makes the stick's folder again in its absence
    (tmp_path / "unplugged").rename(remote)
    _completes(laptop, desktop)


def test_a_server_on_a_closed_port(synced: tuple[Computer, Computer, Path]) -> None:
    laptop, _, _ = synced
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    laptop.ok("sync", "setup", f"http://127.0.0.1:{port}/journal.git")
    _pending_write(laptop)
    before = _state(laptop)
    result = laptop.run("sync")
    _refused_and_unchanged(laptop, result, before)
    assert "cannot reach the remote" in result.err


def test_a_read_only_remote(synced: tuple[Computer, Computer, Path]) -> None:
    """The stick's repository belongs to someone else and is read-only to the command.

    As root (CI containers), ``chmod`` alone would not bind, so the command runs through
    ``setpriv`` without root's permission override; as any other user, ``chmod`` is enough.
    """
    laptop, desktop, remote = synced
    prefix = without_root_override()
    if os.geteuid() == 0 and prefix is None:
        pytest.skip("as root, a read-only folder needs setpriv to drop root's override")
    _pending_write(laptop)
    before, head = _state(laptop), _head(remote)
    modes = {p: p.stat().st_mode & 0o777 for p in [remote, *remote.rglob("*")]}
    owner = (remote.stat().st_uid, remote.stat().st_gid)
    try:
        for path in modes:
            if os.geteuid() == 0:
                os.chown(path, 65534, 65534)  # nobody
            path.chmod(0o555 if path.is_dir() else 0o444)
        result = run_ilearn_with(prefix or [], "sync", home=laptop.home)
    finally:
        for path, mode in modes.items():
            if os.geteuid() == 0:
                os.chown(path, *owner)
            path.chmod(mode)
    _refused_and_unchanged(laptop, result, before)
    assert _head(remote) == head
    _completes(laptop, desktop)


@pytest.mark.parametrize("damage", ["flipped bytes", "cut short"])
def test_a_corrupt_pack_in_the_remote(synced: tuple[Computer, Computer, Path], damage: str) -> None:
    laptop, desktop, remote = synced
    for n in range(20):
        laptop.reflect(f"Sent before the stick was damaged, number {n}: " + "words " * 40)
    laptop.ok("sync")
    _pending_write(desktop, "The desktop's own, waiting.")
    packs = sorted((remote / "objects" / "pack").glob("*.pack"), key=lambda p: p.stat().st_mtime)
    newest = packs[-1]
    good = newest.read_bytes()
    if damage == "flipped bytes":
        middle = len(good) // 2
        newest.write_bytes(
            good[:middle] + bytes(b ^ 0xFF for b in good[middle : middle + 64]) + good[middle + 64 :]
        )
    else:
        newest.write_bytes(good[: len(good) // 2])
    before = _state(desktop)
    # As a real process: stderr as a shell sees it (dulwich's own warnings included).
    _refused_and_unchanged(desktop, run_ilearn("sync", home=desktop.home), before)
    _refused_and_unchanged(desktop, desktop.run("sync"), before)  # in this process: no file left open
    newest.write_bytes(good)
    desktop.ok("sync")
    laptop.ok("sync")
    assert laptop.records() == desktop.records()
    assert "The desktop's own, waiting." in laptop.bodies()


# --- a full disk: a small tmpfs mounted in a mount namespace of the command's own -------------
def _can_mount_tmpfs(folder: Path) -> bool:
    if not shutil.which("unshare") or sys.platform != "linux":
        return False
    folder.mkdir(exist_ok=True)
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", f"mount -t tmpfs -o size=64k none {folder}"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


def _on_a_full_disk(folder: Path, room_kib: int, command: list[str], keep: Path) -> Result:
    """Run ``command`` with ``folder`` on a small tmpfs (its files copied there) left nearly full.

    The tmpfs lives in a mount namespace of the command's own, over ``folder``, so nothing
    outside sees it; what the command left in ``folder`` is copied to ``keep`` to be checked.
    """
    script = (
        'set -e; src="$1"; room="$2"; keep="$3"; shift 3; copy="$keep.orig"; cp -a "$src" "$copy"; '
        'mount -t tmpfs -o size=4m none "$src"; cp -a "$copy"/. "$src"/; '
        'dd if=/dev/zero of="$src/.filler" bs=1k count=99999 2>/dev/null || true; '
        'rm -f "$src/.filler"; dd if=/dev/zero of="$src/.filler" bs=1k '
        'count=$(( $(df -k --output=avail "$src" | tail -1) - room )) 2>/dev/null; '
        'set +e; "$@" 2>"$keep.err"; code=$?; rm -f "$src/.filler"; cp -a "$src"/. "$keep"/; exit $code'
    )
    keep.mkdir()
    proc = subprocess.run(
        ["unshare", "-m", "sh", "-c", script, "sh", str(folder), str(room_kib), str(keep), *command],
        capture_output=True,
        check=False,
        timeout=120,
    )
    return Result(proc.returncode, proc.stdout.decode(), (keep.parent / f"{keep.name}.err").read_text())


@pytest.mark.parametrize("where", ["the stick", "this computer"])
def test_a_full_disk(synced: tuple[Computer, Computer, Path], tmp_path: Path, where: str) -> None:
    laptop, desktop, remote = synced
    if os.geteuid() != 0 or not _can_mount_tmpfs(tmp_path / "probe"):
        pytest.skip("a small tmpfs in a mount namespace needs root and unshare")
    # Evidence files travel in the pack: one megabyte of them cannot fit in 64 KiB of room.
    picture = tmp_path / "seating-plan.png"
    picture.write_bytes(os.urandom(1_000_000))
    laptop.ok("evidence", "add", str(picture), "--title", "Seating plan")
    before = _state(laptop)
    folder = remote if where == "the stick" else laptop.home
    command = [ILEARN] if ILEARN else [sys.executable, "-m", "ilearn_tui"]
    kept = tmp_path / "after"
    result = _on_a_full_disk(folder, 64, [*command, "--home", str(laptop.home), "sync"], kept)
    if where == "this computer":
        assert_fails(result, 1)
        assert _state(Computer(kept)) == before  # the journal as the full disk left it
    else:
        _refused_and_unchanged(laptop, result, before)
        assert _head(kept) == _head(remote)
    assert "No space left" in result.err or "space" in result.err
    assert summary(laptop.ok("sync"))[0] >= 1
    desktop.ok("sync")
    assert desktop.records() == laptop.records()

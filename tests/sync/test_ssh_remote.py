"""Sync through a real OpenSSH server on 127.0.0.1: ``ssh://user@127.0.0.1:PORT/path.git``.

The client is the ``ssh`` program dulwich runs, pointed at the test's own key and known-hosts
file through ``GIT_SSH_COMMAND``; the server runs git's ``git-upload-pack`` and
``git-receive-pack``. The failures run on a real terminal, where an ``ssh`` allowed to ask for
a password would wait for one forever.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import pwd
import signal
import socket
import subprocess
import sys
import termios
from collections.abc import Iterator
from pathlib import Path

import pytest
from dulwich.repo import Repo

from ilearn_tui.sync.engine import repo_dir
from ilearn_tui.sync.repo import BRANCH, SyncRepo, ssh_command
from tests.helpers.cli import ILEARN, Result, assert_fails, snapshot
from tests.sync.helpers import Computer, summary
from tests.sync.sshd import MISSING, SshServer, free_port, keygen

needs_sshd = pytest.mark.skipif(bool(MISSING), reason=f"not installed: {', '.join(MISSING)}")


def _dot_ssh() -> list[tuple[str, int, int]] | None:
    """The real ``~/.ssh`` (of the user, as ssh finds it, not $HOME): names, sizes, times."""
    folder = Path(pwd.getpwuid(os.getuid()).pw_dir) / ".ssh"
    if not folder.is_dir():
        return None
    return sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir())


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SshServer]:
    served = SshServer(tmp_path / "server")
    monkeypatch.setenv("GIT_SSH_COMMAND", served.ssh_command())
    monkeypatch.delenv("GIT_SSH", raising=False)
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    real = _dot_ssh()
    try:
        yield served
    finally:
        served.stop()
    assert _dot_ssh() == real, "the client wrote into the real ~/.ssh"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "ssh -o BatchMode=yes -o ConnectTimeout=20"),
        ({"GIT_SSH": "/opt/my tools/ssh"}, "'/opt/my tools/ssh' -o BatchMode=yes -o ConnectTimeout=20"),
        (
            {"GIT_SSH": "/usr/bin/ssh", "GIT_SSH_COMMAND": "ssh -i ~/.ssh/school"},
            "ssh -i ~/.ssh/school -o BatchMode=yes -o ConnectTimeout=20",
        ),
    ],
)
def test_the_ssh_program_is_gits_and_never_asks(env: dict[str, str], expected: str) -> None:
    assert ssh_command(env) == expected


@needs_sshd
def test_two_computers_sync_through_an_ssh_server(server: SshServer, tmp_path: Path) -> None:
    laptop, desktop = Computer(tmp_path / "laptop"), Computer(tmp_path / "desktop")
    for computer in (laptop, desktop):
        computer.ok("sync", "setup", server.url())
    rid = laptop.reflect("Sent over SSH from school.")
    evidence = tmp_path / "student-work.bin"
    data = bytes(range(256)) * 37 + b"\x00\r\n\xff end"
    evidence.write_bytes(data)
    laptop.ok("evidence", "add", str(evidence), "--title", "Sample of student work")
    assert summary(laptop.ok("sync"))[0] >= 2
    assert summary(desktop.ok("sync"))[1] >= 2
    assert "Sent over SSH from school." in desktop.bodies()
    with desktop.journal() as journal:
        name, sha = journal.conn.execute("SELECT file_name, sha256 FROM evidence").fetchone()
        stored = (journal.locations.evidence_dir / name).read_bytes()
    assert stored == data and hashlib.sha256(stored).hexdigest() == sha

    desktop.reflect("An answer written at home.")
    desktop.ok("sync")
    laptop.ok("sync")
    assert "An answer written at home." in laptop.bodies()  # the other way

    laptop.edit(rid, "Edited at school.")
    desktop.edit(rid, "Edited at home.")
    laptop.ok("sync")
    assert summary(desktop.ok("sync"))[2] == 1
    laptop.ok("sync")
    for computer in (laptop, desktop):
        assert {"Edited at school.", "Edited at home."} <= computer.bodies()
    assert laptop.records() == desktop.records()
    with laptop.journal() as journal:
        local = SyncRepo(repo_dir(journal))
        try:
            laptop_head = local.head()
        finally:
            local.close()
    with Repo(str(server.repository)) as served:  # the server holds what the last sync pushed
        assert laptop_head is not None and served.refs.as_dict().get(BRANCH) == laptop_head


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections (the kernel does) and then says nothing, ever."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        yield int(silent.getsockname()[1])


def _on_a_terminal(home: Path, *args: str) -> tuple[Result, bytes]:
    """``ilearn --home HOME ARGS`` as a process whose controlling terminal is a fresh pty.

    ``ssh`` asks for passwords and passphrases on ``/dev/tty``, not on stdin; given a terminal,
    an ``ssh`` that may ask would wait there. Returns the result and what reached the terminal.
    """
    command = [ILEARN] if ILEARN else [sys.executable, "-m", "ilearn_tui"]
    main, tty = os.openpty()

    def take_the_terminal() -> None:  # runs in the child, after start_new_session's setsid
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    try:
        proc = subprocess.Popen(
            [*command, "--home", str(home), *args],
            stdin=tty,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
            preexec_fn=take_the_terminal,
        )
        os.close(tty)
        try:
            out, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise AssertionError(f"ilearn did not finish; its terminal shows {_read_all(main)!r}") from None
        return Result(proc.returncode, out.decode(), err.decode()), _read_all(main)
    finally:
        os.close(main)


def _read_all(fd: int) -> bytes:
    os.set_blocking(fd, False)
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # nothing more (EAGAIN), or the other side is closed (EIO)
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


@needs_sshd
@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("closed port", "Connection refused"),
        ("wrong key", "Permission denied"),
        ("unknown server", "Host key verification failed"),
        ("not a repository", "does not appear to be a git repository"),
        ("silent server", "timed out"),
    ],
)
def test_a_remote_that_cannot_be_used_over_ssh_changes_nothing(
    server: SshServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
    case: str,
    words: str,
) -> None:
    laptop = Computer(tmp_path / "laptop")
    url = server.url()
    if case == "closed port":
        url = server.url(port=free_port())  # nothing listens there
    elif case == "wrong key":
        other = tmp_path / "other"
        other.mkdir()
        monkeypatch.setenv("GIT_SSH_COMMAND", server.ssh_command(key=keygen(other / "key")))
    elif case == "unknown server":
        (tmp_path / "empty_known_hosts").write_text("")
        monkeypatch.setenv("GIT_SSH_COMMAND", server.ssh_command(known_hosts=tmp_path / "empty_known_hosts"))
    elif case == "not a repository":
        url = server.url(server.folder / "nothing-here.git")
    elif case == "silent server":
        url = server.url(port=request.getfixturevalue("silent_port"))
    laptop.ok("sync", "setup", url)
    laptop.reflect("Written before the failed sync.")
    before = snapshot(laptop.home)
    status = laptop.ok("sync", "status")

    result, on_terminal = _on_a_terminal(laptop.home, "sync")

    assert_fails(result, 1)
    assert words in result.err and url in result.err
    assert b"password" not in on_terminal.lower() and b"passphrase" not in on_terminal.lower()
    assert snapshot(laptop.home) == before
    assert laptop.ok("sync", "status") == status  # the reflection still waits to be sent
    with Repo(str(server.repository)) as served:
        assert not served.refs.as_dict()

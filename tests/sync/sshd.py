"""A real OpenSSH server on 127.0.0.1, run as the test's own user, serving git from a temp dir.

Everything it needs lives in one folder: a generated host key, a generated client key in its
``authorized_keys``, its config and its log. The server runs the git program's own
``git-upload-pack`` and ``git-receive-pack`` (what a school's server runs); the client side is
told, through git's ``GIT_SSH_COMMAND``, to use only that folder's key and known-hosts file, so
it neither reads nor writes the real ``~/.ssh`` and never asks anything.
"""

from __future__ import annotations

import os
import pwd
import shlex
import shutil
import socket
import subprocess
import time
from pathlib import Path

from dulwich.repo import Repo


def _sshd() -> str | None:
    found = shutil.which("sshd")
    if found:
        return found
    # Not on a non-root user's PATH on Debian, where the package puts it.
    return "/usr/sbin/sshd" if os.access("/usr/sbin/sshd", os.X_OK) else None


SSHD = _sshd()
MISSING = [
    name
    for name, path in (
        ("sshd", SSHD),
        ("ssh", shutil.which("ssh")),
        ("ssh-keygen", shutil.which("ssh-keygen")),
        ("git-upload-pack", shutil.which("git-upload-pack")),
    )
    if path is None
]
# sshd started by root checks this folder exists (systemd would make it when the service runs).
_PRIVSEP = Path("/run/sshd")


def keygen(path: Path) -> Path:
    """A new ed25519 key pair without a passphrase: ``path`` and ``path.pub``."""
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", path.name, "-f", str(path)],
        check=True,
        capture_output=True,
    )
    return path


def free_port() -> int:
    """A port on 127.0.0.1 nothing listens on (the kernel's pick, released at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class SshServer:
    """One sshd process and one bare repository it serves, in ``folder``."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True)
        self.folder = folder
        self.user = pwd.getpwuid(os.getuid()).pw_name
        self.key = keygen(folder / "client_key")
        host_key = keygen(folder / "host_key")
        (folder / "authorized_keys").write_text(self.key.with_suffix(".pub").read_text())
        self.port = free_port()
        self.known_hosts = folder / "known_hosts"
        self.known_hosts.write_text(f"[127.0.0.1]:{self.port} {host_key.with_suffix('.pub').read_text()}")
        self.repository = folder / "served" / "journal.git"
        self.repository.parent.mkdir()
        Repo.init_bare(str(self.repository), mkdir=True).close()
        config = folder / "sshd_config"
        config.write_text(
            "\n".join(
                [
                    "ListenAddress 127.0.0.1",
                    f"Port {self.port}",
                    f"HostKey {host_key}",
                    f"AuthorizedKeysFile {folder / 'authorized_keys'}",
                    "PidFile none",
                    # The temp dir is not laid out as sshd wants a home; root has no PAM session.
                    "StrictModes no",
                    "UsePAM no",
                    "PermitRootLogin yes",
                    # A password is on offer, as on many servers: a client without the right
                    # key would be asked for one if it could ask.
                    "PasswordAuthentication yes",
                    "KbdInteractiveAuthentication yes",
                    "AcceptEnv GIT_PROTOCOL",
                    "",
                ]
            )
        )
        if os.geteuid() == 0 and not _PRIVSEP.is_dir():
            _PRIVSEP.mkdir(mode=0o755)
        self.log = folder / "sshd.log"
        with self.log.open("wb") as log:
            assert SSHD is not None
            self.process = subprocess.Popen(
                [SSHD, "-f", str(config), "-D", "-e"], stdin=subprocess.DEVNULL, stdout=log, stderr=log
            )
        self._wait_until_listening()

    def _wait_until_listening(self) -> None:
        deadline = time.monotonic() + 30
        while "Server listening" not in self.log.read_text(errors="replace"):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"sshd did not start: {self.log.read_text(errors='replace')}")
            time.sleep(0.02)

    def url(self, path: Path | None = None, *, port: int | None = None) -> str:
        """``ssh://user@127.0.0.1:PORT/abs/path``: what the teacher would type, with a port."""
        where = self.repository if path is None else path
        return f"ssh://{self.user}@127.0.0.1:{port or self.port}{where}"

    def ssh_command(self, key: Path | None = None, known_hosts: Path | None = None) -> str:
        """A ``GIT_SSH_COMMAND`` that uses this folder only: no ~/.ssh/config, keys or agent."""
        options = {
            "IdentitiesOnly": "yes",
            "IdentityFile": str(key or self.key),
            "IdentityAgent": "none",
            "UserKnownHostsFile": str(known_hosts or self.known_hosts),
            "GlobalKnownHostsFile": "/dev/null",
        }
        words = ["ssh", "-F", "/dev/null"]
        for name, value in options.items():
            words += ["-o", f"{name}={value}"]
        return shlex.join(words)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
        self.process.wait(timeout=10)

"""Running the ``ilearn`` command line from tests: as a real process, or in this one.

A real process is the contract a shell sees (the console script, exit status, bytes on stdout),
so each command keeps a test or two that way. Everything else runs ``cli.main.run`` in-process,
which is many times faster; :func:`invoke` makes that run look like a fresh process (its own
stdin/stdout/stderr, the environment it was given, an 80-column non-terminal), waits for the
background backup it may start, and fails the test if the run leaves anything behind: files
still open, threads still running, the environment or the working folder changed.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ILEARN = shutil.which("ilearn")

# What a fresh process started by a test would not inherit from the developer's shell.
SCRUBBED = ("ILEARN_HOME", "EDITOR", "VISUAL")


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_ilearn(
    *args: str, home: Path | None, stdin: str | bytes | None = None, env: dict[str, str] | None = None
) -> Result:
    """Run the installed ``ilearn`` as a separate process, with ``--home`` unless ``home`` is None."""
    command = [ILEARN] if ILEARN else [sys.executable, "-m", "ilearn_tui"]
    full_env = {**os.environ, **(env or {})}
    argv = [*command, *(("--home", str(home)) if home is not None else ()), *args]
    data = stdin.encode() if isinstance(stdin, str) else stdin
    proc = subprocess.run(argv, input=data, capture_output=True, env=full_env, timeout=120, check=False)
    return Result(proc.returncode, proc.stdout.decode(), proc.stderr.decode())


# The capabilities that let root ignore permissions and ownership of files and folders.
_OVERRIDES = "-dac_override,-dac_read_search,-fowner,-chown,-linux_immutable"


def without_root_override() -> list[str] | None:
    """A command prefix that runs a child as root but refused like any other user, or None.

    Root (as in CI containers) ignores folder permissions, so a permission test would pass for
    the wrong reason or have to be skipped. ``setpriv`` drops the override capabilities from
    the child's bounding set; a folder then handed to another user with no write permission is
    as read-only to it as a locked USB stick is to a teacher. None unless root with setpriv.
    """
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        return None
    return [setpriv, "--bounding-set", _OVERRIDES, "--"]


def run_ilearn_with(prefix: list[str], *args: str, home: Path, env: dict[str, str] | None = None) -> Result:
    """Run the installed ``ilearn --home HOME ARGS`` as a process started through ``prefix``."""
    command = [ILEARN] if ILEARN else [sys.executable, "-m", "ilearn_tui"]
    argv = [*prefix, *command, "--home", str(home), *args]
    proc = subprocess.run(
        argv, capture_output=True, env={**os.environ, **(env or {})}, timeout=120, check=False
    )
    return Result(proc.returncode, proc.stdout.decode(), proc.stderr.decode())


def run_in(home: Path, *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> Result:
    """``ilearn --home HOME ...`` as a process, outside any fixture (module-scoped setup needs it)."""
    base = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    return run_ilearn(*args, home=home, stdin=stdin, env={**base, **(env or {})})


def _open_fds() -> set[str]:
    folder = Path("/proc/self/fd")
    if not folder.is_dir():
        return set()
    found = set()
    for fd in os.listdir(folder):
        try:
            found.add(os.readlink(folder / fd))
        except OSError:  # the fd listdir itself used, already closed
            continue
    return found


def _children() -> set[int]:
    """This process's child processes (Linux; elsewhere none are seen)."""
    found: set[int] = set()
    for task in Path("/proc/self/task").glob("*/children"):
        try:
            found.update(int(pid) for pid in task.read_text().split())
        except OSError:  # a thread that has just ended
            continue
    return found


def _wait_for(pids: set[int], timeout: float = 60.0) -> None:
    """Reap ``pids`` (children this run started, e.g. the detached automatic backup)."""
    deadline = time.monotonic() + timeout
    waiting = set(pids)
    while waiting:
        for pid in list(waiting):
            try:
                done, _ = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:  # already reaped by its Popen
                done = pid
            if done:
                waiting.discard(pid)
        if waiting:
            assert time.monotonic() < deadline, f"processes {sorted(waiting)} the command started never ended"
            time.sleep(0.01)


@contextmanager
def _environment(env: Mapping[str, str | None]) -> Iterator[None]:
    """``os.environ`` with ``env`` applied (None unsets), put back exactly afterwards."""
    saved = dict(os.environ)
    try:
        for name, value in env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def invoke(
    *args: str,
    home: Path | None,
    stdin: str | bytes | None = None,
    env: Mapping[str, str | None] | None = None,
) -> Result:
    """``ilearn [--home HOME] ARGS`` through ``cli.main.run`` in this process, as a fresh one.

    ``env`` adds to (or, with None, removes from) the current environment for this run only.
    """
    from ilearn_tui.cli.main import run

    argv = [*(("--home", str(home)) if home is not None else ()), *args]
    data = stdin.encode() if isinstance(stdin, str) else (stdin or b"")
    # A pipe, not a terminal, 80 columns wide: what argparse and the tty checks see in a subprocess.
    fresh: dict[str, str | None] = {"COLUMNS": "80", "LINES": "24", **(env or {})}
    out, err = io.StringIO(), io.StringIO()
    fake_in = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    streams = sys.stdin, sys.stdout, sys.stderr
    cwd, threads, fds, children = os.getcwd(), set(threading.enumerate()), _open_fds(), _children()
    with _environment(fresh):
        environ = dict(os.environ)
        sys.stdin, sys.stdout, sys.stderr = fake_in, out, err
        try:
            code = run(argv)
        finally:
            sys.stdin, sys.stdout, sys.stderr = streams
            # A real process returns while its automatic backup carries on in the background;
            # here the next step of the test would race that backup, so it is waited for.
            _wait_for(_children() - children)
        assert dict(os.environ) == environ, "the command changed the environment"
    assert os.getcwd() == cwd, "the command changed the working folder"
    assert set(threading.enumerate()) <= threads, "the command left a thread running"
    left_open = _open_fds() - fds
    assert not left_open, f"the command left files open: {sorted(left_open)}"
    return Result(code, out.getvalue(), err.getvalue())


def invoke_in(home: Path, *args: str, stdin: bytes | None = None) -> Result:
    """In-process ``ilearn --home HOME ...`` without the developer's ILEARN_HOME or EDITOR, for
    module-scoped setup that runs before the per-test environment is in place."""
    return invoke(*args, home=home, stdin=stdin, env=dict.fromkeys(SCRUBBED))


def ok(result: Result) -> str:
    """Assert success and return stdout stripped."""
    assert result.code == 0, result
    assert "Traceback" not in result.err
    return result.out.strip()


def assert_fails(result: Result, code: int, *, quiet: bool = True) -> None:
    """The failure contract: the right status, one ``ilearn:`` line, no traceback or ESC."""
    assert result.code == code, result
    assert "Traceback" not in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("ilearn:"), result.err
    assert "\x1b" not in result.err and "\x1b" not in result.out
    if quiet:
        assert result.out == "", result.out


def json_export(home: Path) -> str:
    """The lossless JSON export of the journal at ``home``, read in-process."""
    exported = invoke_in(home, "export", "--format", "json", "--include-private")
    assert exported.code == 0, exported
    return exported.out


def tables(home: Path) -> dict[str, list[dict[str, Any]]]:
    return json.loads(json_export(home))["tables"]  # type: ignore[no-any-return]


def snapshot(home: Path) -> str:
    """Everything the journal holds: the lossless JSON export plus the stored evidence files."""
    files = []
    folder = home / "evidence"
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            files.append(f"{path.name} {hashlib.sha256(path.read_bytes()).hexdigest()}")
    return json_export(home) + "\n" + "\n".join(files)

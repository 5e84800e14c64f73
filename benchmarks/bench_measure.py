"""Timing one command as a whole process: the runs, the checks of its output, the environment.

Kept apart from the list of commands (``run.py``) so the way a number is taken can be read
(and trusted) on its own: one warm-up run, a blocking wait with a watchdog instead of a
polling timeout, bytecode cached as for an installed program.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TIMEOUT_S = 600


@dataclass
class Result:
    name: str
    argv: list[str]
    goal_s: float | None = None
    entries: int | None = None
    times_s: list[float] = field(default_factory=list)
    median_s: float | None = None
    min_s: float | None = None
    ok: bool = True
    returncode: int | None = None
    error: str = ""
    note: str = ""

    @property
    def met(self) -> bool | None:
        if self.goal_s is None or self.median_s is None:
            return None
        return self.median_s <= self.goal_s


def find_program(name: str) -> list[str] | None:
    """The real script beside this Python (not a version-manager shim), else what PATH finds."""
    found = shutil.which(name)
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    return [found] if found else None


def python_args(argv: list[str]) -> list[str]:
    """Arguments for this Python that run ``argv`` (a Python script or ``-m``), for ``-X importtime``."""
    if argv[0] == sys.executable:
        return argv[1:]
    try:
        with open(argv[0], "rb") as handle:
            first = handle.readline()
    except OSError:
        first = b""
    if first.startswith(b"#!") and b"python" in first:
        return argv
    return ["-m", "ilearn_tui", *argv[1:]]


def measure(
    result: Result,
    runs: int,
    work: Path,
    *,
    env: dict[str, str] | None = None,
    before_each: Callable[[], None] | None = None,
    check: Callable[[str, str], str] | None = None,
) -> Result:
    """One warm-up run, then ``runs`` timed runs; stops at the first failing run."""
    out_path, err_path = work / "stdout.txt", work / "stderr.txt"
    for attempt in range(runs + 1):
        if before_each is not None:
            before_each()
        with out_path.open("wb") as out, err_path.open("wb") as err:
            started = time.perf_counter()
            try:
                proc = subprocess.Popen(
                    result.argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env
                )
            except OSError as exc:
                result.ok, result.error = False, f"cannot run: {exc}"
                return result
            # A plain blocking wait: Popen.wait(timeout=…) polls in steps of up to 50 ms,
            # which would round every measurement. A timer enforces the time limit instead.
            watchdog = threading.Timer(TIMEOUT_S, proc.kill)
            watchdog.start()
            try:
                returncode = proc.wait()
            finally:
                watchdog.cancel()
            elapsed = time.perf_counter() - started
        result.returncode = returncode
        if elapsed >= TIMEOUT_S:
            result.ok, result.error = False, f"timed out after {TIMEOUT_S} s"
            return result
        if returncode != 0:
            result.ok = False
            result.error = err_path.read_text(encoding="utf-8", errors="replace").strip()[-2000:]
            return result
        if attempt > 0:
            result.times_s.append(elapsed)
    if check is not None:
        stdout = out_path.read_text(encoding="utf-8", errors="replace")
        stderr = err_path.read_text(encoding="utf-8", errors="replace")
        try:
            result.note = check(stdout, stderr)
        except (ValueError, OSError) as exc:
            result.note = f"WARNING: unexpected output ({exc})"
    result.median_s = statistics.median(result.times_s)
    result.min_s = min(result.times_s)
    return result


# --- output checks: the note says what the command found, or why it looks wrong ---------------
def check_search(stdout: str, _stderr: str) -> str:
    hits = sum(1 for line in stdout.splitlines() if line and not line.startswith(" "))
    return f"{hits} hits shown" if hits and not stdout.startswith("No matches") else "WARNING: no hits"


def check_search_json(stdout: str, _stderr: str) -> str:
    hits = json.loads(stdout)
    return f"{len(hits)} hits" if hits else "WARNING: no hits"


def check_reflect(stdout: str, _stderr: str) -> str:
    new_id = stdout.strip()
    return "saved" if re.fullmatch(r"[0-9a-f-]{36}", new_id) else f"WARNING: printed {new_id[:60]!r}"


def check_rows(stdout: str, _stderr: str) -> str:
    count = int(stdout.strip() or 0)
    return f"{count} rows" if count else "WARNING: no rows"


def check_jrnl(stdout: str, stderr: str) -> str:
    found = re.search(r"(\d+) entr(?:y|ies) found", stderr)
    if found and int(found.group(1)):
        return f"{found.group(1)} entries found"
    return f"WARNING: jrnl found nothing ({stderr.strip()[-200:]!r})"


def check_file(path: Path) -> Callable[[str, str], str]:
    def check(_stdout: str, _stderr: str) -> str:
        size = path.stat().st_size if path.exists() else 0
        return f"{size / 1e6:.1f} MB written" if size else f"WARNING: {path.name} is empty or missing"

    return check


def child_env(work: Path) -> dict[str, str]:
    """The environment every measured process gets: bytecode cached as in a normal install.

    An editable install has no ``.pyc`` files until Python writes them, and a shell with
    ``PYTHONDONTWRITEBYTECODE`` never does, so every start would compile ilearn from source.
    The cache goes to a folder in the temporary directory (``PYTHONPYCACHEPREFIX``), so the
    benchmark writes nothing beside the sources; the warm-up run fills it.
    """
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "ILEARN_HOME")}
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return env


def jrnl_env(jrnl: list[str], journal_file: Path, folder: Path, base: dict[str, str]) -> dict[str, str]:
    """A private jrnl configuration (XDG_CONFIG_HOME) pointing at the generated journal."""
    proc = subprocess.run(
        [*jrnl, "--version"], capture_output=True, text=True, env=base, timeout=60, check=False
    )
    found = re.search(r"v?(\d+\.\d+(?:\.\d+)?)", proc.stdout)
    version = found.group(1) if found else "4.0"
    config = folder / "config" / "jrnl" / "jrnl.yaml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\n"
        "indent_character: '|'\n"
        f"journals:\n  default:\n    journal: {json.dumps(str(journal_file))}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\n"
        "timeformat: '%Y-%m-%d %H:%M'\n"
        f"version: {json.dumps(version)}\n",
        encoding="utf-8",
    )
    return {
        **base,
        "XDG_CONFIG_HOME": str(folder / "config"),
        "XDG_DATA_HOME": str(folder / "data"),
        "NO_COLOR": "1",
        "PYTHONIOENCODING": "utf-8",
    }


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


@dataclass
class Bench:
    """The commands to time, in order, and their results."""

    work: Path
    runs: int
    env: dict[str, str]
    results: list[Result] = field(default_factory=list)

    def time(
        self, name: str, argv: list[str], *, goal: float | None = None, size: int | None = None, **kw: Any
    ) -> Result:
        say(f"timing {name} …")
        kw.setdefault("env", self.env)
        result = measure(Result(name, argv, goal_s=goal, entries=size), self.runs, self.work, **kw)
        self.results.append(result)
        return result


def exit_status(bench: Bench) -> int:
    """Non-zero only if a command failed (each is named on stderr); a missed goal never is."""
    failed = [r for r in bench.results if not r.ok]
    for r in failed:
        say(f"FAILED: {r.name} (exit {r.returncode}): {r.error}")
    return 1 if failed else 0


@contextmanager
def work_folder(prefix: str, keep: bool) -> Iterator[Path]:
    """A temporary folder for the journals built, removed afterwards unless asked to keep it."""
    work = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield work
    finally:
        if keep:
            say(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

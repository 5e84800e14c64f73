"""Time the full-screen app: first frame, memory, and on a large journal the list and search.

    python benchmarks/tui.py HOME [--runs 7] [--starts-only]

HOME is a journal built by ``benchmarks/build_journal.py`` (it is never changed). Start-up is
measured as whole processes, each run of ilearn taking turns with a minimal Textual app, in
three starts that are kept apart because each draws a different first screen:

- a fresh journal with the welcome showing (a teacher's first start),
- a fresh journal with the welcome already done (the flag set before the run),
- a copy of HOME with the welcome done (every later start, on a career's journal).

Every run of the first two gets a new home of its own, made before the process starts: the
app marks the welcome done once it has been through it, so reusing a home would time a
different start on its second run than on its first. Each start reports its wall time and
its CPU time (the process's own, from ``wait4``), each ratio taken run by run. The list and
search timings are taken inside one app on the copy of HOME, from the key press to the redrawn
result (``--starts-only`` leaves them out).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from ilearn_tui.locations import resolve
from ilearn_tui.store.backup import backup_to_file
from ilearn_tui.store.journal import open_journal

MINIMAL = """
from textual.app import App
from textual.widgets import Footer, Static
class Minimal(App):
    def compose(self):
        yield Static("hello")
        yield Footer()
async def first_frame(pilot):
    await pilot.pause()
    pilot.app.exit()
Minimal().run(headless=True, size=(80, 24), auto_pilot=first_frame)
"""

OURS = """
import sys
from ilearn_tui.locations import resolve
from ilearn_tui.store.journal import open_journal
from ilearn_tui.tui.app import IlearnApp
async def first_frame(pilot):
    await pilot.pause()
    pilot.app.exit()
journal = open_journal(resolve(sys.argv[1]))
journal.auto_backup = False
IlearnApp(journal).run(headless=True, size=(80, 24), auto_pilot=first_frame)
"""


class Sample(NamedTuple):
    """One process: wall seconds, its own CPU seconds (user + system) and peak resident KiB."""

    wall: float
    cpu: float
    peak_kib: int


def _one_run(code: str, args: list[str], env: dict[str, str]) -> Sample:
    """One ``python -c code`` process, its CPU time and peak memory from ``wait4``."""
    start = time.perf_counter()
    devnull = subprocess.DEVNULL
    proc = subprocess.Popen([sys.executable, "-c", code, *args], env=env, stdin=devnull, stdout=devnull)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"a timed start failed (exit {os.waitstatus_to_exitcode(status)})")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


class Start(NamedTuple):
    """One start measured beside the minimal app: medians, and the ratios taken run by run."""

    minimal: Sample
    ours: Sample
    wall_ratio: float
    cpu_ratio: float


def _side_by_side(make_home: Callable[[int], str], runs: int, env: dict[str, str]) -> Start:
    """The minimal app and ilearn, their runs interleaved, the first of each dropped.

    Taking turns means a machine that slows down mid-way slows both alike, so the ratio of
    each pair holds even when the absolute times drift; the CPU time, which the load of a
    shared machine moves far less than the wall time, is the steadier of the two ratios.
    ``make_home(n)`` gives run ``n`` its home.
    """
    minimal: list[Sample] = []
    ours: list[Sample] = []
    for run in range(runs + 1):  # the first of each warms the caches and is dropped
        home = make_home(run)  # outside the timed process
        minimal.append(_one_run(MINIMAL, [], env))
        ours.append(_one_run(OURS, [home], env))
    minimal, ours = minimal[1:], ours[1:]

    def summary(samples: list[Sample]) -> Sample:
        return Sample(
            statistics.median(s.wall for s in samples),
            statistics.median(s.cpu for s in samples),
            max(s.peak_kib for s in samples),
        )

    return Start(
        summary(minimal),
        summary(ours),
        statistics.median(o.wall / m.wall for m, o in zip(minimal, ours, strict=True)),
        statistics.median(o.cpu / m.cpu for m, o in zip(minimal, ours, strict=True)),
    )


def _instructions(code: str, args: list[str], env: dict[str, str]) -> int:
    """Instructions one ``python -c code`` process executes, counted by valgrind's callgrind.

    The count does not move with the machine's load, so two starts compare by it even on a
    shared machine where their times drift; it is one run (after a run that caches bytecode).
    """
    argv = [sys.executable, "-c", code, *args]
    subprocess.run(argv, env=env, check=True, capture_output=True)
    counted = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    found = re.search(r"Collected\s*:\s*([\d,]+)", counted.stderr)
    if found is None:
        raise SystemExit("valgrind reported no instruction count")
    return int(found.group(1).replace(",", ""))


def _instruction_rows(label: str, home: str, env: dict[str, str]) -> list[tuple[str, float, str]]:
    minimal, ours = _instructions(MINIMAL, [], env), _instructions(OURS, [home], env)
    return [
        (f"{label}: minimal Textual app, instructions (millions)", minimal / 1e6, "—"),
        (f"{label}: ilearn, instructions (millions)", ours / 1e6, f"≤ 1.15×; here {ours / minimal:.2f}×"),
    ]


def fresh_journal(folder: Path, *, onboarding: bool) -> str:
    """The journal in ``folder`` (a new, empty one if there is none), its welcome to show or done."""
    journal = open_journal(resolve(folder))
    journal.auto_backup = False
    try:
        journal.set_meta("onboarded", "" if onboarding else "yes")
    finally:
        journal.close()
    return str(folder)


def fresh_copy(home: Path, folder: Path) -> str:
    """A copy of the journal in ``home`` inside ``folder``, its welcome done."""
    source = open_journal(resolve(home))
    source.auto_backup = False
    copy_at = resolve(folder)
    copy_at.ensure()
    try:
        backup_to_file(source.conn, copy_at.db_path)
    finally:
        source.close()
    return fresh_journal(folder, onboarding=False)


async def _inside(home: Path) -> dict[str, float]:
    from textual.widgets import OptionList

    from ilearn_tui.store.reflections import ReflectionFilter
    from ilearn_tui.tui.app import IlearnApp
    from ilearn_tui.tui.widgets.reflection_list import ReflectionList

    journal = open_journal(resolve(home))
    journal.auto_backup = False
    journal.set_meta("onboarded", "yes")
    app = IlearnApp(journal)
    results: dict[str, float] = {}

    def draw(listing: ReflectionList) -> None:
        for y in range(listing.scrollable_content_region.height):
            listing.render_line(y)

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        screen = app.screen
        listing = screen.query_one(ReflectionList)
        # Each measure is the app's own work for the action: queries, state, and drawing every
        # visible row (the terminal's frame timing is left out).
        start = time.perf_counter()
        listing.reload()
        draw(listing)
        results["journal: open the list"] = time.perf_counter() - start
        assert listing.total >= 1000, listing.total
        start = time.perf_counter()
        listing.action_jump(-1)
        listing.scroll_to(y=listing.total, animate=False, immediate=True)
        draw(listing)
        results["journal: jump to the end"] = time.perf_counter() - start
        tag = journal.conn.execute("SELECT name FROM tags LIMIT 1").fetchone()[0]
        start = time.perf_counter()
        screen.filter = ReflectionFilter(tag=tag)
        screen.reload()
        listing.scroll_to(y=0, animate=False, immediate=True)
        draw(listing)
        results["journal: filter by tag"] = time.perf_counter() - start
        results["journal: widgets on screen"] = len(list(screen.query("*")))
        await pilot.press("slash")
        await pilot.pause()
        search = app.screen
        # A word the journal holds (the longest of its first title), typed a letter at a time.
        (title,) = journal.conn.execute("SELECT title FROM reflections ORDER BY rowid LIMIT 1").fetchone()
        word = max((w.strip(".,;:!?").lower() for w in title.split()), key=len)
        keystrokes = []
        for typed in (word[:n] for n in range(3, max(4, len(word) + 1))):
            start = time.perf_counter()
            search.run_query(typed)  # type: ignore[attr-defined]
            await app.workers.wait_for_complete()  # the query runs in a worker thread
            await pilot.pause()  # and its hits reach the screen through the event loop
            keystrokes.append(time.perf_counter() - start)
        assert search.query_one("#results", OptionList).option_count > 0
        results["search as you type: keystroke to results (median)"] = statistics.median(keystrokes)
    journal.close()
    return results


def _start_rows(label: str, start: Start) -> list[tuple[str, float, str]]:
    minimal, ours = start.minimal, start.ours
    return [
        (f"{label}: minimal Textual app, start to first frame", minimal.wall, "—"),
        (
            f"{label}: ilearn, start to first frame",
            ours.wall,
            f"≤ 1.15× the minimal app; here {start.wall_ratio:.2f}× (run by run)",
        ),
        (f"{label}: minimal Textual app, CPU to first frame", minimal.cpu, "—"),
        (
            f"{label}: ilearn, CPU to first frame",
            ours.cpu,
            f"≤ 1.15× the minimal app; here {start.cpu_ratio:.2f}× (run by run)",
        ),
        (f"{label}: ilearn, peak memory (MiB)", ours.peak_kib / 1024, "≤ 45 MiB"),
        (f"{label}: minimal Textual app, peak memory (MiB)", minimal.peak_kib / 1024, "—"),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("home", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--starts-only", action="store_true", help="leave out the list and search")
    parser.add_argument(
        "--instructions", action="store_true", help="also count each start's instructions (needs valgrind)"
    )
    args = parser.parse_args()
    if not resolve(args.home).db_path.exists():
        parser.error(f"no journal in {args.home}; build one with benchmarks/build_journal.py")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "ilearn-bench-pycache")
    rows: list[tuple[str, float, str]] = []

    def show(*measured: tuple[str, float, str]) -> None:
        """Each row as soon as it is measured, so a long run shows what it has so far."""
        for name, value, goal in measured:
            counted = "widgets" in name or "MiB" in name or "instructions" in name
            shown = f"{value:.0f}" if counted else f"{value:.3f} s"
            print(f"| {name} | {shown} | {goal} |", flush=True)
        rows.extend(measured)

    print(f"ilearn started on fresh journals and on a copy of {args.home}.\n")
    print("| measure | value | goal |\n|---|--:|---|", flush=True)
    with tempfile.TemporaryDirectory(prefix="ilearn-tui-bench-") as scratch:
        root = Path(scratch)
        for label, onboarding in (("fresh, welcome showing", True), ("fresh, welcome done", False)):
            tag = "welcome" if onboarding else "done"

            def new_home(run: int, tag: str = tag, onboarding: bool = onboarding) -> str:
                return fresh_journal(root / f"{tag}-{run}", onboarding=onboarding)

            show(*_start_rows(label, _side_by_side(new_home, args.runs, env)))
        large = fresh_copy(args.home, root / "large")
        show(*_start_rows("large journal, welcome done", _side_by_side(lambda _: large, args.runs, env)))
        if args.instructions:
            for label, onboarding in (("fresh, welcome showing", True), ("fresh, welcome done", False)):
                home = fresh_journal(root / f"count-{onboarding}", onboarding=onboarding)
                show(*_instruction_rows(label, home, env))
            show(*_instruction_rows("large journal, welcome done", large, env))
        inside = {} if args.starts_only else asyncio.run(_inside(Path(large)))
    for name, value in inside.items():
        if "widgets" in name:
            goal = "no widget per entry"
        elif name.startswith("journal:"):
            goal = "≤ 0.02 s"
        else:
            goal = "≤ 0.05 s"
        show((name, value, goal))
    out = Path(__file__).parent / "out"
    out.mkdir(exist_ok=True)
    (out / "tui.json").write_text(json.dumps({name: value for name, value, _ in rows}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

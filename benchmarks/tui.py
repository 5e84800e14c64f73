"""Time the full-screen app on a large journal: first frame, memory, journal list, search.

    python benchmarks/tui.py HOME [--runs 7] [--onboarding]

HOME is a journal built by ``benchmarks/build_journal.py``. Start-up is measured as whole
processes beside a minimal Textual app in the same run; the list and search timings are
measured inside one app, from the key press to the redrawn result.

Every run works on a fresh copy of HOME (HOME itself is never changed), with the welcome
either showing (``--onboarding``: a teacher's first start) or already done (every later start).
The app marks the welcome done once it has been through it, so measuring HOME itself would
time a different start on the second run than on the first.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def _one_run(code: str, args: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Seconds and peak resident KiB of one ``python -c code`` process."""
    start = time.perf_counter()
    proc = subprocess.run(
        ["/usr/bin/time", "-f", "%M", sys.executable, "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - start, int(proc.stderr.strip().splitlines()[-1])


def _side_by_side(home: str, runs: int, env: dict[str, str]) -> tuple[tuple[float, int], tuple[float, int]]:
    """Median seconds and peak KiB of the minimal app and of ilearn, their runs interleaved.

    Taking turns means a machine that slows down mid-way slows both alike, so the ratio
    holds even when the absolute times drift.
    """
    minimal: list[tuple[float, int]] = []
    ours: list[tuple[float, int]] = []
    for _ in range(runs + 1):  # the first of each warms the caches and is dropped
        minimal.append(_one_run(MINIMAL, [], env))
        ours.append(_one_run(OURS, [home], env))

    def summary(samples: list[tuple[float, int]]) -> tuple[float, int]:
        kept = samples[1:]
        return statistics.median(t for t, _ in kept), max(p for _, p in kept)

    return summary(minimal), summary(ours)


def fresh_copy(home: Path, folder: Path, *, onboarding: bool) -> Path:
    """A copy of the journal in ``home`` inside ``folder``, its welcome shown or done as asked."""
    source = open_journal(resolve(home))
    source.auto_backup = False
    copy_at = resolve(folder)
    copy_at.ensure()
    try:
        backup_to_file(source.conn, copy_at.db_path)
    finally:
        source.close()
    copy = open_journal(copy_at)
    copy.auto_backup = False
    try:
        copy.set_meta("onboarded", "" if onboarding else "yes")
    finally:
        copy.close()
    return folder


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
        keystrokes = []
        for typed in ("int", "inte", "inten", "intent", "intenti"):
            start = time.perf_counter()
            search.run_query(typed)  # type: ignore[attr-defined]
            keystrokes.append(time.perf_counter() - start)
        assert search.query_one("#results", OptionList).option_count > 0
        results["search as you type: keystroke to results (median)"] = statistics.median(keystrokes)
    journal.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("home", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--onboarding", action="store_true", help="time the first start, with the welcome showing"
    )
    args = parser.parse_args()
    if not resolve(args.home).db_path.exists():
        parser.error(f"no journal in {args.home}; build one with benchmarks/build_journal.py")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "ilearn-bench-pycache")
    with tempfile.TemporaryDirectory(prefix="ilearn-tui-bench-") as scratch:
        home = fresh_copy(args.home, Path(scratch) / "home", onboarding=args.onboarding)
        (minimal, minimal_peak), (ours, peak) = _side_by_side(str(home), args.runs, env)
        inside = asyncio.run(_inside(home))
    start = "first start, welcome showing" if args.onboarding else "welcome already done"
    rows = [
        ("minimal Textual app: start to first frame", minimal, "—"),
        (
            "ilearn: start to first frame",
            ours,
            f"≤ {1.25 * minimal:.3f} s (1.25×); here {ours / minimal:.2f}×",
        ),
        ("ilearn: peak memory (MiB)", peak / 1024, "≤ 100 MiB"),
        ("minimal Textual app: peak memory (MiB)", minimal_peak / 1024, "—"),
        *(
            (
                name,
                value,
                "≤ 0.1 s"
                if name.startswith("journal:") and "widgets" not in name
                else ("no widget per entry" if "widgets" in name else "≤ 0.05 s"),
            )
            for name, value in inside.items()
        ),
    ]
    print(f"ilearn started on a fresh copy of {args.home}, {start}.\n")
    print("| measure | value | goal |\n|---|--:|---|")
    for name, value, goal in rows:
        shown = f"{value:.0f}" if "widgets" in name or "MiB" in name else f"{value:.3f} s"
        print(f"| {name} | {shown} | {goal} |")
    out = Path(__file__).parent / "out"
    out.mkdir(exist_ok=True)
    (out / "tui.json").write_text(json.dumps({name: value for name, value, _ in rows}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

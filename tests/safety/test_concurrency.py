"""Two copies at once: nothing is lost, nobody sees "database is locked", each sees the other."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from ilearn_tui.locations import resolve
from ilearn_tui.store.journal import open_journal
from ilearn_tui.store.reflections import add_reflection, count_reflections
from ilearn_tui.tui.app import IlearnApp
from tests.tui.waiting import until

WRITER = """
import sys
from ilearn_tui.locations import resolve
from ilearn_tui.store.journal import open_journal
from ilearn_tui.store.reflections import add_reflection
from ilearn_tui.store import plan
with open_journal(resolve(sys.argv[1])) as journal:
    for n in range(int(sys.argv[3])):
        add_reflection(journal, f"writer {sys.argv[2]} entry {n}", tags=[f"w{sys.argv[2]}"])
        if n % 25 == 0:
            plan.add_activity(journal, "plc", f"PLC {sys.argv[2]}-{n}", hours=1)
print("done")
"""


@pytest.mark.slow
def test_parallel_writers_and_quick_captures(tmp_path: Path) -> None:
    home = tmp_path / "home"
    open_journal(resolve(home)).close()
    per_writer = 300
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(home), str(w), str(per_writer)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(3)
    ]
    ilearn = shutil.which("ilearn")
    captures = []
    if ilearn:
        for n in range(20):
            captures.append(
                subprocess.run(
                    [ilearn, "--home", str(home), "reflect", f"quick {n}"],
                    capture_output=True,
                    text=True,
                    check=False,
                )
            )
    results = [w.communicate(timeout=300) for w in writers]
    for proc, (_, err) in zip(writers, results, strict=True):
        assert proc.returncode == 0, err
        assert "locked" not in err
    for capture in captures:
        assert capture.returncode == 0 and "locked" not in capture.stderr
    with open_journal(resolve(home)) as journal:
        assert count_reflections(journal) == 3 * per_writer + len(captures)
        assert journal.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


async def test_the_app_sees_writes_from_another_process(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j")
        listing = app.screen.query_one("#reflections")
        assert listing.total == 0  # type: ignore[attr-defined]
        with open_journal(app.locations) as other:
            add_reflection(other, "written from the shell while the app was open")
        # The app notices another process's write on its own; wait for that, not a fixed time.
        await until(pilot, lambda: listing.total == 1)  # type: ignore[attr-defined]


def test_a_long_write_elsewhere_makes_us_wait_not_fail(tmp_path: Path) -> None:
    where = resolve(tmp_path / "home")
    holder = open_journal(where)
    other = open_journal(where)
    try:
        holder.conn.execute("BEGIN IMMEDIATE")
        holder.conn.execute("INSERT INTO meta(key, value) VALUES ('x', 'y')")
        import threading

        threading.Timer(0.5, lambda: holder.conn.execute("COMMIT")).start()
        add_reflection(other, "waited politely")
        assert count_reflections(other) == 1
    finally:
        holder.close()
        other.close()

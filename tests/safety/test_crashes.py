"""Killing writers at random moments loses no acknowledged entry and never damages the file.

A writer prints each entry's id only after its transaction committed; the test kills it with
SIGKILL after a random delay, hundreds of times, then checks every printed id is in the
journal and ``integrity_check`` passes. Some rounds kill a bulk import instead, which must be
all there or not there at all.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

KILLS = int(os.environ.get("ILEARN_CRASH_KILLS", "200"))

WRITER = """
import sys
from ilearn_tui.locations import resolve
from ilearn_tui.store.journal import open_journal
from ilearn_tui.store.reflections import add_reflection
journal = open_journal(resolve(sys.argv[1]))
journal.auto_backup = False
print("ready", flush=True)
n = 0
while True:
    rid = add_reflection(journal, f"round {sys.argv[2]} entry {n} " + "text " * 40, tags=["crash"])
    print(rid, flush=True)
    n += 1
"""

IMPORTER = """
import sys
from pathlib import Path
from ilearn_tui.locations import resolve
from ilearn_tui.portfolio.jrnl_import import detect_and_parse, import_entries
from ilearn_tui.store.journal import open_journal
journal = open_journal(resolve(sys.argv[1]))
journal.auto_backup = False
entries = detect_and_parse(Path(sys.argv[2]))
print("ready", flush=True)
import_entries(journal, entries)
print("imported", flush=True)
"""


def _read(proc: subprocess.Popen[str], lines: list[str], ready: threading.Event) -> None:
    assert proc.stdout is not None
    for line in proc.stdout:
        lines.append(line.strip())
        if lines[-1] == "ready":
            ready.set()
    ready.set()  # the process ended without saying it was ready: the caller reports that


def _run_and_kill(code: str, args: list[str], delay: float) -> list[str]:
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True)
    lines: list[str] = []
    ready = threading.Event()
    reader = threading.Thread(target=_read, args=(proc, lines, ready), daemon=True)
    reader.start()
    assert ready.wait(30) and "ready" in lines, f"the child never got ready (exit {proc.poll()})"
    time.sleep(delay)  # the random moment of the kill, which is what this test varies
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    reader.join(timeout=5)
    return [line for line in lines if line != "ready"]


@pytest.mark.slow
def test_random_kills_lose_nothing_acknowledged(tmp_path: Path) -> None:
    home = tmp_path / "home"
    rng = random.Random(20261122)
    batch = tmp_path / "batch.txt"
    batch.write_text(
        "".join(
            f"[2025-01-{1 + n % 28:02d} 09:00] Batch entry {n}.\nImported text @batch\n\n" for n in range(400)
        )
    )
    acknowledged: list[str] = []
    imports_finished = 0
    import_rounds = 0
    for round_number in range(KILLS):
        if round_number % 10 == 9:
            import_rounds += 1
            lines = _run_and_kill(IMPORTER, [str(home), str(batch)], rng.uniform(0.0, 0.06))
            imports_finished += "imported" in lines
        else:
            acknowledged += _run_and_kill(WRITER, [str(home), str(round_number)], rng.uniform(0.0, 0.08))

    conn = sqlite3.connect(home / "journal.sqlite3")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    stored = {row[0] for row in conn.execute("SELECT id FROM reflections")}
    lost = [rid for rid in acknowledged if rid not in stored]
    assert lost == [], f"{len(lost)} acknowledged entries lost"
    # Every import is all or nothing: the batch entries come in whole multiples of 400.
    batch_rows = conn.execute("SELECT count(*) FROM reflections WHERE title LIKE 'Batch entry%'").fetchone()[
        0
    ]
    assert batch_rows % 400 == 0 and batch_rows // 400 >= imports_finished
    # The search index agrees with the table after all the kills.
    indexed = conn.execute("SELECT count(*) FROM search_docs WHERE kind = 'reflection'").fetchone()[0]
    assert indexed == len(stored)
    print(
        f"\nkills={KILLS} acknowledged={len(acknowledged)} lost={len(lost)} "
        f"import_rounds={import_rounds} imports_completed={imports_finished} rows={len(stored)}"
    )

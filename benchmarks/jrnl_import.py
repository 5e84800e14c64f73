"""The jrnl import on a built journal's jrnl file: CPU time and peak memory beside its floor.

    python benchmarks/build_journal.py /tmp/big --entries 50000 --jrnl /tmp/big.txt
    python benchmarks/jrnl_import.py /tmp/big.txt [--runs 3]

Each run imports the file into a new empty journal (made before the process starts, so the
copy is not timed), ilearn and the floor taking turns; CPU time and peak memory come from
``wait4``, as in ``exports.py``. The floor (``floors.JRNL_IMPORT``) is argparse and sqlite3
doing what the import must do at the least: read and split the file, write every row in
``executemany`` statements, fill the search index once.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from bench_measure import child_env, find_program
from exports import Measure, run_once
from floors import JRNL_IMPORT
from ilearn_tui.locations import resolve
from ilearn_tui.store.journal import open_journal


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("jrnl", type=Path, help="a jrnl file written by build_journal.py --jrnl")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    if not args.jrnl.is_file():
        parser.error(f"no jrnl file at {args.jrnl}")
    work = Path(tempfile.mkdtemp(prefix="ilearn-jrnl-bench-"))
    env = child_env(work)
    empty = work / "empty"
    journal = open_journal(resolve(empty))
    journal.auto_backup = False
    journal.close()
    ilearn = find_program("ilearn") or [sys.executable, "-m", "ilearn_tui"]
    ours = Measure("`ilearn import FILE --format jrnl`", [], Path())
    floor = Measure("bare argparse + sqlite3 jrnl import (floor)", [], Path())
    for run in range(args.runs + 1):  # the first of each only warms the caches
        for m in (ours, floor):
            # A home per run: the automatic backup the import hands to a detached process may
            # still be writing into the last one.
            target = work / f"target-{run}-{'ours' if m is ours else 'floor'}"
            shutil.copytree(empty, target)
            m.out = resolve(target).db_path
            if m is ours:
                m.argv = [*ilearn, "--home", str(target), "import", str(args.jrnl), "--format", "jrnl"]
            else:
                m.argv = [sys.executable, "-c", JRNL_IMPORT, "--home", str(target), "import", str(args.jrnl)]
            run_once(m, env)
            if run == 0:
                m.times.clear()
                m.cpu.clear()
                m.peaks_mib.clear()
    shutil.rmtree(work, ignore_errors=True)
    print(f"\n{args.jrnl.stat().st_size / 1e6:.1f} MB jrnl file, median of {args.runs} runs\n")
    print("| measure | wall s | CPU s | peak MiB | × floor (CPU) | goal |")
    print("|---|--:|--:|--:|--:|--:|")
    for m in (floor, ours):
        ratio = f"{m.median_cpu / floor.median_cpu:.2f}" if m is ours else "—"
        goal = "≤ 1.3×" if m is ours else "—"
        print(f"| {m.label} | {m.median:.3f} | {m.median_cpu:.3f} | {m.peak:.0f} | {ratio} | {goal} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

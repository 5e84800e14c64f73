"""The exports on a built journal: time and peak memory, each next to a floor from the same run.

    python benchmarks/build_journal.py /tmp/big --entries 50000
    python benchmarks/exports.py /tmp/big [--runs 5]

Each export runs as its own process (``ilearn --home H export … --out FILE --force``), taking
turns with its floor, so a machine that slows down during the run slows both alike. Each
process's own CPU time (user + system) and peak resident memory come from ``wait4``; the
ratios to the floors are of CPU time, which a shared machine's load moves far less than the
wall-clock time (printed too).

The floors are bare ``python -c`` scripts on the same database, doing what the export must do
at the least: the Markdown floor reads every reflection with its tags in one query and writes
each as a Markdown block; the JSON floor writes every row of every table the export carries
(the app's own list: never a search index's blobs) with ``json.dumps``. The HTML export is
held to the Markdown floor (its goal is a ratio to it).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench_measure import child_env, find_program
from ilearn_tui.store.schema import EXPORT_TABLES

MD_FLOOR = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
tags = ("(SELECT group_concat(name, ', ') FROM (SELECT t.name FROM reflection_tags rt JOIN tags t "
        "ON t.id = rt.tag_id WHERE rt.reflection_id = r.id ORDER BY t.name COLLATE NOCASE))")
rows = conn.execute(f"SELECT date, title, stage, body, {tags} FROM reflections r WHERE private = 0 "
                    "ORDER BY date, time, rowid")
with open(sys.argv[2], "w", encoding="utf-8") as out:
    out.write("# Professional learning portfolio\\n\\n## Reflections\\n\\n")
    for day, title, stage, body, names in rows:
        meta = f"_stage: {stage} · tags: {names}_\\n\\n" if stage or names else ""
        out.write(f"### {day} — {title}\\n\\n{meta}{body.strip()}\\n\\n")
"""

JSON_FLOOR = """
import json, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
tables = sys.argv[3].split(",")
with open(sys.argv[2], "w", encoding="utf-8") as out:
    out.write("{\\n")
    for table in tables:
        cursor = conn.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cursor.description]
        out.write(f' "{table}": [\\n')
        for row in cursor:
            out.write("  " + json.dumps(dict(zip(names, row)), ensure_ascii=False) + ",\\n")
        out.write(" ],\\n")
    out.write("}\\n")
"""


@dataclass
class Measure:
    label: str
    argv: list[str]
    out: Path
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peaks_mib: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu)

    @property
    def peak(self) -> float:
        return max(self.peaks_mib)


def run_once(m: Measure, env: dict[str, str]) -> None:
    """One run: wall time and the child's own peak resident memory (Linux reports KiB)."""
    started = time.perf_counter()
    devnull = subprocess.DEVNULL
    proc = subprocess.Popen(m.argv, stdin=devnull, stdout=devnull, stderr=devnull, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0 or not m.out.is_file():
        raise SystemExit(f"{m.label} failed (exit {proc.returncode})")
    m.times.append(elapsed)
    m.cpu.append(usage.ru_utime + usage.ru_stime)
    m.peaks_mib.append(usage.ru_maxrss / 1024)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("home", type=Path, help="a journal folder built by build_journal.py")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    db = args.home / "journal.sqlite3"
    if not db.is_file():
        parser.error(f"no journal in {args.home}")
    work = Path(tempfile.mkdtemp(prefix="ilearn-export-bench-"))
    env = child_env(work)
    ilearn = find_program("ilearn") or [sys.executable, "-m", "ilearn_tui"]
    entries = _count(db)

    def app(fmt: str, *extra: str) -> Measure:
        out = work / f"out.{fmt}"
        cmd = [*ilearn, "--home", str(args.home), "export", "--format", fmt, *extra]
        label = f"`ilearn export --format {fmt}{' ' + ' '.join(extra) if extra else ''}`"
        return Measure(label, [*cmd, "--out", str(out), "--force"], out)

    def bare(label: str, code: str, suffix: str, *extra: str) -> Measure:
        out = work / f"floor.{suffix}"
        return Measure(label, [sys.executable, "-c", code, str(db), str(out), *extra], out)

    md_floor = bare("bare sqlite3 script writing the Markdown (floor)", MD_FLOOR, "md")
    tables = ",".join(EXPORT_TABLES)
    json_floor = bare("bare sqlite3 script writing every row as JSON (floor)", JSON_FLOOR, "json", tables)
    md, html, js = app("md"), app("html"), app("json", "--include-private")
    order = [md_floor, md, html, json_floor, js]
    for m in order:  # a warm-up of each, then the runs in turns
        run_once(m, env)
        m.times.clear()
        m.cpu.clear()
        m.peaks_mib.clear()
    for _ in range(args.runs):
        for m in order:
            run_once(m, env)
    floors = {md.label: (md_floor, 1.5), html.label: (md_floor, 3.0), js.label: (json_floor, 2.0)}
    print(f"\n{entries:,} reflections, median of {args.runs} runs\n")
    print("| measure | wall s | CPU s | peak MiB | × floor (CPU) | goal | met? |")
    print("|---|--:|--:|--:|--:|--:|:-:|")
    for m in order:
        floor, goal = floors.get(m.label, (None, 0.0))
        figures = f"| {m.label} | {m.median:.3f} | {m.median_cpu:.3f} | {m.peak:.0f}"
        if floor is None:
            print(f"{figures} | — | — | — |")
            continue
        ratio = m.median_cpu / floor.median_cpu
        met = ratio <= goal and m.peak <= 60
        print(f"{figures} | {ratio:.2f} | ≤ {goal:g}×, ≤ 60 MiB | {'yes' if met else '**no**'} |")
    for m in order:
        print(f"- {m.label}: {m.out.stat().st_size / 1e6:.1f} MB; wall {_list(m.times)}; CPU {_list(m.cpu)}")
    return 0


def _count(db: Path) -> int:
    import sqlite3

    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        found: int = conn.execute("SELECT count(*) FROM reflections").fetchone()[0]
        return found
    finally:
        conn.close()


def _list(times: list[float]) -> str:
    return ", ".join(f"{t:.2f}" for t in times)


if __name__ == "__main__":
    sys.exit(main())

"""The benchmark's report: the Markdown table and notes it prints, and ``results.json``."""

from __future__ import annotations

import os
import platform
import sqlite3
import sys
import time
from dataclasses import asdict
from typing import Any

from bench_measure import Bench, Result
from build_journal import BuildInfo


def table(results: list[Result]) -> str:
    rows = ["| measure | median s | goal | met? |", "|---|--:|--:|:-:|"]
    for r in results:
        median = f"{r.median_s:.3f}" if r.median_s is not None else "FAILED"
        goal = f"≤ {r.goal_s:g}" if r.goal_s is not None else "—"
        met = {None: "—", True: "yes", False: "**no**"}[r.met] if r.ok else "**failed**"
        rows.append(f"| {r.name} | {median} | {goal} | {met} |")
    return "\n".join(rows)


def report_text(
    bench: Bench,
    big: int,
    words: dict[str, Any],
    ratios: dict[int, float],
    imports: dict[str, Any],
    builds: dict[int, BuildInfo],
    jrnl: list[str] | None,
) -> str:
    lines = [
        f"## ilearn benchmark: {big:,} entries, median of {bench.runs} runs",
        "",
        table(bench.results),
        "",
    ]
    for r in bench.results:
        if r.note or not r.ok:
            what = (r.error.splitlines() or [""])[-1] if not r.ok else r.note
            spread = f" (min {r.min_s:.3f} s)" if r.min_s is not None else ""
            lines.append(f"- {r.name}: {what}{spread}")
    docs = words["documents"]
    lines.append(
        f"\nSearch words: `{words['mid']}` is in {docs[words['mid']]:,} of the {big:,}-entry journal's "
        f"documents (mid-range), `{words['common']}` in {docs[words['common']]:,}."
    )
    for size, ratio in ratios.items():
        faster = "ilearn faster" if ratio > 1 else "jrnl faster"
        lines.append(f"jrnl -contains time / ilearn search time at {size:,} entries: {ratio:.1f}× ({faster})")
    if not jrnl:
        lines.append("jrnl is not installed (pip install jrnl): no jrnl comparison.")
    lines += [
        "",
        f"Import time of `ilearn search` beyond a bare Python: {imports['total_ms']:.1f} ms "
        f"(median of {imports['runs']} `-X importtime` runs). Most expensive:",
        "",
        "| import | imported by | ms |",
        "|---|---|--:|",
    ]
    lines += [f"| {i['module']} | {i['imported_by']} | {i['ms']:.1f} |" for i in imports["top"][:5]]
    lines.append("")
    for size, b in builds.items():
        lines.append(
            f"Built {size:,} entries in {b.seconds:.1f} s: {b.db_bytes / 1e6:.1f} MB journal, "
            f"{b.jrnl_bytes / 1e6:.1f} MB jrnl file."
        )
    return "\n".join(lines)


def results_json(
    bench: Bench,
    *,
    sizes: list[int],
    quick: bool,
    ilearn: list[str],
    jrnl: list[str] | None,
    words: dict[str, Any],
    builds: dict[int, BuildInfo],
    ratios: dict[int, float],
    imports: dict[str, Any],
) -> dict[str, Any]:
    """Everything the run measured, every single timing included, for ``out/results.json``."""
    return {
        "entries": sizes[-1],
        "sizes": sizes,
        "runs": bench.runs,
        "quick": quick,
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {
            "python": sys.version.split()[0],
            "sqlite": sqlite3.sqlite_version,
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "ilearn": ilearn,
        "jrnl": jrnl,
        "words": words,
        "builds": {
            str(size): {
                "seconds": b.seconds,
                "db_bytes": b.db_bytes,
                "jrnl_bytes": b.jrnl_bytes,
                "counts": b.counts,
            }
            for size, b in builds.items()
        },
        "results": [{**asdict(r), "met": r.met} for r in bench.results],
        "jrnl_over_ilearn_search": {str(k): v for k, v in ratios.items()},
        "imports": imports,
    }

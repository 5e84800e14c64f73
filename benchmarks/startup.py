"""The quick commands' start beside their floors: CPU time, the two taking turns in one run.

    python benchmarks/build_journal.py /tmp/small --entries 1000
    python benchmarks/startup.py /tmp/small [--large /tmp/big] [--runs 15] [--sync]
    python benchmarks/startup.py /tmp/small --src before=/tmp/old/src --src after=src

``--version``, ``reflect TEXT`` and ``search WORD`` (on the small journal, and on ``--large``
when given, which is only read) each run as their own process, in turns with their floor
from ``floors.py`` (bare argparse + sqlite3 doing the same job), so a machine that slows
down during the run slows both alike. With ``--sync``, a no-op ``ilearn sync`` on a copy of
the small journal synced once to a folder remote, beside ``sync_bench.FLOOR_NOOP``.

Each ``--src LABEL=DIR`` is a source tree put first on ``PYTHONPATH``: two of them measure a
change before and after in the same run. The ratio is the median of the run-by-run ratios of
CPU time (user + system, from ``wait4``), which a shared machine's load moves far less than
wall time. Bytecode is cached (``PYTHONPYCACHEPREFIX``), as for an installed program.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from bench_measure import child_env
from floors import REFLECT, SEARCH, VERSION
from ilearn_tui.store.search import to_fts_query
from run import FTS_SQL, REFLECT_TEXT
from sync_bench import FLOOR_NOOP

GOALS = {"--version": 1.2, "reflect": 1.3, "search": 1.3}


@dataclass
class Runner:
    """One command line and the environment it runs in; its CPU seconds, run by run."""

    label: str
    argv: list[str]
    env: dict[str, str]
    cpu: list[float] = field(default_factory=list)

    def once(self) -> float:
        devnull = subprocess.DEVNULL
        proc = subprocess.Popen(
            self.argv, stdin=devnull, stdout=devnull, stderr=subprocess.PIPE, env=self.env
        )
        assert proc.stderr is not None
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            raise SystemExit(
                f"{self.label} failed (exit {proc.returncode}): {err.decode(errors='replace')[-500:]}"
            )
        return usage.ru_utime + usage.ru_stime


@dataclass
class Measure:
    """One command: the floor and each source tree's ilearn, timed in turns."""

    name: str
    goal: float | None
    floor: Runner
    mine: list[Runner]


def _env(base: dict[str, str], src: str | None) -> dict[str, str]:
    env = dict(base)
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, base.get("PYTHONPATH", "")]))
    return env


def _sources(given: list[str]) -> list[tuple[str, str | None]]:
    """(label, source tree) for each ``--src``; none given: the ``ilearn`` this Python imports."""
    found: list[tuple[str, str | None]] = []
    for item in given:
        label, sep, folder = item.partition("=")
        if not sep:
            raise SystemExit(f"--src {item!r}: give LABEL=DIR")
        found.append((label, str(Path(folder).resolve())))
    return found or [("ilearn", None)]


def build_measures(args: argparse.Namespace, work: Path) -> list[Measure]:
    base = child_env(work)
    sources = _sources(args.src)
    py = sys.executable

    def mine(*argv: str) -> list[Runner]:
        return [Runner(label, [py, "-m", "ilearn_tui", *argv], _env(base, src)) for label, src in sources]

    def floor(code: str, *argv: str) -> Runner:
        return Runner("floor", [py, "-c", code, *argv], base)

    small, word = str(args.home), args.word
    measures = [
        Measure("`--version`", GOALS["--version"], floor(VERSION, "--version"), mine("--version")),
        Measure(
            "`reflect TEXT`, small journal",
            GOALS["reflect"],
            floor(REFLECT, "--home", small, "reflect", REFLECT_TEXT),
            mine("--home", small, "reflect", REFLECT_TEXT),
        ),
    ]
    for label, home in [("small", small), ("large", str(args.large) if args.large else None)]:
        if home is None:
            continue
        measures.append(
            Measure(
                f"`search {word}`, {label} journal",
                GOALS["search"],
                floor(SEARCH, "--home", home, "search", to_fts_query(word), FTS_SQL),
                mine("--home", home, "search", word),
            )
        )
    if args.sync:
        measures.append(_sync_measure(args.home, work, base, sources, py))
    return measures


def _sync_measure(
    home: Path, work: Path, base: dict[str, str], sources: list[tuple[str, str | None]], py: str
) -> Measure:
    """A copy of the journal set up with a folder remote and synced once, so the next is a no-op."""
    copy, remote = work / "sync-home", work / "sync-remote"
    shutil.copytree(home, copy)
    env = _env(base, sources[-1][1])
    for step in (["sync", "setup", str(remote)], ["sync"]):
        subprocess.run(
            [py, "-m", "ilearn_tui", "--home", str(copy), *step], env=env, check=True, capture_output=True
        )
    runners = [
        Runner(label, [py, "-m", "ilearn_tui", "--home", str(copy), "sync"], _env(base, src))
        for label, src in sources
    ]
    return Measure(
        "no-op `sync`, small journal",
        None,
        Runner("floor", [py, "-c", FLOOR_NOOP, str(copy / "journal.sqlite3"), str(remote)], base),
        runners,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("home", type=Path, help="a small journal folder (reflect writes to it)")
    parser.add_argument("--large", type=Path, help="a large journal folder, only read (search)")
    parser.add_argument("--word", default="period", help="the search word (default: period)")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--sync", action="store_true", help="also a no-op sync on a copy of the small journal"
    )
    parser.add_argument(
        "--src", action="append", default=[], metavar="LABEL=DIR", help="a source tree to measure"
    )
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="ilearn-startup-bench-"))
    try:
        measures = build_measures(args, work)
        for m in measures:
            for runner in [m.floor, *m.mine]:
                runner.once()  # warm-up: bytecode, page cache, the hourly backup
        ratios: dict[tuple[str, str], list[float]] = {}
        for turn in range(args.runs):
            for m in measures:
                runners = [m.floor, *m.mine]
                shift = turn % len(runners)
                for runner in runners[shift:] + runners[:shift]:
                    runner.cpu.append(runner.once())
                for runner in m.mine:
                    ratios.setdefault((m.name, runner.label), []).append(runner.cpu[-1] / m.floor.cpu[-1])
        print(f"\nCPU s, median of {args.runs} runs in turns; ratio: the median of the run-by-run ratios\n")
        print("| measure | source | ilearn CPU s | floor CPU s | ratio | goal | met? |")
        print("|---|---|--:|--:|--:|--:|:-:|")
        for m in measures:
            for runner in m.mine:
                ratio = statistics.median(ratios[(m.name, runner.label)])
                goal = f"≤ {m.goal}×" if m.goal else "—"
                met = "—" if m.goal is None else ("yes" if ratio <= m.goal else "**no**")
                print(
                    f"| {m.name} | {runner.label} | {statistics.median(runner.cpu):.3f} | "
                    f"{statistics.median(m.floor.cpu):.3f} | {ratio:.2f}× | {goal} | {met} |"
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

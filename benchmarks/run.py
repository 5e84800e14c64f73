"""Measure what a teacher waits for: whole ``ilearn`` processes on journals of 1,000 and N entries.

    python benchmarks/run.py [--entries 50000] [--runs 7] [--quick] [--keep]

Each command runs as its own process (the time includes Python start-up and imports), once to
warm the caches, then ``--runs`` times; the table shows the median. Baselines in the same
run: a bare ``python -c pass``, the same FTS5 query from a bare ``python -c 'import sqlite3…'``,
and ``jrnl -contains`` on the same reflections when jrnl is installed. The results also go to
``benchmarks/out/results.json``. The exit status is non-zero only if a command failed; a
missed speed goal is reported, never fatal.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from build_journal import BuildInfo, build_journal, candidate_words
from ilearn_tui.store.search import to_fts_query

HERE = Path(__file__).resolve().parent
OUT_DIR = HERE / "out"
SMALL = 1_000
TIMEOUT_S = 600
MID_FRACTION = 0.02  # a "mid-range" search word is in about 2% of the documents
REFLECT_TEXT = "Tried a new seating plan in period 2; the quiet students spoke up more."

# The app's own search query (store/search.py), for the bare-sqlite3 baseline.
FTS_SQL = (
    "SELECT d.kind, d.ref, highlight(search_index, 0, '\x02', '\x03'), "
    "snippet(search_index, 1, '\x02', '\x03', '…', 12), bm25(search_index, 8.0, 1.0, 4.0) AS score "
    "FROM search_index JOIN search_docs d ON d.docid = search_index.rowid "
    "WHERE search_index MATCH ? ORDER BY score LIMIT 20"
)
FTS_CODE = (
    "import sqlite3, sys\n"
    "conn = sqlite3.connect(sys.argv[1])\n"
    "rows = conn.execute(sys.argv[2], (sys.argv[3],)).fetchall()\n"
    "print(len(rows))\n"
)


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


# --- choosing the search words ------------------------------------------------------------------
def doc_counts(db: Path, words: list[str]) -> dict[str, int]:
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        return {
            w: conn.execute(
                "SELECT count(*) FROM search_index WHERE search_index MATCH ?", (to_fts_query(w),)
            ).fetchone()[0]
            for w in words
        }
    finally:
        conn.close()


def pick_words(db: Path, entries: int) -> tuple[str, str, dict[str, int]]:
    """A mid-frequency word (in ~2% of documents) and the most common content word."""
    counts = doc_counts(db, candidate_words())
    target = max(1.0, entries * MID_FRACTION)
    # Ties (one stem, several spellings) go to the shortest word.
    mid = min(counts, key=lambda w: (abs(counts[w] - target), len(w), w))
    common = min(counts, key=lambda w: (-counts[w], len(w), w))
    return mid, common, counts


# --- jrnl ------------------------------------------------------------------------------------------
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


# --- import time -------------------------------------------------------------------------------------
_IMPORT_LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)\s*$")


def parse_importtime(stderr: str) -> list[tuple[str, int, int, str | None]]:
    """(module, self µs, cumulative µs, parent module) for each line of ``-X importtime``."""
    lines = []
    for line in stderr.splitlines():
        match = _IMPORT_LINE.match(line)
        if match:
            own, cum, indent, name = match.groups()
            lines.append((name, int(own), int(cum), (len(indent) - 1) // 2))
    # Lines come children first; walking backwards, a line's parent is the nearest shallower one.
    parents: dict[int, str | None] = {}
    stack: list[tuple[int, str]] = []
    for index in range(len(lines) - 1, -1, -1):
        name, _, _, depth = lines[index]
        while stack and stack[-1][0] >= depth:
            stack.pop()
        parents[index] = stack[-1][1] if stack else None
        stack.append((depth, name))
    return [(name, own, cum, parents[i]) for i, (name, own, cum, _) in enumerate(lines)]


def import_costs(argv: list[str], runs: int, env: dict[str, str]) -> dict[str, Any]:
    """Where ``argv``'s import time goes, beyond what a bare ``python -c pass`` imports.

    The time is split into units that add up to the whole: each ``ilearn_tui`` module counts
    its own (self) time, each other module that our code imports counts its whole subtree.
    """
    bare = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "pass"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    startup = {entry[0] for entry in parse_importtime(bare.stderr)}
    samples: dict[str, list[int]] = {}
    importer: dict[str, str] = {}
    totals: list[int] = []
    for attempt in range(runs + 1):  # the first run only warms the caches
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", *argv],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        if attempt == 0:
            continue
        total = 0
        for name, own, cum, parent in parse_importtime(proc.stderr):
            if name in startup:
                continue
            ours = name == "ilearn_tui" or name.startswith("ilearn_tui.")
            parent_ours = parent is None or parent == "ilearn_tui" or parent.startswith("ilearn_tui.")
            if ours:
                cost = own
            elif parent_ours:
                cost = cum
            else:
                continue
            total += cost
            samples.setdefault(name, []).append(cost)
            importer[name] = "(ours)" if ours else (parent or "(at run time)")
        totals.append(total)
    ranked = sorted(((name, statistics.median(v)) for name, v in samples.items()), key=lambda item: -item[1])
    return {
        "argv": argv,
        "runs": runs,
        "total_ms": statistics.median(totals) / 1000,
        "top": [
            {"module": name, "imported_by": importer[name], "ms": cost / 1000} for name, cost in ranked[:15]
        ],
    }


# --- the table -----------------------------------------------------------------------------------------
def table(results: list[Result]) -> str:
    rows = ["| measure | median s | goal | met? |", "|---|--:|--:|:-:|"]
    for r in results:
        median = f"{r.median_s:.3f}" if r.median_s is not None else "FAILED"
        goal = f"≤ {r.goal_s:g}" if r.goal_s is not None else "—"
        met = {None: "—", True: "yes", False: "**no**"}[r.met] if r.ok else "**failed**"
        rows.append(f"| {r.name} | {median} | {goal} | {met} |")
    return "\n".join(rows)


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


def time_journal(
    bench: Bench, b: BuildInfo, ilearn: list[str], jrnl: list[str] | None, word: str, common: str | None
) -> None:
    """Every command on one journal: reads first, then the writes (which add a few entries)."""
    n = f"{b.entries:,}"
    size = b.entries

    def app(*args: str) -> list[str]:
        return [*ilearn, "--home", str(b.home), *args]

    def bare_fts(text: str) -> list[str]:
        return [sys.executable, "-c", FTS_CODE, str(b.db_path), FTS_SQL, to_fts_query(text)]

    bench.time(
        f"bare sqlite3 FTS5 query `{word}`, {n} (baseline)", bare_fts(word), size=size, check=check_rows
    )
    bench.time(f"`ilearn search {word}`, {n}", app("search", word), goal=0.15, size=size, check=check_search)
    bench.time(
        f"`ilearn search {word} --json`, {n}",
        app("search", word, "--json"),
        goal=0.15,
        size=size,
        check=check_search_json,
    )
    if common:
        bench.time(
            f"bare sqlite3 FTS5 query `{common}`, {n} (baseline)",
            bare_fts(common),
            size=size,
            check=check_rows,
        )
        bench.time(
            f"`ilearn search {common}` (common word), {n}",
            app("search", common),
            goal=0.15,
            size=size,
            check=check_search,
        )
        if os.environ.get("PYTHONDONTWRITEBYTECODE"):
            bench.time(
                f"`ilearn search {word}` as this shell runs it (PYTHONDONTWRITEBYTECODE), {n}",
                app("search", word),
                size=size,
                env={k: v for k, v in os.environ.items() if k != "ILEARN_HOME"},
                check=check_search,
            )
    if jrnl and b.jrnl_path:
        env = jrnl_env(jrnl, b.jrnl_path, bench.work / f"jrnl-home-{size}", bench.env)
        bench.time(
            f"`jrnl -contains {word}`, {n} (baseline)",
            [*jrnl, "-contains", word],
            size=size,
            env=env,
            check=check_jrnl,
        )
    md, js = bench.work / f"portfolio-{size}.md", bench.work / f"everything-{size}.json"
    bench.time(
        f"`ilearn export --format md`, {n}",
        app("export", "--format", "md", "--out", str(md), "--force"),
        goal=0.7,
        size=size,
        check=check_file(md),
    )
    bench.time(
        f"`ilearn export --format json --include-private`, {n}",
        app("export", "--format", "json", "--include-private", "--out", str(js), "--force"),
        size=size,
        check=check_file(js),
    )
    # The warm-up run takes the automatic backup, so the timed runs are the usual case of a
    # reflection written within the hour of the last backup.
    bench.time(
        f"`ilearn reflect TEXT`, {n}", app("reflect", REFLECT_TEXT), goal=0.15, size=size, check=check_reflect
    )

    def drop_auto_backups() -> None:
        for old in (b.home / "backups").glob("journal-*-auto.sqlite3"):
            old.unlink()

    bench.time(
        f"`ilearn reflect TEXT` with its hourly auto-backup due, {n}",
        app("reflect", REFLECT_TEXT),
        size=size,
        before_each=drop_auto_backups,
        check=check_reflect,
    )


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=50_000, help="the large journal (default 50000)")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per command (default 7)")
    parser.add_argument("--quick", action="store_true", help="2,000 entries and 3 runs, for CI smoke runs")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")
    args = parser.parse_args(argv)
    if args.quick:
        args.entries, args.runs = 2_000, 3
    if args.entries < 1 or args.runs < 1:
        parser.error("--entries and --runs must be 1 or more")
    ilearn = find_program("ilearn") or [sys.executable, "-m", "ilearn_tui"]
    jrnl = find_program("jrnl") if shutil.which("jrnl") else None
    sizes = sorted({SMALL, args.entries})
    big = sizes[-1]
    work = Path(tempfile.mkdtemp(prefix="ilearn-bench-"))
    try:
        builds: dict[int, BuildInfo] = {}
        for size in sizes:
            built = build_journal(work / f"home-{size}", size, jrnl_path=work / f"jrnl-{size}.txt")
            builds[size] = built
            say(f"built {size:,} entries in {built.seconds:.1f} s ({built.db_bytes / 1e6:.1f} MB)")
        word, common, counts = pick_words(builds[big].db_path, big)
        say(f"search words: {word!r} (in {counts[word]:,} documents), {common!r} (in {counts[common]:,})")

        bench = Bench(work, args.runs, child_env(work))
        bench.time("`python -c pass` (baseline)", [sys.executable, "-c", "pass"])
        bench.time("`ilearn --version` (start-up floor)", [*ilearn, "--version"])
        for size in sizes:
            time_journal(bench, builds[size], ilearn, jrnl, word, common if size == big else None)
        say("measuring import time …")
        search_argv = python_args([*ilearn, "--home", str(builds[big].home), "search", word])
        imports = import_costs(search_argv, 5, bench.env)

        by_name = {r.name: r for r in bench.results}
        ratios = {}
        for size in sizes:
            mine = by_name.get(f"`ilearn search {word}`, {size:,}")
            theirs = by_name.get(f"`jrnl -contains {word}`, {size:,} (baseline)")
            if mine and theirs and mine.median_s and theirs.median_s:
                ratios[size] = theirs.median_s / mine.median_s
        words = {"mid": word, "common": common, "documents": {word: counts[word], common: counts[common]}}
        print(report_text(bench, big, words, ratios, imports, builds, jrnl))

        OUT_DIR.mkdir(exist_ok=True)
        report = {
            "entries": big,
            "sizes": sizes,
            "runs": args.runs,
            "quick": args.quick,
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
        (OUT_DIR / "results.json").write_text(
            json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8"
        )
        say(f"wrote {OUT_DIR / 'results.json'}")
        failed = [r for r in bench.results if not r.ok]
        for r in failed:
            say(f"FAILED: {r.name} (exit {r.returncode}): {r.error}")
        return 1 if failed else 0
    finally:
        if args.keep:
            say(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

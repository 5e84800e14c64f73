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
import itertools
import json
import os
import shutil
import sqlite3
import sys
from pathlib import Path

from bench_imports import import_costs
from bench_measure import (
    Bench,
    check_file,
    check_jrnl,
    check_reflect,
    check_rows,
    check_search,
    check_search_json,
    child_env,
    exit_status,
    find_program,
    jrnl_env,
    python_args,
    say,
    work_folder,
)
from bench_report import report_text, results_json
from build_journal import BuildInfo, build_journal, candidate_words
from floors import JRNL_IMPORT, REFLECT, SEARCH, VERSION
from ilearn_tui.locations import resolve
from ilearn_tui.store.journal import open_journal
from ilearn_tui.store.search import to_fts_query
from sync_bench import time_sync

HERE = Path(__file__).resolve().parent
OUT_DIR = HERE / "out"
SMALL = 1_000
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
        f"bare argparse + sqlite3 `search {word}`, {n} (floor)",
        [sys.executable, "-c", SEARCH, "--home", str(b.home), "search", to_fts_query(word), FTS_SQL],
        size=size,
    )
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
    bench.time(
        f"bare argparse + sqlite3 `reflect TEXT`, {n} (floor)",
        [sys.executable, "-c", REFLECT, "--home", str(b.home), "reflect", REFLECT_TEXT],
        size=size,
        check=check_reflect,
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


def time_jrnl_import(bench: Bench, b: BuildInfo, ilearn: list[str]) -> None:
    """The jrnl file into a fresh empty journal each run, beside the floor doing the same."""
    assert b.jrnl_path is not None
    empty = bench.work / "empty-journal"
    if not empty.exists():
        journal = open_journal(resolve(empty))
        journal.auto_backup = False
        journal.close()
    target = bench.work / "jrnl-import-home"

    def fresh() -> None:
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(empty, target)

    n = f"{b.entries:,}"
    bench.time(
        f"`ilearn import FILE --format jrnl`, {n}",
        [*ilearn, "--home", str(target), "import", str(b.jrnl_path), "--format", "jrnl"],
        size=b.entries,
        before_each=fresh,
    )
    bench.time(
        f"bare argparse + sqlite3 jrnl import, {n} (floor)",
        [sys.executable, "-c", JRNL_IMPORT, "--home", str(target), "import", str(b.jrnl_path)],
        size=b.entries,
        before_each=fresh,
    )


def floor_ratios(bench: Bench) -> list[str]:
    """Each measure over the floor timed just after it: what ilearn's own code adds."""
    lines = []
    results = bench.results
    for mine, floor in itertools.pairwise(results):
        if floor.name.endswith("(floor)") and mine.median_s and floor.median_s:
            lines.append(f"{mine.name} / its floor: {mine.median_s / floor.median_s:.2f}×")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=50_000, help="the large journal (default 50000)")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per command (default 7)")
    parser.add_argument("--quick", action="store_true", help="2,000 entries and 3 runs, for CI smoke runs")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")
    parser.add_argument("--no-sync", action="store_true", help="leave out the sync measures (sync_bench.py)")
    args = parser.parse_args(argv)
    if args.quick:
        args.entries, args.runs = 2_000, 3
    if args.entries < 1 or args.runs < 1:
        parser.error("--entries and --runs must be 1 or more")
    ilearn = find_program("ilearn") or [sys.executable, "-m", "ilearn_tui"]
    jrnl = find_program("jrnl") if shutil.which("jrnl") else None
    sizes = sorted({SMALL, args.entries})
    big = sizes[-1]
    with work_folder("ilearn-bench-", args.keep) as work:
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
        bench.time("bare argparse `--version` (floor)", [sys.executable, "-c", VERSION, "--version"])
        for size in sizes:
            time_journal(bench, builds[size], ilearn, jrnl, word, common if size == big else None)
        if builds[big].jrnl_path:
            time_jrnl_import(bench, builds[big], ilearn)
        if not args.no_sync:
            time_sync(bench, builds[big], ilearn, first_runs=2 if args.quick else 1)
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
        for line in floor_ratios(bench):
            print(line)

        OUT_DIR.mkdir(exist_ok=True)
        report = results_json(
            bench,
            sizes=sizes,
            quick=args.quick,
            ilearn=ilearn,
            jrnl=jrnl,
            words=words,
            builds=builds,
            ratios=ratios,
            imports=imports,
        )
        (OUT_DIR / "results.json").write_text(
            json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8"
        )
        say(f"wrote {OUT_DIR / 'results.json'}")
        return exit_status(bench)


if __name__ == "__main__":
    sys.exit(main())

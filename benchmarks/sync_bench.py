"""``ilearn sync`` on a large journal: the first sync, an incremental one, and a sync with nothing to do.

    python benchmarks/sync_bench.py [--entries 50000] [--runs 5] [--quick] [--keep]

``run.py`` calls :func:`time_sync` on its large journal; alone, this builds its own. Every
sync is a whole ``ilearn`` process (start-up, imports and the journal included), each next
to a floor measured in the same run:

- **first sync** to an empty folder remote, timed with its peak RSS (from ``wait4``), each
  run on a fresh copy of the journal and a fresh remote. Floor: a bare Python that makes a
  bare repository and commits the same files (the same paths and bytes, read from a folder)
  with dulwich in one pack, so the difference is what the engine adds: reading the journal,
  writing each record as a file, and pushing the pack to the remote.
- **incremental**: a second computer (a copy of the first after its sync, as if restored
  there) and the first each change 10 reflections; the first syncs (untimed), then the
  second's sync is timed: it sends 10, receives 10, merges and applies them.
  Floor: a bare Python that makes one commit of ten changed files onto the branch's tree
  with dulwich alone (the 50,000-entry ``records/reflections/`` tree read, changed, written
  and compressed); a sync makes two such commits and copies a third from the remote. Beside
  it, for comparison, the full verified copy of the journal such a sync took before it kept
  an undo file of the merged rows instead (SQLite's online backup, then ``quick_check``).
- **no-op**: nothing changed anywhere. Floor: a bare Python that opens the journal's
  SQLite file and asks the remote for its refs with dulwich (what any sync must do).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_measure import Bench, Result, child_env, exit_status, find_program, say, work_folder
from bench_report import table
from build_journal import BuildInfo, build_journal
from ilearn_tui.locations import resolve
from ilearn_tui.store.journal import open_journal
from ilearn_tui.store.reflections import update_reflection
from ilearn_tui.sync.repo import BRANCH

CHANGED = 10  # records changed on each computer before an incremental sync

# Commit every file below a folder to a new bare repository, as the engine would, in one pack.
FLOOR_COMMIT = """
import os, sys, time
from dulwich.index import commit_tree
from dulwich.objects import Blob, Commit
from dulwich.repo import Repo
src, dest = sys.argv[1], sys.argv[2]
os.mkdir(dest)
repo = Repo.init_bare(dest)
blobs, entries = [], []
for folder, _dirs, names in os.walk(src):
    for name in names:
        path = os.path.join(folder, name)
        with open(path, 'rb') as handle:
            blob = Blob.from_string(handle.read())
        blobs.append((blob, None))
        entries.append((os.path.relpath(path, src).encode(), blob.id, 0o100644))
repo.object_store.add_objects(blobs)
commit = Commit()
commit.tree = commit_tree(repo.object_store, sorted(entries))
commit.author = commit.committer = b'floor <floor@localhost>'
commit.author_time = commit.commit_time = int(time.time())
commit.author_timezone = commit.commit_timezone = 0
commit.message = b'floor'
repo.object_store.add_object(commit)
repo.refs[b'refs/heads/main'] = commit.id
print(len(entries))
"""

# One commit of ten changed files with dulwich alone: the branch's tree read, ten files written
# into records/reflections/, the changed trees made and compressed as a pack holds them.
FLOOR_TEN = """
import sys, zlib
from dulwich.objects import Blob
from dulwich.repo import Repo
repo = Repo(sys.argv[1])
store = repo.object_store
root = store[store[repo.refs[b'refs/heads/main']].tree]
records = store[root[b'records'][1]]
folder = store[records[b'reflections'][1]]
made = []
for name in sorted(folder)[:10]:
    blob = Blob.from_string(b'changed ' + name)
    folder[name] = (0o100644, blob.id)
    made.append(blob)
records[b'reflections'] = (0o040000, folder.id)
root[b'records'] = (0o040000, records.id)
made += [folder, records, root]
print(sum(len(zlib.compress(o.as_raw_string(), 1)) for o in made))
repo.close()
"""

# Open the journal and ask the remote for its refs: the least a sync with nothing to do can do.
FLOOR_NOOP = """
import sqlite3, sys
from dulwich.client import get_transport_and_path
conn = sqlite3.connect(sys.argv[1])
conn.execute('SELECT count(*) FROM meta').fetchone()
client, path = get_transport_and_path(sys.argv[2])
print(len(client.get_refs(path)))
"""

# The verified copy a sync takes before a merge changes the journal: the backup API, then the check.
FLOOR_BACKUP = """
import os, sqlite3, sys
src = sqlite3.connect(sys.argv[1])
dest = sqlite3.connect(sys.argv[2])
src.backup(dest)
dest.execute('PRAGMA journal_mode = DELETE')
dest.close()
check = sqlite3.connect('file:' + sys.argv[2] + '?mode=ro', uri=True)
print(check.execute('PRAGMA quick_check').fetchone()[0])
check.close()
os.unlink(sys.argv[2])
"""


def run_with_rss(argv: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """(seconds, peak RSS in MiB, exit status, stderr) of one process, its RSS from ``wait4``."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err, env=env
        )
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace").strip()
    return elapsed, usage.ru_maxrss / 1024, proc.returncode, text  # ru_maxrss is in KiB on Linux


def _export_files(sync_repo: Path, folder: Path) -> int:
    """The files of the sync repository's branch, written out as a plain folder (for the floor)."""
    from dulwich.object_store import iter_tree_contents
    from dulwich.repo import Repo

    repo = Repo(str(sync_repo))
    try:
        head = repo.refs[BRANCH]
        count = 0
        for entry in iter_tree_contents(repo.object_store, repo[head].tree):  # type: ignore[attr-defined]
            assert entry.path is not None and entry.sha is not None
            target = folder / entry.path.decode()
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(repo[entry.sha].as_raw_string())
            count += 1
        return count
    finally:
        repo.close()


def _change(home: Path, ids: list[str], text: str) -> None:
    """Give each reflection in ``ids`` a new body, through the store as the app writes it."""
    journal = open_journal(resolve(home))
    journal.auto_backup = False
    try:
        for rid in ids:
            day, title = journal.conn.execute(
                "SELECT date, title FROM reflections WHERE id = ?", (rid,)
            ).fetchone()
            update_reflection(journal, rid, body=f"{text} ({rid})", title=title, tags=[], stage=None, day=day)
    finally:
        journal.close()


def _reflection_ids(home: Path, count: int) -> list[str]:
    journal = open_journal(resolve(home))
    try:
        return [
            str(r[0])
            for r in journal.conn.execute("SELECT id FROM reflections ORDER BY id LIMIT ?", (count,))
        ]
    finally:
        journal.close()


def _checked(argv: list[str], env: dict[str, str]) -> str:
    proc = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=1800, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {proc.stderr.strip()[-500:]}")
    return proc.stdout.strip()


def time_first_sync(bench: Bench, b: BuildInfo, ilearn: list[str], runs: int) -> Path:
    """The first sync, each run from a fresh copy of the journal; returns the synced home it leaves."""
    n = f"{b.entries:,}"
    pristine = bench.work / f"sync-pristine-{b.entries}"
    shutil.copytree(b.home, pristine)
    home, remote = bench.work / f"sync-a-{b.entries}", bench.work / f"sync-remote-{b.entries}"
    result = Result(f"first `ilearn sync` to an empty folder remote, {n}", [], goal_s=30.0, entries=b.entries)
    rss: list[float] = []
    for _ in range(runs):
        shutil.rmtree(home, ignore_errors=True)
        shutil.rmtree(remote, ignore_errors=True)
        shutil.copytree(pristine, home)
        _checked([*ilearn, "--home", str(home), "sync", "setup", str(remote)], bench.env)
        say(f"timing {result.name} …")
        seconds, mib, code, err = run_with_rss([*ilearn, "--home", str(home), "sync"], bench.env)
        if code != 0:
            result.ok, result.returncode, result.error = False, code, err[-2000:]
            bench.results.append(result)
            raise SystemExit(f"the first sync failed: {err[-500:]}")
        result.times_s.append(seconds)
        rss.append(mib)
    result.median_s, result.min_s = statistics.median(result.times_s), min(result.times_s)
    each = ", ".join(f"{t:.1f}" for t in result.times_s)
    result.note = f"peak RSS {max(rss):.0f} MiB (goal ≤ 250 MiB); runs {each} s"
    files = bench.work / f"sync-files-{b.entries}"
    count = _export_files(resolve(home).data_dir / "sync", files)
    floor_repo = bench.work / f"sync-floor-{b.entries}"
    bench.results.append(result)

    def fresh_floor() -> None:
        shutil.rmtree(floor_repo, ignore_errors=True)

    floor = bench.time(
        f"dulwich commit of the same {count:,} files to a new bare repository, {n} (floor)",
        [sys.executable, "-c", FLOOR_COMMIT, str(files), str(floor_repo)],
        size=b.entries,
        before_each=fresh_floor,
    )
    seconds, mib, _, _ = run_with_rss(
        [sys.executable, "-c", FLOOR_COMMIT, str(files), str(floor_repo) + "-rss"], bench.env
    )
    floor.note = f"peak RSS {mib:.0f} MiB"
    shutil.rmtree(pristine)
    return home


def time_sync(bench: Bench, b: BuildInfo, ilearn: list[str], first_runs: int = 1) -> None:
    """The three syncs of one journal, each beside its floor."""
    n = f"{b.entries:,}"
    laptop = time_first_sync(bench, b, ilearn, first_runs)
    remote = bench.work / f"sync-remote-{b.entries}"
    desktop = bench.work / f"sync-b-{b.entries}"
    shutil.copytree(laptop, desktop)  # the second computer: the journal restored there after the sync
    ids = _reflection_ids(laptop, 2 * CHANGED * (bench.runs + 1))
    rounds = iter(range(bench.runs + 1))

    def both_change_and_the_laptop_syncs() -> None:
        k = next(rounds)
        chunk = ids[2 * CHANGED * k : 2 * CHANGED * (k + 1)]
        _change(laptop, chunk[:CHANGED], f"Changed on the laptop in round {k}")
        _change(desktop, chunk[CHANGED:], f"Changed on the desktop in round {k}")
        _checked([*ilearn, "--home", str(laptop), "sync"], bench.env)

    def check_incremental(stdout: str, _stderr: str) -> str:
        return stdout.strip().split(": ", 1)[-1]

    bench.time(
        f"incremental `ilearn sync`, {CHANGED} changed on each computer, {n}",
        [*ilearn, "--home", str(desktop), "sync"],
        goal=1.5,
        size=b.entries,
        before_each=both_change_and_the_laptop_syncs,
        check=check_incremental,
    )
    bench.time(
        f"dulwich alone: one commit of 10 changed files onto the branch's tree, {n} (floor)",
        [sys.executable, "-c", FLOOR_TEN, str(resolve(desktop).data_dir / "sync")],
        size=b.entries,
    )
    bench.time(
        f"bare Python: SQLite backup of the journal + `quick_check` of the copy, {n} (the old backup)",
        [sys.executable, "-c", FLOOR_BACKUP, str(resolve(desktop).db_path), str(bench.work / "floor-backup")],
        size=b.entries,
    )
    _checked([*ilearn, "--home", str(laptop), "sync"], bench.env)
    bench.time(
        f"bare Python opening the journal + dulwich `get_refs` of the remote, {n} (floor)",
        [sys.executable, "-c", FLOOR_NOOP, str(resolve(desktop).db_path), str(remote)],
        size=b.entries,
    )
    bench.time(
        f"no-op `ilearn sync` (nothing changed), {n}",
        [*ilearn, "--home", str(desktop), "sync"],
        goal=0.5,
        size=b.entries,
        check=check_incremental,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5, help="timed runs of the incremental and no-op syncs")
    parser.add_argument("--first-runs", type=int, default=1, help="timed first syncs (each on a fresh copy)")
    parser.add_argument("--quick", action="store_true", help="2,000 entries, 3 runs: a CI smoke run")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")
    args = parser.parse_args(argv)
    if args.quick:
        args.entries, args.runs, args.first_runs = 2_000, 3, 2
    ilearn = find_program("ilearn") or [sys.executable, "-m", "ilearn_tui"]
    with work_folder("ilearn-sync-bench-", args.keep) as work:
        built = build_journal(work / "home", args.entries)
        say(f"built {args.entries:,} entries in {built.seconds:.1f} s ({built.db_bytes / 1e6:.1f} MB)")
        bench = Bench(work, args.runs, child_env(work))
        bench.time("`python -c pass` (baseline)", [sys.executable, "-c", "pass"])
        time_sync(bench, built, ilearn, args.first_runs)
        print(f"## ilearn sync benchmark: {args.entries:,} entries, median of {args.runs} runs\n")
        print(table(bench.results) + "\n")
        for r in bench.results:
            if r.note:
                print(f"- {r.name}: {r.note}")
        return exit_status(bench)


if __name__ == "__main__":
    sys.exit(main())

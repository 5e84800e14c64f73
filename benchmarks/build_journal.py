"""Build a large, deterministic ilearn journal (and the same reflections as a jrnl file).

The text is made from seeded sentence templates whose slots are filled from word lists with
Zipf-like weights, so a few words are everywhere and most are rare, as in a real journal.
Everything (ids, dates, time stamps, text) comes from one seeded generator: the same
``entries`` and ``seed`` always give the same records.

    python benchmarks/build_journal.py HOME --entries 50000 [--jrnl FILE] [--seed N]

The journal is written through the app's own ``open_journal`` (which creates the schema) and
the store's bulk-write path, in one transaction; the FTS index is filled by the schema's own
triggers, exactly as when a teacher writes entries one by one. The word lists are in
``journal_corpus``, the prose in ``journal_prose``, the records in ``journal_gen``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ilearn_tui import locations
from ilearn_tui.domain.model import TABLE_ORDER
from ilearn_tui.store.bulk import bulk_write
from ilearn_tui.store.journal import open_journal
from journal_gen import DEFAULT_SEED, generate
from journal_prose import candidate_words

__all__ = ["DEFAULT_SEED", "BuildInfo", "build_journal", "candidate_words", "main"]

# The order of the counts a build reports (and results.json keeps).
COUNTED = (
    "cycles", "visions", "outcomes", "goals", "questions", "activities", "activity_goals", "evidence",
    "checks", "shares", "tags", "reflections", "reflection_tags", "reflection_links",
)  # fmt: skip


@dataclass
class BuildInfo:
    home: Path
    db_path: Path
    jrnl_path: Path | None
    entries: int
    seconds: float
    counts: dict[str, int] = field(default_factory=dict)
    db_bytes: int = 0
    jrnl_bytes: int = 0


def build_journal(
    home: str | Path,
    entries: int,
    *,
    seed: int = DEFAULT_SEED,
    jrnl_path: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> BuildInfo:
    """Write a journal of ``entries`` reflections (plus goals, activities, evidence) into ``home``.

    ``home`` must not hold a journal yet. With ``jrnl_path``, the same reflections are also
    written there as a plain-text jrnl journal (``[YYYY-MM-DD HH:MM] Title.`` entries).
    """
    started = time.perf_counter()
    home = Path(home)
    where = locations.resolve(home)
    if where.db_path.exists():
        raise SystemExit(f"{where.db_path} already exists; give an empty folder")
    say = progress or (lambda _msg: None)
    built = generate(entries, seed=seed, jrnl=jrnl_path is not None)
    rows = built.rows
    say(f"generated {entries:,} entries in {time.perf_counter() - started:.1f}s")

    journal = open_journal(where)
    try:
        journal.auto_backup = False  # a build is not a teacher's session: no automatic copy
        # Triggers stay on: the index is filled row by row, as when a teacher writes entries.
        with bulk_write(journal) as bulk:
            for table in TABLE_ORDER:
                if table == "reflection_links":  # after the tags, as a teacher would link them
                    for rid, tags in built.tags_of:
                        bulk.set_tags(rid, tags)
                bulk.insert_many(table, rows[table])
            for key, value in (
                ("teacher_name", "Sam Rivera"),
                ("teacher_role", "Secondary teacher"),
                ("school", "Northfield Community School"),
            ):
                bulk.set_meta(key, value)
        # The app's own rule must find the cycles we wrote (and so create none of its own).
        for _, _, start, end in built.cycles:
            assert journal.cycle_for(start) == built.cycle_of(start) == journal.cycle_for(end)
        journal.checkpoint()
    finally:
        journal.close()
    say(f"wrote {where.db_path} in {time.perf_counter() - started:.1f}s")

    jrnl_file = None
    if jrnl_path is not None:
        jrnl_file = Path(jrnl_path)
        jrnl_file.parent.mkdir(parents=True, exist_ok=True)
        jrnl_file.write_text("".join(built.jrnl_parts), encoding="utf-8")
    counts = {name: len(rows[name]) for name in COUNTED}
    counts["tags"] = len({t for _, tags in built.tags_of for t in tags})
    counts["reflection_tags"] = sum(len(tags) for _, tags in built.tags_of)
    return BuildInfo(
        home=home,
        db_path=where.db_path,
        jrnl_path=jrnl_file,
        entries=entries,
        seconds=time.perf_counter() - started,
        counts=counts,
        db_bytes=where.db_path.stat().st_size,
        jrnl_bytes=jrnl_file.stat().st_size if jrnl_file else 0,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("home", help="an empty folder for the journal (as for ilearn --home)")
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--jrnl", metavar="FILE", help="also write the reflections as a jrnl journal")
    args = parser.parse_args(argv)
    info = build_journal(
        args.home,
        args.entries,
        seed=args.seed,
        jrnl_path=args.jrnl,
        progress=lambda m: print(m, file=sys.stderr),
    )
    counts = ", ".join(f"{n:,} {name}" for name, n in info.counts.items() if n)
    print(f"{info.db_path}: {counts}; {info.db_bytes / 1e6:.1f} MB in {info.seconds:.1f}s")
    if info.jrnl_path:
        print(f"{info.jrnl_path}: {info.jrnl_bytes / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

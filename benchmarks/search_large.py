"""Search time with one very large reflection (about 1.9 MB of word-like text).

Run against a checkout: ``PYTHONPATH=src python benchmarks/search_large.py [--mb 1.9]``.
It builds a temporary journal, then times ``search`` in-process for short queries that
match nearly every word of the large entry, and prints a Markdown table. A query that hits
the time budget is reported as stopped, with the time it took to stop.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from ilearn_tui.locations import resolve
from ilearn_tui.store.journal import open_journal
from ilearn_tui.store.reflections import add_reflection
from ilearn_tui.store.search import search

try:
    from ilearn_tui.store.search import SearchTooSlowError
except ImportError:  # a checkout from before the time budget, for a before/after figure
    SearchTooSlowError = RuntimeError  # type: ignore[misc,assignment]

_VOCABULARY = """
assessment a an and all students learning lesson talk about after again along also
always among answer area around ask away back because before being below between
"""
WORDS = _VOCABULARY.split()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=1.9)
    args = parser.parse_args()
    rng = random.Random(7)
    text: list[str] = []
    size = 0
    while size < args.mb * 1_000_000:
        word = rng.choice(WORDS)
        text.append(word)
        size += len(word) + 1
    with tempfile.TemporaryDirectory() as folder, open_journal(resolve(Path(folder))) as journal:
        journal.auto_backup = False
        add_reflection(journal, " ".join(text), title="A very long entry")
        for n in range(200):
            add_reflection(journal, f"Short entry {n} about assessment and talk.")
        print("| query | seconds | hits |")
        print("|---|---:|---:|")
        for query in ("assessment", "an", "a", "a l", "a a"):
            start = time.perf_counter()
            try:
                hits = str(len(search(journal, query, limit=20)))
            except SearchTooSlowError:
                hits = "stopped"
            print(f"| `{query}` | {time.perf_counter() - start:.2f} | {hits} |")


if __name__ == "__main__":
    main()

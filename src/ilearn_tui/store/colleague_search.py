"""Colleagues' items found by a search, ranked with the journal's own hits.

Apart from ``store.colleagues`` (which keeps the items, and the records they are read into)
so that ``ilearn search`` loads only the query: a hit is a plain ``SearchHit``.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from ilearn_tui.store.search import (
    BUDGET_SECONDS,
    MARK_END,
    MARK_START,
    SearchHit,
    SearchTooSlowError,
    time_budget,
    to_fts_query,
    unmarkdown,
)

if TYPE_CHECKING:
    from ilearn_tui.store.journal import Journal

# Hits name their kind as a colleague's, so a script never takes one for a record of its own.
HIT_KIND = "colleague {kind}"


def item_kind(hit: SearchHit) -> str:
    """What a colleague's hit is ("reflection"), without the mark that it is hers."""
    return hit.kind.removeprefix(HIT_KIND.format(kind=""))


def search(journal: Journal, text: str, limit: int = 20, budget: float = BUDGET_SECONDS) -> list[SearchHit]:
    """Colleagues' items for ``text`` on the journal's own connection (``search_in``)."""
    return search_in(journal.conn, text, limit, budget)


def ranked_with(
    conn: sqlite3.Connection, own: list[SearchHit], text: str, limit: int = 20
) -> list[SearchHit]:
    """The journal's own hits for ``text`` and colleagues' items, best first, ``limit`` of them.

    Both are bm25 scores, so one order serves ``ilearn search`` and the app alike; a
    colleague's hit says whose it is by its kind and author, never by its place in the list.
    """
    return sorted([*own, *search_in(conn, text, limit)], key=lambda h: h.rank)[:limit]


def search_in(
    conn: sqlite3.Connection, text: str, limit: int = 20, budget: float = BUDGET_SECONDS
) -> list[SearchHit]:
    """Colleagues' items matching ``text`` (title, body or author's name), best first.

    Each hit has the shape of the journal's own (``store.search``), its kind marked as a
    colleague's ("colleague reflection") and her name in ``author``. ``conn`` is the journal's
    or the app's read-only one of a background search.
    """
    query = to_fts_query(text)
    if not query:
        return []
    try:
        with time_budget(conn, budget):
            rows = conn.execute(
                "SELECT c.id, c.kind, c.date, c.author_name, "
                f"highlight(colleague_index, 0, '{MARK_START}', '{MARK_END}'), "
                f"snippet(colleague_index, 1, '{MARK_START}', '{MARK_END}', '…', 12), "
                "bm25(colleague_index, 8.0, 1.0, 4.0) AS score "
                "FROM colleague_index JOIN colleague_items c ON c.n = colleague_index.rowid "
                "WHERE colleague_index MATCH ? ORDER BY score LIMIT ?",
                (query, limit),
            ).fetchall()
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc):
            raise SearchTooSlowError(f"the search for {text[:40]!r} took longer than {budget:g} s") from exc
        return []
    hits: list[SearchHit] = []
    seen: set[str] = set()
    for item_id, kind, day, author, title, snippet, score in rows:
        if item_id in seen:  # one item through two groups is one hit
            continue
        seen.add(item_id)
        hits.append(
            SearchHit(
                kind=HIT_KIND.format(kind=kind),
                id=item_id,
                title=unmarkdown(title),
                snippet=unmarkdown(snippet),
                rank=score,
                date=day,
                author=author,
            )
        )
    return hits

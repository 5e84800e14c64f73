"""Ranked full-text search over every searchable record (SQLite FTS5, bm25)."""

from __future__ import annotations

import re
import sqlite3

from ilearn_tui.domain.records import SearchHit
from ilearn_tui.store.journal import Journal

MARK_START = "\x02"
MARK_END = "\x03"
_WORD = re.compile(r"\w+", re.UNICODE)

# Where each kind's date lives, so hits can show when they happened.
_DATES = {
    "reflection": "SELECT date FROM reflections WHERE id = ?",
    "activity": "SELECT date FROM activities WHERE id = ?",
    "evidence": "SELECT date FROM evidence WHERE id = ?",
    "share": "SELECT date FROM shares WHERE id = ?",
}


def to_fts_query(text: str) -> str:
    """Turn what a teacher types into a safe FTS5 query: every word must match (prefix ok).

    Quoting each word keeps FTS5 operators and punctuation from causing syntax errors.
    """
    words = _WORD.findall(text)
    return " ".join(f'"{w}"*' for w in words)


def search(journal: Journal, text: str, limit: int = 20, offset: int = 0) -> list[SearchHit]:
    query = to_fts_query(text)
    if not query:
        return []
    try:
        rows = journal.conn.execute(
            "SELECT d.kind, d.ref, "
            f"highlight(search_index, 0, '{MARK_START}', '{MARK_END}'), "
            f"snippet(search_index, 1, '{MARK_START}', '{MARK_END}', '…', 12), "
            "bm25(search_index, 8.0, 1.0, 4.0) AS score "
            "FROM search_index JOIN search_docs d ON d.docid = search_index.rowid "
            "WHERE search_index MATCH ? ORDER BY score LIMIT ? OFFSET ?",
            (query, limit, offset),
        ).fetchall()
    except sqlite3.OperationalError:
        return []
    hits = []
    for kind, ref, title, snippet, score in rows:
        date_sql = _DATES.get(kind)
        day = ""
        if date_sql:
            found = journal.conn.execute(date_sql, (ref,)).fetchone()
            day = found[0] if found else ""
        hits.append(SearchHit(kind=kind, id=ref, title=title, snippet=snippet, rank=score, date=day))
    return hits


def plain(text: str) -> str:
    """Snippet text without highlight marks."""
    return text.replace(MARK_START, "").replace(MARK_END, "")

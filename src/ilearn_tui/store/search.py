"""Ranked full-text search over every searchable record (SQLite FTS5, bm25).

Two rules keep one very large record from making a search slow: the marked snippet is cut
from a bounded window of each hit (FTS5's ``snippet()`` over a whole 2 MB reflection took a
minute for a one-letter query), and every query runs under a time budget.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, NamedTuple

from ilearn_tui.errors import IlearnError

if TYPE_CHECKING:
    from ilearn_tui.store.journal import Journal

MARK_START = "\x02"
MARK_END = "\x03"
_WORD = re.compile(r"\w+", re.UNICODE)
# How much of a hit's title and text the marks and snippet are worked out from.
WINDOW_CHARS = 20_000
TITLE_CHARS = 500
# The longest a search may take before it is stopped with a message.
BUDGET_SECONDS = 5.0
_TOKENIZE = "porter unicode61 remove_diacritics 2"

# Where each kind's date lives, so hits can show when they happened.
_DATES = {
    "reflection": "SELECT date FROM reflections WHERE id = ?",
    "activity": "SELECT date FROM activities WHERE id = ?",
    "evidence": "SELECT date FROM evidence WHERE id = ?",
    "share": "SELECT date FROM shares WHERE id = ?",
}


class SearchHit(NamedTuple):
    """One hit, the journal's own or a colleague's, as the command line and the app show it.

    A named tuple rather than a record class: ``ilearn search`` makes twenty and loads no
    record model (nor ``dataclasses``) to do it.
    """

    kind: str
    id: str
    title: str
    snippet: str
    rank: float
    date: str = ""
    author: str = ""  # a colleague's item: her name (the journal's own records have none)


class SearchTooSlowError(IlearnError):
    """The query ran past its time budget (or was stopped by a newer one)."""


def to_fts_query(text: str) -> str:
    """Turn what a teacher types into a safe FTS5 query: every word must match (prefix ok).

    Quoting each word keeps FTS5 operators and punctuation from causing syntax errors.
    """
    words = _WORD.findall(text)
    return " ".join(f'"{w}"*' for w in words)


@contextmanager
def time_budget(conn: sqlite3.Connection, seconds: float) -> Iterator[None]:
    """Interrupt any statement on ``conn`` that runs past ``seconds``."""
    deadline = time.monotonic() + seconds
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 1_000)
    try:
        yield
    finally:
        conn.set_progress_handler(None, 0)


def search(
    journal: Journal, text: str, limit: int = 20, offset: int = 0, budget: float = BUDGET_SECONDS
) -> list[SearchHit]:
    with journal.scratch():  # the marking window is a temporary table: a search changes nothing
        return search_in(journal.conn, text, limit=limit, offset=offset, budget=budget)


def search_in(
    conn: sqlite3.Connection, text: str, limit: int = 20, offset: int = 0, budget: float = BUDGET_SECONDS
) -> list[SearchHit]:
    """The hits for ``text``, best first; ``SearchTooSlowError`` past ``budget`` seconds."""
    query = to_fts_query(text)
    if not query:
        return []
    try:
        with time_budget(conn, budget):
            ranked = conn.execute(
                "SELECT search_index.rowid, d.kind, d.ref, bm25(search_index, 8.0, 1.0, 4.0) AS score "
                "FROM search_index JOIN search_docs d ON d.docid = search_index.rowid "
                "WHERE search_index MATCH ? ORDER BY score LIMIT ? OFFSET ?",
                (query, limit, offset),
            ).fetchall()
            marks = _marks(conn, query, [row[0] for row in ranked])
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc):
            raise SearchTooSlowError(
                f"the search for {text[:40]!r} took longer than {budget:g} s and was stopped; "
                "try a longer or rarer word"
            ) from exc
        return []
    hits = []
    for docid, kind, ref, score in ranked:
        date_sql = _DATES.get(kind)
        day = ""
        if date_sql:
            found = conn.execute(date_sql, (ref,)).fetchone()
            day = found[0] if found else ""
        title, snippet = marks.get(docid, ("", ""))
        hits.append(
            SearchHit(
                kind=kind, id=ref, title=unmarkdown(title), snippet=unmarkdown(snippet), rank=score, date=day
            )
        )
    return hits


def _marks(conn: sqlite3.Connection, query: str, docids: list[int]) -> dict[int, tuple[str, str]]:
    """Marked title and snippet of each hit, worked out on its first ``WINDOW_CHARS`` only.

    The windows go into a small temporary index with the same tokenizer, so the marks follow
    the same stemming and prefix rules as the search itself.
    """
    if not docids:
        return {}
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_window "
        f"USING fts5(title, body, tokenize = '{_TOKENIZE}')"
    )
    conn.execute("DELETE FROM temp.search_window")
    try:
        marks: dict[int, tuple[str, str]] = {}
        for docid in docids:
            title, body = conn.execute(
                "SELECT substr(title, 1, ?), substr(body, 1, ?) FROM search_index WHERE rowid = ?",
                (TITLE_CHARS, WINDOW_CHARS, docid),
            ).fetchone()
            conn.execute(
                "INSERT INTO temp.search_window(rowid, title, body) VALUES (?, ?, ?)",
                (docid, title or "", body or ""),
            )
            marks[docid] = (title or "", _opening(body or ""))
        for docid, title, snippet in conn.execute(
            "SELECT rowid, "
            f"highlight(search_window, 0, '{MARK_START}', '{MARK_END}'), "
            f"snippet(search_window, 1, '{MARK_START}', '{MARK_END}', '…', 12) "
            "FROM temp.search_window WHERE search_window MATCH ?",
            (query,),
        ):
            marks[docid] = (title, snippet if MARK_START in snippet else marks[docid][1])
        # A hit whose match lies in its tags or past the window keeps its unmarked opening.
        return marks
    finally:
        conn.execute("DELETE FROM temp.search_window")


def _opening(body: str, words: int = 12) -> str:
    """The first words of a text, for a hit whose match the window does not reach."""
    found = body.split(maxsplit=words)
    return " ".join(found[:words]) + ("…" if len(found) > words else "")


_LINE_MARKUP = re.compile(r"^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+(?:\[[ xX]\][ \t]+)?)", re.M)
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![\w*])")
_CODE = re.compile(r"`+([^`]*)`+")
_STRAY = re.compile(r"\*\*|__|`+")


def unmarkdown(text: str) -> str:
    """A hit's title or snippet as words: Markdown's headings, bullets, links and emphasis gone.

    Done once here, so the app and ``ilearn search`` (whose ``--json`` marks matches with
    ``**``) show the same plain text, and a snippet cut inside ``**bold**`` leaves no stray
    stars. The match marks pass through untouched.
    """
    text = _LINE_MARKUP.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = _CODE.sub(r"\1", text)
    return _STRAY.sub("", text)


def plain(text: str) -> str:
    """Snippet text without highlight marks."""
    return text.replace(MARK_START, "").replace(MARK_END, "")

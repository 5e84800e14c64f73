"""Searches for the app's search screen: on a connection of their own, in a worker thread.

Apart from ``store.search`` because they rank colleagues' items among the journal's own
(``store.colleague_search``), which is built on that module.
"""

from __future__ import annotations

import sqlite3

from ilearn_tui.errors import IlearnError
from ilearn_tui.store.colleague_search import ranked_with
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.search import SearchHit, SearchTooSlowError, search_in


class BackgroundSearch:
    """Searches on a read-only connection of their own, for a worker thread.

    A slow search then never holds up the journal's own connection, and ``interrupt`` (from
    any thread) stops the one running when the teacher types on.
    """

    def __init__(self, journal: Journal) -> None:
        self._path = journal.locations.db_path
        self._conn: sqlite3.Connection | None = None

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            from urllib.parse import quote

            uri = f"file:{quote(str(self._path))}?mode=ro"
            self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
        return self._conn

    def search(self, text: str, limit: int = 20) -> list[SearchHit]:
        """The hits, colleagues' items among them, or SearchTooSlowError.

        Any other database trouble is SearchUnavailable.
        """
        try:
            conn = self._connection()
            return ranked_with(conn, search_in(conn, text, limit=limit), text, limit)
        except SearchTooSlowError:
            raise
        except sqlite3.Error as exc:
            raise SearchUnavailable(str(exc)) from None

    def interrupt(self) -> None:
        if self._conn is not None:
            self._conn.interrupt()

    def close(self) -> None:
        if self._conn is not None:
            self._conn.interrupt()
            self._conn.close()
            self._conn = None


class SearchUnavailable(IlearnError):
    """The search's connection could not be used (the screen closed under it, or the file went)."""

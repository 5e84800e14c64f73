"""The journal store: one SQLite file, opened for durability, and the queries over it.

Nothing here imports Textual; the hot paths use :mod:`sqlite3` directly so that a quick
command pays only for what it runs.
"""

"""What marks a file as an ilearn journal; read both when opening a journal and when checking a backup."""

from __future__ import annotations

SQLITE_HEADER = b"SQLite format 3\x00"
APPLICATION_ID = 0x694C726E  # "iLrn": marks the file as an ilearn journal
# The schema a journal written by this version has (``PRAGMA user_version``): the number of
# migrations in ``store.schema``, which checks the two agree. Kept here so that opening a
# journal already at this version reads no migration, nor the record model they are made from.
SCHEMA_VERSION = 12

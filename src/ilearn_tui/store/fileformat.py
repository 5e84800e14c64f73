"""What marks a file as an ilearn journal; read both when opening a journal and when checking a backup."""

from __future__ import annotations

SQLITE_HEADER = b"SQLite format 3\x00"
APPLICATION_ID = 0x694C726E  # "iLrn": marks the file as an ilearn journal

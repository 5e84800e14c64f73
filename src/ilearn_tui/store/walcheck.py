"""Whether the write-ahead log beside a journal belongs to it, checked before SQLite replays it.

SQLite replays any valid ``-wal`` file beside a database: nothing in the WAL names the database
it was written for. A WAL left behind when another journal was copied over ``journal.sqlite3``
is replayed into the wrong file, and the result fails later as "constraint failed" or a
malformed search index. The checks, cheapest first (format: sqlite.org/fileformat2.html,
"WAL file format"):

1. The WAL header (32 bytes) must be valid: magic, format version, header checksum. If not,
   or if its first frame's salts or checksum do not match, SQLite ignores the WAL: nothing to do.
2. The page size in the WAL header must be the journal's: a different one is another database.
3. Otherwise the WAL will be replayed. Only when no other connection has the journal open (a
   live WAL is the normal state while the app runs, and it is not ours to judge), the journal
   is opened read-only *with* the WAL and given ``quick_check``; a WAL left by a killed writer
   passes. This costs a read of the journal, but happens only after a crash or a foreign file.

"No other connection" is asked of the kernel without taking a lock: ``F_GETLK`` on the byte of
the ``-shm`` file that every SQLite connection holds a shared lock on while it is open (the
"DMS" byte, offset 128, of SQLite's unix VFS). Closing any descriptor of a file drops every
POSIX lock this process holds on it, so the probe is skipped when this process itself has the
journal open. Where the probe is not available (not Linux), step 3 is skipped.
"""

from __future__ import annotations

import os
import sqlite3
import struct
import sys
from pathlib import Path

WAL_HEADER_SIZE = 32
FRAME_HEADER_SIZE = 24
WAL_MAGIC = (0x377F0682, 0x377F0683)  # checksums little-endian, big-endian
WAL_FORMAT_VERSION = 3007000
SHM_DMS_BYTE = 128


def _checksum(data: bytes, s0: int, s1: int, big_endian: bool) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def wal_page_size(wal: Path) -> int | None:
    """The page size of a WAL that SQLite would replay, or None if it would ignore the file."""
    try:
        with wal.open("rb") as handle:
            header = handle.read(WAL_HEADER_SIZE)
            if len(header) < WAL_HEADER_SIZE:
                return None
            magic, version, page_size = struct.unpack(">III", header[:12])
            if magic not in WAL_MAGIC or version != WAL_FORMAT_VERSION:
                return None
            if page_size < 512 or page_size > 65536 or page_size & (page_size - 1):
                return None
            big = magic == WAL_MAGIC[1]
            salts = header[16:24]
            if _checksum(header[:24], 0, 0, big) != struct.unpack(">II", header[24:32]):
                return None
            frame = handle.read(FRAME_HEADER_SIZE + page_size)
    except OSError:
        return None
    if len(frame) < FRAME_HEADER_SIZE + page_size or frame[8:16] != salts:
        return None
    seed0, seed1 = struct.unpack(">II", header[24:32])
    sums = _checksum(frame[:8] + frame[FRAME_HEADER_SIZE:], int(seed0), int(seed1), big)
    if sums != struct.unpack(">II", frame[16:24]) or struct.unpack(">I", frame[:4])[0] == 0:
        return None
    return int(page_size)


def db_page_size(path: Path) -> int | None:
    try:
        with path.open("rb") as handle:
            head = handle.read(100)
    except OSError:
        return None
    if len(head) < 100:
        return None  # an empty journal: everything it holds may be in the WAL
    size = int.from_bytes(head[16:18], "big")
    return 65536 if size == 1 else size


def others_have_it_open(path: Path) -> bool | None:
    """Whether another process has the journal open (True/False), or None if it cannot be told."""
    shm = Path(f"{path}-shm")
    if not shm.exists():
        return False  # every connection to a WAL journal maps the -shm file
    if not sys.platform.startswith("linux"):
        return None
    import fcntl

    try:
        fd = os.open(shm, os.O_RDONLY)
    except OSError:
        return None
    try:
        # struct flock on Linux: l_type, l_whence, l_start, l_len, l_pid (padded to 32 bytes).
        query = struct.pack("hhqqi", fcntl.F_WRLCK, os.SEEK_SET, SHM_DMS_BYTE, 1, 0).ljust(32, b"\0")
        answer = fcntl.fcntl(fd, fcntl.F_GETLK, query)
    except OSError:
        return None
    finally:
        os.close(fd)
    lock_type: int = struct.unpack("hh", answer[:4])[0]
    return lock_type != fcntl.F_UNLCK


def replays_cleanly(path: Path) -> bool:
    """Open read-only with the WAL (SQLite replays it in memory, writing nothing) and check."""
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        return bool(conn.execute("PRAGMA quick_check").fetchone()[0] == "ok")
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


def foreign_wal_reason(path: Path, *, probe: bool) -> str | None:
    """Why the journal's ``-wal`` does not fit it, or None if it fits (or there is none).

    ``probe`` is False when this process already has the journal open (see the module note).
    """
    wal = Path(f"{path}-wal")
    try:
        if wal.stat().st_size < WAL_HEADER_SIZE:
            return None
    except OSError:
        return None
    wal_size = wal_page_size(wal)
    if wal_size is None:
        return None  # SQLite ignores it
    own_size = db_page_size(path)
    if own_size is not None and own_size != wal_size:
        return f"its pages are {wal_size:,} bytes, the journal's {own_size:,}"
    if not probe or others_have_it_open(path) is not False:
        return None
    if not replays_cleanly(path):
        return "replaying it into the journal fails SQLite's check"
    return None

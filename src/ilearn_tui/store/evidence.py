"""Evidence: files copied into the journal's folder under their hash, or links.

A file is opened without following links and checked to be a plain file before a byte is
read, so a symlink to a private file, a pipe that never ends or a device cannot slip in.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from datetime import date
from pathlib import Path

from ilearn_tui.atomicfile import atomic_write
from ilearn_tui.domain.records import Evidence
from ilearn_tui.errors import IlearnError, UsageError
from ilearn_tui.locations import FILE_MODE, make_private_dir
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.plan import clean_title, insert_row
from ilearn_tui.store.rows import records, select_list
from ilearn_tui.textsafe import printable

DEFAULT_MAX_BYTES = 200 * 1024 * 1024
_CHUNK = 1024 * 1024
_SAFE_SUFFIX = re.compile(r"^\.[A-Za-z0-9]{1,10}$")
URL_SCHEMES = ("http://", "https://")


def is_url(text: str) -> bool:
    return text.lower().startswith(URL_SCHEMES)


def safe_display_name(name: str) -> str:
    """The original file name as it may be shown: no controls, no bidi tricks, bounded length."""
    shown = printable(name).replace("/", "_")
    return shown if len(shown) <= 200 else shown[:200] + "…"


def store_file(source: Path, evidence_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, str, int]:
    """Copy ``source`` into ``evidence_dir``; return (stored name, sha256, size)."""
    if "\x00" in str(source):
        raise UsageError("the file name contains a NUL byte")
    try:
        info = os.lstat(source)
    except FileNotFoundError:
        raise IlearnError(f"no file at {printable(str(source))}") from None
    except OSError as exc:
        raise IlearnError(f"cannot read {printable(str(source))}: {exc.strerror}") from None
    if stat.S_ISLNK(info.st_mode):
        raise IlearnError(f"{printable(str(source))} is a symbolic link; add the file it points to")
    if stat.S_ISDIR(info.st_mode):
        raise IlearnError(f"{printable(str(source))} is a folder; add its files one by one")
    if not stat.S_ISREG(info.st_mode):
        raise IlearnError(f"{printable(str(source))} is not a regular file (a pipe or device?)")
    if info.st_size > max_bytes:
        raise IlearnError(
            f"{printable(str(source))} is {info.st_size / 1_048_576:.1f} MiB; the limit is "
            f"{max_bytes / 1_048_576:.0f} MiB"
        )
    make_private_dir(evidence_dir)
    suffix = source.suffix if _SAFE_SUFFIX.match(source.suffix) else ""
    digest = hashlib.sha256()
    size = 0
    try:
        fd_in = os.open(source, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd_in, "rb") as src:
            if not stat.S_ISREG(os.fstat(src.fileno()).st_mode):
                raise IlearnError(f"{printable(str(source))} is not a regular file")
            # The same bytes always get the same name, so an existing copy may be replaced.
            with atomic_write(evidence_dir / ".incoming", overwrite=True, mode=FILE_MODE) as pending:
                while chunk := src.read(_CHUNK):
                    size += len(chunk)
                    if size > max_bytes:
                        raise IlearnError(f"{printable(str(source))} grew past the size limit")
                    digest.update(chunk)
                    pending.file.write(chunk)
                sha = digest.hexdigest()
                name = f"{sha}{suffix.lower()}"
                pending.target = evidence_dir / name
    except OSError as exc:
        raise IlearnError(f"cannot copy {printable(str(source))}: {exc.strerror}") from None
    return name, sha, size


def add_evidence(
    journal: Journal,
    target: str,
    *,
    title: str = "",
    goal_id: str | None = None,
    student_info: bool = False,
    kind: str | None = None,
    day: str | None = None,
    description: str = "",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> str:
    """Record a file (copied in) or a link as evidence; returns the new record's id."""
    day = day or date.today().isoformat()
    values: dict[str, object] = {
        "date": day,
        "description": description,
        "student_info": int(student_info),
        "goal_id": goal_id,
    }
    if is_url(target):
        if any(ch.isspace() or ord(ch) < 32 for ch in target):
            raise UsageError("a link cannot contain spaces or control characters")
        if not target.split("://", 1)[1].split("/", 1)[0].strip(".:@"):
            raise UsageError(f"the link {target!r} has no site after {target.split('://')[0]}://")
        values.update(url=target, kind=kind or "link", title=clean_title(title or target, "evidence"))
    else:
        source = Path(target).expanduser()
        name, sha, size = store_file(source, journal.locations.evidence_dir, max_bytes)
        original = safe_display_name(source.name)
        values.update(
            file_name=name,
            sha256=sha,
            size=size,
            original_name=original,
            kind=kind or "document",
            title=clean_title(title or original, "evidence"),
        )
    values["cycle_id"] = journal.cycle_for(day)
    with journal.write() as conn:
        return insert_row(conn, "evidence", values)


def list_evidence(journal: Journal, cycle_id: str | None = None) -> list[Evidence]:
    sql = f"SELECT {select_list(Evidence)} FROM evidence"
    params: list[object] = []
    if cycle_id:
        sql += " WHERE cycle_id = ?"
        params.append(cycle_id)
    return list(records(Evidence, journal.conn.execute(sql + " ORDER BY date, created_at", params)))

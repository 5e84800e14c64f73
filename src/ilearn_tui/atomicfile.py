"""Writing a file so that a reader sees the old one or the new one, never half of either.

Settings, exports, export folders, backups and evidence copies all go through here: the bytes
go to a private temporary file beside the target (a fresh random name, never through a link),
are flushed to disk, and the file is renamed over the target; the folder is then synced so the
rename survives a power cut. An existing target is refused unless the caller says to replace
it. Errors are plain ``OSError``s (``FileExistsError`` for a refused target): each caller knows
the words its user needs.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

FILE_MODE = 0o600


class Pending:
    """A file being written: ``file`` writes to ``path``, which becomes ``target`` at the end.

    ``target`` may be changed inside the block, for a name known only once the bytes are in
    (evidence is stored under its hash); it must stay in the same folder. A plain class: the
    quick commands that write a file load no ``dataclasses``.
    """

    __slots__ = ("file", "path", "target")

    def __init__(self, path: Path, file: BinaryIO, target: Path) -> None:
        self.path = path
        self.file = file
        self.target = target


def _taken(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _refuse(target: Path) -> None:
    raise FileExistsError(errno.EEXIST, "already exists", str(target))


def sync_dir(folder: Path) -> None:
    """Make renames inside ``folder`` durable (where the platform allows opening folders)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def atomic_write(
    target: Path, *, overwrite: bool = False, mode: int = FILE_MODE, sync_folder: bool = True
) -> Iterator[Pending]:
    """Yield a file to fill; it replaces ``target`` only if the block finishes without error.

    ``sync_folder=False`` is for many files written into one folder that the caller syncs once.
    """
    if not overwrite and _taken(target):
        _refuse(target)
    # mkstemp opens O_CREAT|O_EXCL|O_NOFOLLOW under a random name: in a shared folder nobody
    # can plant a link there beforehand and have us write through it.
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            pending = Pending(temp, handle, target)
            yield pending
            handle.flush()
            os.fsync(handle.fileno())  # also flushes what others wrote to the file by its path
        # mkstemp names the temporary file by an absolute path; a target may be relative.
        if Path(os.path.abspath(pending.target.parent)) != temp.parent:
            raise ValueError("an atomic write must end in the folder it started in")
        if not overwrite and _taken(pending.target):
            _refuse(pending.target)
        # rename() replaces a link at the target itself; the file it pointed to is untouched.
        os.replace(temp, pending.target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    if sync_folder:
        sync_dir(pending.target.parent)


def write_file(
    target: Path,
    data: bytes | str,
    *,
    overwrite: bool = False,
    mode: int = FILE_MODE,
    sync_folder: bool = True,
) -> Path:
    """Write ``data`` (text as UTF-8) to ``target`` atomically; returns ``target``."""
    with atomic_write(target, overwrite=overwrite, mode=mode, sync_folder=sync_folder) as pending:
        pending.file.write(data.encode("utf-8") if isinstance(data, str) else data)
    return target


_BATCH = 1 << 18  # characters gathered before one encode and write: few calls, little memory


def write_chunks(
    target: Path,
    pieces: Iterable[str],
    *,
    overwrite: bool = False,
    mode: int = FILE_MODE,
    sync_folder: bool = True,
) -> Path:
    """Write text made in pieces (as UTF-8) to ``target`` atomically, as the pieces come."""
    with atomic_write(target, overwrite=overwrite, mode=mode, sync_folder=sync_folder) as pending:
        write = pending.file.write
        batch: list[str] = []
        size = 0
        for piece in pieces:
            batch.append(piece)
            size += len(piece)
            if size >= _BATCH:
                write("".join(batch).encode("utf-8"))
                batch.clear()
                size = 0
        if batch:
            write("".join(batch).encode("utf-8"))
    return target

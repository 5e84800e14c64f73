"""Writing export files all at once: a temp file beside the target, fsync, then rename."""

from __future__ import annotations

import os
from pathlib import Path

from ilearn_tui.errors import IlearnError, TargetExistsError


def refuse_overwrite(target: Path, force: bool) -> None:
    """The last guard against a file that appeared after the export's preflight."""
    if target.exists() and not force:
        raise TargetExistsError(target)


def write_atomic(target: Path, data: str | bytes, *, force: bool = False, mode: int = 0o600) -> Path:
    """Write ``data`` to ``target`` so that readers see the old file or the new, never half."""
    refuse_overwrite(target, force)
    if not target.parent.is_dir():
        raise IlearnError(f"the folder {target.parent} does not exist")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(temp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise IlearnError(f"cannot write {target}: {exc.strerror}") from None
    return target

"""Writing export files all at once, in the words the export commands use for a refusal."""

from __future__ import annotations

from pathlib import Path

from ilearn_tui import atomicfile
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
    try:
        atomicfile.write_file(target, data, overwrite=force, mode=mode)
    except FileExistsError:
        refuse_overwrite(target, force=False)
    except OSError as exc:
        raise IlearnError(f"cannot write {target}: {exc.strerror}") from None
    return target

"""Writing export files atomically, in the words the export commands use for a refusal."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ilearn_tui import atomicfile
from ilearn_tui.errors import IlearnError, TargetExistsError


def refuse_overwrite(target: Path, force: bool) -> None:
    """The last guard against a file that appeared after the export's preflight."""
    if target.exists() and not force:
        raise TargetExistsError(target)


def write_atomic(
    target: Path, data: str | bytes | Iterable[str], *, force: bool = False, mode: int = 0o600
) -> Path:
    """Write ``data`` to ``target`` so that readers see the old file or the new, never half.

    ``data`` may come in pieces of text, written as they are made: a big export never has to
    be held whole.
    """
    refuse_overwrite(target, force)
    if not target.parent.is_dir():
        raise IlearnError(f"the folder {target.parent} does not exist")
    try:
        if isinstance(data, str | bytes):
            atomicfile.write_file(target, data, overwrite=force, mode=mode)
        else:
            atomicfile.write_chunks(target, data, overwrite=force, mode=mode)
    except FileExistsError:
        refuse_overwrite(target, force=False)
    except OSError as exc:
        raise IlearnError(f"cannot write {target}: {exc.strerror}") from None
    return target

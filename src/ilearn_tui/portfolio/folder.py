"""Exporting to a folder: the document plus ``evidence/`` with copies of the files it links.

The folder is meant to be zipped or copied to a USB stick, so the copies get readable names
(``2024-10-03-claim-cards-photo.pdf``) that are safe on any file system, whatever the teacher
typed as a title. The folder is built whole in a temporary folder first, so an interrupted
export never leaves a half-written portfolio where a good one was.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ilearn_tui.atomicfile import atomic_write, sync_dir, write_chunks, write_file
from ilearn_tui.domain.records import Evidence
from ilearn_tui.errors import IlearnError, TargetExistsError
from ilearn_tui.textsafe import printable

EVIDENCE_DIR = "evidence"
MAX_STEM_BYTES = 80  # the title part; with the date and suffix a name stays far below 255 bytes
_SUFFIX = re.compile(r"^\.[a-z0-9]{1,10}$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CHUNK = 1024 * 1024

Step = Callable[[int, int], None]


@dataclass
class Copy:
    """One evidence file to copy: from the journal's store to ``evidence/<name>``."""

    source: Path
    name: str
    label: str  # how the teacher knows it, for messages


@dataclass
class FolderReport:
    copied: int = 0
    missing: list[str] = field(default_factory=list)


def slug(text: str, limit: int = MAX_STEM_BYTES) -> str:
    """Lower-case letters and digits (any script) joined by hyphens, at most ``limit`` UTF-8 bytes.

    Everything else — path separators, dots, control and bidi characters, emoji — becomes a
    hyphen, so a name can neither climb out of its folder nor read differently from what it is.
    """
    normal = unicodedata.normalize("NFKC", text).lower()
    joined = "-".join("".join(ch if ch.isalnum() else " " for ch in normal).split())
    return joined.encode("utf-8")[:limit].decode("utf-8", "ignore").rstrip("-")


def suffix_of(*names: str) -> str:
    """The first plain suffix (``.pdf``) among ``names``, lower case; empty if none is plain."""
    for name in names:
        suffix = os.path.splitext(name)[1].lower()
        if _SUFFIX.match(suffix):
            return suffix
    return ""


def readable_name(day: str, title: str, suffix: str, taken: set[str]) -> str:
    """``YYYY-MM-DD-title.ext``, unique among ``taken`` (compared without case), then recorded."""
    stem = slug(title) or "evidence"
    base = f"{day}-{stem}" if _DAY.match(day) else stem
    name, n = base + suffix, 2
    while name.lower() in taken:
        name, n = f"{base}-{n}{suffix}", n + 1
    taken.add(name.lower())
    return name


def stored_file(ev: Evidence, store: Path) -> Path | None:
    """The journal's copy of an evidence file, or None if it is missing or its name could leave ``store``."""
    stored = ev.file_name or ""
    if not stored or "/" in stored or "\\" in stored or stored.startswith("."):
        return None
    source = store / stored
    return source if source.is_file() and not source.is_symlink() else None


def plan_copies(
    records: Iterable[Evidence], store: Path, *, stored_names: bool = False
) -> tuple[list[Copy], dict[str, str], list[str]]:
    """Which evidence files go into ``evidence/`` and under what names.

    Returns the copies, the relative link of each copied record (by id) and the labels of
    records whose file is missing from the journal (they are listed, unlinked). A JSON export
    keeps the stored names, because importing it looks the files up by those names.
    """
    copies: list[Copy] = []
    links: dict[str, str] = {}
    missing: list[str] = []
    taken: set[str] = set()
    for ev in records:
        stored = ev.file_name or ""
        if not stored:
            continue
        label = printable(ev.original_name or ev.title or stored)
        source = stored_file(ev, store)
        if source is None:
            missing.append(label)
            continue
        if stored_names:
            name = stored
            if name.lower() in taken:  # the same file (same hash) under two records: one copy
                links[ev.id] = f"{EVIDENCE_DIR}/{name}"
                continue
            taken.add(name.lower())
        else:
            suffix = suffix_of(stored, ev.original_name or "")
            name = readable_name(ev.date or "", ev.title or "", suffix, taken)
        copies.append(Copy(source, name, label))
        links[ev.id] = f"{EVIDENCE_DIR}/{name}"
    return copies, links, missing


def check_target(target: Path, names: Iterable[str], force: bool) -> None:
    """Refuse a target that is a file, has no parent folder, or would lose files unless forced.

    The export service's preflight asks this with ``force`` set (only what can never work);
    writing asks it again unforced, as the last guard against files that appeared since.
    """
    if target.exists() and not target.is_dir():
        raise IlearnError(f"{printable(str(target))} is a file, not a folder; give a folder to export into")
    if not target.exists():
        if not target.parent.is_dir():
            raise IlearnError(f"the folder {printable(str(target.parent))} does not exist")
        return
    if force:
        return
    for name in names:
        inside = target / name
        if inside.exists() or inside.is_symlink():
            raise TargetExistsError(printable(str(inside)))


def write_folder(
    target: Path,
    main_name: str,
    text: str | Iterable[str],
    copies: list[Copy],
    *,
    force: bool,
    step: Step | None = None,
) -> FolderReport:
    """Write ``main_name`` and ``evidence/`` into ``target``, all prepared before anything moves.

    A new folder is built beside the target and renamed into place. An existing folder (a USB
    stick's root, say) may hold other things, so the two entries are built in a hidden folder
    inside it (the same file system, so renames are atomic) and each is swapped in.
    """
    check_target(target, (main_name, EVIDENCE_DIR), force)
    existing = target.is_dir()
    try:
        work = Path(
            tempfile.mkdtemp(
                prefix=".ilearn-export-" if existing else f".{target.name}.",
                suffix=".tmp",
                dir=target if existing else target.parent,
            )
        )
    except OSError as exc:
        raise IlearnError(f"cannot write in {printable(str(target))}: {exc.strerror}") from None
    try:
        report = _fill(work, main_name, text, copies, step)
        if existing:
            _swap_in(work, target, main_name)
        else:
            os.rename(work, target)
            sync_dir(target.parent)
    except OSError as exc:
        raise IlearnError(f"cannot write {printable(str(target))}: {exc.strerror or exc}") from None
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)
    return report


def _fill(
    work: Path, main_name: str, text: str | Iterable[str], copies: list[Copy], step: Step | None
) -> FolderReport:
    report = FolderReport()
    if copies:
        evidence = work / EVIDENCE_DIR
        evidence.mkdir(mode=0o700)
        for index, item in enumerate(copies):
            if _copy(item.source, evidence / item.name):
                report.copied += 1
            else:
                report.missing.append(item.label)
            if step:
                step(index + 1, len(copies))
        sync_dir(evidence)
    if isinstance(text, str):
        write_file(work / main_name, text)
    else:  # written as it is made
        write_chunks(work / main_name, text)
    return report


def _swap_in(work: Path, target: Path, main_name: str) -> None:
    """Replace ``evidence/`` then the document; the old evidence is deleted only at the end."""
    old = work / ".old-evidence"
    current = target / EVIDENCE_DIR
    if current.exists() or current.is_symlink():
        os.rename(current, old)
    try:
        if (work / EVIDENCE_DIR).exists():
            os.rename(work / EVIDENCE_DIR, current)
    except OSError:
        if old.exists() or old.is_symlink():
            os.rename(old, current)
        raise
    os.replace(work / main_name, target / main_name)
    sync_dir(target)


def _copy(source: Path, dest: Path) -> bool:
    """Copy a stored evidence file (never through a symbolic link); False if it is missing."""
    try:
        fd_in = os.open(source, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return False
    with os.fdopen(fd_in, "rb") as src:
        if not stat.S_ISREG(os.fstat(src.fileno()).st_mode):
            return False
        with atomic_write(dest, sync_folder=False) as pending:  # the folder is synced once, after all
            while chunk := src.read(_CHUNK):
                pending.file.write(chunk)
    return True

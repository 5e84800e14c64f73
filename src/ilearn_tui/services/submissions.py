"""Submitted documents, kept: a dated copy of what was handed in, with its SHA-256.

When a review packet goes up to a district platform, the teacher may later need to show what
was handed in, unchanged — platforms lose work, and a packet regenerated later would differ.
Each copy sits in ``submissions/`` in the data folder (private, like the journal) beside a
``NAME.sha256`` file in the format ``sha256sum -c`` reads, so the check also works without
ilearn.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ilearn_tui.atomicfile import write_file
from ilearn_tui.errors import IlearnError
from ilearn_tui.locations import Locations, make_private_dir
from ilearn_tui.portfolio.formats import ExportKind

FOLDER = "submissions"
SUM_SUFFIX = ".sha256"
_STAMP = "%Y-%m-%dT%H%M%SZ"


@dataclass(frozen=True, slots=True)
class Submission:
    name: str  # the copy's file name: when, then what ("2026-12-01T230052Z-review-packet.pdf")
    submitted: str  # ISO date and time, UTC
    kind: str  # the document's name without its date ("review-packet.pdf")
    size: int | None  # None when the copy is missing
    sha256: str  # as kept when it was submitted
    path: Path


def folder(locations: Locations) -> Path:
    return locations.data_dir / FOLDER


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def keep(locations: Locations, kind: ExportKind, data: bytes, *, now: datetime | None = None) -> Submission:
    """Keep ``data`` as submitted now; the copy and its sum are written atomically, 0600."""
    when = (now or datetime.now(UTC)).astimezone(UTC)
    place = folder(locations)
    make_private_dir(place)
    base = f"{when.strftime(_STAMP)}-{kind.document_name}"
    name, n = base, 1
    while (place / name).exists() or (place / (name + SUM_SUFFIX)).exists():
        n += 1
        name = f"{when.strftime(_STAMP)}-{n}-{kind.document_name}"
    digest = hashlib.sha256(data).hexdigest()
    write_file(place / name, data)
    write_file(place / (name + SUM_SUFFIX), f"{digest}  {name}\n")
    return _read(place / (name + SUM_SUFFIX))


def _read(sum_file: Path) -> Submission:
    """One submission from its sum file; a damaged sum file is an error naming it."""
    try:
        digest, name = sum_file.read_text(encoding="utf-8").strip().split("  ", 1)
    except (OSError, UnicodeDecodeError, ValueError):
        raise IlearnError(f"the checksum file {sum_file.name} is unreadable") from None
    if len(digest) != 64 or name + SUM_SUFFIX != sum_file.name:
        raise IlearnError(f"the checksum file {sum_file.name} is not a SHA-256 line for its copy")
    copy = sum_file.with_name(name)
    stamp, kind = name[:18], name[19:]
    try:
        submitted = datetime.strptime(stamp, _STAMP).strftime("%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        submitted = ""
    count, _, rest = kind.partition("-")  # a second submission in the same second is numbered
    kind = rest if count.isdigit() and rest else kind
    size = copy.stat().st_size if copy.is_file() else None
    return Submission(name, submitted, kind, size, digest, copy)


def listed(locations: Locations) -> list[Submission]:
    """Every kept submission, oldest first."""
    place = folder(locations)
    if not place.is_dir():
        return []
    return [_read(path) for path in sorted(place.glob("*" + SUM_SUFFIX))]


def check(locations: Locations) -> list[tuple[str, str]]:
    """(name, what is wrong) for every copy that no longer matches its sum, or has none."""
    problems: list[tuple[str, str]] = []
    place = folder(locations)
    if not place.is_dir():
        return problems
    kept = listed(locations)
    for item in kept:
        if item.size is None:
            problems.append((item.name, "the copy is missing"))
        elif _digest(item.path) != item.sha256:
            problems.append((item.name, "the copy has changed since it was submitted"))
    named = {item.name for item in kept}
    for path in sorted(place.iterdir()):
        if not path.name.endswith(SUM_SUFFIX) and path.name not in named and not path.name.startswith("."):
            problems.append((path.name, "no checksum was kept for it"))
    return problems

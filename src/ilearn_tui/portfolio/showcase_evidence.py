"""Evidence on the showcase page: small images shown in it, every other file named.

A single-file page cannot link to files it does not carry, so photos (the evidence a parent
most wants to see) are embedded as ``data:`` URIs, the only images the page's
Content-Security-Policy allows, and everything else is listed by its name. The type is read
from the file's first bytes, never from its name, and only raster formats a browser shows
inertly are embedded (never SVG, which can carry script). Each image is capped and so is their
sum, so a phone's full-size photos cannot turn the page into a download nobody opens; a larger
one is named with its size instead. Student information is never embedded, whatever the scope.
"""

from __future__ import annotations

import base64
import os
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ilearn_tui.domain.records import Evidence, Goal
from ilearn_tui.portfolio.folder import stored_file
from ilearn_tui.portfolio.markdown import goal_title
from ilearn_tui.portfolio.showcase_html import e, link, table
from ilearn_tui.textsafe import printable

IMAGE_CAP = 512 * 1024
TOTAL_CAP = 2 * 1024 * 1024
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


@dataclass(frozen=True)
class Shown:
    """How one evidence file appears on a single-file page: the image itself, or a note why not."""

    data_uri: str = ""
    note: str = ""


def image_type(head: bytes) -> str:
    """The image type its first bytes declare (PNG, JPEG, GIF, WebP), or "" for anything else."""
    for magic, mime in _SIGNATURES:
        if head.startswith(magic):
            return mime
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return ""


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MiB" if n >= 1_048_576 else f"{max(1, round(n / 1024))} KiB"


def _read_capped(path: Path, cap: int) -> bytes | int | None:
    """The file's bytes if it is at most ``cap``; its size if larger; None if it cannot be read."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            return None
        if info.st_size > cap:
            return info.st_size
        data = f.read(cap + 1)
    return data if len(data) <= cap else len(data)


def embed_images(
    records: Iterable[Evidence], store: Path, *, cap: int = IMAGE_CAP, total: int = TOTAL_CAP
) -> dict[str, Shown]:
    """What the page shows for each evidence file (by record id), embedding images while they fit."""
    shown: dict[str, Shown] = {}
    used = 0
    for ev in records:
        if not ev.file_name:
            continue  # a link, not a file: the page links it
        name = printable(ev.original_name or ev.title or "file")
        source = stored_file(ev, store)
        if ev.student_info:
            shown[ev.id] = Shown(note=f"file: {name} (student information, not shown)")
            continue
        data = _read_capped(source, min(cap, total - used)) if source is not None else None
        if data is None:
            shown[ev.id] = Shown(note=f"file: {name} (missing from the journal)")
        elif isinstance(data, int):
            why = "too large to show here" if data > cap else "not shown: the page holds enough images"
            shown[ev.id] = Shown(note=f"file: {name} ({_size(data)}, {why})")
        elif mime := image_type(data[:16]):
            used += len(data)
            shown[ev.id] = Shown(data_uri=f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}")
        else:
            shown[ev.id] = Shown(note=f"file: {name}")
    return shown


def evidence_list(
    records: list[Evidence], goals: Mapping[str, Goal], links: Mapping[str, str], shown: Mapping[str, Shown]
) -> list[str]:
    """The evidence table, then the embedded images with their titles as captions and alt text."""
    rows = []
    for ev in records:
        target = links.get(ev.id) or ev.url
        here = shown.get(ev.id, Shown())
        file_cell = "shown below" if here.data_uri else e(here.note.removeprefix("file: "))
        rows.append(
            [e(ev.date), link(target, e(ev.title)), e(ev.kind), e(goal_title(goals, ev.goal_id)), file_cell]
        )
    head = ["date", "evidence", "kind", "goal", "file"]
    if not any(row[-1] for row in rows):
        head, rows = head[:-1], [row[:-1] for row in rows]
    out = ["<h3>Evidence</h3>", table(head, rows, set())]
    figures = [
        f'<figure><img src="{shown[ev.id].data_uri}" alt="{e(ev.title)}">'
        f"<figcaption>{e(ev.date)} — {e(ev.title)}</figcaption></figure>"
        for ev in records
        if ev.id in shown and shown[ev.id].data_uri
    ]
    if figures:
        out.append('<div class="gallery">' + "\n".join(figures) + "</div>")
    return out

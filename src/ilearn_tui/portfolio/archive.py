"""A whole journal in one zip: ``journal.json``, the evidence files, and their SHA-256 sums.

It is the one file that carries a journal to a new computer. Reading one back trusts nothing
in it: every entry must be one an archive holds (no absolute or ``..`` paths, no strangers),
sizes are capped both as declared and as actually inflated (a zip bomb stops at the cap), and
every file must match the sum the manifest gives, before the import (``json_import``) checks
the records and writes them in one transaction. A refusal leaves the journal as it was.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from ilearn_tui import atomicfile
from ilearn_tui.errors import IlearnError, TargetExistsError
from ilearn_tui.portfolio.json_import import MAX_IMPORT_BYTES, load_document
from ilearn_tui.textsafe import one_line, printable

ARCHIVE_FORMAT = "ilearn-archive"
ARCHIVE_VERSION = 1
MANIFEST = "manifest.json"
DOCUMENT = "journal.json"
EVIDENCE = re.compile(r"^evidence/[0-9a-f]{64}(\.[a-z0-9]{1,10})?$")
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
MAX_MEMBERS = 100_000
MAX_TOTAL_BYTES = 8 * 1024 * 1024 * 1024
MAX_FILE_BYTES = 200 * 1024 * 1024  # the largest evidence file a journal takes in (store.evidence)
MAX_RATIO = 200  # no document or photo deflates further; a bomb does (from 1 MiB on)
_CHUNK = 1024 * 1024


class ArchiveError(IlearnError):
    """A zip that is not a whole, untouched ilearn archive; nothing was imported."""


def write_archive(
    target: Path, document_text: str, evidence_dir: Path, *, force: bool
) -> tuple[int, list[str]]:
    """Write the archive to ``target`` all at once; returns (files included, names missing).

    ``evidence_dir`` is the journal's evidence store, where each file lives under its hash.
    """
    rows: list[dict[str, Any]] = json.loads(document_text)["tables"]["evidence"]
    folder = evidence_dir
    sums: dict[str, str] = {}
    missing: list[str] = []
    try:
        with (
            atomicfile.atomic_write(target, overwrite=force) as pending,
            zipfile.ZipFile(pending.file, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        ):
            data = document_text.encode("utf-8")
            archive.writestr(DOCUMENT, data)
            sums[DOCUMENT] = hashlib.sha256(data).hexdigest()
            for row in rows:
                name = row.get("file_name")
                entry = f"evidence/{name}"
                if not name or entry in sums:
                    continue
                source = folder / name
                if not source.is_file():
                    missing.append(str(row.get("original_name") or name))
                    continue
                sums[entry] = _add_file(archive, source, entry)
            manifest = {"format": ARCHIVE_FORMAT, "version": ARCHIVE_VERSION, "sha256": sums}
            archive.writestr(MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))
    except FileExistsError:
        raise TargetExistsError(target) from None
    except OSError as exc:
        raise IlearnError(f"cannot write {printable(str(target))}: {exc.strerror or exc}") from None
    return len(sums) - 1, missing


def _add_file(archive: zipfile.ZipFile, source: Path, entry: str) -> str:
    digest = hashlib.sha256()
    with source.open("rb") as read, archive.open(entry, "w", force_zip64=True) as write:
        while chunk := read.read(_CHUNK):
            digest.update(chunk)
            write.write(chunk)
    return digest.hexdigest()


@contextmanager
def opened_archive(path: Path, work_dir: Path) -> Iterator[tuple[dict[str, Any], Path]]:
    """The checked document and a folder holding its checked evidence files, for the import.

    The folder (under ``work_dir``, on the journal's own disk) is removed afterwards, whatever
    happens. Raises ``ArchiveError`` naming what is wrong.
    """
    name = printable(path.name)
    if not zipfile.is_zipfile(path):
        raise ArchiveError(f"{name} is not a zip archive; nothing was imported")
    work_dir.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="import-", dir=work_dir))
    try:
        try:
            with zipfile.ZipFile(path) as archive:
                _extract(archive, name, folder)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
            raise ArchiveError(
                f"{name} is damaged ({one_line(str(exc), 80)}); nothing was imported"
            ) from None
        try:
            document = load_document(folder / DOCUMENT)
        except IlearnError as exc:
            raise ArchiveError(f"{name}: {exc}; nothing was imported") from None
        yield document, folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _extract(archive: zipfile.ZipFile, name: str, folder: Path) -> None:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ArchiveError(f"{name} holds more than {MAX_MEMBERS:,} entries; nothing was imported")
    seen: set[str] = set()
    for info in infos:
        entry = info.filename
        if entry in seen:
            raise ArchiveError(f"{name} holds {one_line(entry, 60)!r} twice; nothing was imported")
        seen.add(entry)
        if entry.startswith(("/", "\\")) or ".." in entry.split("/") or "\\" in entry or ":" in entry:
            raise ArchiveError(f"{name} holds an unsafe path {one_line(entry, 60)!r}; nothing was imported")
        if entry not in (MANIFEST, DOCUMENT) and not EVIDENCE.match(entry):
            raise ArchiveError(
                f"{name} is not an ilearn archive (it holds {one_line(entry, 60)!r}); nothing was imported"
            )
        _check_size(info, name)
    if sum(info.file_size for info in infos) > MAX_TOTAL_BYTES:
        raise ArchiveError(
            f"{name} would unpack to more than {MAX_TOTAL_BYTES // 2**30} GiB; nothing was imported"
        )
    if MANIFEST not in seen or DOCUMENT not in seen:
        raise ArchiveError(
            f"{name} is not an ilearn archive (no {MANIFEST} and {DOCUMENT}); nothing was imported"
        )
    sums = _manifest(archive, name)
    if set(sums) != seen - {MANIFEST}:
        strays = sorted(set(sums) ^ (seen - {MANIFEST}))
        raise ArchiveError(
            f"{name} does not hold what its manifest lists ({one_line(strays[0], 60)!r}); "
            "nothing was imported"
        )
    (folder / "evidence").mkdir()
    for info in infos:
        if info.filename == MANIFEST:
            continue
        with archive.open(info) as read, (folder / info.filename).open("xb") as write:
            digest = _copy_bounded(read, write, info, name)
        if digest != sums[info.filename]:
            raise ArchiveError(
                f"{name} is damaged: {info.filename} does not match its SHA-256 sum; nothing was imported"
            )
        # An evidence file is named by its own hash: other bytes under the name are not it.
        if info.filename != DOCUMENT and not info.filename[len("evidence/") :].startswith(digest):
            raise ArchiveError(
                f"{name}: {info.filename} is not the file its name is the hash of; nothing was imported"
            )


def _limit(entry: str) -> int:
    return (
        MAX_MANIFEST_BYTES if entry == MANIFEST else MAX_IMPORT_BYTES if entry == DOCUMENT else MAX_FILE_BYTES
    )


def _check_size(info: zipfile.ZipInfo, name: str) -> None:
    """Declared sizes: too large for what the entry is, or inflating like a zip bomb."""
    if info.file_size > _limit(info.filename):
        raise ArchiveError(
            f"{name}: {info.filename} is larger than an ilearn archive holds; nothing was imported"
        )
    if info.file_size > _CHUNK and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise ArchiveError(
            f"{name}: {info.filename} inflates more than {MAX_RATIO}:1 (a zip bomb?); nothing was imported"
        )


def _copy_bounded(read: IO[bytes], write: IO[bytes], info: zipfile.ZipInfo, name: str) -> str:
    """Inflate one entry, never past the size it declares (a lying header is a bomb too)."""
    digest = hashlib.sha256()
    total = 0
    while chunk := read.read(_CHUNK):
        total += len(chunk)
        if total > info.file_size or total > _limit(info.filename):
            raise ArchiveError(
                f"{name}: {info.filename} inflates past its declared size; nothing was imported"
            )
        digest.update(chunk)
        write.write(chunk)
    return digest.hexdigest()


def _manifest(archive: zipfile.ZipFile, name: str) -> dict[str, str]:
    info = archive.getinfo(MANIFEST)
    with archive.open(info) as read:
        data = read.read(MAX_MANIFEST_BYTES + 1)
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise ArchiveError(f"{name}: its {MANIFEST} is not readable JSON; nothing was imported") from None
    if not isinstance(manifest, dict) or manifest.get("format") != ARCHIVE_FORMAT:
        raise ArchiveError(
            f"{name} is not an ilearn archive (its manifest is another's); nothing was imported"
        )
    if manifest.get("version") != ARCHIVE_VERSION:
        raise ArchiveError(f"{name} comes from another version of ilearn's archive; nothing was imported")
    sums = manifest.get("sha256")
    valid = isinstance(sums, dict) and all(
        isinstance(k, str) and isinstance(v, str) and re.fullmatch(r"[0-9a-f]{64}", v)
        for k, v in sums.items()
    )
    if not valid:
        raise ArchiveError(f"{name}: its manifest's sums are not SHA-256 sums; nothing was imported")
    return sums  # type: ignore[return-value]

"""Evidence on the single-file showcase: small real images embedded, everything else named."""

from __future__ import annotations

import re
import struct
import zlib
from datetime import date
from pathlib import Path

import pytest

from ilearn_tui.portfolio.gather import Scope
from ilearn_tui.portfolio.showcase import CSP
from ilearn_tui.portfolio.showcase_evidence import IMAGE_CAP, TOTAL_CAP, image_type
from ilearn_tui.services.exports import export_text
from ilearn_tui.store.evidence import add_evidence
from ilearn_tui.store.journal import Journal
from tests.helpers.export_data import markup

TODAY = date(2025, 6, 30)
DATA_IMAGE = re.compile(r"data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+=*")


def png(pad: int = 0) -> bytes:
    """A real 2x2 PNG; ``pad`` bytes of a private chunk make it as large as a test needs."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    pixels = zlib.compress(b"\x00\xd5\x5e\x00\x00\x72\xb2" * 2)
    extra = chunk(b"ptXt", b"x" * pad) if pad else b""
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + extra
        + (chunk(b"IDAT", pixels) + chunk(b"IEND", b""))
    )


def add_file(journal: Journal, folder: Path, name: str, data: bytes, **options: object) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return add_evidence(journal, str(folder / name), day="2025-03-01", **options)  # type: ignore[arg-type]


def page(journal: Journal, *, private: bool = False) -> str:
    return export_text(journal, "html", Scope(include_private=private), [], today=TODAY).text


def images(html: str) -> list[str]:
    return [value for tag, name, value in markup(html).attrs if tag == "img" and name == "src"]


def test_a_small_image_is_embedded_and_the_policy_allows_only_data_images(
    journal: Journal, tmp_path: Path
) -> None:
    add_file(journal, tmp_path, "board.png", png(), title="Whiteboard after the lesson")
    add_file(journal, tmp_path, "plan.pdf", b"%PDF-1.4 plan", title="Lesson plan")
    html = page(journal)
    [src] = images(html)
    assert DATA_IMAGE.fullmatch(src) and src.startswith("data:image/png;base64,")
    assert "img-src data:" in CSP and "default-src 'none'" in CSP
    assert 'alt="Whiteboard after the lesson"' in html
    assert "<td>plan.pdf</td>" in html  # another file is named, since the page cannot carry it


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("photo.png", b"not an image at all, whatever its name says"),
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("empty.jpg", b""),
    ],
)
def test_a_file_that_is_not_a_raster_image_is_only_named(
    journal: Journal, tmp_path: Path, name: str, data: bytes
) -> None:
    add_file(journal, tmp_path, name, data or b"\x00", title="Looks like a picture")
    html = page(journal)
    assert images(html) == [] and "data:" not in html.split("</style>", 1)[1]
    assert f"<td>{name}</td>" in html


def test_a_huge_image_is_named_with_its_size(journal: Journal, tmp_path: Path) -> None:
    add_file(journal, tmp_path, "full-size.png", png(IMAGE_CAP), title="Phone photo")
    html = page(journal)
    assert images(html) == []
    assert "full-size.png (512 KiB, too large to show here)" in html


def test_the_images_together_stay_under_the_page_cap(journal: Journal, tmp_path: Path) -> None:
    each = 450 * 1024
    for n in range(6):
        add_file(journal, tmp_path, f"p{n}.png", png(each + n), title=f"Photo {n}")
    html = page(journal)
    shown = images(html)
    assert len(shown) == TOTAL_CAP // each == 4
    assert sum(len(s) for s in shown) * 3 / 4 <= TOTAL_CAP
    assert html.count("not shown: the page holds enough images") == 2


def test_a_hostile_file_name_is_text_in_the_page(journal: Journal, tmp_path: Path) -> None:
    hostile = 'x" onerror="alert(1)\u202egnp.exe'
    add_file(journal, tmp_path, "safe.bin", b"MZ", title='"><script>alert(1)</script>')
    journal.conn.execute("UPDATE evidence SET original_name = ?", (hostile + "<b>",))
    journal.conn.commit()
    html = page(journal)
    parsed = markup(html)
    assert "script" not in parsed.tags and "b" not in parsed.tags
    assert not [a for a in parsed.attrs if a[1].startswith("on")]
    assert "\u202e" not in html
    assert "&lt;script&gt;" in html


def test_student_information_is_never_embedded(journal: Journal, tmp_path: Path) -> None:
    add_file(journal, tmp_path, "class.png", png(), title="Class photo", student_info=True)
    shareable = page(journal)
    assert images(shareable) == [] and "Class photo" not in shareable and "class.png" not in shareable
    private = page(journal, private=True)
    assert images(private) == []
    assert "class.png (student information, not shown)" in private


def test_a_file_missing_from_the_journal_is_named_as_missing(journal: Journal, tmp_path: Path) -> None:
    add_file(journal, tmp_path, "gone.png", png(), title="Gone")
    stored = journal.conn.execute("SELECT file_name FROM evidence").fetchone()[0]
    (journal.locations.evidence_dir / stored).unlink()
    html = page(journal)
    assert images(html) == [] and "gone.png (missing from the journal)" in html


@pytest.mark.parametrize(
    ("head", "mime"),
    [
        (b"\x89PNG\r\n\x1a\n....", "image/png"),
        (b"\xff\xd8\xff\xe0", "image/jpeg"),
        (b"GIF89a", "image/gif"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"RIFF\x00\x00\x00\x00WAVE", ""),
        (b"<svg", ""),
        (b"", ""),
    ],
)
def test_image_type_reads_the_first_bytes(head: bytes, mime: str) -> None:
    assert image_type(head) == mime


def test_a_shareable_html_folder_links_every_file_and_carries_no_student_information(
    journal: Journal, tmp_path: Path
) -> None:
    from urllib.parse import unquote

    from ilearn_tui.portfolio.formats import BY_NAME, Choice
    from ilearn_tui.services.exports import export_to, preflight

    add_file(journal, tmp_path / "src", "board.png", png(), title="Whiteboard")
    add_file(journal, tmp_path / "src", "plan.pdf", b"%PDF-1.4 plan", title="Plan")
    add_file(journal, tmp_path / "src", "class.png", png(), title="Class photo", student_info=True)
    target = tmp_path / "show"
    export_to(journal, preflight(Choice(BY_NAME["html"], target, folder=True)), Scope(), [])
    html = (target / "index.html").read_text()
    hrefs = [v for _, name, v in markup(html).attrs if name == "href" and not v.startswith("#")]
    assert sorted(hrefs) == ["evidence/2025-03-01-plan.pdf", "evidence/2025-03-01-whiteboard.png"]
    assert all((target / unquote(h)).is_file() for h in hrefs)
    assert sorted(p.name for p in (target / "evidence").iterdir()) == [h.split("/")[1] for h in sorted(hrefs)]
    assert images(html) == [] and "Class photo" not in html  # the folder links; it embeds nothing

"""The HTML showcase in a real browser: headless Chromium shows the content and runs nothing.

Skipped only where Chromium is not installed (CI installs Debian's ``chromium``).
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from ilearn_tui.portfolio.formats import BY_NAME, Choice
from ilearn_tui.portfolio.gather import Scope
from ilearn_tui.services.exports import export_to, preflight
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.reflections import add_reflection
from tests.helpers.export_data import add_hostile, fill_with_files, markup

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")

PROBE = (
    "<img src=x onerror=\"document.body.setAttribute('data-pwned', 1)\">"
    "<script>document.title = 'PWNED'</script> [go](javascript:document.title='PWNED')"
)


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run headless Chromium as CI does (as root, so without its sandbox), offline."""
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, timeout=120, check=False)


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """A small PNG reader (8-bit RGB or RGBA, not interlaced): width, height and each pixel."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, chunks, header = 8, [], b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
    size = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * size
    rows: list[bytearray] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - size] if i >= size else 0
            up = previous[i]
            corner = previous[i - size] if i >= size else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + pred) & 0xFF
        rows.append(line)
        previous = line
    pixels = [bytes(row[x : x + 3]) for row in rows for x in range(0, stride, size)]
    return width, height, pixels


@pytest.fixture
def showcase(journal: Journal, tmp_path: Path) -> Path:
    fill_with_files(journal, tmp_path / "src")
    add_hostile(journal)
    add_reflection(journal, PROBE, title="Probe", day="2024-10-21")
    target = tmp_path / "showcase"
    export_to(journal, preflight(Choice(BY_NAME["html"], target, folder=True)), Scope(), [])
    return target / "index.html"


def test_chromium_shows_the_content_and_runs_nothing(showcase: Path, tmp_path: Path) -> None:
    run = chromium(tmp_path, "--dump-dom", showcase.as_uri())
    assert run.returncode == 0, run.stderr.decode(errors="replace")[-2000:]
    dom = run.stdout.decode()
    parsed = markup(dom)
    text = " ".join(parsed.text)
    for expected in (
        "Robin Okafor",
        "Raise the quality of student talk in science",
        "Claim cards photo",
        "argue from evidence",
        "Talk moves at PLC",
        "Hours and credits",
    ):
        assert expected in text, expected
    assert "<script>alert(1)</script>" in text  # the hostile text is visible, as text
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert not [a for a in parsed.attrs if a[1].startswith("on")]
    assert not [a for a in parsed.attrs if a[1] == "data-pwned"]  # the probe never ran...
    assert "PWNED" not in dom.split("</title>", 1)[0]  # ...nor did its script
    assert parsed.tags.count("svg") == 3
    hrefs = [v for _, name, v in parsed.attrs if name == "href"]
    assert any(h.startswith("evidence/") for h in hrefs)
    assert not [h for h in hrefs if h.lower().lstrip().startswith("javascript")]


def test_chromium_screenshot_is_not_blank(showcase: Path, tmp_path: Path) -> None:
    shot = tmp_path / "showcase.png"
    run = chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,1600", showcase.as_uri())
    assert run.returncode == 0 and shot.is_file(), run.stderr.decode(errors="replace")[-2000:]
    width, height, pixels = png_pixels(shot.read_bytes())
    assert (width, height) == (1200, 1600)
    colours = set(pixels[::7])
    assert len(colours) > 1
    white = pixels.count(b"\xff\xff\xff")
    assert 0.02 < 1 - white / len(pixels) < 0.9  # text, rules and charts on a mostly white page


def test_every_link_in_a_folder_page_opens_its_file(showcase: Path, tmp_path: Path) -> None:
    """As the browser sees it: each ``<a href>`` of ``index.html`` resolves to a file in the folder."""
    from urllib.parse import unquote, urlsplit

    assert showcase.name == "index.html"
    run = chromium(tmp_path, "--dump-dom", showcase.as_uri())
    assert run.returncode == 0, run.stderr.decode(errors="replace")[-2000:]
    hrefs = [v for _, name, v in markup(run.stdout.decode()).attrs if name == "href"]
    files = [h for h in hrefs if not urlsplit(h).scheme and not h.startswith("#")]
    assert files and all(h.startswith("evidence/") for h in files)
    folder = showcase.parent.resolve()
    for href in files:
        target = (folder / unquote(href)).resolve()
        assert target.is_file() and target.parent == folder / "evidence", href


def test_a_single_page_shows_its_embedded_image(journal: Journal, tmp_path: Path) -> None:
    from ilearn_tui.store.evidence import add_evidence
    from tests.test_showcase_evidence import png

    (tmp_path / "board.png").write_bytes(png())
    add_evidence(journal, str(tmp_path / "board.png"), title="Whiteboard", day="2025-03-01")
    page = tmp_path / "page.html"
    export_to(journal, preflight(Choice(BY_NAME["html"], page, folder=False)), Scope(), [])
    run = chromium(tmp_path, "--dump-dom", page.as_uri())
    assert run.returncode == 0, run.stderr.decode(errors="replace")[-2000:]
    srcs = [v for tag, name, v in markup(run.stdout.decode()).attrs if tag == "img" and name == "src"]
    assert len(srcs) == 1 and srcs[0].startswith("data:image/png;base64,")


def test_the_command_lines_folder_page_opens_every_file_in_the_browser(
    journal: Journal, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``ilearn export --format html --out site/`` from a working folder, as a teacher types it.

    Each link of ``index.html`` is followed in Chromium itself; the page it opens shows the
    evidence file's own bytes, and every copy in ``evidence/`` is linked from the page.
    """
    from urllib.parse import unquote, urlsplit

    from ilearn_tui.store.evidence import add_evidence
    from tests.helpers.cli import invoke, ok

    source = tmp_path / "src"
    source.mkdir()
    for name, text in (
        ("exit tickets.txt", "Exit tickets: 19 of 24 gave a reason.\n"),
        ("plan.txt", "Plan: wait 5 s.\n"),
    ):
        (source / name).write_text(text)
        add_evidence(journal, str(source / name), title=name.split(".")[0].title(), day="2025-03-01")
    monkeypatch.chdir(tmp_path)
    said = ok(invoke("export", "--format", "html", "--out", "site/", home=home))
    assert said == "wrote site/index.html and 2 evidence files in site/evidence"
    page = (tmp_path / "site" / "index.html").resolve()
    run = chromium(tmp_path, "--dump-dom", page.as_uri())
    assert run.returncode == 0, run.stderr.decode(errors="replace")[-2000:]
    hrefs = [v for _, name, v in markup(run.stdout.decode()).attrs if name == "href"]
    files = sorted({h for h in hrefs if not urlsplit(h).scheme and not h.startswith("#")})
    copies = sorted(p.name for p in (page.parent / "evidence").iterdir())
    assert [unquote(h).removeprefix("evidence/") for h in files] == copies
    for href in files:
        opened = chromium(tmp_path, "--dump-dom", (page.parent / unquote(href)).as_uri())
        assert opened.returncode == 0, opened.stderr.decode(errors="replace")[-2000:]
        shown = " ".join(markup(opened.stdout.decode()).text)
        assert (page.parent / unquote(href)).read_text().strip() in shown, href

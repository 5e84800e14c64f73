"""The group showcase: every member's published learning, by member and stage, and nothing else."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest

from ilearn_tui.domain.colleagues import Item, Received
from ilearn_tui.locations import resolve
from ilearn_tui.store import colleagues
from ilearn_tui.store.journal import open_journal
from tests.helpers.cli import ok, run_in
from tests.helpers.groups import plc, refused, run

__all__ = ["plc"]  # a fixture: pytest finds it by its name here

ANA, ZOE = str(uuid.uuid4()), str(uuid.uuid4())


def _arrived(author: str, name: str, title: str, body: str = "Words.", **more: object) -> Received:
    """An item as an exchange stores it: through the same checks as a file of the repository."""
    when = str(more.pop("when", "2026-11-20T10:00:00+00:00"))
    data = {
        "id": str(uuid.uuid4()), "author_id": author, "kind": "reflection", "title": title, "body": body,
        "date": when[:10], "stage": 3, "published_at": when, "in_reply_to": None, "to_author": None, **more,
    }  # fmt: skip
    return Received(Item.from_dict(data), name)


def _receive(home: Path, group_id: str, items: list[Received]) -> None:
    with open_journal(resolve(home)) as journal:
        colleagues.replace_group(journal, group_id, items)


def _publish(home: Path, text: str, *more: str) -> str:
    rid = ok(run(home, "reflect", text, *more))
    ok(run(home, "publish", rid, "--to", "Grade"))
    return rid


def _positions(text: str, *needles: str) -> list[int]:
    found = [text.find(n) for n in needles]
    assert -1 not in found, (needles, found)
    return found


def test_members_by_name_then_stages_then_newest_and_no_replies(home: Path, plc: str) -> None:
    _publish(home, "Sam stage three older", "--stage", "3", "--date", "2026-10-01")
    _publish(home, "Sam stage three newer", "--stage", "3", "--date", "2026-11-01")
    _publish(home, "Sam no stage", "--date", "2026-11-15")
    _publish(home, "Sam stage one", "--stage", "1", "--date", "2026-09-01")
    ana = _arrived(ANA, "Ana Lopez", "Ana on wait time", stage=2)
    zoe = _arrived(ZOE, "Zoe Ward", "Zoe on exit tickets", stage=None)
    reply = _arrived(ZOE, "Zoe Ward", "Re: wait time", kind="reply", stage=None,
                     in_reply_to=ana.item.id, to_author=ANA)  # fmt: skip
    _receive(home, plc, [zoe, reply, ana])
    ok(run(home, "reply", ana.item.id[:8], "Mine too: three seconds"))
    text = ok(run(home, "export", "--group", "Grade"))
    heads = re.findall(r"^(#{1,4}) (.+)$", text, re.MULTILINE)
    assert [h for level, h in heads if level == "##"] == ["Ana Lopez", "Sam Rivera", "Zoe Ward"]
    sam = text[text.index("## Sam Rivera") : text.index("## Zoe Ward")]
    assert [h for level, h in re.findall(r"^(#{3}) (.+)$", sam, re.MULTILINE)] == [
        "1. Imagine",
        "3. Illuminate",
        "Other learning",
    ]
    a, b, c, d = _positions(
        sam, "Sam stage one", "Sam stage three newer", "Sam stage three older", "Sam no stage"
    )
    assert a < b < c < d
    assert "Re: wait time" not in text and "three seconds" not in text  # replies are conversation
    assert "Grade 7 PLC" in heads[0][1] and "professional learning community" in text
    assert "Ana Lopez, J. Smith, Sam Rivera, Zoe Ward" in text  # the members, from the group and its items
    assert "**Published:** 6 items" in text


def test_private_material_never_reaches_the_showcase(home: Path, plc: str, tmp_path: Path) -> None:
    _publish(home, "Shared fractions lesson", "--stage", "4")
    secret = ok(run(home, "reflect", "A private worry about Jordan"))
    with open_journal(resolve(home)) as journal, journal.write() as conn:
        conn.execute("UPDATE reflections SET private = 1 WHERE id = ?", (secret,))
    refused(home, 1, "publish", secret, "--to", "Grade")
    roster = tmp_path / "roster.txt"
    roster.write_text("names of students")
    evidence = ok(run(home, "evidence", "add", str(roster), "--title", "Class roster scan", "--student-info"))
    refused(home, 1, "publish", evidence, "--to", "Grade")
    for fmt in ("md", "html"):
        text = ok(run(home, "export", "--group", "Grade", "--format", fmt))
        assert "Shared fractions lesson" in text
        assert "Jordan" not in text and "private worry" not in text
        assert "roster" not in text.lower() and "names of students" not in text


HOSTILE_BODY = (
    "<script>alert('x')</script>\n\n"
    "[click me](javascript:alert(1)) and <img src=x onerror=alert(2)>\n\n"
    "A [fine](https://example.org/fine) link.\n\n"
    "\x1b]8;;http://evil\x07bell\x1b[31mred\n"
)


def test_a_colleagues_hostile_item_is_inert_on_the_page(home: Path, plc: str) -> None:
    title = '<b onmouseover="alert(3)">Bold</b> & "quoted"'
    _receive(home, plc, [_arrived(ANA, "Ana <i>Lopez</i>", title, HOSTILE_BODY)])
    page = ok(run(home, "export", "--group", "Grade", "--format", "html"))
    assert "<script" not in page.lower() and "&lt;script&gt;alert('x')&lt;/script&gt;" in page
    assert "[click me](javascript:alert(1))" in page and 'href="javascript' not in page.lower()
    assert '<a href="https://example.org/fine">fine</a>' in page  # a safe link stays one
    assert "<img" not in page and "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "<b " not in page and "<i>" not in page
    assert "&lt;b onmouseover=&quot;alert(3)&quot;&gt;Bold&lt;/b&gt; &amp; &quot;quoted&quot;" in page
    assert "Ana &lt;i&gt;Lopez&lt;/i&gt;" in page
    assert "\x1b" not in page and "\x07" not in page and "bell" in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    text = ok(run(home, "export", "--group", "Grade", "--format", "md"))
    assert "\x1b" not in text and "\x07" not in text and "bellred" in text
    assert "#### <b onmouseover" in text  # Markdown keeps the text; only our renderers turn it into a page


def test_a_real_process_writes_the_page_and_refuses_a_bad_line(home: Path, plc: str, tmp_path: Path) -> None:
    _publish(home, "Sharing with parents", "--stage", "5")
    page = tmp_path / "evening.html"
    done = run_in(home, "export", "--group", "Grade", "--out", str(page))
    assert (done.code, done.out, done.err) == (0, f"wrote {page}\n", "")
    assert "Sharing with parents" in page.read_text(encoding="utf-8")
    bad = run_in(home, "export", "--group", "Grade", "--goal", "x", "--out", str(tmp_path / "no.html"))
    assert bad.code == 2 and bad.err.startswith("ilearn: ") and bad.err.count("\n") == 1
    assert not (tmp_path / "no.html").exists()


def test_a_group_with_nothing_published_says_so(home: Path, plc: str) -> None:
    for fmt in ("md", "html"):
        text = ok(run(home, "export", "--group", "Grade", "--format", fmt))
        assert "Nothing has been published to this group yet." in text
        assert "Grade 7 PLC" in text and "Ana Lopez" in text


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (("--packet", "review"), "drop --packet"),
        (("--cycle", "2025-26"), "drop --cycle"),
        (("--goal", "Fractions"), "drop --goal"),
        (("--include-private",), "drop --include-private"),
        (("--from", "2026-01-01"), "drop --from"),
        (("--format", "json"), "not JSON"),
        (("--format", "archive", "--out", "PLACE.zip"), "not zip archive"),
        (("--out", "PLACE.json"), "not JSON"),
        (("--format", "md", "--out", "PLACE.html"), "contradicts"),
    ],
)
def test_what_a_group_showcase_cannot_take_is_a_usage_error(
    home: Path, plc: str, tmp_path: Path, extra: tuple[str, ...], words: str
) -> None:
    args = [a.replace("PLACE", str(tmp_path / "out")) for a in extra]
    err = refused(home, 2, "export", "--group", "Grade", *args)
    assert words in err
    assert not list(tmp_path.glob("out*"))


def test_an_unknown_group_is_refused_with_the_nearest_name(home: Path, plc: str, tmp_path: Path) -> None:
    err = refused(home, 1, "export", "--group", "Grade 8 PLC", "--out", str(tmp_path / "x.html"))
    assert "did you mean 'Grade 7 PLC'" in err
    assert not (tmp_path / "x.html").exists()


def test_the_name_picks_the_format_and_force_replaces(home: Path, plc: str, tmp_path: Path) -> None:
    _publish(home, "Sharing with parents", "--stage", "5")
    html, md = tmp_path / "plc.html", tmp_path / "plc.md"
    assert ok(run(home, "export", "--group", "Grade", "--out", str(html))) == f"wrote {html}"
    assert html.read_text().startswith("<!DOCTYPE html>") and "Sharing with parents" in html.read_text()
    ok(run(home, "export", "--group", "Grade", "--out", str(md)))
    assert md.read_text().startswith("# Grade 7 PLC\n") and md.read_text().endswith("parents\n")
    html.write_text("old")
    assert "--force" in refused(home, 1, "export", "--group", "Grade", "--out", str(html))
    assert html.read_text() == "old"
    ok(run(home, "export", "--group", "Grade", "--out", str(html), "--force"))
    assert "Sharing with parents" in html.read_text()
    folder = tmp_path / "evening/"
    ok(run(home, "export", "--group", "Grade", "--format", "html", "--out", f"{folder}/"))
    assert [p.name for p in folder.iterdir()] == ["index.html"]


def test_a_pdf_is_the_markdown_typeset(home: Path, plc: str, tmp_path: Path) -> None:
    pytest.importorskip("typst")
    _publish(home, "Sharing with parents", "--stage", "5")
    pdf = tmp_path / "plc.pdf"
    ok(run(home, "export", "--group", "Grade", "--out", str(pdf)))
    assert pdf.read_bytes().startswith(b"%PDF")

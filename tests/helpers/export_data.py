"""Shared builders for the export tests: the sample journal plus evidence files and hostile text.

One realistic journal, built the same way for every export test, so a change in what an export
shows is seen by all of them at once.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from markdown_it import MarkdownIt

from ilearn_tui.store.evidence import add_evidence
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.plan import insert_row
from ilearn_tui.store.reflections import add_reflection
from tests.sample_journal import fill

HOSTILE_BODY = (
    "Hostile: <script>alert(1)</script> and <img src=x onerror=alert(1)> and "
    "[x](javascript:alert(1)) and [y](JaVaScRiPt:alert(2)) and [z](java&#9;script:alert(3)) and "
    "<javascript:alert(4)> and [v](vbscript:msgbox) and [d](data:text/html,<script>alert(5)</script>) and "
    "![pic](http://tracker.example/pixel.png) and [ok link](https://example.org/ok) and "
    '<a href="javascript:alert(6)" onclick="alert(7)">raw</a>\n\n'
    "[ref][evil]\n\n[evil]: javascript:alert(8)\n\n"
    "<svg onload=alert(9)><style>body{display:none}</style>"
)
HOSTILE_TITLE = '"><script>alert("title")</script>'


def fill_with_files(journal: Journal, source: Path) -> dict[str, str]:
    """``fill`` plus four evidence files (one private, one with a hostile name, one certificate).

    Returns the evidence ids by role.
    """
    fill(journal)
    source.mkdir(parents=True, exist_ok=True)
    (source / "claims.pdf").write_bytes(b"%PDF-1.4 claim cards")
    (source / "class list.csv").write_bytes(b"Ana,Ben,Cleo")
    (source / "notes\u202etxt.exe").write_bytes(b"MZ not really")
    (source / "certificate.pdf").write_bytes(b"%PDF-1.4 certificate")
    goal = journal.conn.execute("SELECT id FROM goals ORDER BY created_at LIMIT 1").fetchone()[0]
    ids = {
        "photo": add_evidence(
            journal, str(source / "claims.pdf"), title="Claim cards photo", goal_id=goal, day="2024-10-03"
        ),
        "private": add_evidence(
            journal, str(source / "class list.csv"), title="Class list", student_info=True, day="2024-09-06"
        ),
        "hostile": add_evidence(
            journal,
            str(source / "notes\u202etxt.exe"),
            title="../../etc/passwd \u202e\x1b[31m /x\\y:z*?<>|" + "long " * 40,
            day="2024-10-04",
        ),
        "twin": add_evidence(
            journal, str(source / "claims.pdf"), title="Claim cards photo", day="2024-10-03"
        ),
        "certificate": add_evidence(
            journal,
            str(source / "certificate.pdf"),
            title="Certificate",
            kind="certificate",
            day="2024-09-11",
        ),
    }
    activity = journal.conn.execute("SELECT id FROM activities ORDER BY date LIMIT 1").fetchone()[0]
    with journal.write() as conn:
        conn.execute("UPDATE evidence SET activity_id = ? WHERE id = ?", (activity, ids["certificate"]))
        conn.execute("UPDATE activities SET topic = 'content' WHERE type IN ('book', 'workshop')")
        conn.execute("UPDATE activities SET topic = 'pedagogy' WHERE type IN ('plc', 'coaching')")
    return ids


def add_hostile(journal: Journal) -> None:
    """Reflections, titles and metadata that try to inject markup or script."""
    add_reflection(journal, HOSTILE_BODY, title=HOSTILE_TITLE, tags=["<b>tag</b>"], day="2024-10-20")
    journal.set_meta("school", 'Hillside "School" <script>alert("school")</script>')
    goal = journal.conn.execute("SELECT id FROM goals ORDER BY created_at LIMIT 1").fetchone()[0]
    cycle = journal.conn.execute("SELECT id FROM cycles LIMIT 1").fetchone()[0]
    with journal.write() as conn:
        insert_row(
            conn,
            "shares",
            {
                "cycle_id": cycle,
                "audience": "global",
                "title": "<img src=x onerror=alert('share')>",
                "venue": "<b>venue</b>",
                "date": "2025-02-01",
                "link": "javascript:alert('share')",
            },
        )
        insert_row(
            conn,
            "checks",
            {
                "goal_id": goal,
                "indicator": "other",
                "rating": 5,
                "date": "2025-01-15",
                "note": "<script>alert('note')</script>",
            },
        )


def link_targets(markdown: str) -> list[str]:
    """Every link and image destination in a Markdown document, as markdown-it parses it."""
    md = MarkdownIt("commonmark").enable("table")
    found: list[str] = []

    def walk(tokens: list) -> None:  # type: ignore[type-arg]
        for token in tokens:
            if token.type == "link_open":
                found.append(str(token.attrGet("href")))
            if token.type == "image":
                found.append(str(token.attrGet("src")))
            if token.children:
                walk(token.children)

    walk(md.parse(markdown))
    return found


class Markup(HTMLParser):
    """Collects every element and attribute of an HTML page, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(tag, name, value or "") for name, value in attrs]

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def markup(page: str) -> Markup:
    parser = Markup()
    parser.feed(page)
    parser.close()
    return parser


_SCHEME = re.compile(r"^\s*([a-z][a-z0-9+.\-]*):", re.IGNORECASE)


def unsafe_urls(page: str) -> list[str]:
    """href/src/action values that use any scheme other than http, https or mailto."""
    bad = []
    for _, name, value in markup(page).attrs:
        if name in ("href", "src", "action", "formaction", "xlink:href"):
            cleaned = "".join(ch for ch in value if ch > " ")
            match = _SCHEME.match(cleaned)
            if match and match.group(1).lower() not in ("http", "https", "mailto"):
                bad.append(value)
    return bad

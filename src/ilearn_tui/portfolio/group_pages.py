"""A group showcase as a document: one self-contained HTML page, or Markdown of the same shape.

The page is built like the teacher's own showcase (its stylesheet, its policy that forbids
scripts and network loads, its sanitising Markdown renderer with raw HTML off), because what
colleagues wrote arrives from a shared repository and is treated as hostile: a ``<script>``
in a colleague's item stays text, and a ``javascript:`` link stays unlinked.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from html import escape
from itertools import groupby

from ilearn_tui import __version__
from ilearn_tui.domain import vocab
from ilearn_tui.domain.colleagues import Item
from ilearn_tui.domain.stages import FOR_READERS
from ilearn_tui.domain.text import plural
from ilearn_tui.portfolio.group_showcase import GroupShowcase, MemberLearning
from ilearn_tui.portfolio.markdown import finish, nested
from ilearn_tui.portfolio.showcase_html import e, empty, page_head
from ilearn_tui.portfolio.teacher_markdown import markdown_html

KIND_WORDS = {"plc": "professional learning community", "cohort": "cohort", "book-study": "book study",
              "team": "team"}  # fmt: skip
NOTHING_YET = "Nothing has been published to this group yet."


def _stage_title(stage: int | None) -> str:
    return f"{stage}. {vocab.STAGES[stage]}" if stage else "Other learning"


def _stages(member: MemberLearning) -> Iterator[tuple[int | None, list[Item]]]:
    for stage, entries in groupby(member.entries, key=lambda x: x.stage):
        yield stage, list(entries)


def _kind(show: GroupShowcase) -> str:
    return KIND_WORDS.get(show.kind, show.kind)


def html_chunks(show: GroupShowcase, *, today: date | None = None) -> Iterator[str]:
    """The page in pieces: the head and title block, then one member at a time."""
    day = (today or date.today()).isoformat()
    title = f"{show.name} — learning together"
    yield (
        "\n".join(
            [
                *page_head(title),
                '<header class="title">',
                f'<p class="kicker">Group showcase · {e(_kind(show))}</p>',
                f"<h1>{e(show.name)}</h1>",
                '<dl class="facts">',
                f"<div><dt>Members</dt><dd>{e(', '.join(show.members)) or '—'}</dd></div>",
                f"<div><dt>Published</dt><dd>{e(plural(show.entries, 'item'))}</dd></div>",
                f"<div><dt>Exported</dt><dd>{day}</dd></div>",
                "</dl>",
                "</header>",
                "<main>",
            ]
        )
        + "\n"
    )
    if not show.learning:
        yield empty(NOTHING_YET) + "\n"
    for n, member in enumerate(show.learning, 1):
        yield _member_html(member, n) + "\n"
    yield (
        "\n".join(
            [
                "</main>",
                f"<footer>Exported {day} with ilearn {escape(__version__)}: what each member chose to "
                "publish to the group. This page works offline and runs no scripts.</footer>",
                "</body>",
                "</html>",
            ]
        )
        + "\n"
    )


def _member_html(member: MemberLearning, n: int) -> str:
    out = [f'<section id="member-{n}"><h2>{e(member.name)}</h2>']
    for stage, entries in _stages(member):
        out.append(f"<h3>{escape(_stage_title(stage))}</h3>")
        if stage:
            out.append(f'<p class="lede">{escape(FOR_READERS[stage])}</p>')
        for entry in entries:
            meta = f'<p class="meta">{e(entry.kind)} · {e(entry.date)}</p>'
            body = markdown_html(entry.body, shift=4) if entry.body.strip() else ""
            heading = e(entry.title) or e(entry.kind.capitalize())
            out.append(f'<article class="reflection"><h4>{heading}</h4>{meta}\n{body}</article>')
    out.append("</section>")
    return "\n".join(out)


def markdown_chunks(show: GroupShowcase, *, today: date | None = None) -> Iterator[str]:
    """The same document in Markdown: bodies kept as their authors wrote them, headings moved under ours."""
    day = (today or date.today()).isoformat()
    head = [
        f"# {_one(show.name)}",
        "",
        f"_Group showcase · {_kind(show)}_",
        "",
        f"- **Members:** {_one(', '.join(show.members)) or '—'}",
        f"- **Published:** {plural(show.entries, 'item')}",
        f"- **Exported:** {day}",
        "",
    ]
    if not show.learning:
        yield finish([*head, NOTHING_YET])
        return
    yield "\n".join(head) + "\n"
    last = len(show.learning) - 1
    for n, member in enumerate(show.learning):
        lines = [f"## {_one(member.name)}", ""]
        for stage, entries in _stages(member):
            lines += [f"### {_stage_title(stage)}", ""]
            for entry in entries:
                title = _one(entry.title) or entry.kind.capitalize()
                lines += [f"#### {title}", "", f"_{entry.kind} · {entry.date}_", ""]
                if entry.body.strip():
                    lines += [nested(entry.body, 5), ""]
        yield finish(lines) if n == last else "\n".join(lines) + "\n"


def _one(text: str) -> str:
    return " ".join(text.split())

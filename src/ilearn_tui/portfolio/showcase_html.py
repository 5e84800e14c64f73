"""The showcase's building blocks: every value escaped, every link checked, tables the same way.

Kept apart from the page's layout so each section (and the evidence list) builds its HTML from
the same few safe pieces.
"""

from __future__ import annotations

from html import escape

from ilearn_tui import __version__
from ilearn_tui.portfolio.showcase_style import CSS
from ilearn_tui.portfolio.teacher_markdown import safe_url

# No script, no network load: even a mistake in a page could not run code or phone home.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def page_head(title: str) -> list[str]:
    """A self-contained page's opening lines, up to ``<body>``: its policy, its style, its title."""
    return [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="ilearn {escape(__version__)}">',
        f"<title>{e(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
    ]


def e(value: object) -> str:
    """Any metadata value as HTML text (quotes too, so it is safe inside attributes)."""
    text = value if type(value) is str else str(value if value is not None else "")
    return escape(" ".join(text.split()))


def num(value: float) -> str:
    return f"{value:g}"


def link(url: str, label: str) -> str:
    """``label`` (already escaped) linked to ``url`` if the address is allowed; else just the label."""
    if url and safe_url(url):
        return f'<a href="{escape(url)}" rel="noreferrer">{label}</a>'
    return label


def table(head: list[str], rows: list[list[str]], numeric: set[int], total: list[str] | None = None) -> str:
    """A table whose cells are already HTML; ``numeric`` columns are right-aligned.

    A numeric column that is nothing but zeros (credits nobody awards, say) is left out: a
    column of 0s tells a reader nothing and looks like something is missing.
    """
    zeros = {i for i in numeric if all(row[i] in ("0", "") for row in rows)}
    keep = [i for i in range(len(head)) if i not in zeros]

    def cls(i: int) -> str:
        return ' class="num"' if i in numeric else ""

    def cells(tag: str, row: list[str]) -> str:
        return "".join(f"<{tag}{cls(i)}>{row[i]}</{tag}>" for i in keep)

    out = ["<table>", f"<thead><tr>{cells('th', head)}</tr></thead>", "<tbody>"]
    out += [f"<tr>{cells('td', row)}</tr>" for row in rows]
    if total:
        out.append(f'<tr class="total">{cells("td", total)}</tr>')
    return "\n".join([*out, "</tbody>", "</table>"])


def empty(text: str) -> str:
    return f'<p class="empty">{escape(text)}</p>'

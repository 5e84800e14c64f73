"""The teacher's Markdown as inert HTML, for the showcase page.

Raw HTML in the text is shown as text, never passed through; links and images may point only
at http, https, mailto or a relative path; images are shown as links (a showcase must not
load anything from the network); the teacher's headings sit below the page's own.
Reflections that use no Markdown at all — most of a big journal — skip the parser: their
paragraphs are escaped directly, with exactly the output the parser would give.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from html import escape
from typing import Any
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token

ALLOWED_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
# Anything that could start Markdown syntax sends a text to the parser (see plain_html).
# Whitespace other than spaces and newlines is sent too: the parser treats it in its own ways.
_SYNTAX = re.compile(r"[\\`*_\[\]<>&!|~#=+\-\x00]|[^\S \n]|^ *\d|^ {4}| $", re.MULTILINE)


def safe_url(url: str) -> bool:
    """True for http(s), mailto and relative links; false for ``javascript:`` and every other scheme.

    Browsers drop tabs, newlines and other controls inside a scheme, and markdown-it has already
    percent-encoded them, so the check runs on the decoded text with all of those removed.
    """
    if not url:
        return False
    bare = _INVISIBLE.sub("", unquote(url))
    match = _SCHEME.match(bare)
    if match is None:
        return not bare.startswith("//")  # a scheme-relative link would reach the network
    return match.group(1).lower() in ALLOWED_SCHEMES


def _image(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    """An image becomes a link to it, labelled with its description: nothing is fetched."""
    token = tokens[idx]
    alt = self.renderInlineAsText(token.children or [], options, env) or "image"
    src = token.attrGet("src") or ""
    label = f"[image: {escape(alt)}]"
    return f'<a href="{escape(str(src))}">{label}</a>' if src else label


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
    md.validateLink = safe_url  # type: ignore[method-assign]
    md.add_render_rule("image", _image)
    return md


def markdown_html(text: str, *, shift: int = 0) -> str:
    """Render ``text``; its headings move ``shift`` levels down (at most to ``h6``)."""
    plain = plain_html(text)
    if plain is not None:
        return plain
    md = _parser()
    tokens = md.parse(text)
    if shift:  # as in the Markdown export: down by ``shift``, never more than one below the last
        above = shift
        for token in tokens:
            if token.type == "heading_open":
                above = min(6, int(token.tag[1]) + shift, above + 1)
                token.tag = f"h{above}"
            elif token.type == "heading_close":
                token.tag = f"h{above}"
    rendered: str = md.renderer.render(tokens, md.options, {})  # typed Any by markdown-it
    return rendered


def plain_html(text: str) -> str | None:
    """Paragraphs of text with no Markdown syntax, as markdown-it renders them; None otherwise."""
    if _SYNTAX.search(text):
        return None
    out = []
    for block in re.split(r"\n(?: *\n)+", text.strip("\n")):
        lines = [line.strip(" ") for line in block.split("\n")]
        joined = "\n".join(lines).strip().replace('"', "&quot;")
        if joined:
            out.append(f"<p>{joined}</p>\n")
    return "".join(out)

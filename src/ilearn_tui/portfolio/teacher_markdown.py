"""The teacher's Markdown as inert HTML, for the showcase page.

Raw HTML in the text is shown as text, never passed through; links and images may point only
at http, https, mailto or a relative path; images are shown as links (a showcase must not
load anything from the network); the teacher's headings sit below the page's own.
Reflections that use no Markdown at all skip the parser: their paragraphs are escaped
directly, with exactly the output the parser would give. Those that use only emphasis, lists,
headings, quotes and code — what a teacher types; a third of a big journal — go to cmark-gfm,
GitHub's C implementation of CommonMark, which renders them as markdown-it does (a test holds
the two to a corpus) about ten times faster. Anything that could hold raw HTML, an entity or a
link goes to markdown-it, whose link check and image rule this module sets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from html import escape
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

if TYPE_CHECKING:  # markdown-it is loaded on the first body only it may render
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
    """The reference parser, built once; its import is a good part of a showcase's start, and a
    journal of prose and common Markdown never needs it."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
    md.validateLink = safe_url  # type: ignore[method-assign]
    md.add_render_rule("image", _image)
    return md


# Characters that start Markdown wherever they stand, and whitespace the parsers treat in their
# own ways; the rest of the syntax (headings, lists, quotes, setext lines, indented code,
# hard breaks) shows at the start or end of a line.
_INLINE = ("\\", "`", "*", "_", "[", "]", "<", ">", "&", "|", "~", "\x00", "\t", "\r", "\f", "\v")
_LINE_START = frozenset("#>-+*=0123456789")
# A line after the first that opens with a space or a mark, or a run of blank lines: found by
# the search for newlines alone (a literal first character), not by a pattern tried everywhere.
_LINE_OPENING = re.compile(r"\n(?:[ #>\-+*=0-9]|\n\n)")
# What only markdown-it may render: raw HTML and entities (shown as text), links and images
# (checked by ``safe_url``, images made links), tables, escapes.
_MARKDOWN_IT_ONLY = ("<", "&", "[", "]", "|", "\\", "\x00")


def has_syntax(text: str) -> bool:
    """True if ``text`` may hold Markdown; False only for plain paragraphs.

    A few substring searches and a look at each line's ends, never a pattern run over the
    whole text (non-ASCII text, rare, is checked by the full pattern).
    """
    return _shape(text) is _MARKDOWN


# What ``_shape`` finds: Markdown; plain paragraphs with lines to trim or runs of blank lines;
# or plain paragraphs split by single blank lines with nothing to trim (most prose).
_MARKDOWN, _RAGGED, _NEAT = "markdown", "ragged", "neat"


def _shape(text: str) -> str:
    """Markdown, ragged or neat plain paragraphs (below): one look, shared by the test for
    syntax and the renderer of plain text, so a body is scanned once."""
    for mark in _INLINE:
        if mark in text:
            return _MARKDOWN
    if not text.isascii():
        return _MARKDOWN if _SYNTAX.search(text) is not None else _RAGGED
    first = text[:1]
    if (
        first != " "
        and first not in _LINE_START
        and _LINE_OPENING.search(text) is None
        and " \n" not in text
        and text[-1:] != " "
    ):  # no line starts with a space or a mark, none ends with a space, no blank-line runs
        return _NEAT
    ragged = False  # else each line is looked at
    for line in text.split("\n"):
        bare = line.lstrip(" ")
        if bare:
            if line[-1] == " " or bare[0] in _LINE_START:
                return _MARKDOWN
            if len(bare) != len(line):
                if len(line) - len(bare) >= 4:
                    return _MARKDOWN
                ragged = True
        elif line:  # spaces alone
            ragged = True
    return _RAGGED if ragged or "\n\n\n" in text else _NEAT


def markdown_html(text: str, *, shift: int = 0) -> str:
    """Render ``text``; its headings move ``shift`` levels down (at most to ``h6``)."""
    shape = _shape(text)
    if shape is not _MARKDOWN:
        return _paragraphs(text, neat=shape is _NEAT)
    if text.isascii() and not any(mark in text for mark in _MARKDOWN_IT_ONLY):
        fast = cmark_html(text, shift)
        if fast is not None:
            return fast
    return markdown_it_html(text, shift)


def markdown_it_html(text: str, shift: int = 0) -> str:
    """``text`` rendered by markdown-it with the rules above: the reference renderer."""
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
    shape = _shape(text)
    return None if shape is _MARKDOWN else _paragraphs(text, neat=shape is _NEAT)


_HEADING_TAG = re.compile(r"<(/?)h([1-6])>")
_BLANK_LINE = re.compile("\n\n")  # a literal, but found faster than by str.replace


@cache
def _cmark() -> tuple[Any, Any, Any] | None:
    """cmark-gfm's C function, and libc's ``free`` for what it returns; None if not installed.

    cmarkgfm's own ``markdown_to_html`` never frees the buffer the C library hands back, so a
    big export would leak every rendered body; this frees each one (cmark allocates with libc).
    """
    try:
        from cffi import FFI
        from cmarkgfm import _cmark as native
    except ImportError:
        return None
    libc_ffi = FFI()
    libc_ffi.cdef("void free(void *ptr);")
    libc = libc_ffi.dlopen(None)  # the process's own C library
    # cffi passes a pointer from another FFI to a ``void *`` parameter as it is: no casts per body.
    return native.ffi, native.lib, libc.free


def cmark_html(text: str, shift: int = 0) -> str | None:
    """``text`` rendered by cmark-gfm (safe mode, no extensions); None if it is not installed."""
    found = _cmark()
    if found is None:
        return None
    ffi, lib, free = found
    data = text.encode("utf-8")
    raw = lib.cmark_markdown_to_html(data, len(data), 0)  # 0: the default, safe options
    try:
        html: str = ffi.string(raw).decode("utf-8")
    finally:
        free(raw)
    if not shift or "<h" not in html:
        return html
    above = shift

    def moved(m: re.Match[str]) -> str:  # the same rule as for markdown-it's tokens
        nonlocal above
        if not m.group(1):
            above = min(6, int(m.group(2)) + shift, above + 1)
        return f"<{m.group(1)}h{above}>"

    return _HEADING_TAG.sub(moved, html)


def _paragraphs(text: str, *, neat: bool = False) -> str:
    """Plain paragraphs as markdown-it renders them: one ``<p>`` per block, quotes escaped.

    ``neat`` text (blocks split by single blank lines, nothing to trim: most bodies) is a few
    whole-text replacements, not a loop over the blocks: the hot path of a big showcase.
    """
    if neat:
        bare = text.strip()
        if '"' in bare:
            bare = bare.replace('"', "&quot;")
        return "<p>" + _BLANK_LINE.sub("</p>\n<p>", bare) + "</p>\n" if bare else ""
    if " \n" in text or "\n " in text:  # lines to trim; otherwise blocks split as they are
        blocks = [
            "\n".join(line.strip(" ") for line in block.split("\n"))
            for block in re.split(r"\n(?: *\n)+", text.strip("\n"))
        ]
    else:
        blocks = text.split("\n\n")
    out = []
    for block in blocks:
        joined = block.strip()
        if joined:
            out.append(f"<p>{joined.replace(chr(34), '&quot;')}</p>\n")
    return "".join(out)

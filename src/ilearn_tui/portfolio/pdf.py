"""A bound PDF of a portfolio or a review packet: the Markdown document typeset by Typst.

The PDF is made from the very Markdown the ``.md`` export writes, so both always say the same
things; markdown-it reads it and each piece becomes Typst markup. Every piece of text — the
teacher's words, titles, link targets — enters the Typst source only as a string literal
(``#"…"``), escaped by :func:`literal`, so nothing a teacher types can become Typst code. The
charts are the showcase's SVG charts, handed to Typst as inputs rather than as source. The
``typst`` wheel carries the compiler, so this needs no program on the teacher's computer.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from ilearn_tui.errors import IlearnError
from ilearn_tui.portfolio.teacher_markdown import safe_url

# The showcase styles its charts with the page's CSS; a PDF has none, so each chart carries this.
_CHART_STYLE = (
    "<style>text{font-family:sans-serif;fill:#333}.tick{font-size:11px;fill:#555}.label,.value"
    "{font-size:12px}.bar{fill:#0072B2}.axis{stroke:#555}.grid{stroke:#ccc}.line{fill:none;"
    "stroke-width:2.5}</style>"
)
_PAGE = """#set document(title: {title})
#set page(paper: "a4", margin: 2cm, numbering: "1 / 1", number-align: center)
#set text(size: 10.5pt)
#set par(justify: false)
#set table(inset: 5pt, stroke: 0.5pt + gray)
#show heading.where(level: 1): set text(size: 20pt)
#show heading.where(level: 2): it => {{ v(0.6em); it }}
"""


class PdfError(IlearnError):
    """Typst could not make the PDF (a bug of ours, never the teacher's text)."""


def literal(text: str) -> str:
    """``text`` as a Typst string literal: the only way the teacher's words enter the source."""
    out = ['"']
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{{{ord(ch):x}}}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _text(text: str) -> str:
    return f"#{literal(text)}" if text else ""


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.validateLink = safe_url  # type: ignore[method-assign]
    return md


def _inline(nodes: Sequence[SyntaxTreeNode]) -> str:
    out = []
    for node in nodes:
        kind = node.type
        if kind in ("text", "html_inline"):
            out.append(_text(node.content))
        elif kind == "code_inline":
            out.append(f"#raw({literal(node.content)})")
        elif kind == "softbreak":
            out.append(" ")
        elif kind == "hardbreak":
            out.append("#linebreak()")
        elif kind in ("strong", "em", "s"):
            call = {"strong": "strong", "em": "emph", "s": "strike"}[kind]
            out.append(f"#{call}[{_inline(node.children)}]")
        elif kind == "link":
            href = str(node.attrs.get("href", ""))
            label = _inline(node.children)
            # In-page anchors (the Markdown's own contents) have no page to go to: their text stays.
            out.append(f"#link({literal(href)})[{label}]" if href and not href.startswith("#") else label)
        elif kind == "image":
            out.append(_text(f"[image: {node.content or 'image'}]"))
        else:  # anything newer than this list: its words, never its syntax
            out.append(_text(node.content) + _inline(node.children))
    return "".join(out)


def _cells(row: SyntaxTreeNode) -> list[str]:
    return [f"[{_inline(cell.children[0].children) if cell.children else ''}]" for cell in row.children]


def _table(node: SyntaxTreeNode) -> str:
    rows = [row for part in node.children for row in part.children]
    if not rows:
        return ""
    width = len(rows[0].children)
    aligns = []
    for cell in rows[0].children:
        style = str(cell.attrs.get("style", ""))
        aligns.append("right" if "right" in style else "center" if "center" in style else "left")
    head = rows[0] if node.children[0].type == "thead" else None
    if head is not None and not any(cell.children and cell.children[0].content for cell in head.children):
        rows, head = rows[1:], None  # a Markdown table needs a header row; a blank one is not shown
    body = rows[1:] if head is not None else rows
    parts = [f"columns: {width}", f"align: ({', '.join(aligns)},)"]
    if head is not None:
        parts.append("table.header(" + ", ".join(f"strong({c})" for c in _cells(head)) + ")")
    parts += [", ".join(_cells(row)) for row in body if row.children]
    return "#table(" + ",\n  ".join(p for p in parts if p) + ")\n\n"


def _blocks(nodes: Sequence[SyntaxTreeNode]) -> str:
    out = []
    for node in nodes:
        kind = node.type
        if kind == "heading":
            level = int(node.tag[1])
            out.append(f"{'=' * level} {_inline(node.children[0].children)}\n\n")
        elif kind == "paragraph":
            out.append(_inline(node.children[0].children) + "\n\n")
        elif kind in ("bullet_list", "ordered_list"):
            call = "list" if kind == "bullet_list" else "enum"
            items = ", ".join(f"[{_blocks(item.children).strip()}]" for item in node.children)
            out.append(f"#{call}({items})\n\n")
        elif kind == "blockquote":
            out.append(f"#quote(block: true)[{_blocks(node.children).strip()}]\n\n")
        elif kind in ("fence", "code_block"):
            out.append(f"#raw(block: true, {literal(node.content.rstrip(chr(10)))})\n\n")
        elif kind == "hr":
            out.append("#line(length: 100%, stroke: 0.5pt + gray)\n\n")
        elif kind == "table":
            out.append(_table(node))
        elif kind == "html_block":
            out.append(_text(node.content) + "\n\n")
        elif node.children:
            out.append(_blocks(node.children))
    return "".join(out)


def _without_contents(tree: SyntaxTreeNode) -> tuple[str, list[SyntaxTreeNode]]:
    """The document's title and its blocks, less the Markdown's contents list (Typst makes one)."""
    title, kept, skipping = "", [], False
    for node in tree.children:
        if node.type == "heading":
            words = node.children[0].content if node.children else ""
            if node.tag == "h1" and not title:
                title = words
            skipping = node.tag == "h2" and words == "Contents"
            if skipping:
                continue
        if not skipping:
            kept.append(node)
    return title, kept


def typst_source(markdown: str, charts: Sequence[tuple[str, str]] = ()) -> tuple[str, dict[str, str]]:
    """The Typst source for ``markdown`` and the inputs it reads (the charts' SVG, by name).

    The title block comes first, then the contents with page numbers, then the charts, then the
    document's sections in order.
    """
    title, blocks = _without_contents(SyntaxTreeNode(_parser().parse(markdown)))
    head, rest = (blocks[:1], blocks[1:]) if blocks and blocks[0].type == "heading" else ([], blocks)
    # Facts under the title (cycle, dates) stay with it, before the contents.
    while rest and rest[0].type != "heading":
        head.append(rest.pop(0))
    inputs: dict[str, str] = {}
    figures = []
    for n, (caption, svg) in enumerate(c for c in charts if c[1]):
        name = f"chart{n}"
        inputs[name] = svg.replace(">", ">" + _CHART_STYLE, 1)
        figures.append(
            f'#figure(image(bytes(sys.inputs.at("{name}")), format: "svg", width: 100%), '
            f"caption: [{_text(caption)}])\n\n"
        )
    source = [_PAGE.format(title=literal(title or "Portfolio")), _blocks(head)]
    source.append('#outline(title: [Contents], target: heading.where(level: 2))\n#pagebreak()\n\n')
    if figures:
        source.append(f"== {_text('At a glance')}\n\n" + "".join(figures))
    source.append(_blocks(rest))
    return "".join(source), inputs


def render_pdf(markdown: str, charts: Sequence[tuple[str, str]] = ()) -> bytes:
    """The PDF of ``markdown`` (and ``charts``, SVG with captions), made in this process."""
    import typst

    source, inputs = typst_source(markdown, charts)
    try:
        data = typst.compile(source.encode("utf-8"), sys_inputs=inputs)
    except Exception as exc:  # the compiler reports its own error types
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise PdfError(f"the PDF could not be made: {first}") from None
    if not isinstance(data, bytes):
        raise PdfError("the PDF could not be made: Typst returned no document")
    return data

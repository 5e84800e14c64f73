"""One entry point for every export, shared by the command line and the screens."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ilearn_tui.portfolio.gather import Scope
from ilearn_tui.store.journal import Journal


@dataclass
class ExportResult:
    text: str
    left_out: int = 0
    redactions: dict[str, int] = field(default_factory=dict)


def redact(text: str, names: list[str]) -> tuple[str, dict[str, int]]:
    """Replace each listed name (whole words, any case) with ``[redacted]``, counting each."""
    cleaned = sorted({n.strip() for n in names if n.strip()}, key=len, reverse=True)
    counts: dict[str, int] = {}
    if not cleaned:
        return text, counts
    pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in cleaned) + r")\b", re.IGNORECASE)

    def swap(match: re.Match[str]) -> str:
        key = match.group(0).lower()
        counts[key] = counts.get(key, 0) + 1
        return "[redacted]"

    return pattern.sub(swap, text), counts


def export_text(journal: Journal, fmt: str, scope: Scope, redact_names: list[str]) -> ExportResult:
    """The export as text; shareable (non-private) exports have the redaction list applied."""
    if fmt == "json":
        from ilearn_tui.portfolio.json_export import dumps, journal_document

        document, left_out = journal_document(journal, include_private=scope.include_private)
        return ExportResult(dumps(document), left_out)
    if fmt != "md":
        raise ValueError(f"unknown format {fmt!r}")
    from ilearn_tui.portfolio.gather import gather
    from ilearn_tui.portfolio.markdown import render

    portfolio = gather(journal, scope)
    text = render(portfolio)
    counts: dict[str, int] = {}
    if not scope.include_private:
        text, counts = redact(text, redact_names)
    return ExportResult(text, portfolio.left_out, counts)

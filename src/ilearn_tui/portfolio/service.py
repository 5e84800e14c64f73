"""One entry point for every export, shared by the command line and the screens.

:func:`export_text` gives an export as text (for stdout or a file); :func:`export_to` writes
it to a file or, for a folder, with copies of the evidence files beside it. Both gather one
scope, leave private records out unless asked, and redact the listed names before rendering.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from ilearn_tui.portfolio.gather import Portfolio, Scope
from ilearn_tui.portfolio.progress import Progress, silent
from ilearn_tui.portfolio.redaction import redact
from ilearn_tui.store.journal import Journal

if TYPE_CHECKING:
    from ilearn_tui.domain.renewal import Requirement
    from ilearn_tui.portfolio.folder import Copy

__all__ = [
    "FORMATS",
    "PACKETS",
    "ExportResult",
    "RenewalRule",
    "export_text",
    "export_to",
    "redact",
    "renewal_rule",
]

FORMATS = ("md", "html", "json")
PACKETS = ("review", "renewal")
SUFFIX = {"md": ".md", "html": ".html", "json": ".json"}


@dataclass
class RenewalRule:
    """The teacher's licence-renewal requirement and when its period began."""

    rule: Requirement
    start: date


def renewal_rule(config: dict[str, object]) -> RenewalRule | None:
    """The requirement kept in settings, None if none is set; ValueError if it is unusable."""
    from ilearn_tui.domain.renewal import from_config

    if not config:
        return None
    rule, start = from_config(dict(config))
    return RenewalRule(rule, start)


def _renewal_scope(scope: Scope, renewal: RenewalRule | None) -> Scope:
    """A renewal record covers the licence period unless a cycle or dates were chosen."""
    if renewal is None or scope.cycle_id or scope.date_from or scope.date_to:
        return scope
    from ilearn_tui.domain.renewal import period_end

    end = period_end(renewal.start, renewal.rule.years) - timedelta(days=1)
    return replace(scope, date_from=renewal.start.isoformat(), date_to=end.isoformat())


@dataclass
class ExportResult:
    """What an export produced, and what the teacher should be told about it."""

    text: str
    left_out: int = 0
    redactions: dict[str, int] = field(default_factory=dict)
    copied: int = 0  # evidence files copied into a folder export
    missing: list[str] = field(default_factory=list)  # evidence whose file is not in the journal
    path: Path | None = None  # the document written, for messages


@contextmanager
def _quiet_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while an export builds its records.

    A big journal becomes ~100,000 short-lived dicts and lists with no reference cycles; the
    collector would walk them again and again for nothing (about a tenth of the export's time).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def main_name(fmt: str, packet: str | None = None) -> str:
    """The document's name inside a folder export."""
    if fmt == "json":
        return "ilearn-journal.json"
    stem = {None: "portfolio", "review": "review-packet", "renewal": "renewal-record"}[packet]
    return stem + SUFFIX[fmt]


def _check(fmt: str, packet: str | None) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    if packet is not None and (packet not in PACKETS or fmt != "md"):
        raise ValueError(f"the {packet!r} packet is a Markdown export")


def _portfolio(
    journal: Journal, scope: Scope, redact_names: list[str], packet: str | None, renewal: RenewalRule | None
) -> Portfolio:
    """The records one document shows: scoped, private ones out, hidden characters shown, redacted."""
    from ilearn_tui.portfolio.gather import gather
    from ilearn_tui.portfolio.redaction import redact_portfolio
    from ilearn_tui.portfolio.sanitize import show_hidden

    if packet == "renewal":
        scope = _renewal_scope(scope, renewal)
    portfolio = gather(journal, scope)
    if packet == "renewal":  # the record shows certificates only
        portfolio.evidence = [
            e for e in portfolio.evidence if e["kind"] == "certificate" and e["activity_id"]
        ]
    show_hidden(portfolio)  # control and bidi characters drawn visibly, in every format
    if not scope.include_private:
        redact_portfolio(portfolio, redact_names)
    return portfolio


def _render(
    portfolio: Portfolio,
    fmt: str,
    packet: str | None,
    links: dict[str, str],
    renewal: RenewalRule | None,
    today: date | None,
    progress: Progress = silent,
) -> str:
    """The document for ``fmt`` and ``packet``, from records already cleaned and redacted."""
    if packet == "review":
        from ilearn_tui.portfolio.packets import review_packet

        return review_packet(portfolio, links=links, today=today)
    if packet == "renewal":
        from ilearn_tui.portfolio.packets import renewal_record

        return renewal_record(
            portfolio,
            rule=renewal.rule if renewal else None,
            period_start=renewal.start if renewal else None,
            links=links,
            today=today,
        )
    if fmt == "html":
        from ilearn_tui.portfolio.showcase import render_html

        return render_html(portfolio, links=links, today=today, progress=progress)
    from ilearn_tui.portfolio.markdown import render

    return render(portfolio, links=links, today=today)


def _build(
    journal: Journal,
    fmt: str,
    scope: Scope,
    redact_names: list[str],
    *,
    packet: str | None,
    renewal: RenewalRule | None,
    today: date | None,
    progress: Progress,
    evidence_dir: Path | None = None,
) -> tuple[ExportResult, list[Copy]]:
    """The document, and for a folder export the evidence copies it links to."""
    from ilearn_tui.portfolio.folder import plan_copies

    copies: list[Copy] = []
    missing: list[str] = []
    with _quiet_gc():
        progress("reading the journal")
        if fmt == "json":
            from ilearn_tui.portfolio.json_export import dumps, journal_document

            document, left_out = journal_document(journal, include_private=scope.include_private)
            if evidence_dir is not None:  # stored names: importing looks the files up by them
                rows = document["tables"]["evidence"]
                copies, _, missing = plan_copies(rows, evidence_dir, stored_names=True)
            progress("writing JSON")
            return ExportResult(dumps(document), left_out, missing=missing), copies
        portfolio = _portfolio(journal, scope, redact_names, packet, renewal)
        links: dict[str, str] = {}
        if evidence_dir is not None:
            copies, links, missing = plan_copies(portfolio.evidence, evidence_dir)
        progress("writing the portfolio")
        text = _render(portfolio, fmt, packet, links, renewal, today, progress)
        return ExportResult(text, portfolio.left_out, portfolio.redactions, missing=missing), copies


def export_text(
    journal: Journal,
    fmt: str,
    scope: Scope,
    redact_names: list[str],
    *,
    packet: str | None = None,
    renewal: RenewalRule | None = None,
    today: date | None = None,
    progress: Progress = silent,
) -> ExportResult:
    """The export as text; shareable (non-private) exports have the redaction list applied."""
    _check(fmt, packet)
    result, _ = _build(
        journal, fmt, scope, redact_names, packet=packet, renewal=renewal, today=today, progress=progress
    )
    return result


def export_to(
    journal: Journal,
    fmt: str,
    scope: Scope,
    redact_names: list[str],
    target: Path,
    *,
    folder: bool,
    force: bool = False,
    packet: str | None = None,
    renewal: RenewalRule | None = None,
    today: date | None = None,
    progress: Progress = silent,
) -> ExportResult:
    """Write the export to the file ``target``, or into the folder ``target`` with its evidence."""
    from ilearn_tui.portfolio import folder as folders
    from ilearn_tui.portfolio.atomic import refuse_overwrite, write_atomic

    _check(fmt, packet)
    name = main_name(fmt, packet)
    if folder:
        folders.check_target(target, (name, folders.EVIDENCE_DIR), force)
    else:
        refuse_overwrite(target, force)
    result, copies = _build(
        journal,
        fmt,
        scope,
        redact_names,
        packet=packet,
        renewal=renewal,
        today=today,
        progress=progress,
        evidence_dir=journal.locations.evidence_dir if folder else None,
    )
    progress("saving")
    if not folder:
        result.path = write_atomic(target, result.text, force=force)
        return result
    report = folders.write_folder(
        target,
        name,
        result.text,
        copies,
        force=force,
        step=lambda done, total: progress("copying evidence", done, total),
    )
    result.copied = report.copied
    result.missing += report.missing
    result.path = target / name
    return result

"""Every export, from a choice to a file: the one path the command line and the app both take.

A caller picks a :class:`~ilearn_tui.portfolio.formats.Choice` (``formats.choose``), asks
:func:`preflight` what it would replace, and then calls :func:`export_text` or
:func:`export_to`, which gather one scope, leave private records out unless asked, redact
the listed names, render and write. The result carries the :func:`notes` a teacher should
read. Nothing here words a command-line option or a key: errors are typed, and each UI says
how to get past them in its own terms.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from ilearn_tui.domain.text import plural
from ilearn_tui.portfolio.formats import BY_NAME, Choice, ExportKind
from ilearn_tui.portfolio.model import Portfolio, Scope
from ilearn_tui.portfolio.progress import Progress, silent
from ilearn_tui.store.journal import Journal
from ilearn_tui.textsafe import one_line

if TYPE_CHECKING:
    from ilearn_tui.domain.renewal import Requirement
    from ilearn_tui.portfolio.folder import Copy

__all__ = [
    "ExportResult",
    "Note",
    "Preflight",
    "RenewalRule",
    "chosen_rule",
    "export_text",
    "export_to",
    "notes",
    "preflight",
    "renewal_rule",
]


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


def chosen_rule(config: dict[str, object]) -> RenewalRule | None:
    """The requirement in settings, or None: for a review packet's note, never a reason to stop."""
    try:
        return renewal_rule(config)
    except ValueError:
        return None


def _renewal_scope(scope: Scope, renewal: RenewalRule | None) -> Scope:
    """A renewal record covers the licence period unless a cycle or dates were chosen."""
    if renewal is None or scope.cycle_id or scope.date_from or scope.date_to:
        return scope
    from ilearn_tui.domain.renewal import current_start, period_end

    start = current_start(renewal.rule, renewal.start, date.today())  # an annual rule: this year
    end = period_end(start, renewal.rule.years) - timedelta(days=1)
    return replace(scope, date_from=start.isoformat(), date_to=end.isoformat())


@dataclass(frozen=True)
class Preflight:
    """What an export would replace, found before any work is done.

    The command line refuses unless forced; the app asks. Targets that can never work (a file
    where a folder is wanted, a missing parent folder) are refused by :func:`preflight` itself.
    """

    choice: Choice
    replaces: tuple[Path, ...] = ()


def preflight(choice: Choice) -> Preflight:
    """The one check of an export's target, before the journal is read."""
    from ilearn_tui.errors import IlearnError
    from ilearn_tui.portfolio.folder import EVIDENCE_DIR, check_target
    from ilearn_tui.textsafe import printable

    target = choice.target
    if target is None:
        return Preflight(choice)
    if choice.folder:
        check_target(target, (), force=True)  # a file in the way, or no parent folder
        inside = [target / choice.kind.folder_document, target / EVIDENCE_DIR]
        return Preflight(choice, tuple(p for p in inside if p.exists() or p.is_symlink()))
    if not target.parent.is_dir():
        raise IlearnError(f"the folder {printable(str(target.parent))} does not exist")
    return Preflight(choice, (target,) if target.exists() or target.is_symlink() else ())


@dataclass
class ExportResult:
    """What an export produced, and what the teacher should be told about it."""

    text: str
    left_out: int = 0
    redactions: dict[str, int] = field(default_factory=dict)
    copied: int = 0  # evidence files copied into a folder export
    missing: list[str] = field(default_factory=list)  # evidence whose file is not in the journal
    path: Path | None = None  # the document written, for messages
    data: bytes = b""  # the document, for a format that is not text (a PDF)


@dataclass(frozen=True)
class Note:
    """One thing a finished export tells the teacher; ``what`` lets a UI add its own hint."""

    what: str  # "left_out", "redacted" or "missing"
    text: str


def notes(result: ExportResult) -> list[Note]:
    """What the teacher should know about a finished export, worded once for every UI."""
    found: list[Note] = []
    if result.left_out:
        found.append(Note("left_out", f"left out {plural(result.left_out, 'private item')}"))
    if result.redactions:
        summary = ", ".join(f"{name} ×{n}" for name, n in sorted(result.redactions.items()))
        names = plural(sum(result.redactions.values()), "name")
        found.append(Note("redacted", f"redacted {names}: {summary}"))
    if result.missing:
        shown = ", ".join(one_line(m, 40) for m in result.missing[:3])
        shown += ", …" if len(result.missing) > 3 else ""
        found.append(
            Note(
                "missing",
                f"{plural(len(result.missing), 'evidence file')} missing from the journal, "
                f"listed without a copy ({shown})",
            )
        )
    return found


@contextmanager
def _quiet_gc() -> Iterator[None]:
    """Run the cyclic garbage collector rarely while an export reads and writes its records.

    A big journal passes as ~100,000 short-lived records and strings, which would set the
    collector off every 700 allocations for nothing; but a parser's token trees do hold
    cycles, so it still runs now and then, or memory would grow with the journal.
    """
    before = gc.get_threshold()
    gc.set_threshold(50_000, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _portfolio(
    journal: Journal, kind: ExportKind, scope: Scope, redact_names: list[str], renewal: RenewalRule | None
) -> Portfolio:
    """The records one document shows: scoped, private ones out, hidden characters shown, redacted."""
    from ilearn_tui.portfolio.gather import gather
    from ilearn_tui.portfolio.redaction import redact_portfolio
    from ilearn_tui.portfolio.sanitize import show_hidden

    if kind.packet == "renewal":
        scope = _renewal_scope(scope, renewal)
    portfolio = gather(journal, scope)
    if kind.packet == "renewal":  # the record shows certificates only
        portfolio.evidence = [e for e in portfolio.evidence if e.kind == "certificate" and e.activity_id]
    show_hidden(portfolio)  # control and bidi characters drawn visibly, in every format
    if kind.shareable and not scope.include_private:
        redact_portfolio(portfolio, redact_names)
    return portfolio


def _render(
    portfolio: Portfolio,
    kind: ExportKind,
    links: dict[str, str],
    renewal: RenewalRule | None,
    today: date | None,
    progress: Progress = silent,
    embed_from: Path | None = None,
) -> Iterable[str]:
    """The document for ``kind`` in pieces, from records already cleaned and redacted."""
    if kind.packet == "review":
        from ilearn_tui.portfolio.packets import review_packet

        rule = renewal.rule if renewal else None
        return (review_packet(portfolio, links=links, today=today, rule=rule),)
    if kind.packet == "renewal":
        from ilearn_tui.portfolio.packets import renewal_record

        text = renewal_record(
            portfolio,
            rule=renewal.rule if renewal else None,
            period_start=renewal.start if renewal else None,
            links=links,
            today=today,
        )
        return (text,)
    if kind.format == "html":
        from ilearn_tui.portfolio.showcase import chunks as html_chunks

        return html_chunks(portfolio, links=links, today=today, progress=progress, embed_from=embed_from)
    from ilearn_tui.portfolio.markdown import chunks

    return chunks(portfolio, links=links, today=today)


def _json(
    journal: Journal,
    include_private: bool,
    redact_names: list[str],
    evidence_dir: Path | None,
) -> tuple[ExportResult, list[Copy], Iterable[str]]:
    """The lossless document, streamed; a cut without the private records is redacted as it goes."""
    from ilearn_tui.portfolio import json_export as js

    top = js.head(journal)
    tables: js.Tables = js.table_streams(journal, include_private=include_private)
    result = ExportResult("", js.left_out(journal, include_private=include_private))
    if not include_private:
        from ilearn_tui.portfolio.redaction import Redactor

        redactor = Redactor(redact_names)
        if redactor.pattern is not None:
            top["meta"] = {key: redactor(value) for key, value in top["meta"].items()}
            tables = js.redact_rows(tables, redactor)
            result.redactions = redactor.counts  # filled in as the rows are written
    copies: list[Copy] = []
    if evidence_dir is not None:  # stored names: importing looks the files up by them
        from ilearn_tui.domain.records import Evidence
        from ilearn_tui.portfolio.folder import plan_copies
        from ilearn_tui.store.portfolio_query import table_rows
        from ilearn_tui.store.rows import from_dict

        shown = table_rows(journal, "evidence", shareable=not include_private)
        rows = (from_dict(Evidence, row) for row in shown)
        copies, _, result.missing = plan_copies(rows, evidence_dir, stored_names=True)
    return result, copies, js.chunks(top, tables)


def _build(
    journal: Journal,
    kind: ExportKind,
    scope: Scope,
    redact_names: list[str],
    *,
    renewal: RenewalRule | None,
    today: date | None,
    progress: Progress,
    evidence_dir: Path | None = None,
) -> tuple[ExportResult, list[Copy], Iterable[str]]:
    """The result to fill, the evidence copies a folder export links to, and the document's pieces.

    The pieces are made as they are consumed (the journal is read while the file is written),
    so the result's redaction counts are complete only once they all have been.
    """
    from ilearn_tui.portfolio.folder import plan_copies

    progress("reading the journal")
    if kind.format in ("json", "archive"):
        # An archive is everything, always: it is the journal moving house.
        include_private = scope.include_private or kind.format == "archive"
        progress("writing JSON")
        return _json(journal, include_private, redact_names, evidence_dir)
    portfolio = _portfolio(journal, kind, scope, redact_names, renewal)
    copies: list[Copy] = []
    links: dict[str, str] = {}
    missing: list[str] = []
    if evidence_dir is not None:
        copies, links, missing = plan_copies(portfolio.evidence, evidence_dir)
    progress("writing the portfolio")
    markdown_kind = BY_NAME[kind.packet or "md"] if kind.format == "pdf" else kind
    # A single-file page carries its small images itself; a folder links to the copies beside it.
    embed_from = journal.locations.evidence_dir if kind.format == "html" and evidence_dir is None else None
    parts = _render(portfolio, markdown_kind, links, renewal, today, progress, embed_from)
    result = ExportResult("", portfolio.left_out, portfolio.redactions, missing=missing)
    if kind.format == "pdf":  # the same document, typeset: contents, page numbers, charts
        from ilearn_tui.portfolio.pdf import render_pdf
        from ilearn_tui.portfolio.showcase import chart_figures

        with _quiet_gc():
            text = "".join(parts)
        progress("typesetting the PDF")
        result.data = render_pdf(text, chart_figures(portfolio))
        return result, copies, ()
    return result, copies, parts


def _kind(kind: ExportKind | str) -> ExportKind:
    found = BY_NAME[kind] if isinstance(kind, str) else kind
    if not found.available:
        from ilearn_tui.portfolio.formats import NotYetAvailable

        raise NotYetAvailable(found)
    return found


def export_text(
    journal: Journal,
    kind: ExportKind | str,
    scope: Scope,
    redact_names: list[str],
    *,
    renewal: RenewalRule | None = None,
    today: date | None = None,
    progress: Progress = silent,
) -> ExportResult:
    """The export as text; shareable (non-private) exports have the redaction list applied."""
    result, _, parts = _build(
        journal, _kind(kind), scope, redact_names, renewal=renewal, today=today, progress=progress
    )
    with _quiet_gc():
        result.text = "".join(parts)
    return result


def export_to(
    journal: Journal,
    plan: Preflight,
    scope: Scope,
    redact_names: list[str],
    *,
    force: bool = False,
    renewal: RenewalRule | None = None,
    today: date | None = None,
    progress: Progress = silent,
) -> ExportResult:
    """Write the export to its file, or into its folder with the evidence beside it.

    ``plan`` is the :func:`preflight` of the target, asked once by the caller (which has told
    the teacher what would be replaced); without ``force`` nothing there is replaced
    (:class:`TargetExistsError`). The writers refuse again only if a file appeared since.
    """
    from ilearn_tui.errors import TargetExistsError
    from ilearn_tui.portfolio import folder as folders
    from ilearn_tui.portfolio.atomic import write_atomic

    choice = plan.choice
    kind, target = _kind(choice.kind), choice.target
    if target is None:
        raise ValueError("export_to needs a target; use export_text for text")
    if plan.replaces and not force:
        raise TargetExistsError(plan.replaces[0])
    result, copies, parts = _build(
        journal,
        kind,
        scope,
        redact_names,
        renewal=renewal,
        today=today,
        progress=progress,
        evidence_dir=journal.locations.evidence_dir if choice.folder else None,
    )
    if kind.format == "archive":
        from ilearn_tui.portfolio.archive import write_archive

        with _quiet_gc():
            text = "".join(parts)
        progress("saving")
        evidence = journal.locations.evidence_dir
        result.copied, result.missing = write_archive(target, text, evidence, force=force)
        result.path = target
        return result
    if not choice.folder:
        with _quiet_gc():
            result.path = write_atomic(target, result.data or parts, force=force)
        return result
    name = kind.folder_document
    report = folders.write_folder(
        target,
        name,
        parts,
        copies,
        force=force,
        step=lambda done, total: progress("copying evidence", done, total),
    )
    result.copied = report.copied
    result.missing += report.missing
    result.path = target / name
    return result

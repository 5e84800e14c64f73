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
from collections.abc import Iterator
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
        inside = [target / choice.kind.document_name, target / EVIDENCE_DIR]
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
) -> str:
    """The document for ``kind``, from records already cleaned and redacted."""
    if kind.packet == "review":
        from ilearn_tui.portfolio.packets import review_packet

        return review_packet(portfolio, links=links, today=today)
    if kind.packet == "renewal":
        from ilearn_tui.portfolio.packets import renewal_record

        return renewal_record(
            portfolio,
            rule=renewal.rule if renewal else None,
            period_start=renewal.start if renewal else None,
            links=links,
            today=today,
        )
    if kind.format == "html":
        from ilearn_tui.portfolio.showcase import render_html

        return render_html(portfolio, links=links, today=today, progress=progress)
    from ilearn_tui.portfolio.markdown import render

    return render(portfolio, links=links, today=today)


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
) -> tuple[ExportResult, list[Copy]]:
    """The document, and for a folder export the evidence copies it links to."""
    from ilearn_tui.portfolio.folder import plan_copies

    copies: list[Copy] = []
    missing: list[str] = []
    with _quiet_gc():
        progress("reading the journal")
        if kind.format in ("json", "archive"):
            from ilearn_tui.portfolio.json_export import dumps, journal_document, redact_document

            if kind.format == "archive":  # everything, always: it is the journal moving house
                scope = replace(scope, include_private=True)
            document, left_out = journal_document(journal, include_private=scope.include_private)
            # Without the private records it is a cut to share, redacted like every other one.
            redactions = {} if scope.include_private else redact_document(document, redact_names)
            if evidence_dir is not None:  # stored names: importing looks the files up by them
                from ilearn_tui.domain.records import Evidence
                from ilearn_tui.store.rows import from_dict

                rows = [from_dict(Evidence, row) for row in document["tables"]["evidence"]]
                copies, _, missing = plan_copies(rows, evidence_dir, stored_names=True)
            progress("writing JSON")
            return ExportResult(dumps(document), left_out, redactions, missing=missing), copies
        portfolio = _portfolio(journal, kind, scope, redact_names, renewal)
        links: dict[str, str] = {}
        if evidence_dir is not None:
            copies, links, missing = plan_copies(portfolio.evidence, evidence_dir)
        progress("writing the portfolio")
        markdown_kind = BY_NAME[kind.packet or "md"] if kind.format == "pdf" else kind
        text = _render(portfolio, markdown_kind, links, renewal, today, progress)
        result = ExportResult(text, portfolio.left_out, portfolio.redactions, missing=missing)
        if kind.format == "pdf":  # the same document, typeset: contents, page numbers, charts
            from ilearn_tui.portfolio.pdf import render_pdf
            from ilearn_tui.portfolio.showcase import chart_figures

            progress("typesetting the PDF")
            result.data, result.text = render_pdf(text, chart_figures(portfolio)), ""
        return result, copies


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
    result, _ = _build(
        journal, _kind(kind), scope, redact_names, renewal=renewal, today=today, progress=progress
    )
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
    result, copies = _build(
        journal,
        kind,
        scope,
        redact_names,
        renewal=renewal,
        today=today,
        progress=progress,
        evidence_dir=journal.locations.evidence_dir if choice.folder else None,
    )
    progress("saving")
    if kind.format == "archive":
        from ilearn_tui.portfolio.archive import write_archive

        evidence = journal.locations.evidence_dir
        result.copied, result.missing = write_archive(target, result.text, evidence, force=force)
        result.path = target
        return result
    if not choice.folder:
        result.path = write_atomic(target, result.data or result.text, force=force)
        return result
    name = kind.document_name
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

"""A group showcase, from a choice to a file: the export path for ``--group``.

It takes the same :class:`~ilearn_tui.services.exports.Preflight` as every export (the name
rule of ``formats.choose``, the one check of the target) and writes through the same writers
(one file atomically, or a folder's document), so a group's page obeys every rule a portfolio
does. What differs is only what is read: published items, never the journal's records.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from ilearn_tui.portfolio.formats import ExportKind
from ilearn_tui.services.exports import ExportResult, Preflight
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.sync_state import journal_id

if TYPE_CHECKING:
    from ilearn_tui.portfolio.group_showcase import GroupShowcase

# The formats a group showcase is made in; the others are the journal's own (JSON, archive).
GROUP_FORMATS = ("md", "html", "pdf")


def gather_group(journal: Journal, group_id: str) -> GroupShowcase:
    """The group's showcase from the journal: her live publications and her colleagues' items."""
    from ilearn_tui.domain.colleagues import Item
    from ilearn_tui.portfolio.group_showcase import MemberLearning, one_name, showcase
    from ilearn_tui.store import colleagues
    from ilearn_tui.store.groups import get_group
    from ilearn_tui.store.publications import outbox

    group = get_group(journal, group_id)
    mine = [Item(**row) for row in outbox(journal, group_id)]
    me = MemberLearning(one_name(journal.get_meta("teacher_name")) or "Me", journal_id(journal), mine)
    found = colleagues.count(journal, group_id)
    theirs = ((k.author_name, k.item) for k in colleagues.list_items(journal, group_id, limit=max(found, 1)))
    return showcase(group.name, group.kind, group.members, me, theirs)


def _parts(journal: Journal, group_id: str, kind: ExportKind, today: date | None) -> Iterable[str]:
    from ilearn_tui.portfolio.group_pages import html_chunks, markdown_chunks

    show = gather_group(journal, group_id)
    if kind.format == "html":
        return html_chunks(show, today=today)
    return markdown_chunks(show, today=today)


def export_group(
    journal: Journal, plan: Preflight, group_id: str, *, force: bool = False, today: date | None = None
) -> ExportResult:
    """The group's showcase as text (no target), or written to the plan's file or folder.

    A PDF is the Markdown typeset by the portfolio's PDF path. Without ``force`` nothing is
    replaced (``TargetExistsError``), as for every export.
    """
    from ilearn_tui.errors import TargetExistsError

    kind, target = plan.choice.kind, plan.choice.target
    if kind.format not in GROUP_FORMATS or kind.packet:
        raise ValueError(f"a group showcase is not made as {kind.name}")
    if plan.replaces and not force:
        raise TargetExistsError(plan.replaces[0])
    parts = _parts(journal, group_id, kind, today)
    result = ExportResult("")
    if kind.format == "pdf":
        from ilearn_tui.portfolio.pdf import render_pdf

        result.data = render_pdf("".join(parts))
        parts = ()
    if target is None:
        result.text = "".join(parts)
        return result
    if plan.choice.folder:
        from ilearn_tui.portfolio.folder import write_folder

        write_folder(target, kind.folder_document, parts, [], force=force)
        result.path = target / kind.folder_document
        return result
    from ilearn_tui.portfolio.atomic import write_atomic

    result.path = write_atomic(target, result.data or parts, force=force)
    return result

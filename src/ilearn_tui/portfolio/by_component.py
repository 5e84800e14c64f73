"""The review packet's evidence grouped by the components of the teacher's framework.

An evaluator reads evidence against the rubric, component by component; listing every
component — with what the teacher brings for it, or that nothing is there yet — lets the
meeting start from the rubric. Only items the packet already holds are listed, so the scope,
the privacy rule and the redaction of the rest of the packet apply here unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping

from ilearn_tui.portfolio.markdown import cell, evidence_title
from ilearn_tui.portfolio.model import Portfolio


def component_section(p: Portfolio, links: Mapping[str, str]) -> list[str]:
    """Markdown lines for the section, or none when no framework is chosen."""
    chosen = p.framework
    if chosen is None:
        return []
    rows: dict[str, list[tuple[str, str, str]]] = {c.code: [] for c in chosen.components}
    items: list[tuple[str, str, str, str]] = [  # (id, date, what, title)
        *((e.id, e.date, "evidence", evidence_title(e, links)) for e in p.evidence),
        *((r.id, r.date, "reflection", cell(r.title)) for r in p.reflections),
        *((a.id, a.date, "activity", cell(a.title)) for a in p.activities),
    ]
    for item_id, day, what, title in items:
        for code in p.components.get(item_id, ()):
            if code in rows:
                rows[code].append((day, what, title))
    covered = sum(1 for found in rows.values() if found)
    out = [
        f"## Evidence by component: {chosen.title}",
        "",
        f"{covered} of {len(rows)} components have evidence in this packet.",
        "",
    ]
    for domain in chosen.domains:
        out += [f"### {domain}", "", "| component | date | evidence | kind |", "|---|---|---|---|"]
        for component in (c for c in chosen.components if c.domain == domain):
            name = f"**{component.code}** {cell(component.name)}"
            found = sorted(rows[component.code])
            if not found:
                out.append(f"| {name} | | _nothing yet_ | |")
            for n, (day, what, title) in enumerate(found):
                out.append(f"| {name if n == 0 else ''} | {day} | {title} | {what} |")
        out.append("")
    return out

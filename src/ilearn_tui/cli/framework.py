"""``ilearn framework``: choose the evaluation framework and see its coverage; component tags.

The coverage view is what a teacher checks before an evaluation meeting: every component of
the rubric, what evidences it, and what has nothing yet. Tags given with ``--component`` are
read against the chosen framework by the forgiving list rule, so "1A" and "questioning" find
Danielson's 1a and 3b, and a slip gets "did you mean …?".
"""

from __future__ import annotations

import argparse

from ilearn_tui.cli.common import journal_for
from ilearn_tui.cli.output import out, out_json
from ilearn_tui.domain.frameworks import FRAMEWORKS, NONE, Framework
from ilearn_tui.domain.text import plural
from ilearn_tui.errors import UsageError
from ilearn_tui.store import coverage
from ilearn_tui.store.journal import Journal
from ilearn_tui.textsafe import one_line

# Each framework by the names a teacher may type for it.
CHOICES: dict[str, tuple[str, ...]] = {
    **{f.key: (f.title, *f.aliases) for f in FRAMEWORKS.values()},
    NONE: ("no framework",),
}
HOW_TO_SET = "choose one first: ilearn framework set danielson|marzano|ma"


def framework_name(text: str) -> str:
    from ilearn_tui.cli.values import pick

    return pick("framework", text, CHOICES)


def components(journal: Journal, typed: list[str]) -> tuple[Framework | None, list[str]]:
    """The codes ``--component`` names, checked against the journal's framework (exit 2 if not)."""
    if not typed:
        return None, []
    chosen = coverage.framework(journal)
    if chosen is None:
        raise UsageError(f"--component: no evaluation framework is set; {HOW_TO_SET}")
    return chosen, chosen.read_codes(typed)


def run(args: argparse.Namespace) -> int:
    if args.framework_command == "set":
        key = framework_name(args.name)
        with journal_for(args) as journal:
            coverage.set_framework(journal, key)
        if key == NONE:
            out("No evaluation framework: component tags are kept but not shown.")
        else:
            chosen = FRAMEWORKS[key]
            out(f"Framework: {chosen.title} ({plural(len(chosen.components), 'component')}).")
        return 0
    with journal_for(args) as journal:
        current = coverage.framework(journal)
        if current is None:
            out(f"No evaluation framework is set; {HOW_TO_SET}")
            return 0
        cycle_id = journal.find_cycle(args.cycle).id if args.cycle else None
        found = coverage.coverage(journal, current, cycle_id)
    if args.json:
        out_json(_as_json(current, found))
        return 0
    _print(current, found)
    return 0


def _print(chosen: Framework, found: dict[str, list[coverage.Tagged]]) -> None:
    missing = [code for code, items in found.items() if not items]
    covered = len(found) - len(missing)
    out(f"{chosen.title}: {covered} of {len(found)} components evidenced")
    for domain in chosen.domains:
        out()
        out(domain)
        for component in (c for c in chosen.components if c.domain == domain):
            items = found[component.code]
            mark = f"{len(items):>3}" if items else "  -"
            out(f"{mark}  {component.code:<6} {component.name}")
            for item in items:
                out(f"          {item.kind:<10} {item.id[:8]}  {item.date}  {one_line(item.title, 50)}")
    if missing:
        out()
        out(f"Nothing yet for {plural(len(missing), 'component')}: {', '.join(missing)}")


def _as_json(chosen: Framework, found: dict[str, list[coverage.Tagged]]) -> dict[str, object]:
    return {
        "framework": chosen.key,
        "title": chosen.title,
        "source": chosen.source,
        "components": [
            {
                "code": c.code,
                "name": c.name,
                "domain": c.domain,
                "items": [
                    {"kind": t.kind, "id": t.id, "title": t.title, "date": t.date} for t in found[c.code]
                ],
            }
            for c in chosen.components
        ],
    }

"""The framework a journal is evaluated by, the components its items evidence, and coverage.

The chosen framework is the journal's own (kept in ``meta``, so an export carries it); the
tags live in the model's component link tables, one per kind of item, so sync, the trash and
the JSON export carry them like any other link.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ilearn_tui.domain.frameworks import FRAMEWORKS, NONE, Framework
from ilearn_tui.domain.model import COMPONENT_TABLES, KINDS
from ilearn_tui.store.journal import Journal

FRAMEWORK_KEY = "framework"


@dataclass(frozen=True, slots=True)
class Tagged:
    """One item that evidences a component."""

    kind: str  # "evidence", "reflection" or "activity"
    id: str
    title: str
    date: str
    private: bool  # student information or a private reflection: kept out of shared exports


def framework(journal: Journal) -> Framework | None:
    """The journal's framework, or None when the teacher chose none (or an unknown one)."""
    return FRAMEWORKS.get(journal.get_meta(FRAMEWORK_KEY, NONE))


def set_framework(journal: Journal, key: str) -> None:
    if key != NONE and key not in FRAMEWORKS:
        raise ValueError(f"unknown framework {key!r}")
    journal.set_meta(FRAMEWORK_KEY, key)


def tag(journal: Journal, kind: str, item_id: str, chosen: Framework, codes: Iterable[str]) -> None:
    """Add components to one item (already tagged ones stay once); codes must be the framework's."""
    table = COMPONENT_TABLES[kind]
    own = table.fields[0].name
    rows = [(item_id, chosen.key, chosen.component(code).code) for code in dict.fromkeys(codes)]
    with journal.write() as conn:
        conn.executemany(
            f"INSERT OR IGNORE INTO {table.table}({own}, framework, component) VALUES (?, ?, ?)", rows
        )


def retag(journal: Journal, kind: str, item_id: str, chosen: Framework, codes: Iterable[str]) -> None:
    """Make ``codes`` the item's whole set of ``chosen``'s components, as a form edits them.

    Tags of another framework stay: a teacher who switches rubric does not lose the old ones.
    Called inside the write that saves the item, the tags and the item are saved together.
    """
    table = COMPONENT_TABLES[kind]
    own = table.fields[0].name
    with journal.write() as conn:
        conn.execute(f"DELETE FROM {table.table} WHERE {own} = ? AND framework = ?", (item_id, chosen.key))
        tag(journal, kind, item_id, chosen, codes)


def codes_of(journal: Journal, kind: str, item_id: str, chosen: Framework) -> list[str]:
    """The item's codes of ``chosen``, in the framework's order (how a form shows them again)."""
    mine = {code for key, code in components_of(journal, kind, item_id) if key == chosen.key}
    return [c.code for c in chosen.components if c.code in mine]


def components_of(journal: Journal, kind: str, item_id: str) -> list[tuple[str, str]]:
    """(framework, code) pairs an item is tagged with, in code order."""
    table = COMPONENT_TABLES[kind]
    own = table.fields[0].name
    cursor = journal.conn.execute(
        f"SELECT framework, component FROM {table.table} WHERE {own} = ? ORDER BY framework, component",
        (item_id,),
    )
    return [(str(f), str(c)) for f, c in cursor]


# How each kind names, dates and hides an item (reflections may have no cycle: their date decides).
_ITEM_SQL = {
    "evidence": ("e.title", "e.date", "e.student_info", "e.cycle_id"),
    "reflection": ("e.title", "e.date", "e.private", "e.cycle_id"),
    "activity": ("e.title", "e.date", "0", "e.cycle_id"),
}


def coverage(journal: Journal, chosen: Framework, cycle_id: str | None = None) -> dict[str, list[Tagged]]:
    """Every component of ``chosen`` (in the framework's order) with the items that evidence it.

    A component with no item maps to an empty list: what the teacher still has to find.
    """
    found: dict[str, list[Tagged]] = {c.code: [] for c in chosen.components}
    for kind, (title, day, hidden, cycle) in _ITEM_SQL.items():
        table = COMPONENT_TABLES[kind]
        own = table.fields[0].name
        where, params = "t.framework = ?", [chosen.key]
        if cycle_id is not None:
            where += f" AND {cycle} = ?"
            params.append(cycle_id)
        cursor = journal.conn.execute(
            f"SELECT t.component, e.id, {title}, {day}, {hidden} FROM {table.table} t "
            f"JOIN {KINDS[kind].table} e ON e.id = t.{own} WHERE {where} ORDER BY {day}, e.id",
            params,
        )
        for code, item_id, item_title, item_day, private in cursor:
            if code in found:
                found[code].append(Tagged(kind, item_id, item_title or "", item_day or "", bool(private)))
    for items in found.values():
        items.sort(key=lambda t: (t.date, t.kind, t.id))
    return found


def tags_by_item(journal: Journal, chosen: Framework) -> dict[str, list[str]]:
    """Each tagged item's id with its codes of ``chosen``, for renderers that hold the items."""
    found: dict[str, list[str]] = {}
    for table in COMPONENT_TABLES.values():
        own = table.fields[0].name
        cursor = journal.conn.execute(
            f"SELECT {own}, component FROM {table.table} WHERE framework = ?", (chosen.key,)
        )
        for item_id, code in cursor:
            found.setdefault(str(item_id), []).append(str(code))
    return found

"""The group showcase's figures for ``groups_bench.py``: one group's page, against a floor.

Her journal is filled through the real code path: her own items published with
``store.publications.publish_copy`` (as ``ilearn publish`` stores them) and her colleagues'
items stored with ``store.colleagues.replace_group`` (as an exchange stores what arrived).
The measure is ``services.group_export.export_group`` writing the HTML page to a file, as
``ilearn export --group G --out page.html`` does after its start-up. The floor writes the
same items' titles and bodies to a file with plain Python: the least any page of them costs.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from ilearn_tui.domain.colleagues import Item, Member, Received
from ilearn_tui.locations import resolve
from ilearn_tui.portfolio.formats import BY_NAME, choose
from ilearn_tui.services.exports import preflight
from ilearn_tui.services.group_export import export_group
from ilearn_tui.store import colleagues
from ilearn_tui.store.groups import add_group
from ilearn_tui.store.journal import Journal, open_journal
from ilearn_tui.store.publications import Copy, publish_copy

SHOWCASE_GOAL_S = 2.0
Timer = Callable[[int, Callable[[], object], Callable[[], object]], list[float]]
Row = tuple[str, list[float], float | None]


def _fill(
    journal: Journal, name: str, members: list[Member], items: Callable[[Member], Item], each: int
) -> str:
    me, others = members[0], members[1:]
    journal.set_meta("teacher_name", me.name)
    group_id = add_group(journal, name, "plc", [m.name for m in others])
    for _ in range(each):
        item = items(me)
        copy = Copy("reflections", str(uuid.uuid4()), item.kind, item.title, item.body, item.date, item.stage)
        publish_copy(journal, group_id, name, copy)
    arrived = [Received(items(m), m.name) for m in others for _ in range(each)]
    colleagues.replace_group(journal, group_id, arrived)
    return group_id


def _floor(journal: Journal, group_id: str, target: Path) -> None:
    """The same texts, read and written with no page around them."""
    rows = journal.conn.execute(
        "SELECT title, body FROM publications WHERE group_id = ? UNION ALL "
        "SELECT title, body FROM colleague_items WHERE group_id = ?",
        (group_id, group_id),
    )
    with target.open("w", encoding="utf-8") as out:
        for title, body in rows:
            out.write(f"{title}\n\n{body}\n\n")


def showcase_rows(
    work: Path,
    sizes: list[int],
    runs: int,
    each: int,
    member: Callable[[int], Member],
    item: Callable[[Member], Item],
    timed: Timer,
) -> list[Row]:
    rows: list[Row] = []
    for size in sizes:
        members = [member(50_000 + size * 1000 + n) for n in range(size)]
        times, floor = _one_group(work / f"showcase-{size}", members, item, each, runs, timed)
        goal = SHOWCASE_GOAL_S if size == 10 else None
        rows.append((f"group showcase of {size} members ({size * each:,} items), HTML page", times, goal))
        rows.append(
            (f"group showcase of {size} members, plain Python writing the texts (floor)", floor, None)
        )
    return rows


def _one_group(
    home: Path, members: list[Member], item: Callable[[Member], Item], each: int, runs: int, timed: Timer
) -> tuple[list[float], list[float]]:
    journal = open_journal(resolve(home))
    journal.auto_backup = False
    try:
        group_id = _fill(journal, f"Showcase {len(members)}", members, item, each)
        plan = preflight(choose(str(home / "showcase.html"), BY_NAME["html"]))
        times = timed(runs, lambda: None, lambda: export_group(journal, plan, group_id, force=True))
        floor = timed(runs, lambda: None, lambda: _floor(journal, group_id, home / "floor.txt"))
    finally:
        journal.close()
    return times, floor

"""A merge that would trash most of the journal is refused, unless the teacher asks for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ilearn_tui.store.reflections import add_reflection, delete_reflection
from tests.helpers.cli import assert_fails
from tests.sync.helpers import Computer


def _shared(laptop: Computer, desktop: Computer, count: int) -> list[str]:
    """``count`` reflections written on the laptop, held by both computers."""
    with laptop.journal() as journal:
        ids = [add_reflection(journal, f"Reflection number {n}.") for n in range(count)]
    laptop.ok("sync")
    desktop.ok("sync")
    return ids


def _delete_on(computer: Computer, ids: list[str]) -> None:
    with computer.journal() as journal:
        for rid in ids:
            delete_reflection(journal, rid)
    computer.ok("sync")


def _trashed(computer: Computer) -> int:
    with computer.journal() as journal:
        return int(journal.conn.execute("SELECT count(*) FROM trash").fetchone()[0])


def test_trashing_most_of_the_journal_is_refused_and_changes_nothing(
    pair: tuple[Computer, Computer, Path],
) -> None:
    laptop, desktop, _ = pair
    ids = _shared(laptop, desktop, 14)
    _delete_on(laptop, ids[:12])
    desktop.reflect("Written at home meanwhile.")
    before = desktop.records()
    result = desktop.run("sync")
    assert_fails(result, 1)
    assert "would move 12 of the journal's 15 records to the trash" in result.err
    assert "ilearn sync --allow-deletes" in result.err
    assert desktop.records() == before and _trashed(desktop) == 0
    assert "pending: 1 change to send" in desktop.ok("sync", "status")  # still waiting to go
    assert_fails(desktop.run("sync"), 1)  # and refused again, not slipped through the next time
    desktop.ok("sync", "--allow-deletes")
    assert _trashed(desktop) == 12
    assert desktop.bodies() == {
        "Reflection number 12.",
        "Reflection number 13.",
        "Written at home meanwhile.",
    }
    laptop.ok("sync")
    assert laptop.records() == desktop.records()


@pytest.mark.parametrize(
    ("held", "deleted"),
    [(10, 10), (30, 15)],  # all of a small journal; exactly half of a larger one
    ids=["ten-of-ten", "half"],
)
def test_deletes_up_to_the_limits_go_through(
    pair: tuple[Computer, Computer, Path], held: int, deleted: int
) -> None:
    laptop, desktop, _ = pair
    ids = _shared(laptop, desktop, held)
    _delete_on(laptop, ids[:deleted])
    desktop.ok("sync")
    assert _trashed(desktop) == deleted

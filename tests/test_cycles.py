"""A new school year carries the vision and unfinished goals forward; the old one stays put."""

from __future__ import annotations

import pytest

from ilearn_tui.errors import IlearnError
from ilearn_tui.store.cycles import start_next_cycle
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.plan import insert_row, list_goals
from tests.sample_journal import fill


def test_next_cycle_carries_vision_outcomes_and_open_goals(journal: Journal) -> None:
    fill(journal)
    old = journal.cycles()[0]
    with journal.write() as conn:
        insert_row(conn, "goals", {"cycle_id": old.id, "title": "Finished goal", "status": "achieved"})
    old_rows = journal.conn.execute("SELECT count(*) FROM goals WHERE cycle_id = ?", (old.id,)).fetchone()[0]
    new_id = start_next_cycle(journal)
    cycles = journal.cycles()
    assert [c.title for c in cycles] == ["2024–25", "2025–26"] and cycles[1].id == new_id
    carried = list_goals(journal, new_id)
    assert [g.title for g in carried] == [
        "Raise the quality of student talk in science",
        "Use exit tickets every lesson",
    ]
    assert [q.text for q in carried[0].questions] == ["Do sentence stems increase evidence-based claims?"]
    conn = journal.conn
    vision = conn.execute("SELECT body FROM visions WHERE cycle_id = ?", (new_id,)).fetchone()[0]
    assert vision.startswith("Students")
    assert conn.execute("SELECT count(*) FROM outcomes WHERE cycle_id = ?", (new_id,)).fetchone()[0] == 2
    assert conn.execute("SELECT count(*) FROM interests WHERE cycle_id = ?", (new_id,)).fetchone()[0] == 2
    still = conn.execute("SELECT count(*) FROM goals WHERE cycle_id = ?", (old.id,)).fetchone()[0]
    assert still == old_rows, "the old cycle keeps every goal"


def test_a_year_already_covered_is_refused(journal: Journal) -> None:
    fill(journal)
    start_next_cycle(journal)
    with journal.write() as conn:
        # A long custom cycle that began earlier but runs past the school year's end:
        insert_row(conn, "cycles", {"title": "long", "starts_on": "2025-07-01", "ends_on": "2026-12-31"})
    with pytest.raises(IlearnError, match="already covers"):
        start_next_cycle(journal)
    assert len(journal.cycles()) == 3


def test_cycle_commands(cli) -> None:  # type: ignore[no-untyped-def]
    assert "No cycle yet" in cli("cycle").out
    cli("goal", "add", "Keep going", "--question", "How?")
    started = cli("cycle", "next")
    assert started.code == 0 and "open goals came along" in started.out
    listed = cli("cycle", "list").out.splitlines()
    assert len(listed) == 2
    bad = cli("cycle", "bogus")
    assert bad.code == 2 and len(bad.err.splitlines()) == 1

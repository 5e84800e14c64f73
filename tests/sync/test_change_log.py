"""Every write marks its record pending in the same transaction, whichever path wrote it."""

from __future__ import annotations

import sqlite3

import pytest

from ilearn_tui.store import plan, sync_state
from ilearn_tui.store.bulk import bulk_write
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.reflections import add_reflection, delete_reflection, update_reflection
from ilearn_tui.store.sync_schema import sync_triggers
from ilearn_tui.store.trash import list_trash, restore


def _marks(journal: Journal) -> dict[tuple[str, str], str]:
    rows = journal.conn.execute("SELECT tbl, ref, op FROM sync_changes").fetchall()
    return {(t, r): op for t, r, op in rows}


def _clear(journal: Journal) -> None:
    with journal.write() as conn:
        conn.execute("DELETE FROM sync_changes")


def test_a_new_reflection_its_cycle_and_its_link_are_pending(journal: Journal) -> None:
    goal = plan.add_goal(journal, "Better questions")
    rid = add_reflection(journal, "Wait time worked.", tags=["questioning"], links={"goal_id": [goal]})
    marks = _marks(journal)
    assert marks[("reflections", rid)] == "put"
    assert marks[("goals", goal)] == "put"
    assert marks[("reflection_links", f"{rid}.{goal}...")] == "put"
    cycle = journal.conn.execute("SELECT cycle_id FROM reflections WHERE id = ?", (rid,)).fetchone()[0]
    assert marks[("cycles", cycle)] == "put"


def test_an_edit_a_tag_change_and_a_delete_mark_the_record(journal: Journal) -> None:
    rid = add_reflection(journal, "First words.")
    _clear(journal)
    day = journal.conn.execute("SELECT date FROM reflections WHERE id = ?", (rid,)).fetchone()[0]
    update_reflection(journal, rid, body="Second words.", title="", tags=[], stage=None, day=day)
    assert _marks(journal) == {("reflections", rid): "put"}
    _clear(journal)
    update_reflection(journal, rid, body="Second words.", title="", tags=["new"], stage=None, day=day)
    assert _marks(journal) == {("reflections", rid): "put"}
    _clear(journal)
    delete_reflection(journal, rid)
    assert _marks(journal) == {("reflections", rid): "delete"}
    _clear(journal)
    restore(journal, list_trash(journal)[0].id)
    assert _marks(journal) == {("reflections", rid): "put"}


def test_a_cascade_marks_every_record_it_takes(journal: Journal) -> None:
    goal = plan.add_goal(journal, "Better questions", questions=["Does wait time help?"])
    question = journal.conn.execute("SELECT id FROM questions").fetchone()[0]
    _clear(journal)
    from ilearn_tui.store.trash import move_to_trash

    move_to_trash(journal, "goals", goal, "goal", "Better questions")
    assert _marks(journal) == {("goals", goal): "delete", ("questions", question): "delete"}


def test_a_bulk_write_marks_its_records_and_keeps_the_triggers(journal: Journal) -> None:
    before = _trigger_sql(journal)
    with bulk_write(journal, index_at_end=True) as writer:
        cycle = writer.cycle_for("2026-01-05")
        ids = [
            writer.insert("reflections", {"cycle_id": cycle, "date": "2026-01-05", "body": f"entry {n}"})
            for n in range(3)
        ]
    assert {("reflections", i) for i in ids} <= set(_marks(journal))
    assert _trigger_sql(journal) == before
    assert set(sync_triggers()) <= set(before)


def test_a_write_that_rolls_back_leaves_no_mark(journal: Journal) -> None:
    _clear(journal)
    with pytest.raises(sqlite3.IntegrityError), journal.write() as conn:
        conn.execute(_DRAFT, ("x",))
        conn.execute(_DRAFT, ("y",))
    assert _marks(journal) == {}
    assert sync_state.pending_count(journal) == 0


_DRAFT = "INSERT INTO drafts(id, body, created_at, updated_at) VALUES ('d1', ?, '2026-01-01', '2026-01-01')"


def _trigger_sql(journal: Journal) -> dict[str, str]:
    rows = journal.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    return {str(n): str(s) for n, s in rows}


def test_a_tag_written_alone_marks_its_reflection(journal: Journal) -> None:
    from ilearn_tui.store.tags import write_tags

    rid = add_reflection(journal, "Words.")
    _clear(journal)
    with journal.write() as conn:
        write_tags(conn, rid, ["inquiry"])
    assert _marks(journal) == {("reflections", rid): "put"}


def test_each_write_finds_the_next_change_number_through_an_index(journal: Journal) -> None:
    """Every trigger asks for ``max(seq) + 1``; read by scanning the log, a bulk import of n
    records would read it n times (a 50,000-entry import took hours before the index)."""
    trigger = next(iter(sync_triggers().values()))
    asked = trigger[trigger.index("(SELECT coalesce(max(seq)") + 1 : trigger.index("FROM sync_changes)") + 17]
    plan_rows = journal.conn.execute(f"EXPLAIN QUERY PLAN {asked}").fetchall()
    steps = " / ".join(str(row[-1]) for row in plan_rows)
    assert "sync_changes_by_seq" in steps and "SCAN sync_changes" not in steps.replace("INDEX", ""), steps

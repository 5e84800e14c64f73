"""The store's one bulk-write path: index in step, one tag rule, all or nothing, triggers intact."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ilearn_tui.errors import IlearnError
from ilearn_tui.locations import resolve
from ilearn_tui.store import bulk
from ilearn_tui.store.bulk import BrokenRuleError, bulk_write
from ilearn_tui.store.drafts import draft_ids, save_draft
from ilearn_tui.store.journal import Journal, open_journal
from ilearn_tui.store.overview import count_records, is_empty, recent_reflections
from ilearn_tui.store.plan import add_activity, add_goal
from ilearn_tui.store.reflections import add_reflection, all_tags, get_reflection, update_reflection
from ilearn_tui.store.schema import search_triggers
from ilearn_tui.store.search import plain, search

INDEX = (
    "SELECT d.kind, i.title, i.body, i.tags FROM search_index i "
    "JOIN search_docs d ON d.docid = i.rowid ORDER BY d.kind, i.title"
)


def _index(journal: Journal) -> list[tuple[str, ...]]:
    return [tuple(row) for row in journal.conn.execute(INDEX)]


def _triggers(journal: Journal) -> list[tuple[str, str]]:
    sql = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    return [tuple(row) for row in journal.conn.execute(sql)]


@pytest.fixture
def reference(tmp_path: Path) -> Iterator[Journal]:
    """A second journal filled by the ordinary one-record-at-a-time functions."""
    journal = open_journal(resolve(tmp_path / "reference"))
    try:
        yield journal
    finally:
        journal.close()


def _bulk_fill(journal: Journal, *, index_at_end: bool) -> None:
    with bulk_write(journal, index_at_end=index_at_end) as writer:
        cycle = writer.cycle_for("2025-01-10")
        goal = writer.insert("goals", {"cycle_id": cycle, "title": "Wait time", "why": "quiet voices"})
        writer.insert(
            "activities",
            {
                "cycle_id": cycle,
                "type": "workshop",
                "title": "Coaching cycle",
                "date": "2025-01-12",
                "provider": "District office",
            },
        )
        for n, tags in enumerate((["Questioning", "wait"], ["questioning", "QUESTIONING"], [])):
            row = {
                "cycle_id": cycle,
                "date": f"2025-01-1{n}",
                "time": "09:00",
                "title": f"Entry {n}",
                "body": f"Body about pauses {n}",
            }
            reflection = writer.insert("reflections", row)
            writer.set_tags(reflection, tags)
            writer.link("reflection_links", {"reflection_id": reflection, "goal_id": goal})


def _one_by_one(journal: Journal) -> None:
    add_goal(journal, "Wait time", why="quiet voices", cycle_id=journal.cycle_for("2025-01-10"))
    add_activity(journal, "workshop", "Coaching cycle", day="2025-01-12", provider="District office")
    for n, tags in enumerate((["Questioning", "wait"], ["questioning", "QUESTIONING"], [])):
        add_reflection(
            journal,
            f"Body about pauses {n}",
            title=f"Entry {n}",
            tags=tags,
            day=f"2025-01-1{n}",
            time="09:00",
        )


@pytest.mark.parametrize("index_at_end", [True, False])
def test_the_index_matches_the_one_by_one_path(
    journal: Journal, reference: Journal, index_at_end: bool
) -> None:
    _bulk_fill(journal, index_at_end=index_at_end)
    _one_by_one(reference)
    assert _index(journal) == _index(reference)
    assert [h.kind for h in search(journal, "pauses")] == ["reflection"] * 3
    assert [plain(h.title) for h in search(journal, "district")] == ["Coaching cycle"]


def test_tags_that_differ_in_case_are_one_tag(journal: Journal) -> None:
    _bulk_fill(journal, index_at_end=True)
    assert dict(all_tags(journal)) == {"Questioning": 2, "wait": 1}
    second = journal.conn.execute("SELECT id FROM reflections WHERE title = 'Entry 1'").fetchone()[0]
    reflection = get_reflection(journal, second)
    assert reflection is not None and reflection.tags == ["Questioning"]


def test_a_bad_row_saves_nothing_and_leaves_the_triggers(journal: Journal) -> None:
    add_reflection(journal, "Already here", tags=["kept"])
    before_index, before_triggers = _index(journal), _triggers(journal)
    with (
        pytest.raises(BrokenRuleError, match=r"CHECK constraint failed"),
        bulk_write(journal, index_at_end=True) as writer,
    ):
        cycle = writer.cycle_for("2019-03-01")  # a new cycle: it must roll back too
        row = {"cycle_id": cycle, "date": "2019-03-01", "time": "09:00", "title": "ok", "body": "fine"}
        writer.set_tags(writer.insert("reflections", row), ["new-tag"])
        writer.insert(
            "activities",
            {
                "cycle_id": cycle,
                "type": "workshop",
                "title": "Bad",
                "date": "2019-03-02",
                "status": "not a status",
            },
        )
    assert count_records(journal, "reflections") == 1
    assert count_records(journal, "cycles") == 1
    assert dict(all_tags(journal)) == {"kept": 1}
    assert _index(journal) == before_index
    assert _triggers(journal) == before_triggers


def test_a_normal_write_after_a_bulk_write_is_searchable(journal: Journal) -> None:
    _bulk_fill(journal, index_at_end=True)
    assert [name for name, _ in _triggers(journal) if name in search_triggers()] == sorted(search_triggers())
    add_reflection(journal, "Tried a gallery walk", tags=["strategies"])
    assert [plain(h.title) for h in search(journal, "gallery")] == ["Tried a gallery walk"]
    assert len(search(journal, "strategies")) == 1
    first = journal.conn.execute("SELECT id FROM reflections WHERE title = 'Entry 0'").fetchone()[0]
    update_reflection(
        journal,
        first,
        body="Now about exit tickets",
        title="Entry 0",
        tags=["exit"],
        stage=None,
        day="2025-01-10",
    )
    assert [plain(h.title) for h in search(journal, "tickets")] == ["Entry 0"]
    assert len(search(journal, "exit")) == 1


def test_retagging_a_reflection_indexed_before_the_bulk_write(journal: Journal) -> None:
    earlier = add_reflection(journal, "Written by hand", tags=["old"])
    with bulk_write(journal, index_at_end=True) as writer:
        writer.set_tags(earlier, ["fresh"], replace=True)
    assert len(search(journal, "fresh")) == 1
    assert search(journal, "old") == []


def test_journal_triggers_unlike_the_schema_take_the_trigger_path(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk, "search_triggers", lambda: {"no_such_trigger": "CREATE TRIGGER x"})
    before = _triggers(journal)
    _bulk_fill(journal, index_at_end=True)
    assert _triggers(journal) == before
    assert len(search(journal, "pauses")) == 3


@pytest.mark.parametrize("table", ["tags", "reflection_tags", "search_docs", "meta", "sqlite_master"])
def test_tags_and_the_index_cannot_be_written_as_rows(journal: Journal, table: str) -> None:
    with pytest.raises(ValueError, match="cannot be written in bulk"), bulk_write(journal) as writer:
        writer.insert(table, {"name": "x"})
    with pytest.raises(ValueError, match="not a link table"), bulk_write(journal) as writer:
        writer.link(table, {"name": "x"})


def test_rows_of_one_insert_must_name_the_same_fields(journal: Journal) -> None:
    cycle = journal.cycle_for("2025-01-10")
    with pytest.raises(ValueError, match="same fields"), bulk_write(journal) as writer:
        writer.insert_many("goals", [{"cycle_id": cycle, "title": "a"}, {"title": "b", "cycle_id": cycle}])
    assert count_records(journal, "goals") == 0


def test_insert_new_skips_records_already_there(journal: Journal) -> None:
    cycle = journal.cycle_for("2025-01-10")
    with bulk_write(journal) as writer:
        values = {"id": "g1", "cycle_id": cycle, "title": "Once", "created_at": "x", "updated_at": "x"}
        assert writer.insert_new("goals", values) == "added"
        assert writer.insert_new("goals", values) == "same"
        assert writer.insert_new("goals", {**values, "title": "Other"}) == "different"
        assert writer.exists("goals", "g1") and not writer.exists("goals", "g2")
    assert count_records(journal, "goals") == 1
    assert journal.conn.execute("SELECT title FROM goals").fetchone()[0] == "Once"


def test_insert_new_never_drops_a_row_that_breaks_a_rule(journal: Journal) -> None:
    """A CHECK violation is an error, not a row "already there" (INSERT OR IGNORE hid it)."""
    cycle = journal.cycle_for("2025-01-10")
    values = {
        "id": "g1",
        "cycle_id": cycle,
        "title": "T",
        "status": "weird",
        "created_at": "x",
        "updated_at": "x",
    }
    with pytest.raises(IlearnError, match="CHECK"), bulk_write(journal) as writer:
        writer.insert_new("goals", values)
    assert count_records(journal, "goals") == 0


def test_a_missing_reference_is_named(journal: Journal) -> None:
    with pytest.raises(IlearnError, match="nothing"), bulk_write(journal) as writer:
        writer.defer_foreign_keys()
        writer.insert("questions", {"goal_id": "no-such-goal", "text": "orphan"})
        broken = writer.broken_reference()
        assert broken == ("questions", "goals")
        raise IlearnError("nothing was imported")
    assert count_records(journal, "questions") == 0


def test_the_small_store_reads(journal: Journal) -> None:
    assert is_empty(journal)
    with pytest.raises(ValueError):
        count_records(journal, "reflections; DROP TABLE goals")
    add_reflection(journal, "Older", day="2025-01-01", time="08:00")
    add_reflection(journal, "Newer", day="2025-02-01", time="08:00")
    assert not is_empty(journal)
    assert recent_reflections(journal, 1) == [("2025-02-01", "Newer")]
    save_draft(journal, "d1", "reflection", "t", "b")
    assert draft_ids(journal) == ["d1"]
    version = journal.data_version()
    with open_journal(journal.locations) as other:
        add_reflection(other, "From another window")
    assert journal.data_version() != version

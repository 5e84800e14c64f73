"""Deletes are recoverable: a record and everything that went with it come back."""

from __future__ import annotations

from ilearn_tui.domain.forms import KINDS
from ilearn_tui.store import plan
from ilearn_tui.store.evidence import add_evidence
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.records import delete_record, get_record
from ilearn_tui.store.reflections import add_reflection, delete_reflection, get_reflection
from ilearn_tui.store.search import search
from ilearn_tui.store.trash import list_trash, purge, restore
from tests.sample_journal import fill


def snapshot(journal: Journal) -> str:
    from ilearn_tui.portfolio.json_export import dumps, journal_document

    return dumps(journal_document(journal)[0])


def test_a_goal_comes_back_with_its_questions_checks_and_links(journal: Journal) -> None:
    fill(journal)
    before = snapshot(journal)
    goal = journal.conn.execute("SELECT id FROM goals ORDER BY created_at LIMIT 1").fetchone()[0]
    delete_record(journal, KINDS["goal"], goal)
    assert get_record(journal, KINDS["goal"], goal) is None
    assert journal.conn.execute("SELECT count(*) FROM checks WHERE goal_id = ?", (goal,)).fetchone()[0] == 0
    assert journal.conn.execute("SELECT count(*) FROM evidence WHERE goal_id = ?", (goal,)).fetchone()[0] == 0
    [item] = list_trash(journal)
    assert item.kind == "goal" and "student talk" in item.label
    restore(journal, item.id)
    assert snapshot(journal) == before
    assert list_trash(journal) == []


def test_a_reflection_comes_back_searchable_with_tags(journal: Journal) -> None:
    goal = plan.add_goal(journal, "Feedback")
    rid = add_reflection(journal, "Peer feedback on lab reports", tags=["labs"], links={"goal_id": [goal]})
    trash_id = delete_reflection(journal, rid)
    assert search(journal, "lab") == []
    restore(journal, trash_id)
    back = get_reflection(journal, rid)
    assert back is not None and back.tags == ["labs"]
    assert [h.id for h in search(journal, "labs")] == [rid]


def test_evidence_links_set_to_null_are_put_back(journal: Journal) -> None:
    goal = plan.add_goal(journal, "Engagement")
    evidence = add_evidence(journal, "https://example.org/a", title="Survey", goal_id=goal)
    trash_id = delete_record(journal, KINDS["goal"], goal)
    assert (
        journal.conn.execute("SELECT goal_id FROM evidence WHERE id = ?", (evidence,)).fetchone()[0] is None
    )
    restore(journal, trash_id)
    assert (
        journal.conn.execute("SELECT goal_id FROM evidence WHERE id = ?", (evidence,)).fetchone()[0] == goal
    )


def test_purge_empties_the_trash(journal: Journal) -> None:
    rid = add_reflection(journal, "temporary")
    delete_reflection(journal, rid)
    assert purge(journal, older_than_days=1) == 0
    assert purge(journal) == 1
    assert list_trash(journal) == []

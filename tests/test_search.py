"""Full-text search: ranked, highlighted, and kept in step with every change."""

from __future__ import annotations

import pytest

from ilearn_tui.locations import Locations
from ilearn_tui.store import plan
from ilearn_tui.store.backup import list_backups
from ilearn_tui.store.journal import Journal, open_journal
from ilearn_tui.store.reflections import add_reflection, delete_reflection, update_reflection
from ilearn_tui.store.search import MARK_START, plain, search, to_fts_query
from tests.helpers.journals import UNDO_AFTER_V6


def kinds_and_ids(journal: Journal, text: str) -> list[tuple[str, str]]:
    return [(h.kind, h.id) for h in search(journal, text)]


def test_insert_update_delete_stay_in_step(journal: Journal) -> None:
    rid = add_reflection(journal, "Tried gallery walks with the seventh grade")
    assert kinds_and_ids(journal, "gallery") == [("reflection", rid)]
    update_reflection(
        journal,
        rid,
        body="Tried jigsaw groups instead",
        title="Jigsaw",
        tags=[],
        stage=None,
        day="2025-10-01",
    )
    assert kinds_and_ids(journal, "gallery") == []
    assert kinds_and_ids(journal, "jigsaw") == [("reflection", rid)]
    delete_reflection(journal, rid)
    assert kinds_and_ids(journal, "jigsaw") == []
    assert journal.conn.execute("SELECT count(*) FROM search_docs").fetchone()[0] == 0


def test_every_kind_of_record_is_searchable(journal: Journal) -> None:
    goal = plan.add_goal(journal, "Formative assessment", questions=["Do hinge questions help?"])
    activity = plan.add_activity(journal, "book", "Embedded formative assessment study")
    from ilearn_tui.store.evidence import add_evidence

    evidence = add_evidence(journal, "https://example.org/hinge", title="Hinge question bank")
    found = set(kinds_and_ids(journal, "hinge"))
    question_id = journal.conn.execute("SELECT id FROM questions").fetchone()[0]
    assert ("question", question_id) in found
    assert ("evidence", evidence) in found
    assert {k for k, _ in kinds_and_ids(journal, "formative")} == {"goal", "activity"}
    assert goal and activity


def test_tags_are_searchable_and_follow_changes(journal: Journal) -> None:
    rid = add_reflection(journal, "Plain text", tags=["mindfulness"])
    assert kinds_and_ids(journal, "mindfulness") == [("reflection", rid)]
    update_reflection(journal, rid, body="Plain text", title="", tags=["other"], stage=None, day="2025-10-01")
    assert kinds_and_ids(journal, "mindfulness") == []


def test_ranking_prefers_titles_and_repeated_terms(journal: Journal) -> None:
    add_reflection(journal, "A long day. We also mentioned feedback once.", title="Tuesday")
    best = add_reflection(journal, "Feedback, feedback and more feedback.", title="Feedback loops")
    assert search(journal, "feedback")[0].id == best


def test_snippets_mark_the_matches(journal: Journal) -> None:
    add_reflection(journal, "Students used exit tickets to show what they learnt today.")
    hit = search(journal, "tickets")[0]
    assert MARK_START + "tickets" in hit.snippet
    assert "tickets" in plain(hit.snippet)


def test_prefix_and_unicode_matching(journal: Journal) -> None:
    rid = add_reflection(journal, "Élèves très engagés pendant la séance")
    assert kinds_and_ids(journal, "eleves") == [("reflection", rid)]
    assert kinds_and_ids(journal, "engag") == [("reflection", rid)]


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "AND",
        "OR NOT",
        "*",
        "a:b",
        "(unclosed",
        "NEAR(x y",
        "^",
        "-",
        "'; DROP TABLE x; --",
        "\x1b[31m",
        "",
    ],
)
def test_hostile_queries_never_fail(journal: Journal, query: str) -> None:
    add_reflection(journal, "something to find")
    search(journal, query)  # must not raise


def test_query_words_are_quoted() -> None:
    assert to_fts_query('wait "time" OR') == '"wait"* "time"* "OR"*'


def test_limit_and_offset(journal: Journal) -> None:
    for n in range(5):
        add_reflection(journal, f"rubric number {n}")
    assert len(search(journal, "rubric", limit=3)) == 3
    assert len(search(journal, "rubric", limit=3, offset=3)) == 2


def test_each_prefix_of_a_word_finds_it(journal: Journal) -> None:
    rid = add_reflection(journal, "My intentions for the unit were unclear.")
    for end in range(3, len("intentions") + 1):
        assert kinds_and_ids(journal, "intentions"[:end]) == [("reflection", rid)], "intentions"[:end]


def test_upgrading_a_version_2_journal_rebuilds_the_index(journal: Journal) -> None:
    from ilearn_tui.store.connection import prepare
    from ilearn_tui.store.journal import Journal as J
    from ilearn_tui.store.schema import SCHEMA_VERSION

    rid = add_reflection(journal, "Investigations with intentions", tags=["science"])
    conn = journal.conn
    conn.executescript(
        "DROP TABLE search_index;"
        "CREATE VIRTUAL TABLE search_index USING fts5(title, body, tags, tokenize = 'porter unicode61');"
        "DROP INDEX reflection_links_once;"
        "PRAGMA user_version = 2;" + UNDO_AFTER_V6
    )
    prepare(conn, journal.locations.db_path, journal.locations.backups_dir)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    upgraded = J(conn, journal.locations)
    assert [(h.kind, h.id) for h in search(upgraded, "intentio")] == [("reflection", rid)]
    assert [(h.kind, h.id) for h in search(upgraded, "science")] == [("reflection", rid)]
    assert list(journal.locations.backups_dir.glob("*before-upgrade-v2*"))


def test_a_search_alone_takes_no_automatic_backup(locations: Locations) -> None:
    """The marking window is a temporary table; filling it must not count as a change."""
    with open_journal(locations) as first:
        add_reflection(first, "Tried gallery walks with the seventh grade")
    for copy in list_backups(locations.backups_dir):
        copy.unlink()
    with open_journal(locations) as reading:
        assert search(reading, "gallery")
        assert not reading.changed
    assert list_backups(locations.backups_dir) == []
    with open_journal(locations) as writing:  # the same close after a real write does back up
        add_reflection(writing, "Tried jigsaw groups")
    assert len(list_backups(locations.backups_dir)) == 1

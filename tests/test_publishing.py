"""Publishing to a group from the command line: the copy a colleague reads, what never leaves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ilearn_tui.locations import resolve
from ilearn_tui.store.journal import open_journal
from ilearn_tui.store.publications import outbox
from tests.helpers.cli import ok
from tests.helpers.groups import plc, refused, rows, run

__all__ = ["plc"]  # a fixture: pytest finds it by its name here


def test_publishing_stores_a_redacted_copy_and_records_a_share(home: Path, plc: str) -> None:
    home.joinpath("config").mkdir(parents=True, exist_ok=True)
    home.joinpath("config", "settings.json").write_text(json.dumps({"redact_names": ["Jordan Lee"]}))
    rid = ok(run(home, "reflect", "Jordan Lee asked the best question today.", "--stage", "3"))
    pid = ok(run(home, "publish", rid[:8], "--to", "grade"))
    journal = open_journal(resolve(home))
    journal.auto_backup = False
    try:
        (item,) = outbox(journal, plc)
        author = journal.get_meta("journal_id")
    finally:
        journal.close()
    assert item["id"] == pid and item["author_id"] == author and author
    assert item["kind"] == "reflection" and item["stage"] == 3
    assert "Jordan" not in item["title"] + item["body"] and "[redacted]" in item["body"]
    assert set(item) == {
        "id",
        "author_id",
        "kind",
        "title",
        "body",
        "date",
        "stage",
        "published_at",
        "in_reply_to",
        "to_author",
    }
    shares = rows(home, "SELECT audience, venue, title, group_id FROM shares")
    assert shares == [("local", "Grade 7 PLC", item["title"], plc)]
    # Again: the copy is replaced, not doubled, and no second share is recorded.
    assert ok(run(home, "publish", rid, "--to", plc[:8])) == pid
    assert rows(home, "SELECT count(*) FROM publications") == [(1,)]
    assert rows(home, "SELECT count(*) FROM shares") == [(1,)]
    assert pid[:8] in ok(run(home, "group", "show", "Grade"))


def test_a_goal_is_published_with_its_why_measure_and_questions(home: Path, plc: str) -> None:
    gid = ok(
        run(
            home,
            "goal",
            "add",
            "Better questions",
            "--why",
            "Students think aloud",
            "--measure",
            "exit tickets",
            "--question",
            "Does wait time help?",
        )
    )
    ok(run(home, "publish", gid, "--to", "Grade"))
    ((kind, title, body, stage),) = rows(home, "SELECT kind, title, body, stage FROM publications")
    assert (kind, title, stage) == ("goal", "Better questions", 2)
    assert "Students think aloud" in body and "exit tickets" in body and "- Does wait time help?" in body


def test_an_activity_in_a_group_is_published_with_its_type_and_hours(home: Path, plc: str) -> None:
    aid = ok(run(home, "log", "workshop", "PLC meeting", "--hours", "1.5", "--group", "Grade"))
    assert rows(home, "SELECT group_id FROM activities") == [(plc,)]
    ok(run(home, "publish", aid, "--to", "Grade"))
    ((kind, body, stage),) = rows(home, "SELECT kind, body, stage FROM publications")
    assert kind == "activity" and stage == 3 and "**Hours:** 1.5" in body and "Workshop" in body


def test_what_must_stay_home_is_refused(home: Path, plc: str, tmp_path: Path) -> None:
    rid = ok(run(home, "reflect", "Only for me."))
    with open_journal(resolve(home)) as journal, journal.write() as conn:
        conn.execute("UPDATE reflections SET private = 1 WHERE id = ?", (rid,))
    assert "private" in refused(home, 1, "publish", rid, "--to", "Grade")
    photo = tmp_path / "class.txt"
    photo.write_text("names of students")
    eid = ok(run(home, "evidence", "add", str(photo), "--student-info"))
    assert "student information" in refused(home, 1, "publish", eid, "--to", "Grade")
    vision = ok(run(home, "reflect", "A shareable one."))
    ok(run(home, "group", "add", "Team"))
    assert "no shared repository" in refused(home, 1, "publish", vision, "--to", "Team")
    assert "no group matches" in refused(home, 1, "publish", vision, "--to", "Nope")
    ok(run(home, "profile", "--name", ""))
    assert "ilearn profile --name" in refused(home, 1, "publish", vision, "--to", "Grade")
    assert rows(home, "SELECT count(*) FROM publications") == [(0,)]


def test_unpublish_moves_the_copy_to_the_trash_and_keeps_the_share(home: Path, plc: str) -> None:
    rid = ok(run(home, "reflect", "Worth sharing."))
    ok(run(home, "publish", rid, "--to", "Grade"))
    assert "Withdrew" in ok(run(home, "unpublish", rid[:8]))
    assert rows(home, "SELECT count(*) FROM publications") == [(0,)]
    assert rows(home, "SELECT count(*) FROM shares") == [(1,)]
    assert rows(home, "SELECT kind FROM trash") == [("publication",)]


def _records_of_every_kind(home: Path, tmp_path: Path) -> dict[str, str]:
    """One record of each kind that can be published, by kind name."""
    from ilearn_tui.domain.forms import KINDS
    from ilearn_tui.store.records import save_record

    goal = ok(run(home, "goal", "add", "Better questions", "--question", "Does wait time help?"))
    made = {
        "goal": goal,
        "activity": ok(run(home, "log", "book", "Visible Learning", "--hours", "2")),
        "check": ok(
            run(home, "check", goal, "--indicator", "engagement", "--rating", "4", "--note", "More hands")
        ),
        "share": ok(
            run(home, "share", "add", "Talk", "--venue", "Staff room", "--link", "https://example.org/t")
        ),
        "evidence": ok(run(home, "evidence", "add", "https://example.org/plan", "--title", "Unit plan")),
        "reflection": ok(run(home, "reflect", "Wait time helps.")),
    }
    with open_journal(resolve(home)) as journal:
        made["question"] = str(journal.conn.execute("SELECT id FROM questions").fetchone()[0])
        cycle = journal.cycle_for("2026-12-01")
        made["innovation"] = save_record(
            journal,
            KINDS["innovation"],
            {
                "title": "Think-pair-share",
                "plan": "Pairs first",
                "act": "Tried it",
                "kind": "action research",
                "phase": "act",
            },
            cycle_id=cycle,
        )
    return made


@pytest.mark.parametrize(
    ("source", "kind", "stage", "reads"),
    [
        ("reflection", "reflection", None, "Wait time helps."),
        ("goal", "goal", 2, "- Does wait time help?"),
        ("question", "question", 2, "Better questions"),
        ("activity", "activity", 3, "Book study"),
        ("innovation", "check", 4, "### Act\n\nTried it"),
        ("check", "check", 4, "**Self-rating:** 4 of 5"),
        ("evidence", "evidence", 4, "https://example.org/plan"),
        ("share", "share", 5, "**Where:** Staff room"),
    ],
)
def test_every_kind_that_may_leave_is_published_as_a_colleague_reads_it(
    home: Path, plc: str, tmp_path: Path, source: str, kind: str, stage: int | None, reads: str
) -> None:
    made = _records_of_every_kind(home, tmp_path)
    pid = ok(run(home, "publish", made[source], "--to", "Grade"))
    ((got_kind, got_stage, body, source_id),) = rows(
        home, f"SELECT kind, stage, body, source_id FROM publications WHERE id = '{pid}'"
    )
    assert (got_kind, got_stage, source_id) == (kind, stage, made[source])
    assert reads in body


def test_a_vision_cannot_be_published(home: Path, plc: str) -> None:
    from ilearn_tui.domain.forms import KINDS
    from ilearn_tui.store.records import save_record

    with open_journal(resolve(home)) as journal:
        cycle = journal.cycle_for("2026-12-01")
        vid = save_record(journal, KINDS["vision"], {"body": "Curious students"}, cycle_id=cycle)
    assert "cannot be published" in refused(home, 1, "publish", vid, "--to", "Grade")


def test_an_unreadable_redaction_list_stops_publishing(home: Path, plc: str) -> None:
    rid = ok(run(home, "reflect", "Jordan asked."))
    home.joinpath("config").mkdir(parents=True, exist_ok=True)
    home.joinpath("config", "settings.json").write_text('{"redact_names": "Jordan"}')
    assert "redact" in refused(home, 1, "publish", rid, "--to", "Grade")


def test_terminal_escapes_never_reach_the_copy(home: Path, plc: str) -> None:
    rid = ok(run(home, "reflect", "Red \x1b[31malert\x1b[0m and a \u202eflip", "--title", "T\x1b]0;x\x07"))
    assert "\x1b" in rows(home, "SELECT body FROM reflections")[0][0]  # kept in her own journal
    ok(run(home, "publish", rid, "--to", "Grade"))
    ((title, body),) = rows(home, "SELECT title, body FROM publications")
    for text in (title, body):
        assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "alert" in body


def test_a_reply_waits_in_the_outbox_naming_the_item_and_its_author(home: Path, plc: str) -> None:
    from ilearn_tui.store.publications import save_reply

    item, author = "0f6c1d1e-8e0a-4c55-9d43-5b1f9a3c2e10", "9a0b7c55-2d1e-4f3a-8b6c-1e2d3f4a5b6c"
    with open_journal(resolve(home)) as journal:
        rid = save_reply(journal, plc, item, author, "Re: wait time", "Same in my class.")
        (got,) = outbox(journal, plc)
    assert (got["id"], got["kind"], got["in_reply_to"], got["to_author"]) == (rid, "reply", item, author)
    assert got["stage"] is None and got["body"] == "Same in my class."
    assert rows(home, "SELECT count(*) FROM shares") == [(0,)]
    ok(run(home, "unpublish", rid))
    assert rows(home, "SELECT count(*) FROM publications") == [(0,)]

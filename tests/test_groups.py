"""Groups, publishing and the teacher's profile from the command line: the happy paths and the refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ilearn_tui.locations import resolve
from ilearn_tui.store.journal import open_journal
from ilearn_tui.store.publications import outbox
from tests.helpers.cli import Result, invoke, ok, run_ilearn, snapshot


def run(home: Path, *args: str) -> Result:
    return invoke(*args, home=home)


def rows(home: Path, sql: str) -> list[tuple[object, ...]]:
    journal = open_journal(resolve(home))
    journal.auto_backup = False
    try:
        return [tuple(r) for r in journal.conn.execute(sql)]
    finally:
        journal.close()


def refused(home: Path, code: int, *args: str) -> str:
    """Run a command that must fail with one ``ilearn:`` line and leave the journal as it was."""
    before = snapshot(home)
    result = run(home, *args)
    assert result.code == code, result
    assert result.err.count("\n") == 1 and result.err.startswith("ilearn: "), result.err
    assert "Traceback" not in result.err
    assert snapshot(home) == before
    return result.err


@pytest.fixture
def plc(home: Path, tmp_path: Path) -> str:
    """A group with two members and a folder repository, and a teacher with a name."""
    ok(run(home, "profile", "--name", "Sam Rivera"))
    group_id = ok(
        run(
            home,
            "group",
            "add",
            "Grade 7 PLC",
            "--kind",
            "plc",
            "--member",
            "Ana Lopez",
            "--member",
            "J. Smith",
        )
    )
    ok(run(home, "group", "setup", "Grade 7", str(tmp_path / "plc-repo")))
    return group_id


def test_a_group_is_added_listed_and_set_up(home: Path, tmp_path: Path) -> None:
    group_id = ok(run(home, "group", "add", "Book study", "--kind", "book", "--member", "Ana Lopez"))
    listed = ok(run(home, "group", "list"))
    assert "Book study (book-study) · Ana Lopez · not set up" in listed
    repo = tmp_path / "shared" / "book"
    (tmp_path / "shared").mkdir()
    ok(run(home, "group", "setup", group_id[:8], str(repo)))
    assert (repo / "HEAD").is_file()  # an empty folder became a bare repository
    data = json.loads(ok(run(home, "group", "list", "--json")))
    assert data == [
        {
            "id": group_id,
            "name": "Book study",
            "kind": "book-study",
            "members": ["Ana Lopez"],
            "remote": str(repo),
        }
    ]


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (("group", "add", "  "), 2, "needs a name"),
        (("group", "add", "Team", "--kind", "bok"), 2, "--kind"),
        (("group", "add", "Team", "--member", ""), 2, "member"),
        (("group", "add", "grade 7 plc"), 2, "already a group"),
        (("group", "setup", "nope", "/tmp/x"), 1, "no group matches"),
        (("group", "setup", "Grade 7", "ftp://example.org/x"), 1, "not a remote"),
        (("group", "setup", "Grade 7", " "), 1, "the remote is empty"),
        (("group", "show", "Grade 8"), 1, "did you mean 'Grade 7 PLC'"),
        (("log", "workshop", "Meeting", "--group", "nope"), 1, "no group matches"),
        (("publish", "abcd1234", "--to", "Grade 7"), 1, "no record"),
        (("unpublish", "abcd1234"), 1, "nothing you published"),
        (("unpublish", "ab"), 2, "too short"),
        (("profile", "--name", "x" * 200), 2, "120"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    home: Path, plc: str, args: tuple[str, ...], code: int, says: str
) -> None:
    assert says in refused(home, code, *args)


def test_a_folder_holding_other_files_is_refused(home: Path, plc: str, tmp_path: Path) -> None:
    ok(run(home, "group", "add", "Team"))
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "notes.txt").write_text("mine")
    assert "not a sync repository" in refused(home, 1, "group", "setup", "Team", str(junk))
    assert (junk / "notes.txt").read_text() == "mine" and len(list(junk.iterdir())) == 1


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


def test_the_profile_is_shown_and_set(home: Path) -> None:
    assert "Name: (not set)" in ok(run(home, "profile"))
    shown = ok(run(home, "profile", "--name", "  Ana   Lopez ", "--school", "Lincoln Middle"))
    assert "Name: Ana Lopez" in shown and "School: Lincoln Middle" in shown


def test_the_installed_command_publishes(home: Path, tmp_path: Path) -> None:
    """One real process: the console script, its exit status and its id on stdout."""
    ok(run_ilearn("profile", "--name", "Sam", home=home))
    ok(run_ilearn("group", "add", "Cohort A", "--kind", "cohort", home=home))
    ok(run_ilearn("group", "setup", "Cohort", str(tmp_path / "cohort"), home=home))
    rid = ok(run_ilearn("reflect", "Shared in the cohort.", home=home))
    pid = ok(run_ilearn("publish", rid, "--to", "Cohort", home=home))
    assert len(pid) == 36
    assert ok(run_ilearn("group", "--help", home=home)).count("setup") >= 1


@pytest.mark.parametrize("suffix", ["json", "zip"])
def test_groups_and_publications_round_trip_through_an_export(
    home: Path, plc: str, tmp_path: Path, suffix: str
) -> None:
    rid = ok(run(home, "reflect", "Worth sharing."))
    ok(run(home, "log", "book", "Chapter 3", "--group", "Grade"))
    ok(run(home, "publish", rid, "--to", "Grade"))
    target = tmp_path / f"all.{suffix}"
    ok(run(home, "export", "--out", str(target), "--include-private"))
    other = tmp_path / "new-computer"
    ok(run(other, "import", str(target)))
    for sql in (
        "SELECT id, name, kind, remote FROM groups",
        "SELECT group_id, name FROM group_members ORDER BY name",
        "SELECT id, group_id, source_id, kind, title, body, date, stage, published_at FROM publications",
        "SELECT title, group_id FROM activities",
        "SELECT title, venue, group_id FROM shares",
    ):
        assert rows(other, sql) == rows(home, sql), sql
    # The portfolio shows the reflection and the share publishing recorded, never the copy itself:
    assert ok(run(home, "export", "--format", "md")).count("Worth sharing") == 3  # heading, text, share


def test_a_share_is_added_from_the_shell_in_a_group(home: Path, plc: str) -> None:
    gid = ok(run(home, "goal", "add", "Better questions"))
    sid = ok(
        run(
            home,
            "share",
            "add",
            "Talk on wait time",
            "--venue",
            "Staff meeting",
            "--goal",
            "Better",
            "--group",
            "Grade",
            "--date",
            "2026-11-30",
            "--audience",
            "glob",
        )
    )
    assert rows(home, "SELECT id, audience, venue, date, group_id FROM shares") == [
        (sid, "global", "Staff meeting", "2026-11-30", plc)
    ]
    assert rows(home, "SELECT share_id, goal_id FROM share_goals") == [(sid, gid)]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("share",), "needs an action"),
        (("share", "add", " "), "TITLE"),
        (("share", "add", "T", "--audience", "wor"), "--audience"),
        (("share", "add", "T", "--link", "ftp://x"), "--link"),
        (("share", "add", "T", "--date", "2026-13-01"), "--date"),
    ],
)
def test_a_bad_share_is_refused(home: Path, args: tuple[str, ...], says: str) -> None:
    ok(run(home, "profile"))  # the journal exists, so "unchanged" compares two files
    assert says in refused(home, 2, *args)


def test_a_share_in_an_unknown_group_is_refused(home: Path, plc: str) -> None:
    assert "no group matches" in refused(home, 1, "share", "add", "T", "--group", "Nope")


def test_a_deleted_group_takes_its_members_and_publications_and_comes_back(home: Path, plc: str) -> None:
    aid = ok(run(home, "log", "workshop", "PLC meeting", "--group", "Grade"))
    ok(run(home, "publish", aid, "--to", "Grade"))
    before = snapshot(home)
    said = ok(run(home, "group", "delete", "Grade"))
    assert rows(
        home,
        "SELECT count(*) FROM groups UNION ALL SELECT count(*) FROM group_members "
        "UNION ALL SELECT count(*) FROM publications",
    ) == [(0,), (0,), (0,)]
    assert rows(home, "SELECT id, group_id FROM activities") == [(aid, None)]
    trash_id = said.rsplit(" ", 1)[1]
    ok(run(home, "trash", "restore", trash_id))
    assert snapshot(home) == before


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


def test_two_groups_never_share_one_repository(home: Path, plc: str, tmp_path: Path) -> None:
    ok(run(home, "group", "add", "Team"))
    says = refused(home, 2, "group", "setup", "Team", str(tmp_path / "plc-repo"))
    assert "'Grade 7 PLC' already shares" in says


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

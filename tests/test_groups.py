"""Groups, shares and the teacher's profile from the command line: the happy paths and the refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.cli import ok, run_ilearn, snapshot
from tests.helpers.groups import plc, refused, rows, run

__all__ = ["plc"]  # a fixture: pytest finds it by its name here


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


def test_two_groups_never_share_one_repository(home: Path, plc: str, tmp_path: Path) -> None:
    ok(run(home, "group", "add", "Team"))
    says = refused(home, 2, "group", "setup", "Team", str(tmp_path / "plc-repo"))
    assert "'Grade 7 PLC' already shares" in says

"""``ilearn edit ID``: a record in ``$EDITOR`` as text, checked by the forms' rules on the way back.

Edits run a real editor process (``tests.helpers.records.EDITOR``) that rewrites the file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ilearn_tui.domain import forms
from tests.helpers.cli import Result, assert_fails, ok, snapshot, tables
from tests.helpers.records import (
    ACTIVITY,
    GOAL,
    RECORDS,
    TODAY,
    TWINS,
    edit,
    rid,
    without_drafts,
)

Cli = Callable[..., Result]




# --- edit -------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", sorted(RECORDS))
def test_an_unchanged_file_changes_nothing(ilearn: Cli, home: Path, seeded: str, kind: str) -> None:
    result = ilearn("edit", RECORDS[kind][0][:8], env={"EDITOR": "true"})
    assert ok(result) == ""
    assert "no change" in result.err
    assert snapshot(home) == seeded


def test_edit_a_goal_field_and_a_section(ilearn: Cli, home: Path, seeded: str, editor: str) -> None:
    result = edit(
        ilearn,
        editor,
        GOAL[:8],
        ("status: open", "status: achieved"),
        ("## What success will look like\n", "## What success will look like\nHalf the class asks.\n"),
    )
    assert ok(result) == GOAL
    assert "Saved goal “Better questioning”" in result.err
    (goal,) = (g for g in tables(home)["goals"] if g["id"] == GOAL)
    assert (goal["status"], goal["success_indicators"], goal["why"]) == (
        "achieved",
        "Half the class asks.",
        "Students think first.",
    )


def test_edit_an_activity_by_the_forms_rules(ilearn: Cli, home: Path, seeded: str, editor: str) -> None:
    """Hours as typed, a date by the one date rule, the goal link dropped."""
    pairs = (("hours: 2", "hours: 7.5"), (f"date: {TODAY}", "date: 20240915"), (f"goals: {GOAL}", "goals:"))
    ok(edit(ilearn, editor, ACTIVITY, *pairs))
    (activity,) = (a for a in tables(home)["activities"] if a["id"] == ACTIVITY)
    assert (activity["hours"], activity["date"]) == (7.5, "2024-09-15")
    assert not [link for link in tables(home)["activity_goals"] if link["activity_id"] == ACTIVITY]


def test_edit_links_by_id_prefix(ilearn: Cli, home: Path, seeded: str, editor: str) -> None:
    ok(edit(ilearn, editor, rid(10), ("goals:", f"goals: {GOAL[:8]}, {TWINS[0][:6]}")))
    links = {link["goal_id"] for link in tables(home)["share_goals"] if link["share_id"] == rid(10)}
    assert links == {GOAL, TWINS[0]}


def test_edit_a_reflection(ilearn: Cli, home: Path, reflection: str, editor: str) -> None:
    pairs = (
        ("tags: questioning", "tags: questioning, wait-time"),
        ("stage:", "stage: innovate"),
        ("private: no", "private: yes"),
        ("More hands went up.", "Every hand went up."),
    )
    ok(edit(ilearn, editor, reflection[:8], *pairs))
    (row,) = tables(home)["reflections"]
    assert (row["stage"], row["private"], row["body"]) == (4, 1, "Tried wait time.\nEvery hand went up.")
    assert "Tags: #questioning #wait-time" in ok(ilearn("show", reflection))


@pytest.mark.parametrize(
    ("kind", "pairs", "words"),
    [
        pytest.param(
            "activity", [("hours: 2", "hours: six")], ["line ", "hours: not a number"], id="hours-word"
        ),
        pytest.param("activity", [(f"date: {TODAY}", "date: 2024-02-30")], ["date"], id="impossible-date"),
        pytest.param("goal", [("status: open", "status: finished")], ["status: 'finished'"], id="bad-choice"),
        pytest.param(
            "goal", [("status: open", "status: acheived")], ["did you mean 'achieved'?"], id="misspelt"
        ),
        pytest.param(
            "evidence",
            [("kind: student work", "kind: d")],
            ["could be 'data' or 'document'"],
            id="two-readings",
        ),
        pytest.param(
            "goal", [("title: Better questioning", "title:")], ["title: required"], id="required-blank"
        ),
        pytest.param("goal", [("---\n", "")], ["line 1"], id="no-opening-fence"),
        pytest.param(
            "question",
            [("text: Does wait time help?\n---", "text: x")],
            ["no closing"],
            id="no-closing-fence",
        ),
        pytest.param("goal", [("status: open", "status open")], ["not 'name: value'"], id="no-colon"),
        pytest.param("goal", [("status: open", "colour: red")], ["colour"], id="unknown-field"),
        pytest.param("goal", [("status: open", "status: open\nstatus: open")], ["twice"], id="field-twice"),
        pytest.param(
            "goal", [("---\n\n## Why", "---\nstray text\n## Why")], ["before the first"], id="stray"
        ),
        pytest.param(
            "question",
            [("text: Does wait time help?", "text: Does\n---\nmore")],
            ["no long text"],
            id="body-no-long",
        ),
        pytest.param(
            "activity", [(f"goals: {GOAL}", "goals: ffff9999")], ["goals", "no goal"], id="bad-link"
        ),
        pytest.param(
            "question", [(f"goal_id: {GOAL}", f"goal_id: {ACTIVITY}")], ["goal_id"], id="link-wrong-kind"
        ),
        pytest.param("evidence", [("url:", "url: /etc/passwd")], ["evidence add"], id="evidence-path"),
        pytest.param("check", [("rating: 3", "rating: 9")], ["rating"], id="rating-9"),
        pytest.param("interest", [("text: Questioning routines", "text: a<NUL>b")], ["NUL"], id="nul"),
        pytest.param("evidence", [("student_info: no", "student_info: maybe")], ["yes or no"], id="flag"),
    ],
)
def test_a_bad_edit_is_refused_with_its_line_and_kept(
    ilearn: Cli,
    home: Path,
    seeded: str,
    editor: str,
    kind: str,
    pairs: list[tuple[str, str]],
    words: list[str],
) -> None:
    """Nothing is saved, the message names the line at fault, and the typed text is a draft."""
    before = without_drafts(home)
    result = edit(ilearn, editor, RECORDS[kind][0], *pairs)
    assert_fails(result, 1)
    for word in words:
        assert word in result.err, result.err
    assert "line " in result.err and "kept" in result.err
    assert without_drafts(home) == before
    (draft,) = tables(home)["drafts"]
    assert (draft["id"], draft["target"]) == (f"edit:{RECORDS[kind][0]}", "")
    assert pairs[-1][1].replace("<NUL>", "\x00") in draft["body"]  # what was typed, kept whole


def test_the_next_edit_starts_from_the_kept_draft(
    ilearn: Cli, home: Path, seeded: str, editor: str, tmp_path: Path
) -> None:
    assert_fails(edit(ilearn, editor, ACTIVITY, ("hours: 2", "hours: six")), 1)
    again = edit(ilearn, editor, ACTIVITY, ("hours: six", "hours: 6"))
    assert ok(again) == ACTIVITY
    assert "unsaved edit" in again.err
    (activity,) = (a for a in tables(home)["activities"] if a["id"] == ACTIVITY)
    assert activity["hours"] == 6.0
    assert tables(home)["drafts"] == []


def test_an_edit_that_only_rewrites_the_notes_changes_nothing(
    ilearn: Cli, home: Path, seeded: str, editor: str
) -> None:
    result = edit(ilearn, editor, GOAL, ("# status: open", "# a note of my own"))
    assert ok(result) == GOAL
    assert "no change" in result.err
    assert snapshot(home) == seeded


@pytest.mark.parametrize(
    ("env", "code"),
    [
        pytest.param({"EDITOR": None, "VISUAL": None}, 2, id="no-editor"),
        pytest.param({"EDITOR": "false"}, 1, id="editor-fails"),
        pytest.param({"EDITOR": "/nonexistent/editor"}, 1, id="editor-missing"),
    ],
)
def test_edit_without_a_working_editor_changes_nothing(
    ilearn: Cli, home: Path, seeded: str, env: dict[str, str | None], code: int
) -> None:
    assert_fails(ilearn("edit", GOAL, env=env), code)
    assert snapshot(home) == seeded


def test_edit_through_the_installed_command(cli: Cli, home: Path, seeded: str, editor: str) -> None:
    env = {"EDITOR": editor, "EDIT_PAIRS": "title: Better questioning=>title: Better questions"}
    assert ok(cli("edit", GOAL[:8], env=env)) == GOAL
    assert "Goal: Better questions" in ok(cli("show", GOAL[:8]))


@pytest.mark.parametrize(
    ("kind", "line", "typed", "column", "stored"),
    [
        ("goal", "status: open", "status: prog", "status", "in progress"),
        ("share", "audience: local", "audience: GLOBAL", "audience", "global"),
        ("innovation", "phase: act", "phase: obs", "phase", "observe"),
        ("evidence", "kind: student work", "kind: lesson", "kind", "lesson plan"),
    ],
)
def test_a_list_value_may_be_shortened_in_an_edit(
    ilearn: Cli,
    home: Path,
    seeded: str,
    editor: str,
    kind: str,
    line: str,
    typed: str,
    column: str,
    stored: str,
) -> None:
    record_id = RECORDS[kind][0]
    ok(edit(ilearn, editor, record_id, (line, typed)))
    (row,) = (r for r in tables(home)[forms.KINDS[kind].table] if r["id"] == record_id)
    assert row[column] == stored

"""``ilearn show ID``, ``ilearn edit ID``, ``ilearn delete ID`` for every kind of record.

The journal holds one record of each kind with a known id, so each can be named by a short
prefix, and two records whose ids share a prefix, so a prefix can be ambiguous. Edits run a
real editor process (a small script that rewrites the file) through ``$EDITOR``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ilearn_tui.domain import forms
from ilearn_tui.locations import resolve
from ilearn_tui.store.journal import open_journal
from ilearn_tui.store.records import save_record
from ilearn_tui.store.reflections import add_reflection
from tests.helpers.cli import Result, assert_fails, invoke_in, ok, snapshot, tables

Cli = Callable[..., Result]
TODAY = date.today().isoformat()


def rid(n: int, prefix: str = "c0de") -> str:
    return f"{prefix}{n:04x}-0000-4000-8000-000000000000"


GOAL, QUESTION, ACTIVITY = rid(1), rid(2), rid(3)
# Each kind, the id of its record, and a line ``show`` prints for it.
RECORDS: dict[str, tuple[str, str]] = {
    "goal": (GOAL, "Goal: Better questioning"),
    "question": (QUESTION, "Action-research question: Does wait time help?"),
    "activity": (ACTIVITY, "Hours: 2"),
    "vision": (rid(4), "  Every student asks a question worth answering."),
    "outcome": (rid(5), "Kind: habit of mind"),
    "interest": (rid(6), "Learn or share?: learn"),
    "innovation": (rid(7), "Phase: act"),
    "evidence": (rid(8), "Title: Exit tickets"),
    "check": (rid(9), "Self-rating 1–5: 3"),
    "share": (rid(10), "Audience: local"),
}
TWINS = (rid(1, "abab"), rid(2, "abab"))  # a goal and an activity whose ids share "abab"

# Rewrites the file it is given: each EDIT_PAIRS "old=>new" replaces the first line starting
# with old ("<NUL>" in new is a NUL character, which an environment variable cannot carry).
EDITOR = """
import os, re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
for pair in os.environ.get("EDIT_PAIRS", "").split("||"):
    if pair:
        old, new = pair.split("=>")
        new = new.replace("<NUL>", chr(0))
        text, count = re.subn("(?m)^" + re.escape(old), lambda m: new, text, count=1)
        assert count == 1, (old, text)
open(path, "w", encoding="utf-8").write(text)
"""


def _build(home: Path) -> str:
    """One record of every kind; returns the reflection's id."""
    invoke_in(home, "goal", "list")  # creates the journal and its first cycle
    with open_journal(resolve(home)) as journal:
        cycle = journal.cycle_for(TODAY)

        def put(kind: str, values: dict[str, object], links: dict[str, list[str]] | None = None) -> None:
            save_record(journal, forms.KINDS[kind], values, links, cycle_id=cycle)

        put(
            "goal",
            {"id": GOAL, "title": "Better questioning", "why": "Students think first.", "status": "open"},
        )
        put("question", {"id": QUESTION, "goal_id": GOAL, "text": "Does wait time help?"})
        put(
            "activity",
            {"id": ACTIVITY, "type": "book", "title": "Visible Learning", "date": TODAY, "hours": 2.0},
            {"activity_goals": [GOAL]},
        )
        put("vision", {"id": rid(4), "body": "Every student asks a question worth answering."})
        put("outcome", {"id": rid(5), "text": "Curiosity", "kind": "habit of mind"})
        put("interest", {"id": rid(6), "kind": "learn", "text": "Questioning routines"})
        put(
            "innovation", {"id": rid(7), "title": "Wait-time trial", "phase": "act", "plan": "Count to five."}
        )
        put("evidence", {"id": rid(8), "title": "Exit tickets", "kind": "student work", "date": TODAY})
        put(
            "check",
            {"id": rid(9), "goal_id": GOAL, "indicator": "student engagement", "rating": 3, "date": TODAY},
        )
        put("share", {"id": rid(10), "audience": "local", "title": "PLC talk", "date": TODAY})
        put("goal", {"id": TWINS[0], "title": "Twin goal", "status": "open"})
        put("activity", {"id": TWINS[1], "type": "plc", "title": "Twin activity", "date": TODAY})
        return add_reflection(
            journal, "Tried wait time.\nMore hands went up.", tags=["questioning"], links={"goal_id": [GOAL]}
        )


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    home = tmp_path_factory.mktemp("records") / "home"
    reflection = _build(home)
    (home / "reflection-id").write_text(reflection)
    return home, snapshot(home)


@pytest.fixture
def reflection(home: Path, seeded: str) -> str:
    return (home / "reflection-id").read_text()


@pytest.fixture
def editor(tmp_path: Path) -> str:
    script = tmp_path / "editor.py"
    script.write_text(EDITOR)
    return f"{sys.executable} {script}"


def edit(ilearn: Cli, editor: str, ref: str, *pairs: tuple[str, str]) -> Result:
    env = {"EDITOR": editor, "EDIT_PAIRS": "||".join(f"{a}=>{b}" for a, b in pairs)}
    return ilearn("edit", ref, env=env)


def without_drafts(home: Path) -> dict[str, list[dict[str, Any]]]:
    found = tables(home)
    found.pop("drafts", None)
    return found


# --- show -------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", sorted(RECORDS))
def test_show_names_any_record_by_a_short_prefix(ilearn: Cli, home: Path, seeded: str, kind: str) -> None:
    record_id, line = RECORDS[kind]
    shown = ok(ilearn("show", record_id[:8])).splitlines()
    assert shown[0] == f"{forms.KINDS[kind].noun} {record_id}"
    assert line in shown
    assert snapshot(home) == seeded


def test_show_a_reflection_with_its_tags_links_and_text(ilearn: Cli, reflection: str) -> None:
    shown = ok(ilearn("show", reflection)).splitlines()
    assert shown[0] == f"reflection {reflection}"
    assert "Tags: #questioning" in shown
    assert f"Goals: “Better questioning” ({GOAL[:8]})" in shown
    assert shown[-2:] == ["  Tried wait time.", "  More hands went up."]


def test_show_a_goal_lists_what_belongs_to_it(ilearn: Cli, seeded: str) -> None:
    shown = ok(ilearn("show", GOAL)).splitlines()
    assert f"Research question: “Does wait time help?” ({QUESTION[:8]})" in shown
    assert f"Progress check: “student engagement” ({rid(9)[:8]})" in shown


@pytest.mark.parametrize(
    ("ref", "code", "words"),
    [
        pytest.param("abab", 2, ["fits 2 records", "goal abab0001", "activity abab0002"], id="ambiguous"),
        pytest.param("c0", 2, ["too short"], id="too-short"),
        pytest.param(" ", 2, ["give the id"], id="blank"),
        pytest.param("ffff0000", 1, ["no record has an id starting 'ffff0000'"], id="no-such-id"),
        pytest.param("c0de%", 1, ["no record"], id="like-wildcard-is-literal"),
    ],
)
@pytest.mark.parametrize("command", ["show", "edit", "delete"])
def test_a_bad_id_is_refused_and_changes_nothing(
    ilearn: Cli, home: Path, seeded: str, editor: str, command: str, ref: str, code: int, words: list[str]
) -> None:
    result = ilearn(command, ref, env={"EDITOR": editor})
    assert_fails(result, code)
    for word in words:
        assert word in result.err
    assert snapshot(home) == seeded


def test_show_through_the_installed_command(cli: Cli, seeded: str) -> None:
    shown = cli("show", ACTIVITY[:8])
    assert ok(shown).splitlines()[0] == f"learning activity {ACTIVITY}"
    assert_fails(cli("show", "abab"), 2)


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
    assert draft["target"] == RECORDS[kind][0]


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


# --- delete -----------------------------------------------------------------------------
@pytest.mark.parametrize("kind", sorted(RECORDS))
def test_delete_moves_to_the_trash_and_says_how_to_restore(
    ilearn: Cli, home: Path, seeded: str, kind: str
) -> None:
    record_id = RECORDS[kind][0]
    said = ok(ilearn("delete", record_id[:8]))
    assert said.startswith(f"Moved {forms.KINDS[kind].noun} “")
    assert_fails(ilearn("show", record_id), 1)
    restore = said.rsplit("ilearn ", 1)[1].split()
    assert restore[:2] == ["trash", "restore"]
    ok(ilearn(*restore))
    assert snapshot(home) == seeded


def test_delete_a_reflection_through_the_installed_command(cli: Cli, home: Path, reflection: str) -> None:
    said = ok(cli("delete", reflection[:8]))
    assert "“Tried wait time.”" in said
    assert tables(home)["reflections"] == []
    listed = ok(cli("trash", "list"))
    assert "reflection" in listed
    hits = json.loads(ok(cli("search", "wait", "--json")))
    assert reflection not in {hit["id"] for hit in hits}


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

"""``ilearn show ID`` and ``ilearn delete ID`` for every kind of record.

The journal (``tests.helpers.records``) holds one record of each kind with a known id, so each
can be named by a short prefix, and two records whose ids share a prefix.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from ilearn_tui.domain import forms
from tests.helpers.cli import Result, assert_fails, ok, snapshot, tables
from tests.helpers.records import (
    ACTIVITY,
    GOAL,
    QUESTION,
    RECORDS,
    rid,
)

Cli = Callable[..., Result]




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

"""The record files and the merge, checked directly: what is refused, and what merges how."""

from __future__ import annotations

import json

import pytest

from ilearn_tui.sync import records
from ilearn_tui.sync.merge import CONFLICT_TAG, merge_record, merge_trees
from ilearn_tui.sync.records import BadRecordError, Tombstone

STAMP = "2026-03-02T10:00:00.000000+00:00"
REFLECTION = {
    "id": "r1",
    "cycle_id": None,
    "date": "2026-03-02",
    "time": "",
    "title": "Wait time",
    "body": "Three seconds changed the room.",
    "stage": None,
    "private": 0,
    "starred": 0,
    "created_at": STAMP,
    "updated_at": STAMP,
    "tags": ["questioning"],
}


def test_a_record_file_has_one_field_a_line_in_the_models_order() -> None:
    data = records.dump("reflections", REFLECTION)
    lines = data.decode().splitlines()
    assert lines[0] == "{" and lines[-1] == "}"
    assert [json.loads("{" + line.rstrip(",") + "}").popitem()[0] for line in lines[1:-1]] == list(REFLECTION)
    assert records.load("reflections", "r1", data) == REFLECTION


def test_a_link_is_keyed_by_its_columns_and_read_back() -> None:
    link = {
        "reflection_id": "r1",
        "goal_id": None,
        "question_id": "q1",
        "activity_id": None,
        "evidence_id": None,
    }
    key = records.key_of("reflection_links", link)
    assert key == "r1..q1.."
    assert records.where_of("reflection_links", key) == link
    assert records.parse_path(records.record_path("reflection_links", key)) == ("reflection_links", key)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"stage": 9}, "stage"),
        ({"date": "2026-02-30"}, "not a real YYYY-MM-DD date"),
        ({"body": ""}, "body"),
        ({"body": "nul\x00inside"}, "NUL"),
        ({"id": "r2"}, "names another record"),
        ({"surprise": 1}, "unknown field"),
        ({"tags": "one,two"}, "tags must be a list"),
        ({"private": True}, "private"),
    ],
)
def test_a_bad_record_file_is_refused(change: dict[str, object], words: str) -> None:
    data = json.dumps({**REFLECTION, **change}).encode()
    with pytest.raises(BadRecordError, match=words):
        records.load("reflections", "r1", data)


@pytest.mark.parametrize("data", [b"\xff\xfe", b"[1, 2]", b"{not json"])
def test_a_file_that_is_not_a_record_is_refused(data: bytes) -> None:
    with pytest.raises(BadRecordError, match="not a JSON record"):
        records.load("reflections", "r1", data)


@pytest.mark.parametrize(
    "path",
    [
        "records/nosuch/r1.json",
        "records/reflections/../x.json",
        "records/reflections/r1.txt",
        "manifest.json",
    ],
)
def test_a_path_that_names_no_record_is_not_read_as_one(path: str) -> None:
    assert records.parse_path(path) is None


def test_a_manifest_from_a_newer_ilearn_or_none_at_all_is_refused() -> None:
    assert records.read_manifest(records.manifest("j1", 6)) == "j1"
    with pytest.raises(BadRecordError, match="newer ilearn"):
        records.read_manifest(json.dumps({"format": 99, "journal_id": "j1"}).encode())
    with pytest.raises(BadRecordError, match="not an ilearn sync repository"):
        records.read_manifest(b"hello")


def test_different_fields_merge_and_the_same_field_keeps_this_sides_value() -> None:
    local = {**REFLECTION, "title": "Wait time, school", "updated_at": "2026-03-03T00:00:00+00:00"}
    remote = {**REFLECTION, "body": "Home words.", "updated_at": "2026-03-04T00:00:00+00:00"}
    merged, conflicts = merge_record("reflections", "r1", REFLECTION, local, remote)
    assert isinstance(merged, dict) and not conflicts
    assert (merged["title"], merged["body"], merged["updated_at"]) == (
        "Wait time, school",
        "Home words.",
        "2026-03-04T00:00:00+00:00",
    )
    both = {**REFLECTION, "body": "School words."}
    merged, conflicts = merge_record("reflections", "r1", REFLECTION, both, remote)
    assert isinstance(merged, dict) and merged["body"] == "School words."
    assert [(c.field, json.loads(c.other)) for c in conflicts] == [("body", "Home words.")]


def test_tags_merge_as_sets_and_an_edit_beats_a_delete() -> None:
    local = {**REFLECTION, "tags": ["questioning", "wait-time"]}
    remote = {**REFLECTION, "tags": []}
    merged, conflicts = merge_record("reflections", "r1", REFLECTION, local, remote)
    assert isinstance(merged, dict) and merged["tags"] == ["wait-time"] and not conflicts
    stone = Tombstone(STAMP)
    assert merge_record("reflections", "r1", REFLECTION, stone, remote)[0] == remote
    assert merge_record("reflections", "r1", REFLECTION, local, stone)[0] == local


def test_a_double_edit_of_a_reflection_makes_a_tagged_conflicted_copy() -> None:
    path = records.record_path("reflections", "r1")
    blobs = {
        b"base": records.dump("reflections", REFLECTION),
        b"local": records.dump("reflections", {**REFLECTION, "body": "School words."}),
        b"remote": records.dump("reflections", {**REFLECTION, "body": "Home words."}),
    }
    outcome = merge_trees(
        {path: b"base"},
        {path: b"local"},
        {path: b"remote"},
        lambda side, p: blobs[side.encode()],
        new_id=lambda: "copy1",
        stamp=STAMP,
    )
    assert path not in outcome.changes  # this side's text stays as it is
    copy = records.load("reflections", "copy1", outcome.changes[records.record_path("reflections", "copy1")])
    assert isinstance(copy, dict) and copy["body"] == "Home words." and CONFLICT_TAG in copy["tags"]
    assert [(c.field, c.copy_id) for c in outcome.conflicts] == [("body", "copy1")]

"""``ilearn sync`` with groups, and ``ilearn reply``: each part one line, a failing part named.

The teacher's own remote and each group are separate parts: one that fails does not stop the
others, and the command then ends with status 1.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.cli import Result, assert_fails, invoke, ok, snapshot
from tests.sync.group_helpers import item_json, plant, profile_json

EVE = "7c1f0e22-3b4a-4d5e-8f60-718293a4b5c6"
ITEM = "5b6d8a10-2c3e-4f50-9a1b-c2d3e4f5a6b7"


def run(home: Path, *args: str, stdin: str | None = None) -> Result:
    return invoke(*args, home=home, stdin=stdin)


def teacher(home: Path, name: str, *groups: tuple[str, Path]) -> None:
    ok(run(home, "profile", "--name", name))
    for group, folder in groups:
        ok(run(home, "group", "add", group))
        ok(run(home, "group", "setup", group, str(folder)))


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Sam has published a reflection to the PLC and synced; Ana is a member who has not yet."""
    sam, ana, plc = tmp_path / "sam", tmp_path / "ana", tmp_path / "plc.git"
    teacher(sam, "Sam Rivera", ("PLC", plc))
    teacher(ana, "Ana Lopez", ("PLC", plc))
    rid = ok(run(sam, "reflect", "Wait time doubled the hands up."))
    ok(run(sam, "publish", rid, "--to", "PLC"))
    assert "group PLC: sent 1, received 0" in ok(run(sam, "sync"))
    return sam, ana, plc


def _colleague_hit(home: Path, word: str) -> dict[str, str]:
    hits = json.loads(ok(run(home, "search", word, "--json")))
    (hit,) = [h for h in hits if h["kind"].startswith("colleague")]
    return hit  # type: ignore[no-any-return]


def test_a_group_alone_is_enough_to_sync(pair: tuple[Path, Path, Path]) -> None:
    _sam, ana, _plc = pair
    said = ok(run(ana, "sync"))
    assert said == "group PLC: sent 0, received 1 (1 item from 1 colleague in all)"
    assert _colleague_hit(ana, "hands")["author"] == "Sam Rivera"
    assert "received 0" in ok(run(ana, "sync"))  # nothing new the second time


def test_a_reply_travels_back_and_is_listed(pair: tuple[Path, Path, Path]) -> None:
    sam, ana, _plc = pair
    ok(run(ana, "sync"))
    hit = _colleague_hit(ana, "hands")
    reply_id = ok(run(ana, "reply", hit["id"][:8], "-", stdin="Mine too, *after* I counted to five."))
    assert reply_id
    ok(run(ana, "sync"))
    ok(run(sam, "sync"))
    shown = ok(run(sam, "group", "show", "PLC"))
    assert "Ana Lopez" in shown and "reply" in shown and "Re: Wait time doubled" in shown, shown


def test_reply_refusals_change_nothing(pair: tuple[Path, Path, Path], tmp_path: Path) -> None:
    _sam, ana, _plc = pair
    ok(run(ana, "sync"))
    hit = _colleague_hit(ana, "hands")
    before = snapshot(ana)
    assert_fails(run(ana, "reply", "ffffffff", "Hello"), 1)
    assert_fails(run(ana, "reply", "ab", "Hello"), 2)
    assert_fails(run(ana, "reply", hit["id"], "   "), 2)
    assert_fails(run(ana, "reply", hit["id"], "x" * 300_000), 1)
    ok(run(ana, "profile", "--name", ""))
    assert_fails(run(ana, "reply", hit["id"], "Hello"), 1)
    ok(run(ana, "profile", "--name", "Ana Lopez"))
    assert snapshot(ana) == before
    alone = tmp_path / "alone"
    assert_fails(run(alone, "reply", hit["id"], "Hello"), 1)  # a journal with no colleagues


def test_a_group_that_fails_does_not_stop_the_others(pair: tuple[Path, Path, Path], tmp_path: Path) -> None:
    _sam, ana, _plc = pair
    broken = tmp_path / "book.git"
    ok(run(ana, "group", "add", "Book study", "--kind", "book"))
    ok(run(ana, "group", "setup", "Book", str(broken)))
    for child in broken.iterdir():  # the shared drive was wiped and something else put there
        if child.is_dir():
            import shutil

            shutil.rmtree(child)
        else:
            child.unlink()
    (broken / "notes.txt").write_text("not a repository")
    result = run(ana, "sync")
    assert result.code == 1, result
    assert "group PLC: sent 0, received 1" in result.out
    assert result.err.startswith("ilearn: group Book study: ") and result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err


def test_a_group_without_the_teachers_name_is_named_with_the_fix(pair: tuple[Path, Path, Path]) -> None:
    _sam, ana, _plc = pair
    ok(run(ana, "profile", "--name", ""))
    result = run(ana, "sync")
    assert result.code == 1
    assert (
        result.err
        == "ilearn: group PLC: your name is not set; set it with: ilearn profile --name 'YOUR NAME'\n"
    )


def test_a_hostile_item_is_skipped_with_a_line_and_the_rest_arrives(pair: tuple[Path, Path, Path]) -> None:
    _sam, ana, plc = pair
    plant(
        plc,
        {
            f"members/{EVE}/profile.json": profile_json(EVE, "Eve\x1b[31m"),
            f"members/{EVE}/items/{ITEM}.json": item_json(EVE, kind="virus"),
        },
    )
    result = run(ana, "sync")
    assert result.code == 0, result
    assert "received 1 (1 item from 1 colleague in all)" in result.out
    assert result.err.startswith("ilearn: skipped: ") and "kind is not one" in result.err, result.err
    assert "\x1b" not in result.err + result.out


def test_sync_with_nothing_set_up_says_how(tmp_path: Path) -> None:
    result = run(tmp_path / "new", "sync")
    assert_fails(result, 1)
    assert "ilearn sync setup URL" in result.err


def test_a_record_too_large_for_a_group_file_is_refused_at_publishing(pair: tuple[Path, Path, Path]) -> None:
    sam, _ana, _plc = pair
    rid = ok(run(sam, "reflect", "-", stdin="A very long reflection. " * 12_000))
    before = snapshot(sam)
    result = run(sam, "publish", rid, "--to", "PLC")
    assert_fails(result, 1)
    assert "too long to share with a group" in result.err
    assert snapshot(sam) == before
    assert "sent 0" in ok(run(sam, "sync"))

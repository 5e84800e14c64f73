"""What a hostile or broken member can put in a group repository: each file skipped or made inert."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from dulwich.object_store import iter_tree_contents
from dulwich.repo import Repo

from ilearn_tui.sync import groups
from ilearn_tui.sync.repo import BRANCH, SyncRepo, check_remote_url
from ilearn_tui.textsafe import stripped
from tests.sync.group_helpers import Teacher, item_json, plant, planted, profile_json

EVE = "7c1f0e22-3b4a-4d5e-8f60-718293a4b5c6"


@pytest.fixture
def setting(tmp_path: Path) -> tuple[Teacher, Path]:
    """Ann has exchanged once; Eve, a member with a good profile, can then plant anything."""
    remote = Path(check_remote_url(str(tmp_path / "group.git")))
    ann = Teacher(tmp_path / "ann", "Ann Lee")
    ann.exchange(str(remote))
    plant(remote, {f"members/{EVE}/profile.json": profile_json(EVE, "Eve")})
    return ann, remote


def _one_problem(ann: Teacher, remote: Path, path: str, data: bytes | tuple[int, bytes], reason: str) -> None:
    plant(remote, {path: data})
    result = ann.exchange(str(remote))
    assert result.received == []
    assert len(result.problems) == 1, result.problems
    assert reason in result.problems[0] and "\x1b" not in result.problems[0]
    assert ann.titles() == {}


ITEM = f"members/{EVE}/items/{uuid.uuid4()}.json"


BAD_FILES = [
    (ITEM, b"{not json", "not valid UTF-8 JSON"),
    (ITEM, b"\xff\xfe{}", "not valid UTF-8 JSON"),
    (ITEM, b"[1, 2]", "not a JSON object"),
    (ITEM, b"[" * 50_000 + b"]" * 50_000, "not valid UTF-8 JSON"),
    (ITEM, b"[" * 150_000 + b"]" * 150_000, "larger than 256 KiB"),
    (ITEM, item_json(EVE, body="x" * (10 * 1024 * 1024)), "larger than 256 KiB"),
    (ITEM, item_json(str(uuid.uuid4())), "author_id is not its folder's"),
    (ITEM, item_json(EVE, kind="virus"), "kind is not one"),
    (ITEM, item_json(EVE, title="t" * 201), "title is longer than 200"),
    (ITEM, item_json(EVE, date="30/11/2026"), "date is not YYYY-MM-DD"),
    (ITEM, item_json(EVE, date="2026-02-30"), "date is not YYYY-MM-DD"),
    (ITEM, item_json(EVE, stage=9), "stage is not 1 to 5"),
    (ITEM, item_json(EVE, stage=True), "stage is not 1 to 5"),
    (ITEM, item_json(EVE, in_reply_to="../x"), "in_reply_to is not a uuid"),
    (ITEM, item_json(EVE, published_at="soon"), "published_at is not an ISO time"),
    (f"members/{EVE}/items/not-a-uuid.json", item_json(EVE), "not named <uuid>.json"),
    (f"members/{EVE}/items/..%2F..%2Fetc.json", item_json(EVE), "not named <uuid>.json"),
    (ITEM, (0o120000, b"../../../../etc/passwd"), "not a plain file"),
    (ITEM, (0o160000, b"1" * 40), "not a plain file"),
    (f"members/{EVE}/notes.txt", b"hello", "not part of a member's folder"),
    (f"members/{EVE}/items/sub/{uuid.uuid4()}.json", item_json(EVE), "not named <uuid>.json"),
    ("members/eve/items/x.json", item_json(EVE), "not a member's folder"),
    ("members/\x1b]0;pwned\x07name/x.json", b"{}", "not a member's folder"),
    (f"members/{uuid.uuid4()}", (0o120000, b"/etc"), "not a member's folder"),
]


@pytest.mark.parametrize(
    ("path", "data", "reason"), BAD_FILES, ids=[f"{n}-{r}" for n, (_p, _d, r) in enumerate(BAD_FILES)]
)
def test_a_bad_file_is_skipped_with_one_problem_line(
    setting: tuple[Teacher, Path], path: str, data: bytes | tuple[int, bytes], reason: str
) -> None:
    ann, remote = setting
    _one_problem(ann, remote, path, data, reason)


def test_the_id_must_be_the_files_name(setting: tuple[Teacher, Path]) -> None:
    ann, remote = setting
    _one_problem(ann, remote, ITEM, item_json(EVE, id=str(uuid.uuid4())), "its id is not its file's name")


def test_terminal_escapes_are_stripped_and_markdown_stays_text(setting: tuple[Teacher, Path]) -> None:
    ann, remote = setting
    item_id = str(uuid.uuid4())
    body = "Hi\x1b[2J\x1b]52;c;cGF3bmVk\x07 there\r\n<script>alert(1)</script>\n\tdone\x00\x9b31m\u202e"
    data = item_json(EVE, id=item_id, title="\x1b[31mRed\x1b[0m title\x08", body=body)
    plant(remote, {f"members/{EVE}/items/{item_id}.json": data})
    result = ann.exchange(str(remote))
    assert result.problems == []
    [got] = result.received
    assert got.item.title == "Red title"
    assert got.item.body == "Hi there\n<script>alert(1)</script>\n\tdone"
    assert got.author_name == "Eve"
    assert ann.titles() == {"Red title": "Eve"}


def test_stripped_text_keeps_words_newlines_and_tabs() -> None:
    assert stripped("a\tb\nc — ünïcode ✓") == "a\tb\nc — ünïcode ✓"
    assert stripped("\x1bc\x1b7x\x1b(B") == "x"
    assert stripped("unterminated \x1b]8;;http://x") == "unterminated "


def test_a_missing_or_bad_profile_still_shows_her_items_under_her_id(setting: tuple[Teacher, Path]) -> None:
    ann, remote = setting
    mallory, item_id = str(uuid.uuid4()), str(uuid.uuid4())
    plant(remote, {
        f"members/{mallory}/profile.json": profile_json(EVE, "Eve (pretending)"),
        f"members/{mallory}/items/{item_id}.json": item_json(mallory, id=item_id, title="Hers"),
    })  # fmt: skip
    result = ann.exchange(str(remote))
    assert [(r.item.title, r.author_name) for r in result.received] == [("Hers", mallory[:8])]
    assert (
        len(result.problems) == 1 and "profile.json: its author_id is not its folder's" in result.problems[0]
    )


def test_a_folder_seen_before_is_not_read_again(
    setting: tuple[Teacher, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    ann, remote = setting
    plant(remote, {k: v for n in range(5) for k, v in planted(EVE, title=f"n{n}").items()})
    assert len(ann.exchange(str(remote)).received) == 5
    reads: list[bytes] = []
    real_read = SyncRepo.read

    def counted(self: SyncRepo, sha: bytes) -> bytes:
        reads.append(sha)
        return real_read(self, sha)

    monkeypatch.setattr(SyncRepo, "read", counted)
    again = ann.exchange(str(remote))
    assert len(again.received) == 5 and again.problems == []
    assert len(reads) == 2  # group.json and her own profile: none of Eve's files
    plant(remote, planted(EVE, title="new"))
    reads.clear()
    assert len(ann.exchange(str(remote)).received) == 6
    assert len(reads) == 2 + 7  # Eve's folder changed: her profile and six items read


def test_a_damaged_cache_is_read_past(setting: tuple[Teacher, Path]) -> None:
    ann, remote = setting
    plant(remote, planted(EVE, title="Real"))
    ann.exchange(str(remote))
    cache = ann.repo_dir / groups.CACHE
    held = json.loads(cache.read_text())
    for damage in ({"kind": ["not", "text"]}, {"surprise": "field"}, {"title": {"a": 1}}):
        broken = json.loads(json.dumps(held))
        broken["members"][EVE]["items"][0].update(damage)
        cache.write_text(json.dumps(broken))
        assert [r.item.title for r in ann.exchange(str(remote)).received] == ["Real"]
    del held["members"][EVE]["name"]
    cache.write_text(json.dumps(held))
    assert [r.author_name for r in ann.exchange(str(remote)).received] == ["Eve"]
    cache.write_text("{broken")
    assert [r.item.title for r in ann.exchange(str(remote)).received] == ["Real"]


def test_hostile_entries_of_other_folders_are_kept_as_they_are(setting: tuple[Teacher, Path]) -> None:
    """Her commit rewrites only her folder: a colleague's odd entries are not hers to change."""
    ann, remote = setting
    link = f"members/{EVE}/items/{uuid.uuid4()}.json".encode()
    plant(remote, {link.decode(): (0o120000, b"/etc/passwd")})
    ann.publish("Mine")
    assert ann.exchange(str(remote)).sent == 1
    with Repo(str(remote)) as repo:
        tree = repo[repo.refs[BRANCH]].tree  # type: ignore[attr-defined]
        modes = {e.path: e.mode for e in iter_tree_contents(repo.object_store, tree)}
    assert modes[link] == 0o120000
    assert sum(1 for p in modes if p.startswith(f"members/{ann.me.author_id}/items/".encode())) == 1

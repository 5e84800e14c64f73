"""Two teachers exchanging through one group repository: a folder remote and a real git server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from dulwich.repo import Repo

from ilearn_tui.domain.colleagues import Member
from ilearn_tui.errors import IlearnError
from ilearn_tui.sync.groups import exchange
from ilearn_tui.sync.repo import BRANCH, RemoteError, SyncRepo, check_remote_url
from tests.sync.group_helpers import Teacher
from tests.sync.helpers import Computer


@pytest.fixture
def folder_remote(tmp_path: Path) -> str:
    return check_remote_url(str(tmp_path / "group.git"))


@pytest.fixture(params=["folder", "http"])
def remote(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "http":
        return str(request.getfixturevalue("server"))
    return check_remote_url(str(tmp_path / "group.git"))


def _teachers(tmp_path: Path) -> tuple[Teacher, Teacher]:
    return Teacher(tmp_path / "ann", "Ann Lee"), Teacher(tmp_path / "bo", "Bo Diaz")


def test_a_published_item_and_its_reply_reach_the_other_teacher(remote: str, tmp_path: Path) -> None:
    ann, bo = _teachers(tmp_path)
    mine = ann.publish("Wait time", "I waited **five** seconds.")
    first = ann.exchange(remote)
    assert (first.sent, first.received, first.problems, first.group_name) == (1, [], [], "Grade 4 PLC")
    got = bo.exchange(remote)
    assert [(r.item, r.author_name) for r in got.received] == [(mine, "Ann Lee")]
    assert bo.titles() == {"Wait time": "Ann Lee"}
    answer = bo.reply(mine, "Try it with think-pair-share.")
    assert bo.exchange(remote).sent == 1
    back = ann.exchange(remote)
    assert [(r.item, r.author_name) for r in back.received] == [(answer, "Bo Diaz")]
    assert back.received[0].item.in_reply_to == mine.id
    assert back.received[0].item.to_author == ann.me.author_id
    assert ann.titles() == {"Re: Wait time": "Bo Diaz"}  # her own item is not a colleague's


def test_a_withdrawn_item_disappears_on_the_other_side(remote: str, tmp_path: Path) -> None:
    ann, bo = _teachers(tmp_path)
    kept, gone = ann.publish("Kept"), ann.publish("Withdrawn")
    ann.exchange(remote)
    assert set(bo.titles()) == set() and {r.item.id for r in bo.exchange(remote).received} == {
        kept.id,
        gone.id,
    }
    ann.withdraw(gone)
    assert ann.exchange(remote).sent == 1
    bo.exchange(remote)
    assert bo.titles() == {"Kept": "Ann Lee"}


def test_an_exchange_with_nothing_new_commits_nothing(folder_remote: str, tmp_path: Path) -> None:
    ann, bo = _teachers(tmp_path)
    ann.publish("Once")
    ann.exchange(folder_remote)
    bo.exchange(folder_remote)
    with Repo(folder_remote) as repo:
        head = repo.refs[BRANCH]
    assert ann.exchange(folder_remote).sent == 0
    assert bo.exchange(folder_remote).sent == 0
    with Repo(folder_remote) as repo:
        assert repo.refs[BRANCH] == head


def test_members_pushing_in_turn_never_conflict(remote: str, tmp_path: Path) -> None:
    ann, bo = _teachers(tmp_path)
    for n in range(3):
        ann.publish(f"Ann {n}")
        ann.exchange(remote)
        bo.publish(f"Bo {n}")
        bo.exchange(remote)
    ann.exchange(remote)
    assert set(ann.titles()) == {"Bo 0", "Bo 1", "Bo 2"}
    assert set(bo.titles()) == {"Ann 0", "Ann 1", "Ann 2"}


def test_a_push_between_anothers_fetch_and_push_is_kept(
    remote: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ann, bo = _teachers(tmp_path)
    ann.publish("Ann first")
    ann.exchange(remote)
    bo.publish("Bo meanwhile")
    ann.publish("Ann second")
    real_fetch = SyncRepo.fetch
    cut_in: list[bool] = []

    def fetch_then_bo_pushes(self: SyncRepo, url: str) -> bytes | None:
        head = real_fetch(self, url)
        if not cut_in:  # Ann has fetched; Bo's whole exchange runs before Ann pushes
            cut_in.append(True)
            bo.exchange(url)
        return head

    monkeypatch.setattr(SyncRepo, "fetch", fetch_then_bo_pushes)
    result = ann.exchange(remote)
    monkeypatch.undo()
    assert cut_in and result.sent == 1
    assert {r.item.title for r in result.received} == {"Bo meanwhile"}
    bo.exchange(remote)
    assert set(bo.titles()) == {"Ann first", "Ann second"}


def test_an_empty_remote_becomes_a_group_repository(folder_remote: str, tmp_path: Path) -> None:
    ann, _bo = _teachers(tmp_path)
    ann.publish("First")
    ann.exchange(folder_remote)
    repo = SyncRepo(Path(folder_remote))
    try:
        files = repo.files(repo.head())
        assert json.loads(repo.read(files["group.json"])) == {"format": 1, "name": "Grade 4 PLC"}
        profile = json.loads(repo.read(files[f"members/{ann.me.author_id}/profile.json"]))
        assert (profile["author_id"], profile["name"]) == (ann.me.author_id, "Ann Lee")
        assert len([p for p in files if p.startswith(f"members/{ann.me.author_id}/items/")]) == 1
    finally:
        repo.close()


def test_a_git_repository_that_is_not_a_groups_is_refused(tmp_path: Path) -> None:
    from tests.sync.group_helpers import plant

    remote = Path(check_remote_url(str(tmp_path / "other.git")))
    plant(remote, {"README.md": b"# Someone's project\n"})
    ann, _bo = _teachers(tmp_path)
    ann.publish("Never sent")
    with pytest.raises(RemoteError, match="not an ilearn group repository"):
        ann.exchange(str(remote))
    plant(remote, {"group.json": b'{"format": 2, "name": "Future"}\n'})
    with pytest.raises(RemoteError, match="not an ilearn group repository"):
        ann.exchange(str(remote))
    with Repo(str(remote)) as repo:
        tree = repo[repo.refs[BRANCH]].tree  # type: ignore[attr-defined]
        assert sorted(p.path for p in repo.object_store.iter_tree_contents(tree)) == [
            b"README.md",
            b"group.json",
        ]


def test_a_journals_sync_repository_is_refused(tmp_path: Path) -> None:
    journal_remote = tmp_path / "journal.git"
    laptop = Computer(tmp_path / "laptop")
    laptop.ok("sync", "setup", str(journal_remote))
    laptop.reflect("My own words.")
    laptop.ok("sync")
    with Repo(str(journal_remote)) as repo:
        head = repo.refs[BRANCH]
    ann, _bo = _teachers(tmp_path)
    ann.publish("Never sent")
    with pytest.raises(RemoteError, match="journal's sync repository, not a group's"):
        ann.exchange(str(journal_remote))
    with Repo(str(journal_remote)) as repo:
        assert repo.refs[BRANCH] == head


def test_an_exchange_writes_nothing_outside_its_folder(folder_remote: str, tmp_path: Path) -> None:
    ann, bo = _teachers(tmp_path)
    ann.publish("Hello")
    ann.exchange(folder_remote)  # the journals and group remote exist from here on
    bo.exchange(folder_remote)

    def snapshot() -> dict[Path, float]:
        return {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if ".git" not in p.parts}

    before = snapshot()
    ann.publish("Second")
    result = exchange(ann.repo_dir, folder_remote, ann.me, list(ann.outbox.values()))
    assert result.sent == 1
    changed = {p for p, t in snapshot().items() if before.get(p) != t}
    outside = {
        p for p in changed
        if not p.is_relative_to(ann.repo_dir) and not p.is_relative_to(Path(folder_remote))
    }  # fmt: skip
    assert outside == set()


def test_a_member_without_a_name_or_with_a_bad_id_is_refused(folder_remote: str, tmp_path: Path) -> None:
    with pytest.raises(IlearnError, match="needs a name"):
        exchange(
            tmp_path / "g", folder_remote, Member("0b5e1a4c-7d2e-4f4b-9a53-2f6f3a1d9e10", " \x1b[2J "), []
        )
    with pytest.raises(IlearnError, match="not a uuid"):
        exchange(tmp_path / "g", folder_remote, Member("../../etc", "Ann"), [])


def test_an_outbox_item_that_breaks_the_rules_is_refused_before_anything_is_sent(
    folder_remote: str, tmp_path: Path
) -> None:
    ann, bo = _teachers(tmp_path)
    ann.publish("Fine")
    ann.exchange(folder_remote)
    with Repo(folder_remote) as repo:
        head = repo.refs[BRANCH]
    ann.publish("t" * 201)
    with pytest.raises(IlearnError, match="cannot be published: its title is longer than 200"):
        ann.exchange(folder_remote)
    with pytest.raises(IlearnError, match="is not by Ann Lee"):
        exchange(ann.repo_dir, folder_remote, ann.me, [bo.publish("Hers")])
    with Repo(folder_remote) as repo:
        assert repo.refs[BRANCH] == head


def test_outbox_texts_are_sent_cleaned(folder_remote: str, tmp_path: Path) -> None:
    ann, bo = _teachers(tmp_path)
    ann.publish("Bell\x07 title", "Body\x1b[2J text")
    ann.exchange(folder_remote)
    [got] = bo.exchange(folder_remote).received
    assert (got.item.title, got.item.body) == ("Bell title", "Body text")

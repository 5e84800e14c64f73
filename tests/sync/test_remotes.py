"""Remotes: what setup accepts and refuses, and the remotes a sync must refuse or survive."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from dulwich.repo import Repo

from ilearn_tui.store import sync_state
from tests.helpers.cli import run_ilearn
from tests.sync.helpers import Computer, summary


@pytest.fixture
def laptop(tmp_path: Path) -> Computer:
    return Computer(tmp_path / "laptop")


def _refused(result: object, words: str) -> None:
    code, err = result.code, result.err  # type: ignore[attr-defined]
    assert code != 0
    assert words in err
    assert err.count("\n") == 1 and "Traceback" not in err


def _remote(computer: Computer) -> str:
    with computer.journal() as journal:
        return journal.get_meta(sync_state.REMOTE)


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("ftp://school.example/journal.git", "not a remote ilearn can use"),
        ("https:///journal.git", "names no server"),
        ("   ", "empty"),
    ],
)
def test_setup_refuses_a_bad_url(laptop: Computer, url: str, words: str) -> None:
    _refused(laptop.run("sync", "setup", url), words)
    assert _remote(laptop) == ""


def test_setup_refuses_a_file(laptop: Computer, tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("my notes")
    _refused(laptop.run("sync", "setup", str(target)), "is a file")
    assert target.read_text() == "my notes" and _remote(laptop) == ""


def test_setup_refuses_a_folder_of_other_files(laptop: Computer, tmp_path: Path) -> None:
    folder = tmp_path / "Documents"
    folder.mkdir()
    (folder / "lesson.docx").write_bytes(b"PK")
    _refused(laptop.run("sync", "setup", str(folder)), "not empty and is not a sync repository")
    assert sorted(p.name for p in folder.iterdir()) == ["lesson.docx"]


def test_setup_refuses_a_folder_whose_parent_is_missing(laptop: Computer, tmp_path: Path) -> None:
    _refused(laptop.run("sync", "setup", str(tmp_path / "no" / "such" / "place")), "does not exist")


def test_setup_refuses_the_journals_own_folder(laptop: Computer) -> None:
    laptop.reflect("so the folder exists")
    from ilearn_tui.locations import resolve

    inside = resolve(laptop.home).data_dir / "mirror"
    _refused(laptop.run("sync", "setup", str(inside)), "inside the journal's own folder")
    assert not inside.exists()


def test_sync_without_a_remote_says_how_to_set_one_up(laptop: Computer) -> None:
    _refused(laptop.run("sync"), "ilearn sync setup URL")


def test_a_file_url_works_like_a_folder(tmp_path: Path) -> None:
    laptop, desktop = Computer(tmp_path / "laptop"), Computer(tmp_path / "desktop")
    url = (tmp_path / "shared").as_uri()
    laptop.ok("sync", "setup", url)
    desktop.ok("sync", "setup", url)
    laptop.reflect("Over file://.")
    laptop.ok("sync")
    desktop.ok("sync")
    assert "Over file://." in desktop.bodies()


def test_another_journals_remote_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    laptop, stranger = Computer(tmp_path / "laptop"), Computer(tmp_path / "stranger")
    remote = tmp_path / "remote"
    laptop.reflect("The laptop's journal.")
    laptop.ok("sync", "setup", str(remote))
    laptop.ok("sync")
    stranger.reflect("A different teacher's journal.")
    stranger.ok("sync", "setup", str(remote))
    before = stranger.records()
    _refused(stranger.run("sync"), "holds another journal")
    assert stranger.records() == before
    # and the other way round: a journal that has synced refuses a remote of another journal
    other = tmp_path / "other"
    stranger.ok("sync", "setup", str(other), "--join")
    stranger.ok("sync")
    laptop.ok("sync", "setup", str(other))
    _refused(laptop.run("sync"), "holds another journal")
    assert laptop.bodies() == {"The laptop's journal."}


def test_a_remote_suddenly_empty_after_syncs_is_refused(laptop: Computer, tmp_path: Path) -> None:
    remote = tmp_path / "stick"
    laptop.reflect("Synced once.")
    laptop.ok("sync", "setup", str(remote))
    laptop.ok("sync")
    shutil.rmtree(remote)
    remote.mkdir()
    Repo.init_bare(str(remote)).close()
    before = laptop.records()
    _refused(laptop.run("sync"), "is empty, but this journal has synced with it before")
    assert laptop.records() == before
    assert list(Repo(str(remote)).refs.as_dict()) == []


def test_a_git_repository_that_is_not_a_journal_is_refused(laptop: Computer, tmp_path: Path) -> None:
    from dulwich import porcelain

    project = tmp_path / "project"
    porcelain.init(str(project))
    (project / "README").write_text("someone's code")
    porcelain.add(str(project), [str(project / "README")])
    porcelain.commit(str(project), message=b"code", author=b"A <a@b>", committer=b"A <a@b>")
    bare = tmp_path / "project.git"
    porcelain.clone(str(project), str(bare), bare=True)
    laptop.reflect("Mine.")
    laptop.ok("sync", "setup", str(bare))
    _refused(laptop.run("sync"), "not an ilearn sync repository")


def test_an_unreachable_remote_is_one_line_and_a_pending_record_is_sent_later(tmp_path: Path) -> None:
    laptop, desktop = Computer(tmp_path / "laptop"), Computer(tmp_path / "desktop")
    stick = tmp_path / "stick"
    laptop.ok("sync", "setup", str(stick))
    laptop.reflect("Before the stick went missing.")
    laptop.ok("sync")
    laptop.reflect("Written while the stick was at home.")
    with laptop.journal() as journal:
        assert sync_state.pending_count(journal) >= 1
    stick.rename(tmp_path / "away")
    before = laptop.records()
    _refused(laptop.run("sync"), "cannot reach the remote")
    assert laptop.records() == before
    with laptop.journal() as journal:
        assert sync_state.pending_count(journal) >= 1  # still waiting, in the journal itself
    (tmp_path / "away").rename(stick)
    assert summary(laptop.ok("sync"))[0] >= 1
    with laptop.journal() as journal:
        assert sync_state.pending_count(journal) == 0
    desktop.ok("sync", "setup", str(stick))
    desktop.ok("sync")
    assert "Written while the stick was at home." in desktop.bodies()


def test_an_unreachable_server_is_one_line(laptop: Computer) -> None:
    laptop.reflect("Offline.")
    laptop.ok("sync", "setup", "http://127.0.0.1:9/journal.git")
    before = laptop.records()
    _refused(laptop.run("sync"), "cannot reach the remote http://127.0.0.1:9/journal.git")
    assert laptop.records() == before


def test_a_real_process_syncs(tmp_path: Path) -> None:
    """The console script end to end: setup and sync as a shell runs them."""
    home, remote = tmp_path / "school", tmp_path / "drive"
    assert run_ilearn("reflect", "From a real process.", home=home).code == 0
    setup = run_ilearn("sync", "setup", str(remote), home=home)
    assert setup.code == 0 and setup.out.count("\n") == 1
    done = run_ilearn("sync", home=home)
    assert done.code == 0 and done.out.startswith(f"synced with {remote}: sent ")
    desktop = Computer(tmp_path / "desktop")
    desktop.ok("sync", "setup", str(remote))
    desktop.ok("sync")
    assert "From a real process." in desktop.bodies()

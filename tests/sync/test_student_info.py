"""Evidence marked as student information stays on its computer unless sync_student_info is on."""

from __future__ import annotations

from pathlib import Path

import pytest
from dulwich.repo import Repo

from ilearn_tui.settings import load_settings, save_settings
from ilearn_tui.sync.engine import repo_dir
from tests.sync.helpers import Computer

STUDENT_WORK = b"Ana's essay, first draft\n" * 50
LESSON_PLAN = b"Lesson plan: think-pair-share\n" * 50


def _allow(computer: Computer, allowed: bool) -> None:
    with computer.journal() as journal:
        settings = load_settings(journal.locations)
        settings.sync_student_info = allowed
        save_settings(journal.locations, settings)


def _add_evidence(computer: Computer, tmp_path: Path, data: bytes, title: str, *flags: str) -> str:
    source = tmp_path / f"{title}.txt"
    source.write_bytes(data)
    computer.ok("evidence", "add", str(source), "--title", title, *flags)
    with computer.journal() as journal:
        return str(journal.conn.execute("SELECT id FROM evidence WHERE title = ?", (title,)).fetchone()[0])


def _link(computer: Computer, reflection_id: str, evidence_id: str) -> None:
    with computer.journal() as journal, journal.write() as conn:
        conn.execute(
            "INSERT INTO reflection_links(reflection_id, evidence_id) VALUES (?, ?)",
            (reflection_id, evidence_id),
        )


def _blobs(path: Path) -> list[bytes]:
    """Every blob among the git objects of a repository, whether a commit names it or not."""
    repo = Repo(str(path))
    try:
        found = []
        for sha in repo.object_store:
            obj = repo.object_store[sha]
            if obj.type_name == b"blob":
                found.append(obj.as_raw_string())
        return found
    finally:
        repo.close()


def _files(computer: Computer) -> dict[str, bytes]:
    with computer.journal() as journal:
        rows = journal.conn.execute("SELECT title, file_name FROM evidence").fetchall()
        return {str(t): (journal.locations.evidence_dir / str(n)).read_bytes() for t, n in rows}


def _sync_repo(computer: Computer) -> Path:
    with computer.journal() as journal:
        return repo_dir(journal)


@pytest.mark.parametrize("before_first_sync", [True, False], ids=["before-first-sync", "after"])
def test_student_information_stays_home_until_the_setting_is_on(
    pair: tuple[Computer, Computer, Path], tmp_path: Path, before_first_sync: bool
) -> None:
    laptop, desktop, remote = pair
    _add_evidence(laptop, tmp_path, LESSON_PLAN, "Lesson plan")
    if not before_first_sync:
        laptop.ok("sync")
    student = _add_evidence(laptop, tmp_path, STUDENT_WORK, "Student work", "--student-info")
    _link(laptop, laptop.reflect("Ana's essay showed the new routine working."), student)
    laptop.ok("sync")
    desktop.ok("sync")

    for repository in (remote, _sync_repo(laptop), _sync_repo(desktop)):
        blobs = _blobs(repository)
        assert LESSON_PLAN in blobs
        assert STUDENT_WORK not in blobs
        assert not [b for b in blobs if student.encode() in b]  # no record file, no link naming it
    assert _files(desktop) == {"Lesson plan": LESSON_PLAN}
    assert "Ana's essay showed the new routine working." in desktop.bodies()
    status = laptop.ok("sync", "status")  # the evidence and its link wait, and say why
    assert "pending: 2 changes to send (2 of them student information, kept here)" in status

    _allow(laptop, True)
    laptop.ok("sync")
    desktop.ok("sync")
    assert _files(desktop) == {"Lesson plan": LESSON_PLAN, "Student work": STUDENT_WORK}
    assert "pending: 0 changes to send" in laptop.ok("sync", "status")
    assert laptop.records() == desktop.records()


def test_an_edit_of_student_information_waits_too(
    pair: tuple[Computer, Computer, Path], tmp_path: Path
) -> None:
    laptop, desktop, remote = pair
    _allow(laptop, True)
    student = _add_evidence(laptop, tmp_path, STUDENT_WORK, "Student work", "--student-info")
    laptop.ok("sync")
    desktop.ok("sync")
    _allow(laptop, False)
    with laptop.journal() as journal, journal.write() as conn:
        conn.execute("UPDATE evidence SET title = 'Ana, second draft' WHERE id = ?", (student,))
    laptop.ok("sync")
    desktop.ok("sync")
    assert set(_files(desktop)) == {"Student work"}
    assert not [b for b in _blobs(remote) if b"Ana, second draft" in b]
    _allow(laptop, True)
    laptop.ok("sync")
    desktop.ok("sync")
    assert set(_files(desktop)) == {"Ana, second draft"}


def test_student_information_sent_by_another_computer_arrives(
    pair: tuple[Computer, Computer, Path], tmp_path: Path
) -> None:
    """The setting guards what leaves this computer, not what the teacher's other one sends."""
    laptop, desktop, _ = pair
    _allow(laptop, True)
    _add_evidence(laptop, tmp_path, STUDENT_WORK, "Student work", "--student-info")
    laptop.ok("sync")
    desktop.ok("sync")
    assert _files(desktop) == {"Student work": STUDENT_WORK}
    desktop.reflect("Something else written at home.")
    desktop.ok("sync")
    laptop.ok("sync")
    assert laptop.records() == desktop.records()


def test_the_setting_is_off_unless_set_to_true(pair: tuple[Computer, Computer, Path]) -> None:
    laptop, _, _ = pair
    with laptop.journal() as journal:
        assert load_settings(journal.locations).sync_student_info is False
        journal.locations.settings_path.parent.mkdir(parents=True, exist_ok=True)
        journal.locations.settings_path.write_text('{"sync_student_info": "yes"}')
        settings = load_settings(journal.locations)
        assert settings.sync_student_info is False and settings.problems
        journal.locations.settings_path.write_text('{"sync_student_info": true}')
        assert load_settings(journal.locations).sync_student_info is True

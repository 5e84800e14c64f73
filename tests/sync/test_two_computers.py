"""The sync contract from outside: two homes and a bare folder remote, through the command line."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ilearn_tui.store.reflections import delete_reflection
from tests.sync.helpers import Computer, summary


def _edit(computer: Computer, rid: str, body: str, title: str | None = None) -> None:
    computer.edit(rid, body, title)


def test_setup_makes_a_bare_repository_in_an_empty_folder(pair: tuple[Computer, Computer, Path]) -> None:
    _, _, remote = pair
    assert (remote / "HEAD").is_file() and (remote / "objects").is_dir()
    assert not (remote / ".git").exists()


def test_an_entry_travels(pair: tuple[Computer, Computer, Path]) -> None:
    laptop, desktop, _ = pair
    laptop.reflect("Exit tickets showed who needed a second example.")
    assert summary(laptop.ok("sync"))[0] >= 1
    _, received, conflicts = summary(desktop.ok("sync"))
    assert received >= 1 and conflicts == 0
    assert "Exit tickets showed who needed a second example." in desktop.bodies()


def test_writes_on_both_sides_converge(pair: tuple[Computer, Computer, Path]) -> None:
    laptop, desktop, _ = pair
    laptop.reflect("First, on the laptop.")
    laptop.ok("sync")
    desktop.ok("sync")
    laptop.reflect("Then the laptop again.")
    desktop.reflect("Meanwhile, the desktop.")
    laptop.ok("sync")
    desktop.ok("sync")
    laptop.ok("sync")
    assert (
        laptop.bodies()
        == desktop.bodies()
        == {
            "First, on the laptop.",
            "Then the laptop again.",
            "Meanwhile, the desktop.",
        }
    )
    assert laptop.records() == desktop.records()
    assert summary(laptop.ok("sync")) == (0, 0, 0)


def test_both_sides_starting_a_year_before_their_first_sync_share_one_cycle(
    pair: tuple[Computer, Computer, Path],
) -> None:
    laptop, desktop, _ = pair
    laptop.reflect("Laptop, before any sync.")
    desktop.reflect("Desktop, before any sync.")
    desktop.ok("sync", "setup", str(pair[2]), "--join")
    laptop.ok("sync")
    desktop.ok("sync")
    laptop.ok("sync")
    assert laptop.records() == desktop.records()
    assert len(laptop.records()["cycles"]) == 1
    assert laptop.bodies() == {"Laptop, before any sync.", "Desktop, before any sync."}


def test_different_fields_of_one_reflection_merge(pair: tuple[Computer, Computer, Path]) -> None:
    laptop, desktop, _ = pair
    rid = laptop.reflect("The words.")
    laptop.ok("sync")
    desktop.ok("sync")
    _edit(laptop, rid, "The words.", title="A title from the laptop")
    _edit(desktop, rid, "The words, edited at home.")
    laptop.ok("sync")
    assert summary(desktop.ok("sync"))[2] == 0
    laptop.ok("sync")
    with laptop.journal() as journal:
        row = journal.conn.execute("SELECT title, body FROM reflections WHERE id = ?", (rid,)).fetchone()
    assert tuple(row) == ("A title from the laptop", "The words, edited at home.")
    assert laptop.records() == desktop.records()


def test_a_double_edit_keeps_both_texts(pair: tuple[Computer, Computer, Path]) -> None:
    laptop, desktop, _ = pair
    rid = laptop.reflect("Draft of the lesson study.")
    laptop.ok("sync")
    desktop.ok("sync")
    _edit(laptop, rid, "Lesson study, as written at school.")
    _edit(desktop, rid, "Lesson study, as written at home.")
    laptop.ok("sync")
    assert summary(desktop.ok("sync"))[2] == 1
    laptop.ok("sync")
    for computer in (laptop, desktop):
        assert {
            "Lesson study, as written at school.",
            "Lesson study, as written at home.",
        } <= computer.bodies()
    with desktop.journal() as journal:
        kept = journal.conn.execute("SELECT body FROM reflections WHERE id = ?", (rid,)).fetchone()[0]
        copy = journal.conn.execute(
            "SELECT title, body FROM reflections WHERE title LIKE 'Conflicted copy%'"
        ).fetchone()
    assert kept == "Lesson study, as written at home."  # the computer that merged keeps its own
    assert copy[1] == "Lesson study, as written at school."
    status = desktop.ok("sync", "status")
    assert "conflicts: 1" in status and "conflicted copy" in status
    assert laptop.records() == desktop.records()


def test_a_delete_lands_in_the_other_sides_trash(pair: tuple[Computer, Computer, Path]) -> None:
    laptop, desktop, _ = pair
    rid = laptop.reflect("A note I will delete.")
    laptop.ok("sync")
    desktop.ok("sync")
    with laptop.journal() as journal:
        delete_reflection(journal, rid)
    laptop.ok("sync")
    desktop.ok("sync")
    assert "A note I will delete." not in desktop.bodies()
    trash = desktop.ok("trash", "list")
    assert "A note I will delete." in trash
    desktop.ok("trash", "restore", trash.split()[0])
    desktop.ok("sync")
    laptop.ok("sync")
    assert "A note I will delete." in laptop.bodies()


def test_an_edit_beats_a_delete_on_the_other_side(pair: tuple[Computer, Computer, Path]) -> None:
    laptop, desktop, _ = pair
    rid = laptop.reflect("Keep me.")
    laptop.ok("sync")
    desktop.ok("sync")
    with laptop.journal() as journal:
        delete_reflection(journal, rid)
    _edit(desktop, rid, "Keep me, I was edited.")
    laptop.ok("sync")
    desktop.ok("sync")
    laptop.ok("sync")
    assert "Keep me, I was edited." in laptop.bodies() and "Keep me, I was edited." in desktop.bodies()


def test_an_evidence_file_arrives_byte_for_byte(
    pair: tuple[Computer, Computer, Path], tmp_path: Path
) -> None:
    laptop, desktop, _ = pair
    source = tmp_path / "student-work.bin"
    data = bytes(range(256)) * 41 + b"\x00\xff end"
    source.write_bytes(data)
    laptop.ok("evidence", "add", str(source), "--title", "Sample of student work")
    laptop.ok("sync")
    desktop.ok("sync")
    with desktop.journal() as journal:
        name, sha = journal.conn.execute("SELECT file_name, sha256 FROM evidence").fetchone()
        stored = journal.locations.evidence_dir / name
    assert stored.read_bytes() == data
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == sha


def test_tags_travel_with_their_reflection(pair: tuple[Computer, Computer, Path]) -> None:
    laptop, desktop, _ = pair
    laptop.ok("reflect", "Think-pair-share went well.", "--tag", "discussion")
    laptop.ok("sync")
    desktop.ok("sync")
    assert "Think-pair-share" in desktop.ok("search", "discussion")


def test_a_conflicted_copy_keeps_the_links_of_the_version_it_copies(
    pair: tuple[Computer, Computer, Path],
) -> None:
    from ilearn_tui.store import plan
    from ilearn_tui.store.reflections import add_reflection

    laptop, desktop, _ = pair
    with laptop.journal() as journal:
        goal = plan.add_goal(journal, "Better questions")
        rid = add_reflection(journal, "Linked words.", links={"goal_id": [goal]})
    laptop.ok("sync")
    desktop.ok("sync")
    _edit(laptop, rid, "Linked words, school.")
    _edit(desktop, rid, "Linked words, home.")
    laptop.ok("sync")
    desktop.ok("sync")
    laptop.ok("sync")
    for computer in (laptop, desktop):
        with computer.journal() as journal:
            sql = (
                "SELECT l.goal_id FROM reflection_links l JOIN reflections r ON r.id = l.reflection_id "
                "WHERE r.title LIKE 'Conflicted copy%'"
            )
            assert [row[0] for row in journal.conn.execute(sql)] == [goal]
    assert laptop.records() == desktop.records()


def test_a_record_deleted_on_one_side_stays_when_the_other_gave_it_a_new_child(
    pair: tuple[Computer, Computer, Path],
) -> None:
    from ilearn_tui.store import plan
    from ilearn_tui.store.plan import insert_row
    from ilearn_tui.store.trash import move_to_trash

    laptop, desktop, _ = pair
    with laptop.journal() as journal:
        goal = plan.add_goal(journal, "Better questions", questions=["Does wait time help?"])
    laptop.ok("sync")
    desktop.ok("sync")
    with laptop.journal() as journal:
        move_to_trash(journal, "goals", goal, "goal", "Better questions")
    with desktop.journal() as journal, journal.write() as conn:
        insert_row(conn, "questions", {"goal_id": goal, "text": "Do sentence stems help too?"})
    laptop.ok("sync")
    desktop.ok("sync")
    laptop.ok("sync")
    assert laptop.records() == desktop.records()
    questions = [row[2] for row in laptop.records()["questions"]]
    assert questions == ["Do sentence stems help too?"]
    assert [row[0] for row in laptop.records()["goals"]] == [goal]
    assert "Does wait time help?" in desktop.ok("trash", "list") or "Better questions" in desktop.ok(
        "trash", "list"
    )


def test_the_first_sync_sends_records_written_before_sync_existed(
    pair: tuple[Computer, Computer, Path],
) -> None:
    """A journal upgraded to this version holds records the change log never saw."""
    laptop, desktop, _ = pair
    laptop.reflect("Written long before sync.")
    with laptop.journal() as journal, journal.write() as conn:
        conn.execute("DELETE FROM sync_changes")  # as after the upgrade: nothing marked
    laptop.ok("sync")
    desktop.ok("sync")
    assert "Written long before sync." in desktop.bodies()


def test_a_vision_written_on_both_computers_for_one_year_keeps_both_texts(
    pair: tuple[Computer, Computer, Path],
) -> None:
    from ilearn_tui.store.plan import insert_row

    laptop, desktop, _ = pair
    laptop.reflect("So the year exists.")
    laptop.ok("sync")
    desktop.ok("sync")
    for computer, words in ((laptop, "Every student asks a question a day."), (desktop, "Curiosity first.")):
        with computer.journal() as journal, journal.write() as conn:
            cycle = conn.execute("SELECT id FROM cycles").fetchone()[0]
            insert_row(conn, "visions", {"cycle_id": cycle, "body": words})
    laptop.ok("sync")
    desktop.ok("sync")
    laptop.ok("sync")
    assert laptop.records() == desktop.records()
    visions = laptop.records()["visions"]
    assert len(visions) == 1
    assert "Every student asks a question a day." in str(visions[0]) and "Curiosity first." in str(visions[0])

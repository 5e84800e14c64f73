"""Resolving a conflict: keep mine, keep theirs, or an edit; and the resolution travels."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from ilearn_tui.domain.fields import MAX_BODY_CHARS
from ilearn_tui.errors import UsageError
from ilearn_tui.store import sync_state
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.reflections import add_reflection, update_reflection
from ilearn_tui.store.trash import list_trash
from ilearn_tui.sync import resolve
from tests.helpers.cli import assert_fails
from tests.sync.helpers import Computer, double_edit_goal

SCHOOL, HOME = "Lesson study, as written at school.", "Lesson study, as written at home."


def _edit(computer: Computer, rid: str, body: str) -> None:
    with computer.journal() as journal:
        day, title = journal.conn.execute(
            "SELECT date, title FROM reflections WHERE id = ?", (rid,)
        ).fetchone()
        update_reflection(journal, rid, body=body, title=title, tags=[], stage=None, day=day)


def _double_edit(laptop: Computer, desktop: Computer) -> str:
    """A reflection both computers changed: the desktop merges second and lists the conflict.

    The laptop then syncs again, so it holds the conflicted copy too (without listing it).
    """
    rid = laptop.reflect("Draft of the lesson study.")
    laptop.ok("sync")
    desktop.ok("sync")
    _edit(laptop, rid, SCHOOL)
    _edit(desktop, rid, HOME)
    laptop.ok("sync")
    desktop.ok("sync")
    laptop.ok("sync")
    return rid


def _body(computer: Computer, rid: str) -> str:
    with computer.journal() as journal:
        return str(journal.conn.execute("SELECT body FROM reflections WHERE id = ?", (rid,)).fetchone()[0])


def _copies(computer: Computer) -> list[str]:
    with computer.journal() as journal:
        sql = "SELECT id FROM reflections WHERE title LIKE 'Conflicted copy%'"
        return [str(r[0]) for r in journal.conn.execute(sql)]


def _conflicts(computer: Computer) -> list[sync_state.Conflict]:
    with computer.journal() as journal:
        return sync_state.list_conflicts(journal)


def _both_agree(laptop: Computer, desktop: Computer) -> None:
    desktop.ok("sync")
    laptop.ok("sync")
    assert laptop.records() == desktop.records()
    assert _conflicts(laptop) == _conflicts(desktop) == []


def test_status_says_how_to_resolve_each_conflict(pair: tuple[Computer, Computer, Path]) -> None:
    laptop, desktop, _ = pair
    rid = _double_edit(laptop, desktop)
    status = desktop.ok("sync", "status")
    assert f"ilearn sync resolve {rid[:8]} --keep mine|theirs, or --edit" in status


def test_keep_theirs_takes_the_other_text_and_trashes_the_copy_on_both(
    pair: tuple[Computer, Computer, Path],
) -> None:
    laptop, desktop, _ = pair
    rid = _double_edit(laptop, desktop)
    [copy] = _copies(desktop)
    line = desktop.ok("sync", "resolve", rid[:8], "--keep", "theirs")
    assert "kept the other computer's" in line
    assert _body(desktop, rid) == SCHOOL and _copies(desktop) == []
    assert "Conflicted copy" in desktop.ok("trash", "list")
    assert "conflicts: 0" in desktop.ok("sync", "status")
    _both_agree(laptop, desktop)
    assert _body(laptop, rid) == SCHOOL and _copies(laptop) == []
    assert "Conflicted copy" in laptop.ok("trash", "list")
    assert copy not in {r[0] for r in laptop.records()["reflections"]}


def test_keep_mine_keeps_this_text_and_the_copy_leaves_both(pair: tuple[Computer, Computer, Path]) -> None:
    laptop, desktop, _ = pair
    rid = _double_edit(laptop, desktop)
    [copy] = _copies(desktop)
    desktop.ok("sync", "resolve", copy[:8], "--keep", "mine")  # the copy's id names it too
    assert _body(desktop, rid) == HOME and _copies(desktop) == []
    _both_agree(laptop, desktop)
    assert _body(laptop, rid) == HOME and _copies(laptop) == []


def _editor(tmp_path: Path, body: str) -> dict[str, str]:
    """A real editor process: it checks it was given both texts, then writes ``body``."""
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\n"
        "path = pathlib.Path(sys.argv[1])\n"
        "given = path.read_text()\n"
        f"assert {SCHOOL!r} in given and {HOME!r} in given, given\n"
        f"path.write_text({body!r})\n"
    )
    return {"EDITOR": f"{sys.executable} {script}"}


def test_an_edit_of_both_texts_is_kept_and_travels(
    pair: tuple[Computer, Computer, Path], tmp_path: Path
) -> None:
    laptop, desktop, _ = pair
    rid = _double_edit(laptop, desktop)
    joined = "Lesson study: written at school, finished at home."
    result = desktop.run("sync", "resolve", rid[:8], "--edit", env=_editor(tmp_path, joined))
    assert result.code == 0, result
    assert _body(desktop, rid) == joined and _copies(desktop) == []
    _both_agree(laptop, desktop)
    assert _body(laptop, rid) == joined


def test_an_unchanged_or_emptied_edit_changes_nothing(
    pair: tuple[Computer, Computer, Path], tmp_path: Path
) -> None:
    laptop, desktop, _ = pair
    rid = _double_edit(laptop, desktop)
    before = desktop.records()
    for editor in ({"EDITOR": "true"}, _editor(tmp_path, "\n  \n")):
        line = desktop.ok("sync", "resolve", rid[:8], "--edit", env=editor)
        assert "no change" in line and "still listed" in line
    assert desktop.records() == before and len(_conflicts(desktop)) == 1


def test_an_editor_that_fails_changes_nothing(pair: tuple[Computer, Computer, Path]) -> None:
    laptop, desktop, _ = pair
    rid = _double_edit(laptop, desktop)
    before = desktop.records()
    assert_fails(desktop.run("sync", "resolve", rid[:8], "--edit", env={"EDITOR": "false"}), 1)
    assert desktop.records() == before and len(_conflicts(desktop)) == 1


def test_a_goal_conflict_keeps_the_other_title(pair: tuple[Computer, Computer, Path]) -> None:
    laptop, desktop, _ = pair
    double_edit_goal(laptop, desktop)
    [conflict] = _conflicts(desktop)
    assert conflict.copy_id is None
    desktop.ok("sync", "resolve", conflict.key, "--keep", "theirs")
    _both_agree(laptop, desktop)
    with laptop.journal() as journal:
        assert journal.conn.execute("SELECT title FROM goals").fetchone()[0] == "Better questions at school"


def test_a_conflict_settled_on_the_other_computer_stops_being_listed(
    pair: tuple[Computer, Computer, Path],
) -> None:
    """The laptop never listed it (the desktop's merge found it); deleting the copy there settles it."""
    laptop, desktop, _ = pair
    _double_edit(laptop, desktop)
    [copy] = _copies(laptop)
    assert _conflicts(laptop) == []
    laptop.ok("delete", copy)
    laptop.ok("sync")
    desktop.ok("sync")
    assert _conflicts(desktop) == [] and _copies(desktop) == []
    assert "Conflicted copy" in desktop.ok("trash", "list")
    assert laptop.records() == desktop.records()


def test_a_field_written_again_on_the_other_computer_settles_its_conflict(
    pair: tuple[Computer, Computer, Path],
) -> None:
    laptop, desktop, _ = pair
    rid = _double_edit(laptop, desktop)
    _edit(laptop, rid, "Lesson study, rewritten from both.")
    laptop.ok("sync")
    desktop.ok("sync")
    assert _conflicts(desktop) == []
    assert _body(desktop, rid) == "Lesson study, rewritten from both."


def test_keeping_theirs_when_the_record_is_in_the_trash_changes_nothing(
    pair: tuple[Computer, Computer, Path],
) -> None:
    laptop, desktop, _ = pair
    rid = _double_edit(laptop, desktop)
    desktop.ok("delete", rid)
    before = desktop.records()
    assert_fails(desktop.run("sync", "resolve", rid[:8], "--keep", "theirs"), 1)
    assert desktop.records() == before and len(_conflicts(desktop)) == 1
    desktop.ok("sync", "resolve", rid[:8], "--keep", "mine")  # keeping what is here always works
    assert _conflicts(desktop) == [] and _copies(desktop) == []


# --- bad inputs -------------------------------------------------------------------------------
def _two_listed(computer: Computer) -> None:
    """Two conflicts about records whose ids share their first characters."""
    ids = ("abab0001-0000-4000-8000-000000000000", "abab0002-0000-4000-8000-000000000000")
    merge = sync_state.Merge(
        conflicts=[sync_state.Conflict("goals", i, "title", '"Here"', '"There"') for i in ids]
    )
    with computer.journal() as journal:
        sync_state.apply_merge(journal, merge, since=sync_state.last_mark(journal), commit="")


def test_bad_ids_are_refused_and_change_nothing(tmp_path: Path) -> None:
    computer = Computer(tmp_path / "one")
    computer.reflect("Something, so the journal exists.")
    assert_fails(computer.run("sync", "resolve", "abab", "--keep", "mine"), 1)  # nothing to resolve
    _two_listed(computer)
    before = computer.records()
    for ref, code in (("abab", 2), ("ab", 2), ("ffff0000", 1), ("", 2)):
        assert_fails(computer.run("sync", "resolve", ref, "--keep", "mine"), code)
    with computer.journal() as journal:
        assert resolve.find_conflict(journal, "abab0002").key.startswith("abab0002")
    assert computer.records() == before and len(_conflicts(computer)) == 2


def test_a_bad_keep_value_suggests_the_right_one(tmp_path: Path) -> None:
    computer = Computer(tmp_path / "one")
    computer.reflect("Something, so the journal exists.")
    _two_listed(computer)
    result = computer.run("sync", "resolve", "abab0001", "--keep", "their")
    assert_fails(result, 2)
    assert "--keep: unknown value 'their'; did you mean 'theirs'?" in result.err
    assert_fails(computer.run("sync", "resolve", "abab0001"), 2)  # neither --keep nor --edit
    assert_fails(computer.run("sync", "resolve", "abab0001", "--keep", "mine", "--edit"), 2)
    # A goal's title is a text; its status is not, and no editor is opened for it.
    with computer.journal() as journal:
        resolve.check_editable(resolve.find_conflict(journal, "abab0001"))  # no error
        status = sync_state.Conflict("goals", "abab0001", "status", '"active"', '"done"')
        with pytest.raises(UsageError, match="not a text to edit"):
            resolve.check_editable(status)
    assert len(_conflicts(computer)) == 2


# --- the API the app's Conflicts view uses ------------------------------------------------------
def _listed(journal: Journal, rid: str, *fields: str, copy_id: str | None = None) -> None:
    merge = sync_state.Merge(
        conflicts=[
            sync_state.Conflict(
                "reflections", rid, f, json.dumps(f"Here {f}"), json.dumps(f"There {f}"), copy_id
            )
            for f in fields
        ]
    )
    sync_state.apply_merge(journal, merge, since=sync_state.last_mark(journal), commit="")


def _ids(journal: Journal) -> set[str]:
    return {str(r[0]) for r in journal.conn.execute("SELECT id FROM reflections")}


def test_a_resolution_is_a_pending_change_and_the_copy_goes_with_the_last_field(journal: Journal) -> None:
    rid = add_reflection(journal, "Here body", title="Here title")
    copy = add_reflection(journal, "There body", title="Conflicted copy: There title")
    _listed(journal, rid, "title", "body", copy_id=copy)
    first = resolve.find_conflict(journal, copy[:8])
    resolve.keep_theirs(journal, first)
    assert copy in _ids(journal)  # the copy still holds the other field's text
    second = resolve.find_conflict(journal, rid)
    assert second.field != first.field
    resolve.keep_mine(journal, second)
    assert copy not in _ids(journal) and sync_state.list_conflicts(journal) == []
    [(kind, label)] = [(t.kind, t.label) for t in list_trash(journal)]
    assert kind == "reflection" and label.startswith("Conflicted copy")
    waiting = {(c.table, c.key) for c in sync_state.pending(journal)}
    assert {("reflections", rid), ("reflections", copy)} <= waiting


@pytest.mark.parametrize(
    ("field", "text"),
    [("body", " \n\t"), ("title", "x" * (MAX_BODY_CHARS + 1)), ("private", "1")],
    ids=["empty", "too-long", "not-a-text"],
)
def test_an_edit_that_the_record_cannot_hold_is_refused(journal: Journal, field: str, text: str) -> None:
    rid = add_reflection(journal, "Here body", title="Here title")
    _listed(journal, rid, field)
    before = sync_state.read_record(journal, "reflections", {"id": rid})
    with pytest.raises(UsageError):
        resolve.keep_edit(journal, resolve.find_conflict(journal, rid), text)
    assert sync_state.read_record(journal, "reflections", {"id": rid}) == before
    assert len(sync_state.list_conflicts(journal)) == 1


def test_a_goal_deleted_with_a_conflict_keeps_the_other_value_in_the_trash(
    pair: tuple[Computer, Computer, Path],
) -> None:
    """The other computer's title lives only in the conflict's listing: a delete must not drop it.

    Deleted on the laptop (which never listed it) once it holds the merged goal, the goal reaches
    the desktop's trash with its conflict; restored there, the conflict is listed again.
    """
    laptop, desktop, _ = pair
    double_edit_goal(laptop, desktop)
    [conflict] = _conflicts(desktop)
    laptop.ok("sync")
    with laptop.journal() as journal:
        goal_id = journal.conn.execute("SELECT id FROM goals").fetchone()[0]
    laptop.ok("delete", goal_id)
    laptop.ok("sync")
    desktop.ok("sync")
    assert _conflicts(desktop) == []
    with desktop.journal() as journal:
        [item] = list_trash(journal)
        payload = journal.conn.execute("SELECT payload FROM trash").fetchone()[0]
    assert "Better questions at school" in payload
    desktop.ok("trash", "restore", item.id)
    [again] = _conflicts(desktop)
    assert (again.key, again.field, again.other) == (conflict.key, conflict.field, conflict.other)

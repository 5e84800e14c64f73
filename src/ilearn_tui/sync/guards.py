"""What a sync holds back or refuses, by the teacher's settings and the size of a merge.

Kept apart from the engine's order of steps: these are the rules a teacher reads about in
docs/SYNC.md ("Student information stays on its computer", the mass-trash refusal), so
each lives in one place that the page can be checked against.
"""

from __future__ import annotations

from ilearn_tui.errors import IlearnError
from ilearn_tui.settings import load_settings
from ilearn_tui.store import sync_state
from ilearn_tui.store.journal import Journal
from ilearn_tui.sync import records

# A merge that would move more than this share of the records to the trash, and more than
# ``TRASH_FLOOR`` of them, is refused unless asked for: a wiped or wrong journal on the other
# computer looks, to a merge, exactly like the teacher deleting everything.
TRASH_SHARE = 0.5
TRASH_FLOOR = 10


def kept_home(journal: Journal) -> list[tuple[str, records.Row]] | None:
    """The records that stay on this computer (student information), or None to send them all."""
    if load_settings(journal.locations).sync_student_info:
        return None
    return sync_state.student_info_records(journal)


def refuse_mass_trash(journal: Journal, merge: sync_state.Merge) -> None:
    """One line, before anything changes, when a merge would trash most of the journal."""
    held = sync_state.record_count(journal)
    trashed = sum(
        1
        for table, where in merge.deletes
        if table != "cycles"
        and records.is_record(table)
        and sync_state.read_record(journal, table, where) is not None
    )
    if trashed > TRASH_FLOOR and trashed > held * TRASH_SHARE:
        raise IlearnError(
            f"this sync would move {trashed} of the journal's {held} records to the trash (deleted on "
            "another computer); nothing was changed. If that is what you want, run "
            "'ilearn sync --allow-deletes'"
        )


# A merge of more records than this keeps a full copy of the journal instead of an undo file:
# the file would hold most of what a copy holds, and the capture would slow the merge down.
FULL_COPY_ROWS = 2000


def needs_full_copy(journal: Journal, merge: sync_state.Merge) -> bool:
    """Whether the backup before this merge is a full copy of the journal, not an undo file.

    A full copy where it is cheap or where a merge may change what an undo file cannot judge:
    a first sync with this remote (the journal is adopted, or two journals are joined: cheap
    when the journal is still empty), a merge that trashes more than ``TRASH_FLOOR`` records
    (the kind of merge the mass-trash guard exists for), and a very large merge.
    """
    if not journal.get_meta(sync_state.LAST_COMMIT):
        return True
    trashed = sum(1 for table, _where in merge.deletes if table != "cycles" and records.is_record(table))
    return trashed > TRASH_FLOOR or len(merge.puts) + len(merge.deletes) > FULL_COPY_ROWS

"""Random writes and syncs on two computers end in the same journal, with no words lost."""

from __future__ import annotations

import contextlib
import random
from pathlib import Path

import pytest

from ilearn_tui.errors import IlearnError
from ilearn_tui.store.reflections import add_reflection, delete_reflection, update_reflection
from ilearn_tui.store.trash import list_trash, restore
from tests.sync.helpers import Computer


def _ids(computer: Computer) -> list[str]:
    with computer.journal() as journal:
        return [str(r[0]) for r in journal.conn.execute("SELECT id FROM reflections ORDER BY id")]


def _everything_said(computer: Computer) -> str:
    """Every body the journal still holds, live or in the trash."""
    with computer.journal() as journal:
        live = [str(r[0]) for r in journal.conn.execute("SELECT body FROM reflections")]
        trashed = [str(r[0]) for r in journal.conn.execute("SELECT payload FROM trash")]
    return "\n".join(live + trashed)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_writes_and_syncs_converge_and_keep_every_last_version(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    computers = [Computer(tmp_path / "laptop"), Computer(tmp_path / "desktop")]
    for computer in computers:
        computer.ok("sync", "setup", str(tmp_path / "remote"))
    computers[0].ok("sync")
    computers[1].ok("sync")
    latest: dict[str, str] = {}  # each reflection's last text, on whichever computer wrote it
    for step in range(24):
        computer = rng.choice(computers)
        action = rng.choice(["add", "add", "edit", "edit", "delete", "restore", "sync", "sync"])
        ids = _ids(computer)
        text = f"step {step} on {computer.home.name}"
        with computer.journal() as journal:
            if action == "add" or (action in ("edit", "delete") and not ids):
                latest[add_reflection(journal, text)] = text
            elif action == "edit":
                rid = rng.choice(ids)
                day, title = journal.conn.execute(
                    "SELECT date, title FROM reflections WHERE id = ?", (rid,)
                ).fetchone()
                update_reflection(journal, rid, body=text, title=title, tags=[], stage=None, day=day)
                latest[rid] = text
            elif action == "delete":
                delete_reflection(journal, rng.choice(ids))
            elif action == "restore" and list_trash(journal):
                # It may exist again (the other side kept it): then the item stays in the trash.
                with contextlib.suppress(IlearnError):
                    restore(journal, list_trash(journal)[0].id)
        if action == "sync":
            computer.ok("sync")
    for computer in [*computers, *computers]:
        computer.ok("sync")
    assert computers[0].records() == computers[1].records()
    # A computer's own delete sends its last version to its own trash; nothing else may vanish.
    said = "\n".join(_everything_said(computer) for computer in computers)
    missing = [text for text in latest.values() if text not in said]
    assert not missing, f"lost {missing}"

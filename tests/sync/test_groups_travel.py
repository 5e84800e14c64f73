"""A teacher's groups and what she published travel between her own computers like any record."""

from __future__ import annotations

from pathlib import Path

from ilearn_tui.store.groups import groups_with_remotes, list_groups
from ilearn_tui.store.publications import outbox
from tests.sync.helpers import Computer


def test_a_group_its_members_and_a_publication_travel(
    pair: tuple[Computer, Computer, Path], tmp_path: Path
) -> None:
    laptop, desktop, _ = pair
    laptop.ok("profile", "--name", "Sam Rivera")
    group_id = laptop.ok("group", "add", "Grade 7 PLC", "--member", "J. Smith", "--member", "Ana Lopez")
    laptop.ok("group", "setup", "Grade", str(tmp_path / "plc"))
    aid = laptop.ok("log", "workshop", "PLC meeting", "--group", "Grade")
    pid = laptop.ok("publish", aid, "--to", "Grade")
    laptop.ok("sync")
    # Her name is kept on each computer; the desktop takes it from her profile in the group.
    said = desktop.ok("sync")
    assert "your name, Sam Rivera, as your other computer gave it" in said, said
    assert "Name: Sam Rivera" in desktop.ok("profile")
    with desktop.journal() as journal:
        (group,) = list_groups(journal)
        assert (group.id, group.name, group.members) == (group_id, "Grade 7 PLC", ("J. Smith", "Ana Lopez"))
        assert [g.id for g in groups_with_remotes(journal)] == [group_id]
        assert [item["id"] for item in outbox(journal, group_id)] == [pid]
        assert (
            journal.conn.execute("SELECT group_id FROM activities WHERE id = ?", (aid,)).fetchone()[0]
            == group_id
        )
    assert laptop.records() == desktop.records()
    # Withdrawn on the desktop: the laptop's outbox loses it at the next sync.
    desktop.ok("unpublish", pid)
    desktop.ok("sync")
    laptop.ok("sync")
    with laptop.journal() as journal:
        assert outbox(journal, group_id) == []


def test_the_own_sync_remote_is_not_a_group_repository(pair: tuple[Computer, Computer, Path]) -> None:
    laptop, _, remote = pair
    laptop.ok("group", "add", "Team")
    refused = laptop.run("group", "setup", "Team", str(remote))
    assert refused.code == 2 and "your own sync remote" in refused.err
    with laptop.journal() as journal:
        assert [g.remote for g in list_groups(journal)] == [""]

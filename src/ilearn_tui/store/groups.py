"""The teacher's groups (a PLC, a cohort, a book study, a team) and their members.

A group is one of her records, so it syncs between her computers; its remote names the group's
shared repository, empty until she sets it up. Its members are names she wrote, not accounts.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from ilearn_tui.domain.model_groups import GROUP_KINDS
from ilearn_tui.domain.picking import pick
from ilearn_tui.errors import NotFoundError, UsageError
from ilearn_tui.store.journal import Journal, now_stamp

MAX_NAME = 120


@dataclass(frozen=True, slots=True)
class Group:
    id: str
    name: str
    kind: str
    remote: str
    members: tuple[str, ...] = ()


def _name(text: str, what: str) -> str:
    name = " ".join(text.split())
    if not name:
        raise UsageError(f"a {what} needs a name")
    if len(name) > MAX_NAME:
        raise UsageError(f"a {what}'s name can be at most {MAX_NAME} characters")
    if any(not ch.isprintable() for ch in name):
        raise UsageError(f"a {what}'s name cannot hold control characters")
    return name


def group_kind(text: str | None) -> str:
    """A group's kind by any unambiguous start ("book" is book-study); a slip gets "did you mean"."""
    return GROUP_KINDS[0] if text is None else pick("--kind", text, GROUP_KINDS)


def add_group(journal: Journal, name: str, kind: str, members: list[str]) -> str:
    """A new group with its members, in one write; a second group of the same name is refused."""
    from ilearn_tui.store.plan import insert_row  # the plan's records: not for a sync's look-up

    name = _name(name, "group")
    names = list(dict.fromkeys(_name(m, "member") for m in members))
    with journal.write() as conn:
        taken = conn.execute("SELECT name FROM groups WHERE lower(name) = lower(?)", (name,)).fetchone()
        if taken:
            raise UsageError(f"there is already a group named {taken[0]!r}")
        group_id = insert_row(conn, "groups", {"name": name, "kind": kind})
        for member in names:
            insert_row(conn, "group_members", {"group_id": group_id, "name": member})
    return group_id


def find_group(journal: Journal, ref: str) -> str:
    """A group by its id, an id prefix, or an unambiguous name prefix (as a goal is named)."""
    try:
        return journal.resolve("groups", ref, "name", "group")
    except NotFoundError:
        names = [str(r[0]) for r in journal.conn.execute("SELECT name FROM groups ORDER BY name")]
        close = difflib.get_close_matches(ref.strip(), names, n=1, cutoff=0.6)
        if close:
            raise NotFoundError(f"no group matches {ref!r}; did you mean {close[0]!r}?") from None
        hint = "'ilearn group list' shows them" if names else "add one with 'ilearn group add NAME'"
        raise NotFoundError(f"no group matches {ref!r} ({hint})") from None


def list_groups(journal: Journal) -> list[Group]:
    members: dict[str, list[str]] = {}
    for group_id, name in journal.conn.execute(
        "SELECT group_id, name FROM group_members ORDER BY created_at, rowid"
    ):
        members.setdefault(str(group_id), []).append(str(name))
    return [
        Group(str(r[0]), str(r[1]), str(r[2]), str(r[3]), tuple(members.get(str(r[0]), ())))
        for r in journal.conn.execute("SELECT id, name, kind, remote FROM groups ORDER BY lower(name), id")
    ]


def get_group(journal: Journal, group_id: str) -> Group:
    for group in list_groups(journal):
        if group.id == group_id:
            return group
    raise NotFoundError(f"the group {group_id} is no longer in the journal")


def groups_with_remotes(journal: Journal) -> list[Group]:
    """The groups whose shared repository is set up: the ones a sync exchanges."""
    return [group for group in list_groups(journal) if group.remote]


def anything_to_sync(journal: Journal) -> bool:
    """Her own remote, or a group with a repository: something a sync can talk to."""
    from ilearn_tui.store.sync_schema import REMOTE

    if journal.get_meta(REMOTE):
        return True
    return journal.conn.execute("SELECT 1 FROM groups WHERE remote != '' LIMIT 1").fetchone() is not None


def set_group_remote(journal: Journal, group_id: str, remote: str) -> None:
    with journal.write() as conn:
        conn.execute(
            "UPDATE groups SET remote = ?, updated_at = ? WHERE id = ?", (remote, now_stamp(), group_id)
        )


def delete_group(journal: Journal, group: Group) -> str:
    """The group to the trash, its members and publications with it; the trash item's id.

    Its activities and shares stay, no longer in a group (the trash remembers, for a restore).
    """
    from ilearn_tui.store.trash import move_to_trash

    return move_to_trash(journal, "groups", group.id, "group", group.name)


def put_in_group(journal: Journal, table: str, record_id: str, group_id: str) -> None:
    """An activity or a share belongs to a group (inside the caller's write, when there is one)."""
    if table not in ("activities", "shares"):
        raise ValueError(f"{table} records do not belong to groups")
    with journal.write() as conn:
        conn.execute(
            f"UPDATE {table} SET group_id = ?, updated_at = ? WHERE id = ?",
            (group_id, now_stamp(), record_id),
        )

"""``ilearn group``, ``publish``, ``unpublish`` and ``profile``: the teacher's side of her groups.

What arrives from colleagues and the exchange with a group's repository belong to the sync;
these commands only change the teacher's own records, in one write each.
"""

from __future__ import annotations

import argparse

from ilearn_tui.cli.colleagues import list_from_colleagues
from ilearn_tui.cli.common import journal_for
from ilearn_tui.cli.output import out, out_json, saved
from ilearn_tui.domain.text import plural
from ilearn_tui.errors import UsageError
from ilearn_tui.store.journal import Journal
from ilearn_tui.textsafe import one_line

NOT_SET_UP = "not set up"
# The profile's parts: (option, meta key, label), the same keys onboarding writes.
PROFILE = (("name", "teacher_name", "Name"), ("role", "teacher_role", "Role"), ("school", "school", "School"))


def run(args: argparse.Namespace) -> int:
    with journal_for(args) as journal:
        if args.command == "publish":
            return _publish(args, journal)
        if args.command == "unpublish":
            return _unpublish(args, journal)
        if args.command == "profile":
            return _profile(args, journal)
        action = args.group_command or "list"
        if action == "add":
            return _add(args, journal)
        if action == "setup":
            return _setup(args, journal)
        if action == "show":
            return _show(args, journal)
        if action == "delete":
            return _delete(args, journal)
        return _list(args, journal)


def _add(args: argparse.Namespace, journal: Journal) -> int:
    from ilearn_tui.store.groups import add_group, group_kind

    kind = group_kind(args.kind)
    group_id = add_group(journal, args.name, kind, args.member)
    saved("group", args.name, group_id, kind, plural(len(set(args.member)), "member") if args.member else "")
    return 0


def _list(args: argparse.Namespace, journal: Journal) -> int:
    from ilearn_tui.store.groups import list_groups

    groups = list_groups(journal)
    if getattr(args, "json", False):
        out_json(
            [
                {"id": g.id, "name": g.name, "kind": g.kind, "members": list(g.members), "remote": g.remote}
                for g in groups
            ]
        )
        return 0
    if not groups:
        out("No groups yet. Add one with: ilearn group add NAME --kind plc --member NAME")
        return 0
    for g in groups:
        members = one_line(", ".join(g.members), 80) or "no members listed"
        out(f"{g.id[:8]}  {one_line(g.name, 40)} ({g.kind}) · {members} · {g.remote or NOT_SET_UP}")
    return 0


def _setup(args: argparse.Namespace, journal: Journal) -> int:
    from ilearn_tui.store.groups import find_group, get_group, list_groups, set_group_remote
    from ilearn_tui.store.sync_state import REMOTE
    from ilearn_tui.sync.repo import check_remote_url

    group = get_group(journal, find_group(journal, args.group))
    named = {args.url, check_target(args.url)} if args.url.strip() else set()
    if journal.get_meta(REMOTE) in named:
        raise UsageError("that is your own sync remote; a group needs a repository of its own")
    other = next(
        (g for g in list_groups(journal) if g.id != group.id and g.remote and g.remote in named), None
    )
    if other is not None:
        raise UsageError(
            f"the group {other.name!r} already shares through that repository; each group needs its own"
        )
    stored = check_remote_url(args.url)
    set_group_remote(journal, group.id, stored)
    out(
        f"group {one_line(group.name, 60)} shares through {one_line(stored, 200)}; "
        "run 'ilearn sync' to exchange"
    )
    return 0


def check_target(url: str) -> str:
    """The remote as sync stores it, without making anything (a folder path made absolute)."""
    from ilearn_tui.sync.repo import folder_of

    folder = folder_of(url)
    return str(folder.absolute()) if folder is not None else url


def _show(args: argparse.Namespace, journal: Journal) -> int:
    from ilearn_tui.store.groups import find_group, get_group
    from ilearn_tui.store.publications import published_in

    group = get_group(journal, find_group(journal, args.group))
    out(f"{group.name} ({group.kind}) · id {group.id[:8]}")
    out(f"Members: {', '.join(group.members) or 'none listed'}")
    out(f"Repository: {group.remote or NOT_SET_UP + ' (ilearn group setup GROUP URL)'}")
    items = published_in(journal, group.id)
    out(f"Published by you: {plural(len(items), 'item')}")
    for item in items:
        out(f"  {item.id[:8]}  {item.published_at[:10]}  {item.kind:<10} {one_line(item.title, 60)}")
    list_from_colleagues(journal, group.id)
    return 0


def _delete(args: argparse.Namespace, journal: Journal) -> int:
    from ilearn_tui.store.groups import delete_group, find_group, get_group

    group = get_group(journal, find_group(journal, args.group))
    trash_id = delete_group(journal, group)
    out(
        f"Moved the group {one_line(group.name, 60)} to the trash, with its members and what you published "
        f"there; its activities and shares stay. Put it back with: ilearn trash restore {trash_id[:8]}"
    )
    return 0


def _publish(args: argparse.Namespace, journal: Journal) -> int:
    from ilearn_tui.services.publishing import publish
    from ilearn_tui.settings import load_settings

    names = load_settings(journal.locations).names_to_redact(shareable=True)
    done = publish(journal, args.record, args.to, names)
    verb = "published to" if done.new else "updated in"
    saved(
        "publication",
        done.title,
        done.publication_id,
        f"{verb} {done.group.name}",
        "sent at the next 'ilearn sync'",
    )
    return 0


def _unpublish(args: argparse.Namespace, journal: Journal) -> int:
    from ilearn_tui.store.groups import find_group
    from ilearn_tui.store.publications import find_publication, unpublish

    group_id = find_group(journal, args.group) if args.group else None
    publication = find_publication(journal, args.record, group_id)
    trash_id = unpublish(journal, publication)
    out(
        f"Withdrew “{one_line(publication.title, 60)}”; it leaves the group's repository at the next "
        f"'ilearn sync' (put it back with: ilearn trash restore {trash_id[:8]})"
    )
    return 0


def _profile(args: argparse.Namespace, journal: Journal) -> int:
    changes = {key: getattr(args, option) for option, key, _ in PROFILE if getattr(args, option) is not None}
    for key, value in changes.items():
        cleaned = " ".join(value.split())
        if len(cleaned) > 120 or any(not ch.isprintable() for ch in cleaned):
            raise UsageError(f"--{key.removeprefix('teacher_')}: at most 120 printable characters")
        changes[key] = cleaned
    if changes:
        with journal.write():  # all parts or none
            for key, value in changes.items():
                journal.set_meta(key, value)
    for _, key, label in PROFILE:
        out(f"{label}: {journal.get_meta(key) or '(not set)'}")
    return 0

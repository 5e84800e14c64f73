"""A group's exchange: put my folder into the group repository, and read everyone else's.

Each member writes only ``members/<her author id>/``, so two members never conflict and there
is never a merge: fetch the remote head, build its tree again with my folder replaced, commit on
top of it, push expecting that head; if someone pushed meanwhile, do it again from the fetch.

What the other folders hold is read as hostile (see ``domain.colleagues``): a bad file is
skipped with one line in ``problems``, never a crash. A folder whose tree id is the one read
last time is not read again: its items come from a small cache beside the local repository,
so an exchange in a large group reads only the folders that changed.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dulwich.objects import Blob

from ilearn_tui.atomicfile import write_file
from ilearn_tui.domain.colleagues import (
    MAX_NAME_CHARS,
    UUID,
    BadItemError,
    Item,
    Member,
    Received,
    group_file,
    item_file,
    profile_file,
    read_group,
    read_item,
    read_profile,
    shown,
)
from ilearn_tui.errors import IlearnError
from ilearn_tui.sync import group_tree
from ilearn_tui.sync.engine import MAX_ROUNDS
from ilearn_tui.sync.group_tree import GROUP_FILE, ITEMS, MEMBERS, PROFILE, Entry
from ilearn_tui.sync.records import MANIFEST
from ilearn_tui.sync.repo import RemoteError, RemoteMovedError, SyncRepo
from ilearn_tui.textsafe import stripped

CACHE = "ilearn-members.json"
_CACHE_FORMAT = 1


@dataclass
class Exchange:
    """What one exchange did: colleagues' items now in the group, what was skipped, what I sent."""

    received: list[Received] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    sent: int = 0
    group_name: str = ""


def exchange(
    repo_dir: Path, url: str, me: Member, outbox: Sequence[Item], *, group_name: str = ""
) -> Exchange:
    """Publish ``outbox`` as my whole folder of the group repository at ``url``; read the others.

    ``group_name`` names a group repository this exchange is the first to write. A remote that
    holds something other than a group repository is refused with one ``RemoteError`` line.
    """
    if not UUID.match(me.author_id):
        raise IlearnError(f"the author id {shown(me.author_id)} is not a uuid")
    me = Member(me.author_id, " ".join(stripped(me.name).split())[:MAX_NAME_CHARS])
    if not me.name:
        raise IlearnError("a group member needs a name to exchange under")
    mine = _my_files([_publishable(item, me) for item in outbox])
    repo = SyncRepo(repo_dir)
    try:
        for round_ in range(MAX_ROUNDS):
            try:
                remote = repo.fetch(url)
            except RemoteMovedError:
                _wait(round_)
                continue
            base = group_tree.root_tree(repo, remote)
            found_name = _check_group(repo, url, base)
            before = group_tree.entries(repo, group_tree.folder_of(repo, base, MEMBERS))
            files = {**mine, PROFILE: _profile(repo, before.get(me.author_id), me)}
            tree = group_tree.replace_member(
                repo, base, me.author_id, files, None if base is not None else group_file(group_name)
            )
            head = remote
            if tree != base:
                head = repo.commit_of_tree(tree, [remote] if remote else [], f"{me.name}: exchange")
                try:
                    repo.push(url, head, remote)
                except RemoteMovedError:
                    _wait(round_)
                    continue
            if head is not None:
                repo.set_head(head)
            result = _read_members(repo, repo_dir, tree, me.author_id)
            result.sent = _sent(repo, before.get(me.author_id), mine)
            result.group_name = found_name if base is not None else group_name
            return result
        raise IlearnError("the group repository kept changing during the exchange; try again")
    finally:
        repo.close()


def _publishable(item: Item, me: Member) -> Item:
    """An outbox item as colleagues will read it, or one line on why they never could."""
    if item.author_id != me.author_id:
        raise IlearnError(f"the item {shown(item.id)} is not by {me.name}")
    try:
        return Item.from_dict(item.to_dict())  # the rules the other side applies, texts cleaned
    except BadItemError as exc:
        raise IlearnError(f"the item {shown(item.id)} cannot be published: {exc}") from None


def _wait(round_: int) -> None:
    """Another member pushed meanwhile: give her push a moment to finish before fetching again."""
    time.sleep(0.1 * (round_ + 1))


def _check_group(repo: SyncRepo, url: str, base: bytes | None) -> str:
    """The group's name, or ``RemoteError`` if the remote holds anything but a group repository."""
    if base is None:
        return ""
    top = group_tree.entries(repo, base)
    if MANIFEST in top:
        raise RemoteError(f"{url} is an ilearn journal's sync repository, not a group's; nothing was changed")
    entry = top.get(GROUP_FILE)
    try:
        if entry is None or not entry.is_file:
            raise BadItemError("no group.json")
        return read_group(repo.read(entry.sha))
    except (BadItemError, KeyError):
        raise RemoteError(
            f"{url} is a git repository but not an ilearn group repository; nothing was changed"
        ) from None


def _my_files(outbox: Sequence[Item]) -> dict[str, bytes]:
    return {f"{ITEMS}/{item.id}.json": item_file(item) for item in outbox}


def _profile(repo: SyncRepo, folder: Entry | None, me: Member) -> bytes:
    """My profile file: the one there if it still says the same, so an idle exchange commits nothing."""
    if folder is not None and folder.is_folder:
        entry = group_tree.entries(repo, folder.sha).get(PROFILE)
        if entry is not None and entry.is_file:
            try:
                data = repo.read(entry.sha)
                if read_profile(data, me.author_id) == me:
                    return data
            except (BadItemError, KeyError):
                pass
    return profile_file(me, datetime.now(UTC).isoformat(timespec="seconds"))


def _sent(repo: SyncRepo, folder: Entry | None, mine: dict[str, bytes]) -> int:
    """How many of my items this exchange added, changed or withdrew."""
    had: dict[str, bytes] = {}
    if folder is not None and folder.is_folder:
        items = group_tree.folder_of(repo, folder.sha, ITEMS)
        for name, entry in group_tree.entries(repo, items).items():
            had[f"{ITEMS}/{name}"] = entry.sha
    now = {path: bytes(Blob.from_string(data).id) for path, data in mine.items()}
    return sum(1 for path in had.keys() | now.keys() if had.get(path) != now.get(path))


# --- reading the other members ----------------------------------------------------------------
def _read_members(repo: SyncRepo, repo_dir: Path, tree: bytes, me: str) -> Exchange:
    result = Exchange()
    cache = _load_cache(repo_dir)
    kept: dict[str, Any] = {}
    for name, entry in sorted(group_tree.entries(repo, group_tree.folder_of(repo, tree, MEMBERS)).items()):
        where = f"{MEMBERS}/{shown(name)}"
        if name == me:
            continue
        if not UUID.match(name) or not entry.is_folder:
            result.problems.append(f"{where}: not a member's folder; skipped")
            continue
        hexsha = entry.sha.decode()
        known = cache.get(name)
        received = _from_cache(known, hexsha)
        if received is None:
            known = {"tree": hexsha, **_read_folder(repo, name, entry.sha)}
            received = _from_cache(known, hexsha) or []
        assert isinstance(known, dict)
        problems = [str(p) for p in known["problems"]]
        kept[name] = known
        result.received.extend(received)
        result.problems.extend(problems)
    if kept != cache:
        _save_cache(repo_dir, kept)
    return result


def _from_cache(known: object, tree: str) -> list[Received] | None:
    """A folder's items as read before, if that reading is of this very tree (and is whole).

    The cache is this computer's own file, written from items already checked, so it is
    checked for its shape only: checking 5,000 items' texts again cost over a third of an
    exchange in a group of 100.
    """
    if not isinstance(known, dict) or known.get("tree") != tree:
        return None
    try:
        name, items, problems = known["name"], known["items"], known["problems"]
        if not isinstance(name, str) or not all(isinstance(p, str) for p in problems):
            return None
        if not all(isinstance(d, dict) and all(_plain(v) for v in d.values()) for d in items):
            return None
        return [Received(Item(**d), name) for d in items]
    except (KeyError, TypeError):
        return None


def _plain(value: object) -> bool:
    return value is None or type(value) in (str, int)


def _read_folder(repo: SyncRepo, author: str, folder: bytes) -> dict[str, Any]:
    """One member's folder, checked file by file: her name, her items (as dicts), what was skipped."""
    base = f"{MEMBERS}/{author}"
    problems: list[str] = []
    try:
        top = group_tree.entries(repo, folder)
    except KeyError:
        return {
            "name": author[:8],
            "items": [],
            "problems": [f"{base}: missing from the repository; skipped"],
        }
    name = author[:8]
    profile = top.get(PROFILE)
    try:
        if profile is None:
            raise BadItemError("missing")
        if not profile.is_file:
            raise BadItemError("not a plain file")
        name = read_profile(repo.read(profile.sha), author).name
    except (BadItemError, KeyError) as exc:
        problems.append(f"{base}/{PROFILE}: {_reason(exc)}; her items are shown under {name}")
    for other in sorted(top.keys() - {PROFILE, ITEMS}):
        problems.append(f"{base}/{shown(other)}: not part of a member's folder; skipped")
    items: list[dict[str, Any]] = []
    listing = top.get(ITEMS)
    if listing is not None and not listing.is_folder:
        problems.append(f"{base}/{ITEMS}: not a folder; skipped")
    elif listing is not None:
        for file_name, entry in sorted(_listing(repo, listing.sha).items()):
            where = f"{base}/{ITEMS}/{shown(file_name)}"
            stem = file_name.removesuffix(".json")
            try:
                if not file_name.endswith(".json") or not UUID.match(stem):
                    raise BadItemError("not named <uuid>.json")
                if not entry.is_file:
                    raise BadItemError("not a plain file")
                items.append(read_item(repo.read(entry.sha), author, stem).to_dict())
            except (BadItemError, KeyError) as exc:
                problems.append(f"{where}: {_reason(exc)}; skipped")
    return {"name": name, "items": items, "problems": problems}


def _listing(repo: SyncRepo, tree: bytes) -> dict[str, Entry]:
    try:
        return group_tree.entries(repo, tree)
    except KeyError:
        return {}


def _reason(exc: Exception) -> str:
    return str(exc) if isinstance(exc, BadItemError) else "its content is missing from the repository"


def _load_cache(repo_dir: Path) -> dict[str, Any]:
    try:
        found = json.loads((repo_dir / CACHE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(found, dict) or found.get("format") != _CACHE_FORMAT:
        return {}
    members = found.get("members")
    return members if isinstance(members, dict) else {}


def _save_cache(repo_dir: Path, members: dict[str, Any]) -> None:
    data = json.dumps({"format": _CACHE_FORMAT, "members": members}, ensure_ascii=False)
    write_file(repo_dir / CACHE, data, overwrite=True)


def name_given_elsewhere(repo_dir: Path, url: str, author_id: str) -> str:
    """The name her profile holds in the group repository ('' if none): set on her other computer.

    Her author id is her journal's, the same on all her computers, so a profile under it was
    written by one of them. Read with the same rules as a colleague's.
    """
    repo = SyncRepo(repo_dir)
    try:
        base = group_tree.root_tree(repo, repo.fetch(url))
        folder = group_tree.entries(repo, group_tree.folder_of(repo, base, MEMBERS)).get(author_id)
        if folder is None or not folder.is_folder:
            return ""
        entry = group_tree.entries(repo, folder.sha).get(PROFILE)
        if entry is None or not entry.is_file:
            return ""
        try:
            return read_profile(repo.read(entry.sha), author_id).name
        except (BadItemError, KeyError):
            return ""
    finally:
        repo.close()

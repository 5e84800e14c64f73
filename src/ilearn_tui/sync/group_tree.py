"""A group repository's tree, read and rebuilt one member's folder at a time.

A member's commit must leave every other folder exactly as it found it, bytes, modes and all:
rewriting the whole tree as plain files (as the journal's sync does) would turn a colleague's
stray symlink or submodule entry into something else, and would cost a walk of every file of
every member on each exchange. So the new tree reuses the remote's subtrees by id and builds
only ``group.json`` (when missing) and the member's own folder.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from dulwich.objects import Blob, ObjectID, Tree

from ilearn_tui.sync.repo import SyncRepo

FILE = 0o100644
FOLDER = 0o040000
MEMBERS = "members"
GROUP_FILE = "group.json"
PROFILE = "profile.json"
ITEMS = "items"


@dataclass(frozen=True)
class Entry:
    """One name of a tree: its mode (a file, a folder, a link, a submodule) and its object."""

    mode: int
    sha: bytes

    @property
    def is_file(self) -> bool:
        return self.mode in (FILE, 0o100755)

    @property
    def is_folder(self) -> bool:
        return self.mode == FOLDER


def root_tree(repo: SyncRepo, commit: bytes | None) -> bytes | None:
    if commit is None:
        return None
    return bytes(repo.repo[ObjectID(commit)].tree)  # type: ignore[attr-defined]


def entries(repo: SyncRepo, tree: bytes | None) -> dict[str, Entry]:
    """The names of one tree (not its subtrees'); a name that is not UTF-8 keeps a visible mark."""
    if tree is None:
        return {}
    found = repo.repo[ObjectID(tree)]
    if not isinstance(found, Tree):
        return {}
    return {
        item.path.decode("utf-8", "replace"): Entry(int(item.mode), bytes(item.sha))
        for item in found.items()
        if item.path is not None and item.mode is not None and item.sha is not None
    }


def folder_of(repo: SyncRepo, tree: bytes | None, name: str) -> bytes | None:
    """The subtree ``name`` of ``tree``, if it is a folder there."""
    entry = entries(repo, tree).get(name)
    return entry.sha if entry is not None and entry.is_folder else None


def member_tree(member_files: Mapping[str, bytes], objects: list[Blob | Tree]) -> bytes:
    """A member's folder from its files (``profile.json``, ``items/<id>.json`` -> content)."""
    items = Tree()
    folder = Tree()
    for path, data in sorted(member_files.items()):
        blob = Blob.from_string(data)
        objects.append(blob)
        if path.startswith(ITEMS + "/"):
            items.add(path[len(ITEMS) + 1 :].encode("utf-8"), FILE, blob.id)
        else:
            folder.add(path.encode("utf-8"), FILE, blob.id)
    if len(items):
        objects.append(items)
        folder.add(ITEMS.encode(), FOLDER, items.id)
    objects.append(folder)
    return bytes(folder.id)


def replace_member(
    repo: SyncRepo,
    base_tree: bytes | None,
    author_id: str,
    member_files: Mapping[str, bytes],
    group_json: bytes | None,
) -> bytes:
    """The tree of ``base_tree`` with ``members/<author_id>/`` replaced (and ``group.json`` added).

    Everything else keeps its entry untouched; the new objects are written to the store.
    """
    objects: list[Blob | Tree] = []
    root = _copy(repo, base_tree)
    members = _copy(repo, folder_of(repo, base_tree, MEMBERS))
    members.add(author_id.encode(), FOLDER, ObjectID(member_tree(member_files, objects)))
    objects.append(members)
    root.add(MEMBERS.encode(), FOLDER, members.id)
    if group_json is not None:
        blob = Blob.from_string(group_json)
        objects.append(blob)
        root.add(GROUP_FILE.encode(), FILE, blob.id)
    objects.append(root)
    repo.repo.object_store.add_objects([(obj, None) for obj in objects])
    return bytes(root.id)


def _copy(repo: SyncRepo, tree: bytes | None) -> Tree:
    copy = Tree()
    if tree is not None:
        found = repo.repo[ObjectID(tree)]
        if isinstance(found, Tree):
            for item in found.items():
                if item.path is not None and item.mode is not None and item.sha is not None:
                    copy.add(item.path, item.mode, item.sha)
    return copy

"""Teachers in a group: each her own data folder and journal, exchanging through one remote."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from pathlib import Path

from dulwich.index import commit_tree
from dulwich.object_store import iter_tree_contents
from dulwich.objects import Blob, Commit, ObjectID
from dulwich.repo import Repo

from ilearn_tui.domain.colleagues import Item, Member, dumps
from ilearn_tui.locations import resolve
from ilearn_tui.store import colleagues, sync_state
from ilearn_tui.store.journal import open_journal
from ilearn_tui.sync.groups import Exchange, exchange
from ilearn_tui.sync.repo import BRANCH

GROUP = "0b5e1a4c-7d2e-4f4b-9a53-2f6f3a1d9e10"


class Teacher:
    """One teacher: her home (data folder), her author id (her journal's), what she publishes."""

    def __init__(self, home: Path, name: str) -> None:
        self.home = home
        self.locations = resolve(home)
        with open_journal(self.locations) as journal:
            self.me = Member(sync_state.journal_id(journal), name)
        self.outbox: dict[str, Item] = {}

    @property
    def repo_dir(self) -> Path:
        return self.locations.data_dir / "groups" / GROUP

    def publish(self, title: str, body: str = "Words.", **fields: object) -> Item:
        values: dict[str, object] = {
            "id": str(uuid.uuid4()), "author_id": self.me.author_id, "kind": "reflection", "title": title,
            "body": body, "date": "2026-11-30", "stage": 3, "published_at": "2026-11-30T10:00:00+00:00",
        }  # fmt: skip
        item = Item(**{**values, **fields})  # type: ignore[arg-type]
        self.outbox[item.id] = item
        return item

    def reply(self, to: Item, text: str) -> Item:
        return self.publish(f"Re: {to.title}", text, kind="reply", in_reply_to=to.id, to_author=to.author_id)

    def withdraw(self, item: Item) -> None:
        del self.outbox[item.id]

    def exchange(self, url: str) -> Exchange:
        """Exchange and keep what arrived in her journal, as ``ilearn sync`` does."""
        result = exchange(self.repo_dir, url, self.me, list(self.outbox.values()), group_name="Grade 4 PLC")
        with open_journal(self.locations) as journal:
            colleagues.replace_group(journal, GROUP, result.received)
        return result

    def titles(self) -> dict[str, str]:
        """What her "From colleagues" space holds: title -> author name."""
        with open_journal(self.locations) as journal:
            return {c.item.title: c.author_name for c in colleagues.list_items(journal, limit=1000)}


def plant(remote: Path, files: Mapping[str, bytes | tuple[int, bytes]]) -> None:
    """Commit ``files`` (path -> content, or (mode, content or object id)) onto a folder remote's head.

    This is what a hostile or broken member would push: anything git can hold.
    """
    with Repo(str(remote)) as repo:
        head = repo.refs.as_dict().get(BRANCH)
        entries: dict[bytes, tuple[bytes, int]] = {}
        if head:
            for entry in iter_tree_contents(repo.object_store, repo[head].tree):  # type: ignore[attr-defined]
                assert entry.path is not None and entry.sha is not None and entry.mode is not None
                entries[entry.path] = (entry.sha, entry.mode)
        for path, value in files.items():
            mode, data = value if isinstance(value, tuple) else (0o100644, value)
            if mode == 0o160000:  # a submodule names a commit that is not in the repository
                entries[path.encode()] = (data, mode)
                continue
            blob = Blob.from_string(data)
            repo.object_store.add_object(blob)
            entries[path.encode()] = (blob.id, mode)
        commit = Commit()
        commit.tree = commit_tree(repo.object_store, [(p, ObjectID(s), m) for p, (s, m) in entries.items()])
        commit.parents = [head] if head else []
        commit.author = commit.committer = b"someone <x@example.org>"
        commit.author_time = commit.commit_time = 1_700_000_000
        commit.author_timezone = commit.commit_timezone = 0
        commit.message = b"planted"
        repo.object_store.add_object(commit)
        repo.refs[BRANCH] = commit.id


def item_json(author: str, **fields: object) -> bytes:
    values: dict[str, object] = {
        "id": str(uuid.uuid4()), "author_id": author, "kind": "reflection", "title": "Planted",
        "body": "Text.", "date": "2026-11-30", "stage": None, "published_at": "2026-11-30T10:00:00Z",
        "in_reply_to": None, "to_author": None,
    }  # fmt: skip
    return dumps({**values, **fields})


def profile_json(author: str, name: str) -> bytes:
    return dumps({"author_id": author, "name": name, "updated_at": "2026-11-30T10:00:00Z"})


def planted(author: str, **fields: object) -> dict[str, bytes]:
    """One well-formed item of ``author``'s, at its own path: for ``plant``."""
    item_id = str(fields.pop("id", uuid.uuid4()))
    return {f"members/{author}/items/{item_id}.json": item_json(author, id=item_id, **fields)}

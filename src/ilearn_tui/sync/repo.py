"""The git side of sync, through dulwich: the local repository, remotes, fetch and push.

The local repository is bare and lives in the journal's data folder (``<data>/sync``), never
in a synced folder; records are written straight into git objects, so there is no working
tree to fall out of step. Every failure of a remote (unreachable, refused, not a repository)
becomes one ``RemoteError`` line, raised before the journal is touched.
"""

from __future__ import annotations

import gc
import logging
import os
import shlex
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import closing
from pathlib import Path
from typing import Any

from dulwich.client import LocalGitClient, get_transport_and_path
from dulwich.errors import NotGitRepository
from dulwich.file import FileLocked
from dulwich.objects import Blob, Commit, ObjectID, Tree
from dulwich.refs import Ref
from dulwich.repo import Repo

from ilearn_tui.errors import IlearnError
from ilearn_tui.sync.trees import (
    Change,
    Trees,
    copy_missing,
    new_objects,
    object_id,
    packed,
    packed_object,
    unpacked,
    write_pack,
)

BRANCH = Ref(b"refs/heads/main")
ZERO = b"0" * 40
_AUTHOR = b"ilearn <ilearn@localhost>"
REMOTE_SCHEMES = ("file://", "http://", "https://", "ssh://")
SSH_CONNECT_TIMEOUT = 20  # seconds for an ssh server to accept and greet

# dulwich logs what it works around (a pack's bitmap that does not match it) as warnings;
# with no handler of the app's, Python would print them on stderr beside the one-line error.
logging.getLogger("dulwich").addHandler(logging.NullHandler())


class RemoteError(IlearnError):
    """The remote could not be used; nothing in the journal changed."""


class RemoteMovedError(IlearnError):
    """Another computer pushed between this one's fetch and its push; fetch and merge again."""


def folder_of(url: str) -> Path | None:
    """The folder a remote names, for a path or ``file://`` remote; None for a network one."""
    if url.startswith("file://"):
        return Path(url[len("file://") :])
    if "://" in url:
        return None
    return Path(url).expanduser()


def check_remote_url(url: str) -> str:
    """The remote as it will be stored, or a one-line reason why it cannot be one.

    A folder (or ``file://``) that is missing or empty becomes a bare repository; one that
    holds anything but a repository is refused, so a sync never writes into someone's files.
    """
    if not url.strip() or any(ch in url for ch in "\x00\n\r"):
        raise RemoteError("the remote is empty or holds a control character")
    if "://" in url and not url.startswith(REMOTE_SCHEMES):
        raise RemoteError(f"{url!r} is not a remote ilearn can use (a folder, file://, ssh://, http(s)://)")
    folder = folder_of(url)
    if folder is None:
        rest = url.split("://", 1)[1]
        if not rest.split("/", 1)[0]:
            raise RemoteError(f"{url!r} names no server")
        return url
    folder = folder.absolute()
    if folder.exists() and not folder.is_dir():
        raise RemoteError(f"{folder} is a file, not a folder for a sync repository")
    if folder.is_dir() and any(folder.iterdir()):
        try:
            Repo(str(folder)).close()
        except NotGitRepository:
            raise RemoteError(
                f"{folder} is not empty and is not a sync repository; choose an empty folder"
            ) from None
        return str(folder)
    if not folder.parent.is_dir():
        raise RemoteError(f"the folder {folder.parent} does not exist")
    try:
        folder.mkdir(exist_ok=True)
        Repo.init_bare(str(folder)).close()
    except OSError as exc:
        raise RemoteError(f"cannot make a sync repository in {folder}: {exc.strerror}") from None
    return str(folder)


class SyncRepo:
    """The local repository: one branch, ``main``, holding every record as a file."""

    def __init__(self, path: Path) -> None:
        self._unwritten: dict[bytes, bytes] = {}  # blob id -> the blob as packed, for the next commit
        self._listed: dict[bytes, dict[str, bytes]] = {}
        self._parents_of: dict[bytes, list[bytes]] = {}
        self._tree_of: dict[bytes, bytes] = {}
        self._packed: dict[bytes, bytes] = {}  # objects written by this process, as packed
        if (path / "HEAD").exists():
            self.repo = Repo(str(path))
        else:
            path.mkdir(parents=True, exist_ok=True)
            self.repo = Repo.init_bare(str(path))
        self.trees = Trees(self.repo.object_store)

    def close(self) -> None:
        self.repo.close()

    @staticmethod
    def clear_stale_locks(path: Path) -> None:
        """Remove what a killed sync left in the local repository: a branch's ``.lock``, and a
        pack it was still writing (never used without its index, but as large as the records).

        Only for a caller that knows no other process is using this repository.
        """
        unfinished = [*path.glob("objects/pack/tmp-*.pack")]
        for stale in [*path.glob("refs/**/*.lock"), *path.glob("*.lock"), *unfinished]:
            stale.unlink(missing_ok=True)

    def head(self) -> bytes | None:
        return self.repo.refs.as_dict().get(BRANCH)

    def files(self, commit: bytes | None) -> dict[str, bytes]:
        """Every file of a commit: path -> blob id (a copy the caller may change).

        A commit never changes, so its listing is kept: one sync asks for the same few
        commits up to ten times, and walking a tree of 50,000 records takes a good part of
        a second each time.
        """
        if commit is None:
            return {}
        listed = self._listed.get(commit)
        if listed is None:
            listed = dict(self.trees.walk(self.tree_of(commit)))
            self._listed[commit] = listed
        return dict(listed)

    def tree_of(self, commit: bytes) -> bytes:
        found = self._tree_of.get(commit)
        if found is None:
            found = bytes(self.repo[ObjectID(commit)].tree)  # type: ignore[attr-defined]
            self._tree_of[commit] = found
        return found

    def blob_at(self, commit: bytes | None, path: str) -> bytes | None:
        """The blob of one file of a commit, None if it has none there (without listing it all)."""
        return None if commit is None else self.trees.lookup(self.tree_of(commit), path)

    def folder(self, commit: bytes | None, folder: str) -> dict[str, bytes]:
        """The files of one folder of a commit (``"records/cycles/"``): path -> blob id."""
        return {} if commit is None else self.trees.folder(self.tree_of(commit), folder)

    def changes(self, before: bytes | None, after: bytes | None) -> list[Change]:
        """The files that differ between two commits: (path, blob before, blob after), None for none.

        Reads only the folders whose trees differ, so ten changed records cost ten, not 61,000.
        """
        trees = [None if c is None else self.tree_of(c) for c in (before, after)]
        return list(self.trees.diff(trees[0], trees[1]))

    def read(self, blob_id: bytes) -> bytes:
        waiting = self._unwritten.get(blob_id)
        if waiting is not None:
            return unpacked(waiting)
        return bytes(self.repo.object_store.get_raw(ObjectID(blob_id))[1])

    def add_blob(self, data: bytes) -> bytes:
        """A file's content; written with the next commit, in one pack (a first sync has thousands).

        Kept compressed until then: a first sync holds every record of the journal at once.
        """
        blob_id = object_id(Blob.type_num, data)
        if blob_id not in self._unwritten:
            self._unwritten[blob_id] = packed(Blob.type_num, data)
        return blob_id

    def _write(self, objects: list[tuple[bytes, bytes]]) -> None:
        """New objects ((id, packed)) into one pack, indexed as it is written (see ``trees``)."""
        items = [(sha, data) for sha, data in objects if sha not in self._packed]
        write_pack(Path(self.repo.object_store.pack_dir), items)  # an object packed twice is harmless
        self._packed.update(items)

    def commit(self, files: Mapping[str, bytes], parents: list[bytes], message: str) -> bytes:
        """A commit of exactly ``files`` (path -> blob id), made the branch's head."""
        commit = self.commit_object(files, parents, message)
        self.set_head(commit)
        return commit

    def commit_object(self, files: Mapping[str, bytes], parents: list[bytes], message: str) -> bytes:
        """A commit of exactly ``files``, not yet on the branch (the journal must take it first)."""
        return self._commit(self.trees.update(None, files), parents, message)

    def commit_changes(
        self, start: bytes, changes: Mapping[str, bytes], parents: list[bytes], message: str
    ) -> bytes:
        """A commit of ``start``'s files with ``changes`` (path -> blob id) written in, not on the branch.

        Only the folders holding a change are rebuilt: a commit of ten records costs ten.
        """
        return self._commit(self.trees.update(self.tree_of(start), changes), parents, message)

    def commit_of_tree(self, tree: bytes, parents: list[bytes], message: str) -> bytes:
        """A commit of a tree already in the store (a group's, built folder by folder), off the branch."""
        return self._commit(tree, parents, message)

    def _commit(self, tree: bytes, parents: list[bytes], message: str) -> bytes:
        commit = Commit()
        commit.tree = ObjectID(tree)
        commit.parents = [ObjectID(p) for p in parents]
        commit.author = commit.committer = _AUTHOR
        commit.author_time = commit.commit_time = int(time.time())
        commit.author_timezone = commit.commit_timezone = 0
        commit.encoding = b"UTF-8"
        commit.message = message.encode("utf-8")
        self._write(
            [
                *self._unwritten.items(),
                *((sha, packed(Tree.type_num, raw)) for sha, raw in self.trees.made.items()),
                (bytes(commit.id), packed_object(commit)),
            ]
        )
        self._unwritten.clear()
        self.trees.made.clear()
        self._tree_of[bytes(commit.id)] = tree
        return bytes(commit.id)

    def has(self, object_id: bytes) -> bool:
        return object_id in self._unwritten or ObjectID(object_id) in self.repo.object_store

    def set_head(self, commit: bytes) -> None:
        self.repo.refs[BRANCH] = ObjectID(commit)

    def clear_head(self) -> None:
        """No commit yet: the next one sends every record of the journal."""
        if BRANCH in self.repo.refs:
            del self.repo.refs[BRANCH]

    # --- history ------------------------------------------------------------------------
    # Walked by parents alone, never by commit times. git's (and dulwich's) merge-base search
    # orders commits by time and trusts it: commits of one second (two syncs in a row) or a
    # computer whose clock is wrong make it name a base that is not the nearest, and a merge
    # against too old a base takes this computer's older values for conflicts, so computers
    # stop agreeing. A journal's history is one commit per sync: a walk of it is cheap.
    def _parents(self, commit: bytes) -> list[bytes]:
        found = self._parents_of.get(commit)
        if found is None:
            found = [bytes(p) for p in self.repo[ObjectID(commit)].parents]  # type: ignore[attr-defined]
            self._parents_of[commit] = found
        return found

    def _walk(self, start: bytes, stop: Callable[[bytes], bool] = lambda _c: False) -> Iterator[bytes]:
        """``start`` and every commit before it, each once; not past a commit ``stop`` accepts."""
        seen: set[bytes] = set()
        todo = [start]
        while todo:
            commit = todo.pop()
            if commit in seen:
                continue
            seen.add(commit)
            yield commit
            if not stop(commit):
                todo.extend(self._parents(commit))

    def contains(self, ancestor: bytes, commit: bytes) -> bool:
        """Whether ``commit`` has ``ancestor`` in its history (or is it)."""
        return any(c == ancestor for c in self._walk(commit))

    def merge_base(self, one: bytes, other: bytes) -> bytes | None:
        """The nearest commit both histories hold (of several, as after a criss-cross, the least id)."""
        if self.contains(one, other):
            return one
        if self.contains(other, one):
            return other
        before_one = set(self._walk(one))
        common = [c for c in self._walk(other, stop=before_one.__contains__) if c in before_one]
        nearest = [c for c in common if not any(d != c and self.contains(c, d) for d in common)]
        return min(nearest) if nearest else None

    # --- remotes --------------------------------------------------------------------------
    def fetch(self, url: str) -> bytes | None:
        """Bring the remote's branch into this repository; its head, or None if it has none."""
        store = self.repo.object_store

        def wants(refs: Mapping[Ref, ObjectID], depth: int | None = None, **_: Any) -> list[ObjectID]:
            head = refs.get(BRANCH)
            return [head] if head and head != ZERO and head not in store else []

        def fetch(client: Any, path: str) -> Mapping[Ref, ObjectID]:
            if not isinstance(client, LocalGitClient):
                return client.fetch(path, self.repo, determine_wants=wants).refs or {}
            with closing(Repo(path)) as remote:  # a folder: read it directly, as git would
                refs = remote.get_refs()
                wanted = wants(refs)
                if wanted:
                    theirs = Trees(remote.object_store, self.trees.parsed)
                    copy_missing(theirs, store, [bytes(w) for w in wanted])
                return refs

        found = _talk(url, fetch)
        refs = {name: sha for name, sha in found.items() if sha and sha != ZERO}
        if BRANCH not in refs and any(name.startswith(b"refs/heads/") for name in refs):
            raise RemoteError(
                f"{url} is a git repository but not an ilearn sync repository; nothing was changed"
            )
        head = refs.get(BRANCH)
        if head and not self.has(head):  # read while another computer was still writing it
            raise RemoteMovedError("the remote changed while it was read")
        return bytes(head) if head else None

    def push(self, url: str, commit: bytes, expected: bytes | None) -> None:
        """Make the remote's branch ``commit``, only if it still is ``expected``."""

        def update(refs: dict[Ref, ObjectID]) -> dict[Ref, ObjectID]:
            if refs.get(BRANCH, ZERO) != (expected or ZERO):
                raise RemoteMovedError("the remote moved")
            return {BRANCH: ObjectID(commit)}

        def send(client: Any, path: str) -> Any:
            def pack(have: Any, want: Any, *, ofs_delta: bool = False, progress: Any = None) -> Any:
                if isinstance(client, LocalGitClient):
                    return self._pack_into(path, want)
                return new_objects(self.repo.object_store, have, want, ofs_delta=ofs_delta)

            return client.send_pack(path.encode(), update, pack)

        result = _talk(url, send)
        problems = [e for e in (result.ref_status or {}).values() if e is not None]
        if problems:
            raise RemoteMovedError(f"the remote refused the update ({problems[0]})")

    def _pack_into(self, path: str, wants: Iterable[ObjectID]) -> tuple[int, Any]:
        """Write what a folder remote lacks straight into its pack folder, as one indexed pack.

        dulwich would hand the objects to the remote's store, which writes them and then reads
        the whole pack back to index it (most of a first sync's push). The objects this sync
        made are already compressed. Nothing is left for dulwich to send (its ref update,
        checked against the remote's branch, follows as before).
        """
        with closing(Repo(path)) as target:
            copy_missing(self.trees, target.object_store, [bytes(w) for w in wants], self._packed)
        return 0, iter([])


def ssh_command(env: Mapping[str, str] | None = None) -> str:
    """The ``ssh`` an ``ssh://`` remote runs: git's own ``GIT_SSH_COMMAND`` or ``GIT_SSH``, if set.

    Honouring git's variables lets a teacher (or a test) name a key or known-hosts file once,
    for git and ilearn alike. BatchMode is always on: a sync must never stop to ask for a
    password or a passphrase, or whether to trust a new server, because no one may be there to
    answer (the app, a sync on quit); a key that is not set up fails in one line instead.
    A server that cannot be reached (off the school network, a firewall dropping packets) or
    that never answers is given up after a time, rather than after minutes of TCP retries.
    Options the teacher's command names come first, and so win.
    """
    env = os.environ if env is None else env
    base = env.get("GIT_SSH_COMMAND") or shlex.quote(env.get("GIT_SSH") or "ssh")
    return f"{base} -o BatchMode=yes -o ConnectTimeout={SSH_CONNECT_TIMEOUT}"


def _talk(url: str, action: Any) -> Any:
    """Run one exchange with a remote, turning whatever goes wrong into one line."""
    try:
        client, path = get_transport_and_path(url, ssh_command=ssh_command())
        return action(client, path)
    except (RemoteMovedError, IlearnError):
        raise
    except FileLocked:  # another computer is updating the same folder remote this moment
        raise RemoteMovedError("the remote is being updated") from None
    except Exception as exc:  # a remote can fail in many ways (network, protocol, files): all one line
        detail = _first_cause(exc)
    # A damaged pack in a folder remote fails inside dulwich's reading of it, and closing the
    # remote then fails too (its memory map is still in use by the failed read's frames), so
    # its files stay open until the garbage collector frees those frames: in the app, which
    # may run for hours, that is now.
    gc.collect()
    raise RemoteError(f"cannot reach the remote {url}: {detail}")


def _first_cause(exc: BaseException) -> str:
    """The first line of what went wrong first (not of a failure while cleaning up after it)."""
    while isinstance(exc, BufferError) and exc.__context__ is not None:
        exc = exc.__context__
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__

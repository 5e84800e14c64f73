"""The repository's trees read and written by the parts that changed, and packs written in one pass.

A journal of 50,000 records is a tree of some 61,000 files, nearly all in a few folders
(``records/reflections/`` alone holds 50,000). Listing every file of every commit a sync
touches costs a second each; what a sync needs is what changed between two commits, and two
folders with the same tree id are the same folder, so a diff reads only the folders that
differ (and reads each as a dictionary, not entry by entry). A commit likewise rewrites only
the folders that hold a changed file.

Packs: dulwich adds a pack by writing it and then reading it all back to index it. A pack
made here is indexed as it is written (each object's offset and checksum are known then), and
each object is compressed once, also for the push to a folder remote that needs the same ones.
"""

from __future__ import annotations

import os
import stat
import struct
import tempfile
import zlib
from binascii import unhexlify
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping
from hashlib import sha1
from pathlib import Path
from typing import Any

from dulwich.file import GitFile
from dulwich.object_store import MissingObjectFinder
from dulwich.objects import Commit, ObjectID, ShaFile, Tree, parse_tree
from dulwich.pack import generate_unpacked_objects, write_pack_index

FILE_MODE = 0o100644
TREE_MODE = 0o040000
LARGE_TREE = 64 * 1024  # bytes: a tree this large is edited in place when few files change
EDIT_AT_MOST = 200  # files written into one tree by editing it; more, and it is rebuilt
Entries = dict[bytes, tuple[int, bytes]]  # name -> (mode, hex id)
Change = tuple[str, bytes | None, bytes | None]  # path, blob before (None: absent), blob after


def _is_tree(mode: int) -> bool:
    return stat.S_ISDIR(mode)


class Trees:
    """Trees of one object store, each parsed once (a tree never changes)."""

    def __init__(self, store: Any, parsed: dict[bytes, Entries] | None = None) -> None:
        self.store = store
        # A tree's id names its contents in any store: two stores' Trees may share this.
        self.parsed: dict[bytes, Entries] = {} if parsed is None else parsed
        self.made: dict[bytes, bytes] = {}  # trees built here and not yet written: id -> raw
        # Large trees: their raw bytes and their names in git's order, to edit them in place.
        self.large: dict[bytes, tuple[bytes, list[bytes]]] = {}

    def entries(self, tree_id: bytes) -> Entries:
        found = self.parsed.get(tree_id)
        if found is None:
            raw = self.made.get(tree_id) or self.store.get_raw(tree_id)[1]
            found = {name: (mode, sha) for name, mode, sha in parse_tree(raw, 20)}
            self.parsed[tree_id] = found
            if len(raw) >= LARGE_TREE:
                self.large[tree_id] = (raw, list(found))  # parsed in the order the bytes hold
        return found

    def lookup(self, tree_id: bytes, path: str) -> bytes | None:
        """The blob at ``path`` of a tree, or None when there is no file there."""
        *folders, name = path.encode("utf-8").split(b"/")
        for folder in folders:
            found = self.entries(tree_id).get(folder)
            if found is None or not _is_tree(found[0]):
                return None
            tree_id = found[1]
        leaf = self.entries(tree_id).get(name)
        return None if leaf is None or _is_tree(leaf[0]) else leaf[1]

    def folder(self, tree_id: bytes, folder: str) -> dict[str, bytes]:
        """Every file below ``folder`` (``"records/cycles/"``) of a tree: path -> blob id."""
        for name in folder.encode("utf-8").strip(b"/").split(b"/"):
            found = self.entries(tree_id).get(name)
            if found is None or not _is_tree(found[0]):
                return {}
            tree_id = found[1]
        return dict(self.walk(tree_id, folder.encode("utf-8")))

    def walk(self, tree_id: bytes, prefix: bytes = b"") -> Iterator[tuple[str, bytes]]:
        """Every file below a tree: (path, blob id)."""
        for name, (mode, sha) in self.entries(tree_id).items():
            if _is_tree(mode):
                yield from self.walk(sha, prefix + name + b"/")
            else:
                yield (prefix + name).decode("utf-8"), sha

    def diff(self, old: bytes | None, new: bytes | None, prefix: bytes = b"") -> Iterator[Change]:
        """The files that differ between two trees (either may be None: no tree)."""
        if old == new:
            return
        before = self.entries(old) if old is not None else {}
        after = self.entries(new) if new is not None else {}
        names = {name for name, _ in before.items() ^ after.items()}
        for name in sorted(names):
            one, other = before.get(name), after.get(name)
            one_tree = one[1] if one is not None and _is_tree(one[0]) else None
            other_tree = other[1] if other is not None and _is_tree(other[0]) else None
            if one_tree is not None or other_tree is not None:
                yield from self.diff(one_tree, other_tree, prefix + name + b"/")
            one_blob = one[1] if one is not None and one_tree is None else None
            other_blob = other[1] if other is not None and other_tree is None else None
            if one_blob != other_blob:
                yield (prefix + name).decode("utf-8"), one_blob, other_blob

    def update(self, tree_id: bytes | None, changes: Mapping[str, bytes]) -> bytes:
        """A tree like ``tree_id`` with ``changes`` (path -> blob id) written in; its id.

        Only the folders holding a change are rebuilt; the trees made are kept in ``made``.
        """
        by_name: dict[bytes, bytes] = {}
        below: dict[bytes, dict[str, bytes]] = {}
        for path, blob in changes.items():
            head, sep, rest = path.partition("/")
            if sep:
                below.setdefault(head.encode("utf-8"), {})[rest] = blob
            else:
                by_name[head.encode("utf-8")] = blob
        entries = dict(self.entries(tree_id)) if tree_id is not None else {}
        edited = None if below or tree_id is None else self._edited(tree_id, entries, by_name)
        for name, blob in by_name.items():
            entries[name] = (FILE_MODE, blob)
        if edited is not None:
            return self._made(*edited, entries)
        for name, inner in below.items():
            found = entries.get(name)
            inside = found[1] if found is not None and _is_tree(found[0]) else None
            entries[name] = (TREE_MODE, self.update(inside, inner))
        # git's order: by name, a folder's name read as if it ended in "/" (a folder of
        # records holds files only, and sorts as it is)
        if any(_is_tree(mode) for mode, _sha in entries.values()):
            order = sorted(entries, key=lambda n: n + b"/" if _is_tree(entries[n][0]) else n)
        else:
            order = sorted(entries)
        raw = b"".join([b"%o %s\0" % (entries[n][0], n) + unhexlify(entries[n][1]) for n in order])
        return self._made(raw, order, entries)

    def _made(self, raw: bytes, order: list[bytes], entries: Entries) -> bytes:
        tree_id = object_id(Tree.type_num, raw)
        self.made[tree_id] = raw
        self.parsed[tree_id] = entries
        if len(raw) >= LARGE_TREE:
            self.large[tree_id] = (raw, order)
        return tree_id

    def _edited(
        self, tree_id: bytes, old: Entries, files: Mapping[bytes, bytes]
    ) -> tuple[bytes, list[bytes]] | None:
        """A large tree's bytes with a few files written in, by editing them in place; None if not.

        Rebuilding ``records/reflections/`` (50,000 entries) to change ten of them formats and
        sorts every entry; an entry's bytes are found instead by its name (a name holds no
        space or NUL, so " name\\0" can only begin after a mode), checked against the entry
        parsed, and replaced, or a new entry is put before the one that follows it in git's order.
        """
        held = self.large.get(tree_id)
        if held is None or len(files) > EDIT_AT_MOST:
            return None
        raw, names = held

        def key(name: bytes) -> bytes:
            found = old.get(name)
            return name + b"/" if found is not None and _is_tree(found[0]) else name

        def start_of(name: bytes) -> int | None:
            mode, sha = old[name]
            at = raw.find(b" %s\0" % name)
            begin = at - len(b"%o" % mode)
            end = at + len(name) + 2
            if at < 0 or raw[begin:at] != b"%o" % mode or raw[end : end + 20] != unhexlify(sha):
                return None
            return begin

        edits: list[tuple[int, bytes, int, bytes]] = []  # (start, sort key, end, new bytes)
        for name, blob in files.items():
            if b" " in name or b"\0" in name or (name in old and _is_tree(old[name][0])):
                return None
            entry = b"%o %s\0" % (FILE_MODE, name) + unhexlify(blob)
            if name in old:
                begin = start_of(name)
                end = None if begin is None else begin + len(b"%o" % old[name][0]) + len(name) + 22
            else:
                k = bisect_left(names, name, key=key)
                begin = len(raw) if k == len(names) else start_of(names[k])
                end = begin
            if begin is None or end is None:
                return None
            edits.append((begin, name, end, entry))
        edits.sort()
        parts, done = [], 0
        for begin, _name, end, entry in edits:
            parts += [raw[done:begin], entry]
            done = end
        parts.append(raw[done:])
        order = list(names)
        for name in sorted(n for n in files if n not in old):
            order.insert(bisect_left(order, name, key=key), name)
        return b"".join(parts), order

    def new_objects(self, old: bytes | None, new: bytes) -> Iterator[bytes]:
        """The trees and blobs of tree ``new`` that tree ``old`` does not hold at the same place."""
        if old == new:
            return
        yield new
        before = self.entries(old) if old is not None else {}
        # The entries that differ, found by the dictionaries themselves: a folder of 50,000
        # records in which ten changed is not walked entry by entry.
        for name, (mode, sha) in sorted(self.entries(new).items() - before.items()):
            was = before.get(name)
            if (was is not None and was[1] == sha) or mode == GITLINK:
                continue  # a submodule names a commit of another repository: nothing to copy
            if _is_tree(mode):
                yield from self.new_objects(was[1] if was is not None and _is_tree(was[0]) else None, sha)
            else:
                yield sha

    def history_missing(self, wants: Iterable[bytes], has: Callable[[bytes], bool]) -> list[bytes]:
        """Every object of the history of ``wants`` that a store lacking what ``has`` refuses lacks.

        A commit the other store holds is not walked past: a repository holds every object of
        the history of each commit it holds. Of a new commit, only what differs from its first
        parent's tree is looked at (the rest is that parent's, and travels with it or is there).
        """
        found: dict[bytes, None] = {}
        seen: set[bytes] = set()
        todo = list(wants)
        while todo:
            sha = todo.pop()
            if sha in seen or has(sha):
                continue
            seen.add(sha)
            commit = self.store[sha]
            assert isinstance(commit, Commit)
            parents = [bytes(p) for p in commit.parents]
            start = bytes(self.store[parents[0]].tree) if parents else None
            found[sha] = None
            for obj in self.new_objects(start, bytes(commit.tree)):
                if obj not in found and not has(obj):
                    found[obj] = None
            todo.extend(parents)
        return list(found)


GITLINK = 0o160000  # a tree entry naming a submodule's commit


def object_id(type_num: int, raw: bytes) -> bytes:
    """The id git gives an object: the SHA-1 of its type, size and bytes."""
    kind = {1: b"commit", 2: b"tree", 3: b"blob", 4: b"tag"}[type_num]
    return sha1(b"%s %d\0%s" % (kind, len(raw), raw)).hexdigest().encode("ascii")


def packed_object(obj: ShaFile) -> bytes:
    return packed(obj.type_num, obj.as_raw_string())


def packed(type_num: int, raw: bytes) -> bytes:
    """One object as a pack holds it: a type-and-size header, then its compressed bytes.

    Compressed at level 1: record files are small JSON texts, where the higher levels save
    little and take several times as long.
    """
    return _header(type_num, len(raw)) + zlib.compress(raw, 1)


def _header(type_num: int, size: int) -> bytes:
    byte = (type_num << 4) | (size & 15)
    size >>= 4
    header = bytearray()
    while size:
        header.append(byte | 0x80)
        byte = size & 0x7F
        size >>= 7
    header.append(byte)
    return bytes(header)


def stored_packed(store: Any, sha: bytes) -> bytes:
    """An object as :func:`packed` gives it, reusing the compressed bytes a pack of ``store`` holds.

    A fetch from a folder remote copies the other computer's new trees, and a large one
    (``records/reflections/``, 3 MB at 50,000 entries) costs more to compress again than to
    copy. An object stored as a delta, or loose, is compressed from its contents.
    """
    for pack in getattr(store, "packs", ()):
        if sha not in pack:
            continue
        found = pack.get_unpacked_object(sha, include_comp=True)
        if found.pack_type_num == found.obj_type_num and found.comp_chunks:
            return _header(found.obj_type_num, found.decomp_len) + b"".join(found.comp_chunks)
        break
    return packed(*store.get_raw(sha))


def unpacked(data: bytes) -> bytes:
    """The bytes of an object as :func:`packed` left it."""
    start = 0
    while data[start] & 0x80:
        start += 1
    return zlib.decompress(data[start + 1 :])


def write_pack(pack_dir: Path, objects: Iterable[tuple[bytes, bytes]]) -> None:
    """Write a pack of ``objects`` ((hex id, :func:`packed` bytes)) and its index into ``pack_dir``.

    The pack is written under a temporary name and renamed, then its index is written (by
    rename too): a pack is used only once its index exists, so a process killed at any point
    leaves either a whole pack or an unused file, as git does.
    """
    items = list(objects)
    if not items:
        return
    digest = sha1()
    entries: list[tuple[bytes, int, int | None]] = []
    fd, temp = tempfile.mkstemp(dir=pack_dir, suffix=".pack", prefix="tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            head = b"PACK" + struct.pack(">LL", 2, len(items))
            handle.write(head)
            digest.update(head)
            offset = len(head)
            for sha, data in items:
                entries.append((bytes.fromhex(sha.decode("ascii")), offset, zlib.crc32(data)))
                handle.write(data)
                digest.update(data)
                offset += len(data)
            checksum = digest.digest()
            handle.write(checksum)
        os.chmod(temp, 0o444)
        entries.sort()
        name = sha1(b"".join(e[0] for e in entries)).hexdigest()
        base = pack_dir / f"pack-{name}"
        os.replace(temp, f"{base}.pack")
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    with GitFile(f"{base}.idx", "wb", mask=0o444) as index:
        write_pack_index(index, entries, checksum)


def copy_missing(
    source: Trees, target: Any, wants: list[bytes], packed_here: Mapping[bytes, bytes] | None = None
) -> None:
    """Copy what ``target``'s store lacks of the history of ``wants`` into it, as one pack.

    For a folder remote, both ways: both stores are at hand, so what to send is found by
    asking the target itself, and ``packed_here`` (objects already compressed) is reused.
    """
    ids = source.history_missing(wants, lambda sha: sha in target)
    cache = packed_here or {}
    write_pack(Path(target.pack_dir), [(i, cache.get(i) or stored_packed(source.store, i)) for i in ids])


def new_objects(
    store: Any, haves: Iterable[ObjectID], wants: Iterable[ObjectID], *, ofs_delta: bool
) -> tuple[int, Iterator[Any]]:
    """The objects ``wants`` need beyond ``haves``, for a pack: read by their ids alone.

    dulwich's own pack-maker first looks for deltas to reuse by reading every object of every
    pack in the store, so sending or receiving ten records would read all 50,000 of a big
    journal. Record files are small and each is new: there is little to delta, and nothing
    worth that read.
    """
    missing = MissingObjectFinder(store, haves=set(haves), wants=set(wants))
    remote_has = missing.get_remote_has()
    ids = list(missing)
    unpacked = generate_unpacked_objects(
        store, ids, reuse_deltas=False, ofs_delta=ofs_delta, other_haves=remote_has
    )
    return len(ids), unpacked

"""Trees read and written by their changed folders agree with dulwich's whole-tree answers.

A commit built by rebuilding only the changed folders must have the very tree id dulwich
gives the full listing (else two computers would disagree about the same files), a diff must
name exactly the files whose blobs differ, and a pack written in one pass must be one git
and dulwich read back.
"""

from __future__ import annotations

import random
import zlib
from pathlib import Path

from dulwich.index import commit_tree
from dulwich.objects import Blob, Commit, ObjectID, Tree
from dulwich.repo import Repo

from ilearn_tui.sync.trees import (
    FILE_MODE,
    LARGE_TREE,
    Trees,
    copy_missing,
    packed,
    packed_object,
    stored_packed,
    unpacked,
    write_pack,
)


def _blobs(store: object, count: int) -> list[bytes]:
    made = [Blob.from_string(f"record {n}\n".encode()) for n in range(count)]
    for blob in made:
        store.add_object(blob)  # type: ignore[attr-defined]
    return [bytes(b.id) for b in made]


def _layout(ids: list[bytes], rng: random.Random) -> dict[str, bytes]:
    # names that sort differently as files and as folders ("a.b" against "a/"), nested folders
    folders = ["records/reflections", "records/a", "records/a.b", "records/a-b", "evidence", ""]
    files: dict[str, bytes] = {}
    for n, blob in enumerate(ids):
        folder = rng.choice(folders)
        files[f"{folder}/{n:04x}.json".lstrip("/")] = blob
    files["manifest.json"] = ids[0]
    return files


def _dulwich_tree(store: object, files: dict[str, bytes]) -> bytes:
    entries = sorted((p.encode(), b, FILE_MODE) for p, b in files.items())
    return bytes(commit_tree(store, entries))  # type: ignore[arg-type]


def test_a_tree_rebuilt_by_its_changed_folders_is_the_tree_of_the_whole_listing(tmp_path: Path) -> None:
    repo = Repo.init_bare(str(tmp_path / "r"), mkdir=True)
    store = repo.object_store
    rng = random.Random(7)
    ids = _blobs(store, 400)
    files = _layout(ids[:300], rng)
    trees = Trees(store)
    first = trees.update(None, files)
    assert first == _dulwich_tree(store, files)
    for _round in range(5):
        changes = {p: rng.choice(ids) for p in rng.sample(sorted(files), 5)}
        changes.update({f"records/new/{rng.randrange(10**6):06d}.json": rng.choice(ids) for _ in range(3)})
        after = {**files, **changes}
        rebuilt = trees.update(first, changes)
        assert rebuilt == _dulwich_tree(store, after)
        expected = {p for p in set(files) | set(after) if files.get(p) != after.get(p)}
        found = {path: (old, new) for path, old, new in trees.diff(first, rebuilt)}
        assert set(found) == expected
        assert all(found[p] == (files.get(p), after.get(p)) for p in expected)
        assert dict(trees.walk(rebuilt)) == after
        assert all(trees.lookup(rebuilt, p) == b for p, b in after.items())
        assert trees.lookup(rebuilt, "records/none.json") is None
        files, first = after, rebuilt
    repo.close()


def test_a_pack_written_in_one_pass_is_read_back_and_copies_a_history(tmp_path: Path) -> None:
    here = Repo.init_bare(str(tmp_path / "here"), mkdir=True)
    there = Repo.init_bare(str(tmp_path / "there"), mkdir=True)
    trees = Trees(here.object_store)
    blobs = [Blob.from_string(f"file {n}\n".encode() * (n + 1)) for n in range(50)]
    tree = trees.update(None, {f"records/x/{n}.json": bytes(b.id) for n, b in enumerate(blobs)})
    commit = Commit()
    commit.tree = ObjectID(tree)
    commit.author = commit.committer = b"t <t@localhost>"
    commit.author_time = commit.commit_time = 0
    commit.author_timezone = commit.commit_timezone = 0
    commit.message = b"one"
    objects = [(bytes(b.id), packed_object(b)) for b in blobs]
    objects += [(t, packed(Tree.type_num, raw)) for t, raw in trees.made.items()]
    objects.append((bytes(commit.id), packed_object(commit)))
    write_pack(Path(here.object_store.pack_dir), objects)
    for pack in here.object_store.packs:
        pack.check()  # the checksums of the pack and of its index
    found = here[commit.id]
    assert isinstance(found, Commit) and found.tree == tree
    assert all(here[b.id].as_raw_string() == b.as_raw_string() for b in blobs)
    copy_missing(Trees(here.object_store), there.object_store, [bytes(commit.id)])
    copied = Trees(there.object_store)
    assert dict(copied.walk(tree)) == dict(trees.walk(tree))
    assert all(there[b.id].as_raw_string() == b.as_raw_string() for b in blobs)
    copy_missing(Trees(here.object_store), there.object_store, [bytes(commit.id)])  # nothing is lacking
    assert len(there.object_store.packs) == 1
    here.close()
    there.close()


def test_a_pack_left_half_written_by_a_killed_sync_is_cleared(tmp_path: Path) -> None:
    from ilearn_tui.sync.repo import SyncRepo

    repo = SyncRepo(tmp_path / "sync")
    commit = repo.commit({"manifest.json": repo.add_blob(b"{}\n")}, [], "one")
    repo.close()
    pack_dir = tmp_path / "sync" / "objects" / "pack"
    whole = sorted(p.name for p in pack_dir.iterdir())
    (pack_dir / "tmp-abc123.pack").write_bytes(b"PACK\x00\x00\x00\x02")  # cut off mid-write
    SyncRepo.clear_stale_locks(tmp_path / "sync")
    assert sorted(p.name for p in pack_dir.iterdir()) == whole
    again = SyncRepo(tmp_path / "sync")
    assert again.head() == commit and again.blob_at(commit, "manifest.json") is not None
    again.close()


def test_a_large_folder_edited_in_place_is_the_tree_of_the_whole_listing(tmp_path: Path) -> None:
    repo = Repo.init_bare(str(tmp_path / "r"), mkdir=True)
    store = repo.object_store
    rng = random.Random(11)
    ids = _blobs(store, 3000)
    # Enough files that the folder's tree passes LARGE_TREE; a sub-folder whose name sorts
    # among the files ("a" sorts as "a/"), and names before the first and after the last.
    files = {f"records/reflections/{n * 7:05d}.json": ids[n] for n in range(2500)}
    files["records/reflections/a/inner.json"] = ids[0]
    trees = Trees(store)
    tree = trees.update(None, files)
    folder = trees.entries(trees.entries(trees.entries(tree)[b"records"][1])[b"reflections"][1])
    assert sum(len(n) + 28 for n in folder) >= LARGE_TREE
    for _round in range(6):
        changes = {p: rng.choice(ids) for p in rng.sample(sorted(files), 8) if not p.endswith("inner.json")}
        new_names = ["00000.jsom", "99999.json", "a.b", "a-b", "a0", f"{rng.randrange(10**5):05d}.json"]
        changes.update({f"records/reflections/{name}": rng.choice(ids) for name in new_names})
        files = {**files, **changes}
        edited = trees.update(tree, changes)
        assert edited == _dulwich_tree(store, files)
        tree = edited


def test_an_object_copied_from_a_pack_keeps_its_bytes_and_a_loose_one_is_compressed(tmp_path: Path) -> None:
    repo = Repo.init_bare(str(tmp_path / "r"), mkdir=True)
    store = repo.object_store
    in_pack, loose = Blob.from_string(b"a record in a pack\n" * 40), Blob.from_string(b"a loose record\n")
    # Stored at another compression level than packed() uses: a copy of the stored bytes shows.
    header = packed_object(in_pack)[:2]
    stored = header + zlib.compress(in_pack.as_raw_string(), 9)
    assert stored != packed_object(in_pack) and unpacked(stored) == in_pack.as_raw_string()
    write_pack(Path(store.pack_dir), [(bytes(in_pack.id), stored)])
    store.add_object(loose)
    store._update_pack_cache()  # the pack was written behind dulwich's back
    assert stored_packed(store, bytes(in_pack.id)) == stored
    assert stored_packed(store, bytes(loose.id)) == packed_object(loose)
    repo.close()

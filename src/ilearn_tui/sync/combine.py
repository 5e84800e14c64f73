"""The merge of two commits of the sync repository, read by what changed since their base.

``merge.py`` merges records; this reads them from the repository and writes the result as a
commit. Only the files changed on either side since the two commits' base are read (a diff of
their trees, which skips every folder that did not change), so merging ten records of a
journal of 50,000 reads ten, not 61,000.
"""

from __future__ import annotations

from ilearn_tui.store import sync_state
from ilearn_tui.store.journal import new_id, now_stamp
from ilearn_tui.store.schema import SCHEMA_VERSION
from ilearn_tui.sync import records
from ilearn_tui.sync.merge import Outcome, fold_cycles, merge_trees
from ilearn_tui.sync.repo import SyncRepo


def merge_commits(
    repo: SyncRepo, local: bytes, remote: bytes | None, journal_id: str
) -> tuple[bytes, Outcome, sync_state.Merge]:
    """The commit to end on, the merge's conflicts, and what the journal must take from it."""
    if remote is None or repo.contains(remote, local):
        return local, Outcome(), sync_state.Merge()
    if repo.contains(local, remote):
        outcome = Outcome(
            {p: repo.read(new) for p, _old, new in repo.changes(local, remote) if new is not None}
        )
        return remote, outcome, _to_journal(outcome)
    base = repo.merge_base(local, remote)
    commits = {"base": base, "local": local, "remote": remote}
    sides = _changed_since(repo, base, local, remote)

    def read(side: str, path: str) -> bytes:
        blob = sides[side].get(path) or repo.blob_at(commits[side], path)
        assert blob is not None, path
        return repo.read(blob)

    outcome = merge_trees(
        sides["base"],
        sides["local"],
        sides["remote"],
        read,
        new_id=new_id,
        stamp=now_stamp(),
        remote_folder=lambda folder: repo.folder(remote, folder),
    )
    merged = {p: repo.add_blob(d) for p, d in outcome.changes.items()}  # over the local tree

    def merged_folder(folder: str) -> dict[str, bytes]:
        found = repo.folder(local, folder)
        found.update({p: b for p, b in merged.items() if p.startswith(folder)})
        return found

    def merged_read(path: str) -> bytes:
        blob = merged.get(path) or repo.blob_at(local, path)
        assert blob is not None, path
        return repo.read(blob)

    fold_cycles(merged_folder, merged_read, outcome)
    outcome.changes[records.MANIFEST] = records.manifest(journal_id, SCHEMA_VERSION)
    merged.update({p: repo.add_blob(d) for p, d in outcome.changes.items()})
    for path in [p for p in outcome.changes if merged[p] == repo.blob_at(local, p)]:
        del outcome.changes[path]
    for path, blob in sides["remote"].items():
        if path not in sides["local"]:
            merged.setdefault(path, blob)  # evidence files the other side sent
    head = repo.commit_changes(local, merged, [local, remote], "merge records from another computer")
    return head, outcome, _to_journal(outcome)


def _changed_since(
    repo: SyncRepo, base: bytes | None, local: bytes, remote: bytes
) -> dict[str, dict[str, bytes]]:
    """The files changed on either side since ``base``, as they are on each side and in ``base``.

    Only these can merge to anything new; every other file is the same on all three. A side
    that did not change a file holds it as ``base`` does.
    """
    diffs = {
        side: {p: (old, new) for p, old, new in repo.changes(base, c)}
        for side, c in (("local", local), ("remote", remote))
    }
    paths = diffs["local"].keys() | diffs["remote"].keys()
    base_files = {}
    for path in paths:
        old = (diffs["local"].get(path) or diffs["remote"][path])[0]
        if old is not None:
            base_files[path] = old
    sides = {"base": base_files}
    for side, diff in diffs.items():
        files = {}
        for path in paths:
            blob = diff[path][1] if path in diff else base_files.get(path)
            if blob is not None:
                files[path] = blob
        sides[side] = files
    return sides


def _to_journal(outcome: Outcome) -> sync_state.Merge:
    merge = sync_state.Merge()
    for path, data in outcome.changes.items():
        place = records.parse_path(path)
        if place is None:
            continue
        table, key = place
        version = records.load(table, key, data)
        if isinstance(version, records.Tombstone):
            merge.deletes.append((table, records.where_of(table, key)))
        else:
            merge.puts.append((table, version))
    merge.conflicts = [
        sync_state.Conflict(c.table, c.key, c.field, c.kept, c.other, c.copy_id) for c in outcome.conflicts
    ]
    return merge

"""``ilearn sync``: send what is pending, fetch, merge record by record, apply, push.

The order is chosen so that nothing is ever lost. Pending records are first written into a
local commit (the change log in SQLite keeps them pending until the remote holds them);
the remote is fetched and checked (another journal's, or suddenly empty, is refused before
anything changes); the merge is computed in git objects only; the journal takes a verified
backup and then the merged records in one transaction; only then does the local branch move,
and the result is pushed. If another computer pushed in between, the round is repeated.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ilearn_tui.atomicfile import atomic_write
from ilearn_tui.domain.text import plural
from ilearn_tui.errors import IlearnError
from ilearn_tui.locations import FILE_MODE, make_private_dir
from ilearn_tui.store import sync_state
from ilearn_tui.store.journal import Journal, now_stamp
from ilearn_tui.store.schema import SCHEMA_VERSION
from ilearn_tui.sync import guards, records
from ilearn_tui.sync.repo import RemoteError, RemoteMovedError, SyncRepo, check_remote_url, folder_of

MAX_ROUNDS = 4


@dataclass(frozen=True)
class Summary:
    sent: int
    received: int
    conflicts: int

    def line(self, url: str) -> str:
        return f"synced with {url}: sent {self.sent}, received {self.received}, conflicts {self.conflicts}"


@dataclass(frozen=True)
class Status:
    remote: str
    last_sync: str
    pending: int
    conflicts: list[sync_state.Conflict]
    kept_home: int = 0  # of ``pending``: student information that waits for sync_student_info
    undo: str = ""  # the undo file of the last sync, while it can be restored alone


def repo_dir(journal: Journal) -> Path:
    return journal.locations.data_dir / "sync"


def setup(journal: Journal, url: str, *, join: bool = False) -> str:
    """Name the remote (making a bare repository in an empty folder); returns it as stored."""
    folder = folder_of(url) if url.strip() else None
    if folder is not None:
        data = journal.locations.data_dir.resolve()
        there = folder.resolve()
        if there == data or data in there.parents:
            raise RemoteError("the remote cannot be inside the journal's own folder")
    stored = check_remote_url(url)
    sync_state.set_remote(journal, stored, join=join)
    return stored


def status(journal: Journal) -> Status:
    held = {(t, records.key_of(t, row)) for t, row in guards.kept_home(journal) or []}
    waiting = sum(1 for c in sync_state.pending(journal) if (c.table, c.key) in held) if held else 0
    from ilearn_tui.store.undo_restore import last_sync_undo

    undo = last_sync_undo(journal)
    return Status(
        journal.get_meta(sync_state.REMOTE),
        journal.get_meta(sync_state.LAST_AT),
        sync_state.pending_count(journal),
        sync_state.list_conflicts(journal),
        waiting,
        "" if undo is None else f"{undo.path} ({undo.words()})",
    )


def sync(
    journal: Journal, *, allow_deletes: bool = False, progress: Callable[[str], None] | None = None
) -> tuple[str, Summary]:
    """Send and receive; ``allow_deletes`` lets a merge trash more than ``guards.TRASH_SHARE``.

    ``progress`` (optional) hears each phase's name as it starts, for the app.
    """
    url = journal.get_meta(sync_state.REMOTE)
    if not url:
        raise IlearnError("no remote is set up; run 'ilearn sync setup URL' first")
    with _one_sync_at_a_time(journal) as alone:
        if alone:
            # No other sync of this journal runs, so a lock file in its repository was left
            # by one that was killed: without this, every later sync would stop on it.
            SyncRepo.clear_stale_locks(repo_dir(journal))
        return _sync(journal, url, progress or (lambda _phase: None), allow_deletes=allow_deletes)


@contextmanager
def _one_sync_at_a_time(journal: Journal) -> Iterator[bool]:
    """Two syncs of one journal at once (two windows) would race on the branch and the log.

    The lock is the operating system's, so a sync that is killed releases it with its process.
    Yields whether this sync is known to be the only one (False where there is no such lock).
    """
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks of this kind; the journal's own write lock remains
        yield False
        return
    make_private_dir(journal.locations.data_dir)
    with open(journal.locations.data_dir / "sync.lock", "a+b") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise IlearnError(
                "another 'ilearn sync' of this journal is running; try again when it ends"
            ) from None
        try:
            yield True
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _sync(
    journal: Journal, url: str, progress: Callable[[str], None], *, allow_deletes: bool
) -> tuple[str, Summary]:
    repo = SyncRepo(repo_dir(journal))
    kept_home = guards.kept_home(journal)
    try:
        _start_from_journal(journal, repo)
        conflicts = 0
        first: bytes | None = None
        for _round in range(MAX_ROUNDS):
            changes = sync_state.pending(journal)
            # The log was read whole: with nothing in it, anything written later has a mark above 0.
            since = max((c.seq for c in changes), default=0)
            progress("preparing")
            local, held = _commit_pending(journal, repo, changes, kept_home)
            first = first or local
            progress("receiving")
            try:
                remote = repo.fetch(url)
            except RemoteMovedError:
                _wait(_round)
                continue
            _check_remote(journal, repo, url, remote)
            progress("merging")
            head, found, merge = _merge(repo, local, remote, journal)
            if not merge.empty:
                if not allow_deletes:
                    guards.refuse_mass_trash(journal, merge)
                backups = journal.locations.backups_dir
                full = guards.needs_full_copy(journal, merge)
                if full:
                    from ilearn_tui.store.backup import backup_to_dir

                    backup_to_dir(journal.conn, backups, reason="before-sync", quick=True)
                _receive_evidence(journal, repo, head, merge)
                try:
                    sync_state.apply_merge(
                        journal, merge, since=since, commit=head.decode(), undo_in=None if full else backups
                    )
                except sync_state.ChangedDuringSyncError:
                    continue  # written meanwhile (another window): merge again with that write
            repo.set_head(head)
            conflicts += found
            if head != remote:
                progress("sending")
                try:
                    repo.push(url, head, remote)
                except RemoteMovedError:
                    _wait(_round)
                    continue
            sent = [c for c in changes if (c.table, c.key) not in held]
            sync_state.mark_synced(journal, head.decode(), sent)
            return url, Summary(_count(repo, remote, head), _count(repo, first, head), conflicts)
        raise IlearnError("the remote kept changing during the sync; run 'ilearn sync' again")
    finally:
        repo.close()


def _merge(
    repo: SyncRepo, local: bytes, remote: bytes | None, journal: Journal
) -> tuple[bytes, int, sync_state.Merge]:
    """The commit to end on, how many conflicts the merge found, and what the journal takes.

    A sync whose branch already is the remote's (nothing was received) loads no merge code:
    that is most syncs, and start-up is most of their time.
    """
    if remote is None or remote == local:
        return local, 0, sync_state.Merge()
    from ilearn_tui.sync.combine import merge_commits

    head, outcome, merge = merge_commits(repo, local, remote, sync_state.journal_id(journal))
    return head, len(outcome.conflicts), merge


def _wait(round_: int) -> None:
    """Two computers syncing at once: let the other one finish before trying again."""
    time.sleep(0.2 * (round_ + 1))


def _start_from_journal(journal: Journal, repo: SyncRepo) -> None:
    """Put the branch back on the commit the journal says it holds, whatever happened since.

    The journal is the truth and the branch is derived from it: a sync cut short may have left
    a commit of pending records (they are still pending, and are written again), and a journal
    restored from a backup holds an older commit (the remote's newer records then arrive again,
    instead of being taken as already here). A lost local repository is fetched again.
    """
    held = journal.get_meta(sync_state.APPLIED).encode()
    if held and not repo.has(held):
        repo.fetch(journal.get_meta(sync_state.REMOTE))  # this computer's repository was lost
    if held and repo.has(held):
        repo.set_head(held)
    elif not held:
        repo.clear_head()


def _count(repo: SyncRepo, before: bytes | None, after: bytes) -> int:
    return sum(1 for path, _old, _new in repo.changes(before, after) if records.parse_path(path) is not None)


def _commit_pending(
    journal: Journal,
    repo: SyncRepo,
    changes: Sequence[sync_state.Change],
    kept_home: list[tuple[str, records.Row]] | None,
) -> tuple[bytes, set[tuple[str, str]]]:
    """Write pending records (every record, the first time) into a commit on the branch.

    Returns the commit and the records held back (they stay pending, to go when allowed).
    With nothing held back, student information never sent before (held back by an earlier
    sync, which leaves no pending mark on a first sync) is sent now.
    """
    head = repo.head()
    new: dict[str, bytes] = {}  # the files this commit writes: path -> blob id

    def current(path: str) -> bytes | None:
        return new[path] if path in new else repo.blob_at(head, path)

    held = {(t, records.key_of(t, row)) for t, row in kept_home or []}
    rows: Iterable[tuple[str, records.Row]]
    if head is None:  # every record, read as it is written (a first sync never holds them all)
        rows = (
            (t, row) for t, row in sync_state.all_records(journal) if (t, records.key_of(t, row)) not in held
        )
    else:
        found: list[tuple[str, records.Row]] = []
        if kept_home is None:
            found = [
                (t, row)
                for t, row in sync_state.student_info_records(journal)
                if repo.blob_at(head, records.record_path(t, records.key_of(t, row))) is None
            ]
        for change in changes:
            if (change.table, change.key) in held:
                continue
            where = records.where_of(change.table, change.key)
            row = sync_state.read_record(journal, change.table, where)
            if row is not None:
                found.append((change.table, row))
                continue
            path = records.record_path(change.table, change.key)
            blob = current(path)
            if blob is not None and records.parse_path(path) and not _is_tombstone(repo, blob):
                stone = records.Tombstone(now_stamp())
                new[path] = repo.add_blob(records.dump_tombstone(stone))
        rows = found
    count = 0
    for table, row in rows:
        count += 1
        new[records.record_path(table, records.key_of(table, row))] = repo.add_blob(records.dump(table, row))
        if table == "evidence":
            _send_evidence(journal, repo, row, new, current)
    new[records.MANIFEST] = repo.add_blob(records.manifest(sync_state.journal_id(journal), SCHEMA_VERSION))
    message = f"{plural(count, 'record')} from this computer"
    if head is None:
        return repo.commit(new, [], message), held
    written = {path: blob for path, blob in new.items() if repo.blob_at(head, path) != blob}
    if not written:
        return head, held
    commit = repo.commit_changes(head, written, [head], message)
    repo.set_head(commit)
    return commit, held


def _is_tombstone(repo: SyncRepo, blob: bytes) -> bool:
    return records.is_tombstone(repo.read(blob))


def _send_evidence(
    journal: Journal,
    repo: SyncRepo,
    row: records.Row,
    files: dict[str, bytes],
    current: Callable[[str], bytes | None],
) -> None:
    """Add an evidence record's file to ``files`` unless the branch (``current``) holds it."""
    sha, name = str(row.get("sha256") or ""), str(row.get("file_name") or "")
    if not sha or not name:
        return
    path = records.evidence_path(sha)
    stored = journal.locations.evidence_dir / name
    if current(path) is not None or not stored.is_file():
        return
    data = stored.read_bytes()
    if hashlib.sha256(data).hexdigest() == sha:
        files[path] = repo.add_blob(data)


def _check_remote(journal: Journal, repo: SyncRepo, url: str, remote: bytes | None) -> None:
    """Refuse a remote that is not this journal's, before anything is changed."""
    last = journal.get_meta(sync_state.LAST_COMMIT)
    if remote is None:
        if last:
            raise RemoteError(
                f"the remote {url} is empty, but this journal has synced with it before "
                "(a wrong or wiped folder?); nothing was changed"
            )
        return
    manifest = repo.blob_at(remote, records.MANIFEST)
    if manifest is None:
        raise RemoteError(f"{url} is a git repository but not an ilearn sync repository; nothing was changed")
    theirs = records.read_manifest(repo.read(manifest))
    if theirs == sync_state.journal_id(journal):
        return
    joining = journal.get_meta(sync_state.JOIN) == "1" or sync_state.record_count(journal) == 0
    if last or not joining:
        raise RemoteError(
            f"the remote {url} holds another journal; nothing was changed "
            "(to combine it with this one, run 'ilearn sync setup URL --join')"
        )
    sync_state.adopt_journal_id(journal, theirs)


def _receive_evidence(journal: Journal, repo: SyncRepo, head: bytes, merge: sync_state.Merge) -> None:
    """Every arriving evidence file, checked by its hash, before the records naming it."""
    folder = journal.locations.evidence_dir
    for table, row in merge.puts:
        sha, name = str(row.get("sha256") or ""), str(row.get("file_name") or "")
        if table != "evidence" or not sha or not name or (folder / name).is_file():
            continue
        blob = repo.blob_at(head, records.evidence_path(sha))
        if blob is None:
            continue  # its file stayed on the other computer; the record still travels
        data = repo.read(blob)
        if hashlib.sha256(data).hexdigest() != sha:
            raise RemoteError(f"the evidence file {sha[:12]} arrived damaged; nothing was changed")
        make_private_dir(folder)
        with atomic_write(folder / name, mode=FILE_MODE) as pending:
            pending.file.write(data)

"""The record merge: three-way, per field, against the version both sides last agreed on.

Different records never conflict, and different fields of one record merge. The same field
changed on both sides keeps this computer's value and records the other as a conflict; a
reflection's other version also becomes a "conflicted copy" beside it, so both texts stay
readable. An edit beats a delete (the words survive). Two computers that each started the
same school year before they first synced hold two cycles of the same dates; the journal
keeps one cycle a year, so the merge folds them into the older one. All of this is pure:
the same three versions always give the same result, on whichever computer merges.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ilearn_tui.domain.model import BY_TABLE
from ilearn_tui.sync.records import (
    TAGS,
    Row,
    Tombstone,
    Version,
    dump,
    dump_version,
    is_record,
    load,
    parse_path,
    record_path,
)

CONFLICT_TAG = "conflict"
COPY_TITLE = "Conflicted copy: "


@dataclass(frozen=True)
class FieldConflict:
    table: str
    key: str
    field: str
    kept: str  # JSON text
    other: str
    copy_id: str | None = None


@dataclass
class Outcome:
    """The merged tree as changes to the local one, and what could not be joined."""

    changes: dict[str, bytes] = field(default_factory=dict)
    conflicts: list[FieldConflict] = field(default_factory=list)


Reader = Callable[[str, str], bytes]  # (side, path) -> the file's bytes on that side
Listing = Callable[[str], Mapping[str, bytes]]  # folder ("records/<table>/") -> its files on one side


def _as_row(version: Version) -> Row | None:
    return version if isinstance(version, dict) else None


def _merge_tags(base: list[str], local: list[str], remote: list[str]) -> list[str]:
    """Tags merge as sets: a tag added on either side is added, removed on either is removed."""
    old, mine, theirs = ({t.lower(): t for t in side} for side in (base, local, remote))
    removed = (old.keys() - mine.keys()) | (old.keys() - theirs.keys())
    kept = {**theirs, **mine}
    names = (old.keys() - removed) | (mine.keys() - old.keys()) | (theirs.keys() - old.keys())
    return sorted((kept[n] for n in names), key=str.lower)


def merge_record(
    table: str, key: str, base: Version, local: Row | Tombstone, remote: Row | Tombstone
) -> tuple[Row | Tombstone, list[FieldConflict]]:
    """One record changed on both sides since ``base``: the merged version and its conflicts."""
    if isinstance(local, Tombstone):
        return (local if isinstance(remote, Tombstone) else remote), []
    if isinstance(remote, Tombstone):
        return local, []
    old = _as_row(base)
    merged = dict(local)
    conflicts: list[FieldConflict] = []
    for name in BY_TABLE[table].columns_in_table:
        mine, theirs = local.get(name), remote.get(name)
        if mine == theirs:
            continue
        if name == "updated_at":
            merged[name] = max(str(mine), str(theirs))
        elif name == "created_at":
            merged[name] = min(str(mine), str(theirs))
        elif old is not None and mine == old.get(name):
            merged[name] = theirs
        elif old is not None and theirs == old.get(name):
            continue
        else:
            conflicts.append(FieldConflict(table, key, name, json.dumps(mine), json.dumps(theirs)))
    if table == "reflections":
        merged[TAGS] = _merge_tags((old or {}).get(TAGS) or [], local.get(TAGS) or [], remote.get(TAGS) or [])
    return merged, conflicts


def conflicted_copy(remote: Row, copy_id: str, stamp: str) -> Row:
    """The other side's reflection, kept beside the one that stays, named so it is found."""
    copy = dict(remote)
    label = str(remote.get("title") or remote.get("date") or "")
    copy.update(id=copy_id, title=(COPY_TITLE + label)[:200], created_at=stamp, updated_at=stamp)
    copy[TAGS] = _merge_tags([], list(remote.get(TAGS) or []), [CONFLICT_TAG])
    return copy


def merge_trees(
    base: Mapping[str, bytes],
    local: Mapping[str, bytes],
    remote: Mapping[str, bytes],
    read: Reader,
    *,
    new_id: Callable[[], str],
    stamp: str,
    remote_folder: Listing | None = None,
) -> Outcome:
    """Merge two trees of record files (path -> blob id) against their common ``base``.

    The trees may hold only the files that changed on either side since ``base`` (files that
    did not are the same on all three, and merge to themselves); then ``remote_folder`` lists
    every file of a folder on the remote side, for a conflicted copy's links.
    """
    outcome = Outcome()
    copies: list[tuple[str, str]] = []  # (original reflection, its copy)
    for path in sorted(set(local) | set(remote)):
        mine, theirs, old = local.get(path), remote.get(path), base.get(path)
        if mine == theirs or theirs is None or theirs == old:
            continue
        if mine is None or mine == old:
            outcome.changes[path] = read("remote", path)
            continue
        place = parse_path(path)
        if place is None:  # not a record (an evidence file is named by its content): theirs is as good
            continue
        table, key = place
        versions = [load(table, key, read(side, path)) for side in ("local", "remote")]
        before = load(table, key, read("base", path)) if old is not None else None
        merged, conflicts = merge_record(table, key, before, versions[0], versions[1])
        if conflicts and table == "reflections" and isinstance(versions[1], dict):
            copy_id = new_id()
            copy = conflicted_copy(versions[1], copy_id, stamp)
            outcome.changes[record_path(table, copy_id)] = dump(table, copy)
            conflicts = [FieldConflict(c.table, c.key, c.field, c.kept, c.other, copy_id) for c in conflicts]
            copies.append((key, copy_id))
        outcome.conflicts.extend(conflicts)
        data = dump_version(table, merged)
        if data != read("local", path):
            outcome.changes[path] = data
    if copies:
        links = (remote_folder or _folder_of(remote))(record_path("reflection_links", "")[: -len(".json")])
        for original, copy_id in copies:
            _copy_links(outcome, links, read, original, copy_id)
    _keep_what_is_still_used(outcome, base, local, remote, read)
    return outcome


def _keep_what_is_still_used(
    outcome: Outcome,
    base: Mapping[str, bytes],
    local: Mapping[str, bytes],
    remote: Mapping[str, bytes],
    read: Reader,
) -> None:
    """A record deleted on one side stays if the other side just gave it a new or edited child.

    Otherwise the child would point at nothing: refused by the journal's references (on the
    side that never had the delete) or swept into the trash with its parent (on the other).
    An edit beats a delete, here as for the record itself: its last live version is kept.
    """
    changed = [
        p for p in set(local) | set(remote) if local.get(p) != base.get(p) or remote.get(p) != base.get(p)
    ]

    def merged(path: str) -> tuple[str, str, Version] | None:
        place = parse_path(path)
        if place is None:
            return None
        data = outcome.changes.get(path)
        if data is None:
            data = read("local", path) if path in local else None
        return (*place, load(*place, data)) if data is not None else None

    for _pass in range(4):  # a kept parent may itself need its own parent (a goal, its cycle)
        gone: dict[tuple[str, str], str] = {}
        children: list[tuple[str, Row]] = []
        for path in changed:
            found = merged(path)
            if found is None:
                continue
            table, key, version = found
            if isinstance(version, Tombstone) and is_record(table):
                gone[(table, key)] = path
            elif isinstance(version, dict):
                children.append((table, version))
        used = {
            (spec.ref, str(row[spec.name]))
            for table, row in children
            for spec in BY_TABLE[table].fields
            if spec.type == "ref" and row.get(spec.name) is not None
        }
        revive = [path for parent, path in gone.items() if parent in used]
        if not revive:
            return
        for path in revive:
            for side, files in (("local", local), ("remote", remote)):
                if path in files and not isinstance(load(*_place(path), read(side, path)), Tombstone):
                    if side == "local":
                        outcome.changes.pop(path, None)
                    else:
                        outcome.changes[path] = read(side, path)
                    break


def _folder_of(files: Mapping[str, bytes]) -> Listing:
    return lambda folder: {p: b for p, b in files.items() if p.startswith(folder)}


def _place(path: str) -> tuple[str, str]:
    place = parse_path(path)
    assert place is not None
    return place


def _copy_links(
    outcome: Outcome, remote: Mapping[str, bytes], read: Reader, original: str, copy: str
) -> None:
    """A conflicted copy keeps the links of the version it copies (its goal, its evidence)."""
    prefix = record_path("reflection_links", original + ".")[: -len(".json")]
    for path in remote:
        if path.startswith(prefix):
            place = parse_path(path)
            if place is None:
                continue
            row = load(*place, read("remote", path))
            if isinstance(row, dict):
                link = {**row, "reflection_id": copy}
                outcome.changes[record_path("reflection_links", _link_key(link))] = dump(
                    "reflection_links", link
                )


def _link_key(row: Row) -> str:
    return ".".join(
        "" if row.get(c) is None else str(row[c]) for c in BY_TABLE["reflection_links"].columns_in_table
    )


def fold_cycles(folder: Listing, read: Callable[[str], bytes], outcome: Outcome) -> None:
    """Fold cycles of the same dates into the oldest, as the journal keeps one cycle a year.

    ``folder`` lists a folder of the merged tree (path -> blob id, before ``outcome``'s
    changes) and ``read`` reads a file of it; only the folders of the tables concerned are
    listed. The records of a folded cycle move to the kept one, a second vision of the year
    is added to the first (also when the cycle was one already), and the folded cycle leaves
    a tombstone.
    """
    files: dict[str, bytes] = {}

    def paths_of(tables: tuple[str, ...]) -> list[str]:
        prefixes = tuple(f"records/{t}/" for t in tables)
        for prefix in prefixes:
            files.update(folder(prefix))
        return sorted(p for p in set(files) | set(outcome.changes) if p.startswith(prefixes))

    def current(path: str) -> Version:
        place = parse_path(path)
        assert place is not None
        data = outcome.changes.get(path)
        if data is None and path not in files:
            return None
        return load(*place, data if data is not None else read(path))

    cycles = [c for p in paths_of(("cycles",)) if isinstance(c := current(p), dict)]
    by_dates: dict[tuple[str, str], list[Row]] = {}
    for cycle in cycles:
        by_dates.setdefault((str(cycle["starts_on"]), str(cycle["ends_on"])), []).append(cycle)
    moves: dict[str, str] = {}
    for same in by_dates.values():
        if len(same) > 1:
            keep, *drop = sorted(same, key=lambda c: (str(c["created_at"]), str(c["id"])))
            moves.update({str(c["id"]): str(keep["id"]) for c in drop})
    # Without a fold only the visions need a look: two computers may each have written the
    # year's vision (a journal keeps one a cycle); the second's words join the first's.
    tables = (
        ("visions",)
        if not moves
        else tuple(t for t in BY_TABLE if "cycle_id" in BY_TABLE[t].columns_in_table)
    )
    visions: dict[str, tuple[str, Row]] = {}
    for path in paths_of(tables):
        place = parse_path(path)
        if place is None or not is_record(place[0]):
            continue
        row = current(path)
        if not isinstance(row, dict):
            continue
        moved = dict(row)
        if row.get("cycle_id") in moves:
            moved["cycle_id"] = moves[str(row["cycle_id"])]
            outcome.changes[path] = dump(place[0], moved)
        if place[0] == "visions":
            _fold_vision(visions, path, moved, outcome)
    for old in moves:
        outcome.changes[record_path("cycles", old)] = dump_version("cycles", Tombstone(_stamp(cycles)))


def _fold_vision(seen: dict[str, tuple[str, Row]], path: str, vision: Row, outcome: Outcome) -> None:
    cycle = str(vision["cycle_id"])
    if cycle not in seen:
        seen[cycle] = (path, vision)
        return
    first_path, first = seen[cycle]
    keep, (drop_path, drop) = (first, (path, vision)) if first_path < path else (vision, (first_path, first))
    joined: dict[str, Any] = dict(keep)
    for name in ("body", "school_mission"):
        extra = str(drop.get(name) or "")
        if extra and extra not in str(keep.get(name) or ""):
            joined[name] = (str(keep.get(name) or "") + "\n\n" + extra).strip()
    keep_path = first_path if keep is first else path
    seen[cycle] = (keep_path, joined)
    outcome.changes[keep_path] = dump("visions", joined)
    outcome.changes[drop_path] = dump_version("visions", Tombstone(str(drop.get("updated_at") or "")))


def _stamp(cycles: list[Row]) -> str:
    return max((str(c["updated_at"]) for c in cycles), default="")

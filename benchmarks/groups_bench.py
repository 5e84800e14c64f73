"""Groups at district scale: one teacher's exchange of her three groups, and how it grows.

    python benchmarks/groups_bench.py [--teachers 1000] [--items 50] [--runs 5] [--quick] [--keep]

A district of ``--teachers`` teachers in groups of 10 (100 groups for 1,000), each teacher
publishing ``--items`` items, is built through the real code path: every group repository is
a bare folder remote made by running its members' ``sync.groups.exchange`` one after another.
The members of one group build through one shared local repository (their exchanges read
only the folders that changed since the previous member's, as each member's own cache would
on her computer), so the build grows with the district, not with the square of a group.
The measured teacher is one of the ten in each of three groups.

Measured in process (the command's start-up is the sync benchmark's business), each next to
a floor taken in the same run:

- **her three groups, incremental**: one colleague in each of her groups has published one
  new item; she exchanges all three and stores what arrived in her journal
  (``store.colleagues.replace_group``). Goal ≤ 3 s. Floors: dulwich alone fetching each
  group's repository into a fresh clone of it and pushing one commit back (what any member's
  exchange must do over git); and reading every file of the three groups' trees with dulwich
  (what an exchange without its cache would read).
- **growth with group size**: the same incremental exchange of one group of 10, 30 and 100
  members (``--sizes``), each member with ``--items`` items.
- **the group showcase** (``group_showcase_measure``): ``export --group G`` of a group of 10
  (goal ≤ 2 s), 30 and 100 members, ``--items`` items each, written as one HTML page; floor:
  the same items' text written to a file with plain Python. ``--showcase-only`` measures just
  this (it needs no district).
"""

from __future__ import annotations

import argparse
import gc
import random
import shutil
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from dulwich.client import LocalGitClient
from dulwich.object_store import iter_tree_contents
from dulwich.objects import Blob, Commit, ObjectID, Tree
from dulwich.repo import Repo

from bench_measure import say, work_folder
from group_showcase_measure import showcase_rows
from ilearn_tui.domain.colleagues import Item, Member
from ilearn_tui.locations import resolve
from ilearn_tui.store import colleagues
from ilearn_tui.store.journal import open_journal
from ilearn_tui.sync.groups import exchange
from ilearn_tui.sync.repo import BRANCH, check_remote_url
from journal_prose import Writer

GROUP_SIZE = 10
HER_GROUPS = 3
GOAL_S = 3.0
Row = tuple[str, list[float], float | None]  # a measure, its timings, its goal in seconds
KINDS = ("reflection", "reflection", "reflection", "goal", "question", "activity", "share", "reply")


@dataclass
class Group:
    """One group repository and its members' outboxes (author id -> items)."""

    index: int
    remote: str
    members: list[Member]
    outboxes: dict[str, list[Item]] = field(default_factory=dict)


class District:
    """Teachers, their items, and the group repositories built from their exchanges."""

    def __init__(self, work: Path, items: int, seed: int = 20261201) -> None:
        self.work = work
        self.items = items
        self.rng = random.Random(seed)
        self.writer = Writer(self.rng)
        self.day = 0

    def member(self, n: int) -> Member:
        return Member(str(uuid.UUID(int=self.rng.getrandbits(128), version=4)), f"Teacher {n:04d}")

    def item(self, author: Member) -> Item:
        self.day += 1
        kind = self.rng.choice(KINDS)
        stamp = f"2026-{1 + self.day // 28 % 12:02d}-{1 + self.day % 28:02d}T{self.day % 24:02d}:00:00+00:00"
        return Item(
            id=str(uuid.UUID(int=self.rng.getrandbits(128), version=4)),
            author_id=author.author_id,
            kind=kind,
            title=self.writer.title()[:200],
            body=self.writer.body(),
            date=stamp[:10],
            stage=self.rng.choice((None, 1, 2, 3, 4, 5)),
            published_at=stamp,
            in_reply_to=None,
            to_author=None,
        )

    def build_group(self, index: int, members: list[Member]) -> Group:
        """A group repository made by its members' exchanges, one after another."""
        (self.work / "remotes").mkdir(exist_ok=True)
        remote = check_remote_url(str(self.work / "remotes" / f"group-{index:03d}"))
        group = Group(index, remote, members)
        builders = self.work / "builders" / f"group-{index:03d}"
        for member in members:
            outbox = group.outboxes.setdefault(
                member.author_id, [self.item(member) for _ in range(self.items)]
            )
            exchange(builders, remote, member, outbox, group_name=f"Group {index:03d}")
        shutil.rmtree(builders)
        return group

    def publish_one(self, group: Group, author: Member) -> None:
        group.outboxes[author.author_id].append(self.item(author))
        repo_dir = self.work / "colleagues" / author.author_id / f"group-{group.index:03d}"
        exchange(repo_dir, group.remote, author, group.outboxes[author.author_id])


class Her:
    """The measured teacher: her journal and one local repository per group, as on her computer."""

    def __init__(self, home: Path, me: Member) -> None:
        self.home = home
        self.me = me
        self.journal = open_journal(resolve(home))

    def exchange(self, group: Group) -> int:
        repo_dir = resolve(self.home).data_dir / "groups" / f"group-{group.index:03d}"
        result = exchange(repo_dir, group.remote, self.me, group.outboxes[self.me.author_id])
        colleagues.replace_group(self.journal, f"group-{group.index:03d}", result.received)
        return len(result.received)


def timed(runs: int, before: Callable[[], object], action: Callable[[], object]) -> list[float]:
    times = []
    for _ in range(runs):
        before()
        gc.collect()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def _each(floors: list[GitFloor]) -> None:
    for floor in floors:
        floor.step()


# --- floors ----------------------------------------------------------------------------------
class GitFloor:
    """dulwich alone, on a clone of a group repository: fetch the new commit, push one of its own.

    What any member's exchange must do over git, with none of ilearn's reading or checking.
    """

    def __init__(self, remote: str, folder: Path) -> None:
        self.remote = remote
        folder.mkdir(parents=True)
        self.local = Repo.init_bare(str(folder))
        self.client = LocalGitClient()
        self.made = 0
        self.fetch()

    def fetch(self) -> ObjectID:
        store = self.local.object_store
        found = self.client.fetch(
            self.remote,
            self.local,
            determine_wants=lambda refs, depth=None: [r for r in [refs[BRANCH]] if r not in store],
        )
        head = found.refs[BRANCH]
        assert head is not None
        self.local.refs[BRANCH] = head
        return head

    def step(self) -> None:
        head = self.fetch()
        root = self.local[self.local[head].tree]  # type: ignore[attr-defined]
        assert isinstance(root, Tree)
        self.made += 1
        blob = Blob.from_string(f"commit {self.made} of {self.local.path}\n".encode())
        root.add(f"floor-{id(self)}.txt".encode(), 0o100644, blob.id)
        commit = Commit()
        commit.tree, commit.parents = root.id, [head]
        commit.author = commit.committer = b"floor <floor@localhost>"
        commit.author_time = commit.commit_time = int(time.time())
        commit.author_timezone = commit.commit_timezone = 0
        commit.message = b"floor"
        self.local.object_store.add_objects([(blob, None), (root, None), (commit, None)])
        self.client.send_pack(
            self.remote,
            lambda refs: {BRANCH: commit.id},
            lambda have, want, ofs_delta=False, progress=None: self.local.object_store.generate_pack_data(
                have, want, ofs_delta=ofs_delta
            ),
        )
        self.local.refs[BRANCH] = commit.id

    def close(self) -> None:
        self.local.close()


def floor_read_all(remote: str) -> int:
    """Every file of a group's tree read with dulwich: what an exchange without a cache reads."""
    with Repo(remote) as repo:
        tree = repo[repo.refs[BRANCH]].tree  # type: ignore[attr-defined]
        total = 0
        for entry in iter_tree_contents(repo.object_store, tree):
            assert entry.sha is not None
            total += len(repo.object_store[entry.sha].as_raw_string())
        return total


# --- the measures ----------------------------------------------------------------------------
def her_three_groups(district: District, teachers: int, runs: int) -> list[Row]:
    groups_count = max(HER_GROUPS, teachers // GROUP_SIZE)
    people = [district.member(n) for n in range(groups_count * GROUP_SIZE)]
    she = people[0]
    start = time.perf_counter()
    groups = []
    for g in range(groups_count):
        members = people[g * GROUP_SIZE : (g + 1) * GROUP_SIZE]
        if 0 < g < HER_GROUPS:
            members = [she, *members[1:]]  # she is one of the ten of groups 0, 1 and 2
        groups.append(district.build_group(g, members))
        if g % 10 == 9:
            say(f"built {g + 1} of {groups_count} group repositories ({time.perf_counter() - start:.0f} s)")
    build_s = time.perf_counter() - start
    items = sum(len(o) for g in groups for o in g.outboxes.values())
    built = f"{len(people):,} teachers, {groups_count} groups, {items:,} items"
    say(f"district: {built}, built in {build_s:.0f} s")
    hers = groups[:HER_GROUPS]
    her = Her(district.work / "her", she)
    try:
        for group in hers:  # she synced yesterday: her caches and journal hold the groups
            her.exchange(group)

        def colleagues_publish() -> None:
            for group in hers:
                district.publish_one(group, group.members[1 + district.rng.randrange(GROUP_SIZE - 1)])

        mine = timed(runs, colleagues_publish, lambda: [her.exchange(g) for g in hers])
    finally:
        her.journal.close()
    floors, others = [], []
    for group in hers:  # the floor works on copies, so her groups stay as they are
        copy = district.work / "floor-remotes" / Path(group.remote).name
        shutil.copytree(group.remote, copy)
        floors.append(GitFloor(str(copy), district.work / "floor-clones" / f"{copy.name}-her"))
        others.append(GitFloor(str(copy), district.work / "floor-clones" / f"{copy.name}-colleague"))
    git_floor = timed(runs, lambda: _each(others), lambda: _each(floors))
    for floor in floors + others:
        floor.close()
    read_floor = timed(runs, lambda: None, lambda: [floor_read_all(g.remote) for g in hers])
    return [
        (
            f"build: {len(people):,} teachers' exchanges into {groups_count} group repositories",
            [build_s],
            None,
        ),
        (f"her {HER_GROUPS} groups, incremental (1 new item in each)", mine, GOAL_S),
        (f"dulwich fetch of the new commit + push of one, {HER_GROUPS} groups (floor)", git_floor, None),
        (f"dulwich reading every file of her {HER_GROUPS} groups' trees (floor)", read_floor, None),
    ]


def growth(district: District, sizes: list[int], runs: int) -> list[Row]:
    rows: list[Row] = []
    for size in sizes:
        members = [district.member(10_000 + size * 1000 + n) for n in range(size)]
        group = district.build_group(1000 + size, members)
        her = Her(district.work / f"her-{size}", members[0])
        try:
            her.exchange(group)
            times = timed(
                runs,
                lambda group=group, members=members: district.publish_one(group, members[1]),  # type: ignore[misc]
                lambda her=her, group=group: her.exchange(group),  # type: ignore[misc]
            )
        finally:
            her.journal.close()
        read = timed(runs, lambda: None, lambda group=group: floor_read_all(group.remote))  # type: ignore[misc]
        rows.append((f"one group of {size}, incremental", times, None))
        rows.append((f"one group of {size}, dulwich reading every file (floor)", read, None))
    return rows


def table(rows: list[Row]) -> str:
    lines = ["| measure | median s | goal | met? |", "|---|--:|--:|:-:|"]
    for name, times, goal in rows:
        median = statistics.median(times)
        met = "—" if goal is None else ("yes" if median <= goal else "**no**")
        lines.append(f"| {name} | {median:.3f} | {'—' if goal is None else f'≤ {goal:g}'} | {met} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teachers", type=int, default=1000, help="teachers in the district (default 1000)")
    parser.add_argument("--items", type=int, default=50, help="items each teacher publishes (default 50)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each measure (default 5)")
    parser.add_argument("--sizes", default="10,30,100", help="group sizes for the growth measure")
    parser.add_argument("--quick", action="store_true", help="30 teachers, 10 items, 2 runs: a CI smoke run")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")
    parser.add_argument("--showcase-only", action="store_true", help="only the group showcase's figures")
    args = parser.parse_args(argv)
    if args.quick:
        args.teachers, args.items, args.runs, args.sizes = 30, 10, 2, "10,30"
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.teachers < 1 or args.items < 1 or args.runs < 1 or any(s < 2 for s in sizes):
        parser.error("--teachers, --items and --runs must be 1 or more, and group sizes 2 or more")
    with work_folder("ilearn-groups-bench-", args.keep) as work:
        district = District(work, args.items)
        rows = [] if args.showcase_only else her_three_groups(district, args.teachers, args.runs)
        rows += [] if args.showcase_only else growth(district, sizes, args.runs)
        rows += showcase_rows(work, sizes, args.runs, args.items, district.member, district.item, timed)
        who = "the group showcase" if args.showcase_only else f"{args.teachers:,} teachers"
        print(f"## Groups: {who}, {args.items} items each, median of {args.runs} runs\n")
        print(table(rows))
        for name, times, _goal in rows:
            if len(times) > 1:
                print(f"- {name}: fastest {min(times):.3f} s, slowest {max(times):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Three computers and one folder remote, driven by hypothesis in random orders of writes and syncs.

Each step is a teacher's write on one computer (a reflection or a goal created, edited,
deleted or restored from the trash) or a sync of one computer. At the end every computer
syncs twice, in turn, and then:

- all three hold the same live records (every record table, row for row);
- nothing vanished: every record a computer ever held is live there or in its own trash
  (so a record deleted everywhere is in every trash that held it; a trash is otherwise
  local: a purge, or a restore elsewhere, is not sent);
- no acknowledged version is lost: each text a computer wrote and then synced is still
  the record's text, the text of a conflicted copy (a reflection), the other side of a
  listed conflict (a goal), or in a trash, unless a later edit was made by someone who had
  seen it.

The journals are driven through the store's own functions and ``sync.engine.sync`` in this
process, each kept open for the run: a step costs milliseconds, not a process start.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from ilearn_tui.domain.forms import KINDS
from ilearn_tui.domain.model import BY_TABLE, TABLE_ORDER
from ilearn_tui.errors import IlearnError
from ilearn_tui.locations import resolve
from ilearn_tui.store import sync_state
from ilearn_tui.store.journal import Journal, open_journal
from ilearn_tui.store.plan import add_goal
from ilearn_tui.store.records import delete_record, get_record, save_record
from ilearn_tui.store.reflections import add_reflection, delete_reflection, update_reflection
from ilearn_tui.store.trash import list_trash, restore
from ilearn_tui.sync import engine

REPLICAS = 3
replica = st.integers(min_value=0, max_value=REPLICAS - 1)
pick = st.integers(min_value=0, max_value=10_000)  # which record or trash item, modulo how many there are
MANY = 4  # records a computer holds before no more are written
TAGS = ("feedback", "questioning", "behaviour", "literacy")
new_tags = st.none() | st.lists(st.sampled_from(TAGS), max_size=3, unique=True)  # None: tags unchanged


def _ids(journal: Journal, table: str) -> list[str]:
    return [str(r[0]) for r in journal.conn.execute(f"SELECT id FROM {table} ORDER BY id")]


def _table_rows(journal: Journal) -> dict[str, list[tuple[object, ...]]]:
    found: dict[str, list[tuple[object, ...]]] = {}
    for table in TABLE_ORDER:
        sql = f"SELECT {', '.join(BY_TABLE[table].columns_in_table)} FROM {table}"
        found[table] = sorted((tuple(row) for row in journal.conn.execute(sql)), key=repr)
    return found


def _trashed(journal: Journal) -> tuple[set[str], str]:
    """The ids of the records in the trash (each item's first row), and every text it holds."""
    ids, texts = set(), []
    for (payload,) in journal.conn.execute("SELECT payload FROM trash"):
        rows = json.loads(payload)["rows"]
        ids.add(str(rows[0][1]["id"]))
        texts.append(payload)
    return ids, "\n".join(texts)


class ThreeComputers(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        # In memory when the system has a tmpfs: a step is then not an fsync of three journals.
        shm = Path("/dev/shm")
        where = str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None
        self.folder = Path(tempfile.mkdtemp(prefix="ilearn-converge-", dir=where))
        self.journals: list[Journal] = []
        self.counter = 0
        self.unsent: list[list[str]] = [[] for _ in range(REPLICAS)]  # texts written since the last sync
        self.acknowledged: set[str] = set()
        self.superseded: set[str] = set()  # overwritten or deleted by someone who had seen it
        self.held: list[set[str]] = [set() for _ in range(REPLICAS)]

    @initialize()
    def three_computers_on_one_remote(self) -> None:
        remote = str(self.folder / "remote")
        for n in range(REPLICAS):
            journal = open_journal(resolve(self.folder / f"computer{n}"))
            journal.auto_backup = False
            engine.setup(journal, remote)
            self.journals.append(journal)
        # Every computer starts with the same few records, so the first steps can already
        # change one record on two computers.
        for _ in range(2):
            self.write_a_reflection(0, [])
        self.write_a_goal(0)
        for n in range(REPLICAS):
            self._sync(n)

    def teardown(self) -> None:
        """Hypothesis calls this after the last step: the place for the end-of-run checks."""
        try:
            if self.journals:
                self.check_converged()
        finally:
            for journal in self.journals:
                journal.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    # --- helpers ------------------------------------------------------------------------
    def _text(self, what: str) -> str:
        self.counter += 1
        return f"{what} version {self.counter}."

    def _wrote(self, n: int, text: str) -> None:
        self.unsent[n].append(text)

    def _sync(self, n: int) -> None:
        engine.sync(self.journals[n])
        self.acknowledged.update(self.unsent[n])
        self.unsent[n].clear()
        for table in ("reflections", "goals"):
            self.held[n].update(_ids(self.journals[n], table))

    def _choose(self, n: int, table: str, which: int) -> str | None:
        ids = _ids(self.journals[n], table)
        return ids[which % len(ids)] if ids else None

    # --- reflections --------------------------------------------------------------------
    # Few records, so that two computers often change the same one between syncs.
    @precondition(lambda self: min(map(len, self.held)) < MANY)
    @rule(n=replica, tags=st.lists(st.sampled_from(TAGS), max_size=2, unique=True))
    def write_a_reflection(self, n: int, tags: list[str]) -> None:
        text = self._text("Reflection")
        rid = add_reflection(self.journals[n], text, tags=tags)
        self.held[n].add(rid)
        self._wrote(n, text)

    @rule(n=replica, which=pick, body=st.booleans(), title=st.booleans(), tags=new_tags)
    def edit_a_reflection(self, n: int, which: int, body: bool, title: bool, tags: list[str] | None) -> None:
        rid = self._choose(n, "reflections", which)
        if rid is not None:
            self._edit_reflection(n, rid, body, title, tags)

    @rule(n=replica, m=replica, which=pick, fields=st.tuples(st.booleans(), st.booleans()), tags=new_tags)
    def edit_one_reflection_on_two_computers(
        self, n: int, m: int, which: int, fields: tuple[bool, bool], tags: list[str] | None
    ) -> None:
        """Both computers change the same reflection offline: the case a merge exists for."""
        rid = self._choose(n, "reflections", which)
        if rid is None or n == m or rid not in _ids(self.journals[m], "reflections"):
            return
        self._edit_reflection(n, rid, True, fields[0], tags)
        self._edit_reflection(m, rid, fields[1], not fields[1], None)

    def _edit_reflection(self, n: int, rid: str, body: bool, title: bool, tags: list[str] | None) -> None:
        journal = self.journals[n]
        old = sync_state.read_record(journal, "reflections", {"id": rid})
        assert old is not None
        new_body = self._text("Edited") if body else str(old["body"])
        new_title = self._text("Title") if title else str(old["title"])
        update_reflection(
            journal,
            rid,
            body=new_body,
            title=new_title,
            tags=tags if tags is not None else list(old.get("tags") or []),
            stage=old["stage"],
            day=str(old["date"]),
        )
        if body:
            self.superseded.add(str(old["body"]))
            self._wrote(n, new_body)

    @rule(n=replica, which=pick)
    def delete_a_reflection(self, n: int, which: int) -> None:
        rid = self._choose(n, "reflections", which)
        if rid is not None:
            delete_reflection(self.journals[n], rid)  # its text stays in this computer's trash

    # --- goals (a second kind of record: its conflicts are listed, not copied) ----------
    @precondition(lambda self: min(map(len, self.held)) < MANY)
    @rule(n=replica)
    def write_a_goal(self, n: int) -> None:
        journal = self.journals[n]
        why = self._text("Why")
        gid = add_goal(journal, self._text("Goal"), why=why)
        self.held[n].add(gid)
        self._wrote(n, why)

    @rule(n=replica, which=pick, title=st.booleans())
    def edit_a_goal(self, n: int, which: int, title: bool) -> None:
        gid = self._choose(n, "goals", which)
        if gid is not None:
            self._edit_goal(n, gid, title)

    @rule(n=replica, m=replica, which=pick, title=st.booleans())
    def edit_one_goal_on_two_computers(self, n: int, m: int, which: int, title: bool) -> None:
        gid = self._choose(n, "goals", which)
        if gid is None or n == m or gid not in _ids(self.journals[m], "goals"):
            return
        self._edit_goal(n, gid, False)
        self._edit_goal(m, gid, title)

    def _edit_goal(self, n: int, gid: str, title: bool) -> None:
        journal = self.journals[n]
        goal = get_record(journal, KINDS["goal"], gid) or {}
        values: dict[str, object] = {"title": self._text("Goal")} if title else {"why": self._text("Why")}
        save_record(journal, KINDS["goal"], values, record_id=gid)
        if not title:
            self.superseded.add(str(goal.get("why") or ""))
            self._wrote(n, str(values["why"]))

    @rule(n=replica, which=pick)
    def delete_a_goal(self, n: int, which: int) -> None:
        gid = self._choose(n, "goals", which)
        if gid is not None:
            delete_record(self.journals[n], KINDS["goal"], gid)

    # --- the trash and syncs ------------------------------------------------------------
    @rule(n=replica, which=pick)
    def restore_from_the_trash(self, n: int, which: int) -> None:
        items = list_trash(self.journals[n])
        if items:
            # It may be live again (another computer's edit won over the delete): then it stays.
            with contextlib.suppress(IlearnError):
                restore(self.journals[n], items[which % len(items)].id)

    @rule(n=replica)
    def sync(self, n: int) -> None:
        self._sync(n)

    # Rules are drawn about evenly: three ways to sync make syncs about a third of all steps,
    # so records travel and come back changed often enough for both sides to edit one.
    @rule(n=replica)
    def sync_again(self, n: int) -> None:
        self._sync(n)

    @rule(n=replica, m=replica)
    def sync_two(self, n: int, m: int) -> None:
        self._sync(n)
        self._sync(m)

    @precondition(lambda self: bool(self.journals))
    @invariant()
    def every_journal_stays_whole(self) -> None:
        for journal in self.journals:
            assert journal.conn.execute("PRAGMA foreign_key_check").fetchall() == []

    # --- the end ------------------------------------------------------------------------
    def check_converged(self) -> None:
        for _ in range(2):
            for n in range(REPLICAS):
                self._sync(n)
        first = _table_rows(self.journals[0])
        for n in range(1, REPLICAS):
            assert _table_rows(self.journals[n]) == first, f"computer {n} differs from computer 0"
        said = []
        for n, journal in enumerate(self.journals):
            assert sync_state.pending_count(journal) == 0
            live = set(_ids(journal, "reflections")) | set(_ids(journal, "goals"))
            trashed, trash_text = _trashed(journal)
            vanished = self.held[n] - live - trashed
            assert not vanished, f"computer {n} lost {sorted(vanished)}"
            said.append(trash_text)
            said += [str(r[0]) for r in journal.conn.execute("SELECT body FROM reflections")]
            said += [str(r[0]) for r in journal.conn.execute("SELECT why FROM goals")]
            # A goal's conflict is listed with the other value; a reflection's must be a copy.
            said += [str(c.other) for c in sync_state.list_conflicts(journal) if c.table == "goals"]
        everything = "\n".join(said)
        lost = sorted(t for t in self.acknowledged - self.superseded if t not in everything)
        assert not lost, f"acknowledged versions lost: {lost}"


ThreeComputers.TestCase.settings = settings(
    max_examples=12,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_three_computers_converge = ThreeComputers.TestCase

"""Two homes (two computers) and a remote, driven through the command line."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ilearn_tui.locations import resolve
from ilearn_tui.store.journal import Journal, open_journal
from tests.helpers.cli import Result, invoke, ok, run_ilearn


class Computer:
    """One of the teacher's computers: its own ``--home``."""

    def __init__(self, home: Path, *, real: bool = False) -> None:
        self.home = home
        self.real = real  # run commands as real processes (when this process serves a remote)

    def run(self, *args: str, env: dict[str, str] | None = None) -> Result:
        if self.real:
            return run_ilearn(*args, home=self.home, env=env)
        return invoke(*args, home=self.home, env=dict(env or {}))

    def ok(self, *args: str, env: dict[str, str] | None = None) -> str:
        return ok(self.run(*args, env=env))

    def reflect(self, text: str) -> str:
        return self.ok("reflect", text)

    def edit(self, rid: str, body: str, title: str | None = None) -> None:
        """Edit a reflection as the app does; its title stays unless one is given."""
        from ilearn_tui.store.reflections import update_reflection

        with self.journal() as journal:
            sql = "SELECT date, title FROM reflections WHERE id = ?"
            day, held = journal.conn.execute(sql, (rid,)).fetchone()
            update_reflection(
                journal, rid, body=body, title=held if title is None else title, tags=[], stage=None, day=day
            )

    @contextmanager
    def journal(self) -> Iterator[Journal]:
        journal = open_journal(resolve(self.home))
        journal.auto_backup = False
        try:
            yield journal
        finally:
            journal.close()

    def bodies(self) -> set[str]:
        with self.journal() as journal:
            return {str(r[0]) for r in journal.conn.execute("SELECT body FROM reflections")}

    def records(self) -> dict[str, list[tuple[object, ...]]]:
        """Every record table's rows, sorted: two computers that agree hold the same."""
        from ilearn_tui.domain.model import BY_TABLE, TABLE_ORDER

        with self.journal() as journal:
            found: dict[str, list[tuple[object, ...]]] = {}
            for table in TABLE_ORDER:
                sql = f"SELECT {', '.join(BY_TABLE[table].columns_in_table)} FROM {table}"
                found[table] = sorted((tuple(row) for row in journal.conn.execute(sql)), key=repr)
            return found


def two_homes(tmp_path: Path) -> tuple[Computer, Computer, Path]:
    """A laptop and a desktop set up on one empty folder remote (nothing synced yet)."""
    laptop, desktop = Computer(tmp_path / "laptop"), Computer(tmp_path / "desktop")
    remote = tmp_path / "usb" / "journal"
    (tmp_path / "usb").mkdir()
    laptop.ok("sync", "setup", str(remote))
    desktop.ok("sync", "setup", str(remote))
    return laptop, desktop, remote


def summary(line: str) -> tuple[int, int, int]:
    """(sent, received, conflicts) from the one-line summary."""
    tail = line.split(": ", 1)[1]
    numbers = [int(part.split()[1]) for part in tail.split(", ")]
    return numbers[0], numbers[1], numbers[2]


def double_edit_goal(laptop: Computer, desktop: Computer) -> None:
    """A goal's title changed on both computers; the desktop merges second and lists it."""
    laptop.ok("goal", "add", "Better questions")
    laptop.ok("sync")
    desktop.ok("sync")
    for computer, title in ((laptop, "Better questions at school"), (desktop, "Better questions at home")):
        with computer.journal() as journal, journal.write() as conn:
            conn.execute("UPDATE goals SET title = ?", (title,))
    laptop.ok("sync")
    desktop.ok("sync")

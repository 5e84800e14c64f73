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

    def run(self, *args: str) -> Result:
        if self.real:
            return run_ilearn(*args, home=self.home)
        return invoke(*args, home=self.home)

    def ok(self, *args: str) -> str:
        return ok(self.run(*args))

    def reflect(self, text: str) -> str:
        return self.ok("reflect", text)

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

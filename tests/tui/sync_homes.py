"""The app on one of a teacher's computers, and conflicts made between two of them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from ilearn_tui.settings import Settings, save_settings
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.reflections import update_reflection
from ilearn_tui.tui.app import IlearnApp
from tests.sync.helpers import Computer


@contextmanager
def app_on(computer: Computer, **settings: object) -> Iterator[IlearnApp]:
    """The app on ``computer``'s journal, past onboarding, with ``settings`` saved first."""
    with computer.journal() as journal:
        if settings:
            save_settings(journal.locations, Settings(**settings))  # type: ignore[arg-type]
        journal.set_meta("onboarded", "yes")
        yield IlearnApp(journal)


def edit(journal: Journal, rid: str, body: str) -> None:
    """Edit a reflection's text as the app's editor does, its title kept."""
    day, title = journal.conn.execute("SELECT date, title FROM reflections WHERE id = ?", (rid,)).fetchone()
    update_reflection(journal, rid, body=body, title=title, tags=[], stage=None, day=day)


def make_conflicts(laptop: Computer, desktop: Computer, titles: list[str]) -> None:
    """One reflection per title, written on both computers in two ways: a conflict each."""
    # A fixed day, so that a snapshot of the journal looks the same on any day it is taken.
    rids = [laptop.ok("reflect", f"{title}: first words.", "--date", "2024-10-01") for title in titles]
    laptop.ok("sync")
    desktop.ok("sync")
    with laptop.journal() as journal:
        for title, rid in zip(titles, rids, strict=True):
            edit(journal, rid, f"{title}, as written at school.")
    with desktop.journal() as journal:
        for title, rid in zip(titles, rids, strict=True):
            edit(journal, rid, f"{title}, as written at home.")
    laptop.ok("sync")
    desktop.ok("sync")

"""The header's sync line: when this computer last synced and what waits to be sent.

Nothing is shown until a remote is set up, so a teacher who never syncs sees no noise. The
status is two meta reads and two counts, cheap enough for the main thread; it is read again
only when the app's revision moves (a write, or a sync ending) or a sync changes phase.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from rich.cells import cell_len
from textual.events import Click, Resize
from textual.widgets import Static

from ilearn_tui.domain.text import plural
from ilearn_tui.store.sync_schema import REMOTE
from ilearn_tui.tui.shell import UsesShell


def when_synced(stamp: str, now: datetime) -> str:
    """'synced 14:02' today, 'synced yesterday', 'synced 3 Nov', or 'never synced'."""
    if not stamp:
        return "never synced"
    try:
        at = datetime.fromisoformat(stamp).astimezone(now.tzinfo)
    except ValueError:
        return "synced"
    day: date = at.date()
    if day == now.date():
        return f"synced {at:%H:%M}"
    if day == now.date() - timedelta(days=1):
        return "synced yesterday"
    return f"synced {at.day} {at:%b}" + (f" {at.year}" if at.year != now.year else "")


def sync_forms(last: str, pending: int, conflicts: int, phase: str) -> list[str]:
    """The line in every length it comes in, longest first: the widget shows what fits."""
    if phase:
        doing = "Syncing…" if phase == "syncing" else f"Syncing: {phase}…"
        return [doing, "Syncing…", "⟳"]
    waiting = f"{pending} to send" if pending else "all sent"
    short = f"↑{pending}" if pending else "✓"
    if conflicts:
        clash = plural(conflicts, "conflict")
        return [
            f"{clash} · {last} · {waiting}",
            f"{clash} · {waiting}",
            f"⚠{conflicts} {short}",
            f"⚠{conflicts}",
        ]
    return [f"{last} · {waiting}", waiting, short]


class SyncStatus(UsesShell, Static):
    """At the right of the stage bar; a click opens the conflicts when there are some."""

    DEFAULT_CSS = """
    SyncStatus { width: 1fr; min-width: 1; text-align: right; padding: 0 1 0 0; color: $text-muted; }
    SyncStatus.-conflicts { color: $warning; text-style: bold; }
    """

    def __init__(self) -> None:
        super().__init__("", id="sync-status")
        self._forms: list[str] = []
        self._conflicts = 0

    def on_mount(self) -> None:
        self.refresh_status()
        self.watch(self.app, "revision", lambda _: self.refresh_status(), init=False)
        self.watch(self.app, "sync_phase", lambda _: self.refresh_status(), init=False)

    def refresh_status(self) -> None:
        journal = self.ilearn.journal
        if not journal.get_meta(REMOTE):
            self._forms, self._conflicts = [], 0
        else:
            from ilearn_tui.store import sync_state  # only a journal that syncs needs it

            self._conflicts = len(sync_state.list_conflicts(journal))
            last = when_synced(journal.get_meta(sync_state.LAST_AT), datetime.now().astimezone())
            pending = sync_state.pending_count(journal)
            self._forms = sync_forms(last, pending, self._conflicts, self.ilearn.sync_phase)
        self.display = bool(self._forms)  # takes no room at all without a remote
        self.set_class(bool(self._conflicts), "-conflicts")
        hint = " (click for the conflicts)" if self._conflicts else ""
        self.tooltip = self._forms[0] + hint if self._forms else None
        self._fit()

    def on_resize(self, _event: Resize) -> None:
        self._fit()

    def _fit(self) -> None:
        room = max(0, self.size.width - 1)
        shown = next((f for f in self._forms if cell_len(f) <= room), "")
        self.update(shown)

    async def on_click(self, event: Click) -> None:
        event.stop()
        if self._conflicts:
            await self.app.run_action("conflicts")

"""What every screen may rely on from the app: the open journal, settings and shared state.

Screens reach it through ``ilearn`` (``UsesShell``), typed and checked, instead of
``self.app.journal  # type: ignore``. It lives apart from ``tui/app.py`` so that screens
never import the app module, which imports the screens.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, cast

from textual.app import App
from textual.dom import DOMNode
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.widget import AwaitMount

from ilearn_tui.domain.stages import CycleCounts, Status, all_statuses, current_stage, next_step
from ilearn_tui.locations import Locations
from ilearn_tui.settings import Settings, load_settings
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.overview import cycle_counts
from ilearn_tui.textsafe import visible

if TYPE_CHECKING:
    from textual.screen import Screen


@dataclass(frozen=True)
class Overview:
    cycle_id: str | None
    cycle_label: str
    counts: CycleCounts
    statuses: dict[int, Status]
    current: int
    next_step: str


class Shell(App[None]):
    """The app as its screens see it; ``IlearnApp`` adds keys, areas, themes and signals."""

    revision: reactive[int] = reactive(0)
    # What a sync running in the background is doing ("" when none runs), for the header.
    sync_phase: reactive[str] = reactive("")

    def __init__(self, journal: Journal, *, demo: bool = False) -> None:
        super().__init__()
        self.journal = journal
        self.demo = demo
        self.settings: Settings = load_settings(journal.locations)
        # The teacher's keymap entries that were applied (binding id -> keys), for help to show.
        self.keymap: dict[str, str] = {}
        self._overview: Overview | None = None
        # The cycle on screen: None follows the school year containing today.
        self.viewed_cycle_id: str | None = None
        # Open reflection editors, so their unsaved text can be kept on a signal or a crash.
        self.open_editors: list[Screen[None]] = []
        # The area shown before the current one, for "escape: back".
        self.previous_mode = "dashboard"

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notification is plain text: many quote a stored title or a file path.

        Widgets' ``notify`` passes ``markup=True`` by default, so the argument is ignored.
        """
        shown, heading = visible(message), visible(title)
        super().notify(shown, title=heading, severity=severity, timeout=timeout, markup=False)

    def switch_mode(self, mode: str) -> AwaitMount:
        # Remembered so that search can go back to where the teacher was.
        if mode != self.current_mode and self.current_mode in self.MODES:
            self.previous_mode = self.current_mode
        return super().switch_mode(mode)

    def back_to_previous_area(self) -> None:
        """Back to the area the teacher came from (the dashboard if none)."""
        self.switch_mode(self.previous_mode if self.previous_mode != self.current_mode else "dashboard")

    @property
    def locations(self) -> Locations:
        return self.journal.locations

    def changed(self) -> None:
        """Call after any write, so every visible summary refreshes."""
        self._overview = None
        self.revision += 1

    def overview(self) -> Overview:
        if self._overview is None:
            cycle = next((c for c in self.journal.cycles() if c.id == self.viewed_cycle_id), None)
            cycle = cycle or self.journal.current_cycle()
            counts = cycle_counts(self.journal, cycle.id if cycle else None)
            label = cycle.title if cycle else "no cycle"
            if self.demo:
                label = f"DEMO {label}"
            self._overview = Overview(
                cycle_id=cycle.id if cycle else None,
                cycle_label=label,
                counts=counts,
                statuses=all_statuses(counts),
                current=current_stage(counts),
                next_step=next_step(counts, how_to_reflect=self.how_to_reflect()),
            )
        return self._overview

    def how_to_reflect(self) -> str:
        """The keys that open a new reflection, as the teacher's keymap has them."""
        from ilearn_tui.tui.actions import BY_ID, keys_of

        journal = "/".join(keys_of(BY_ID["area.journal"], self.keymap))
        new = "/".join(keys_of(BY_ID["journal.new"], self.keymap))
        return f"press {journal}, then {new}"

    def ensure_cycle(self) -> str:
        """The current cycle's id, creating this school year's cycle if there is none yet."""
        cycle_id = self.overview().cycle_id or self.journal.cycle_for(date.today().isoformat())
        self.changed()
        return cycle_id


class UsesShell:
    """Mixed into a screen or widget: ``self.ilearn`` is the running app, typed."""

    @property
    def ilearn(self) -> Shell:
        app = cast(DOMNode, self).app
        if not isinstance(app, Shell):
            raise TypeError(f"{type(self).__name__} runs only inside the ilearn app")
        return app

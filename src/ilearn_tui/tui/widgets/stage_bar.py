"""The five stages and the cycle, always on screen, each stage clickable."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.events import Click
from textual.widgets import Static

from ilearn_tui.domain.stages import Status
from ilearn_tui.domain.vocab import STAGES
from ilearn_tui.store.sync_schema import REMOTE
from ilearn_tui.tui.plain import plain
from ilearn_tui.tui.shell import UsesShell
from ilearn_tui.tui.widgets.sync_status import SyncStatus


class StageTab(Static):
    """One stage: number, name and status symbol; the current one is marked with ▸."""

    def __init__(self, stage: int) -> None:
        super().__init__(id=f"stage-tab-{stage}", classes="stage-tab")
        self.stage = stage

    def show(self, status: Status, current: bool, active: bool) -> None:
        # The marker takes the place of the gap, so the bar fits 80 columns with a demo label.
        marker = "▸" if current else " "
        self.update(f"{marker}{self.stage} {STAGES[self.stage]} {status.symbol}")
        self.tooltip = f"{STAGES[self.stage]}: {status.value} (press {self.stage})"
        self.set_class(current, "-current")
        self.set_class(active, "-active")
        self.set_class(status is Status.COMPLETE, "-complete")

    async def on_click(self, event: Click) -> None:
        event.stop()
        await self.app.run_action(f"stage({self.stage})")


class StageBar(UsesShell, Horizontal):
    """Where the teacher is: the cycle, then the five stages with their status."""

    DEFAULT_CSS = """
    StageBar { height: 1; background: $panel; dock: top; }
    StageBar #cycle-label { width: auto; padding: 0 0 0 1; color: $text-muted; }
    StageBar .stage-tab { width: auto; }
    StageBar .stage-tab.-current { text-style: bold; color: $accent; }
    StageBar .stage-tab.-active { background: $primary 30%; text-style: bold underline; }
    """

    def __init__(self, active_stage: int | None = None) -> None:
        super().__init__()
        self.active_stage = active_stage

    def compose(self) -> ComposeResult:
        yield Static("", id="cycle-label")
        for stage in STAGES:
            yield StageTab(stage)
        if self._syncs():
            yield SyncStatus()

    def _syncs(self) -> bool:
        """Whether the journal has a remote: only then is there a sync line to show.

        Without one the line would take no room; not building it at all keeps a widget out
        of every screen's first frame.
        """
        return bool(self.ilearn.journal.get_meta(REMOTE))

    def on_mount(self) -> None:
        self.refresh_status()
        self.watch(self.app, "revision", lambda _: self.refresh_status(), init=False)

    def refresh_status(self) -> None:
        if not self.query(SyncStatus) and self._syncs():
            self.mount(SyncStatus())  # a remote was set up while the app was open
        overview = self.ilearn.overview()
        self.query_one("#cycle-label", Static).update(plain(overview.cycle_label))
        for stage in STAGES:
            self.query_one(f"#stage-tab-{stage}", StageTab).show(
                overview.statuses[stage], stage == overview.current, stage == self.active_stage
            )

"""The ilearn application: global keys, areas (modes), themes and the open journal."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from ilearn_tui.domain.stages import CycleCounts, Status, all_statuses, current_stage, next_step
from ilearn_tui.domain.vocab import STAGES
from ilearn_tui.locations import Locations
from ilearn_tui.settings import Settings, load_settings, save_settings
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.overview import cycle_counts
from ilearn_tui.textsafe import one_line, visible
from ilearn_tui.tui.themes import load_themes, shipped_themes_dir

# After SIGTERM or SIGHUP, how long the app may take to exit in order before it is ended.
EXIT_GRACE_SECONDS = 5.0


@dataclass(frozen=True)
class Overview:
    cycle_id: str | None
    cycle_label: str
    counts: CycleCounts
    statuses: dict[int, Status]
    current: int
    next_step: str


def _area(name: str):  # type: ignore[no-untyped-def]
    """A screen factory that imports its module only when the area is first opened."""

    def make() -> Screen[None]:
        from ilearn_tui.tui.screens import areas

        return areas.make(name)

    return make


class IlearnApp(App[None]):
    """One teacher's journal, in five stages."""

    TITLE = "ilearn"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    MODES = {
        "dashboard": _area("dashboard"),
        "journal": _area("journal"),
        "search": _area("search"),
        **{f"stage{n}": _area(f"stage{n}") for n in STAGES},
    }
    BINDINGS = [
        *(
            Binding(
                str(n),
                f"stage({n})",
                name,
                show=False,
                id=f"stage.{name.lower()}",
                tooltip=f"Stage {n}: {name}",
            )
            for n, name in STAGES.items()
        ),
        Binding("question_mark", "help", "Help", key_display="?", id="help", tooltip="Every key"),
        Binding("d", "area('dashboard')", "Dashboard", id="area.dashboard", tooltip="Where you are"),
        Binding("j", "area('journal')", "Journal", id="area.journal", tooltip="Your reflections"),
        Binding("slash", "area('search')", "Search", key_display="/", id="area.search"),
        Binding("e", "export", "Export", id="export", tooltip="Export your portfolio"),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
    ]

    revision: reactive[int] = reactive(0)

    def __init__(self, journal: Journal, *, demo: bool = False) -> None:
        super().__init__()
        self.journal = journal
        self.demo = demo
        self.settings: Settings = load_settings(journal.locations)
        self._theme_problems: list[str] = list(self.settings.problems)
        self._overview: Overview | None = None
        # The cycle on screen: None follows the school year containing today.
        self.viewed_cycle_id: str | None = None
        # Themes are chosen before the first frame, so the styles are worked out only once.
        themes, problems = load_themes([shipped_themes_dir(), self.locations.user_themes_dir])
        for theme in themes:
            self.register_theme(theme)
        self._theme_problems += problems
        wanted = self.settings.theme
        self.theme = wanted if wanted in self.available_themes else "ilearn-dark"

    @property
    def locations(self) -> Locations:
        return self.journal.locations

    # --- start-up ------------------------------------------------------------------
    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.switch_mode("dashboard")
        for problem in self._theme_problems:
            self.notify(problem, severity="warning", timeout=8)
        self.call_after_refresh(self._first_run_checks)
        self._data_version = self._read_data_version()
        self._catch_signals()
        self.set_interval(2.0, self._notice_other_writers)

    def _catch_signals(self) -> None:
        """A closed terminal (SIGHUP) or a shutdown (SIGTERM) keeps unsaved text as a draft."""
        import asyncio
        import signal

        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGHUP):
            # Not possible off the main thread or where these signals do not exist.
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(sig, self._keep_drafts_and_exit)

    def keep_drafts(self) -> None:
        """Write every open editor's unsaved text to the journal as a draft, right now."""
        from ilearn_tui.tui.screens.editor import EditorScreen

        for stack in self._screen_stacks.values():
            for screen in stack:
                if isinstance(screen, EditorScreen):
                    screen.keep_draft()

    def _keep_drafts_and_exit(self) -> None:
        self.keep_drafts()
        # The drafts are saved; if the orderly exit then stalls on a terminal that has gone
        # away, end the process anyway rather than linger with the journal open.
        import os
        import threading

        timer = threading.Timer(EXIT_GRACE_SECONDS, os._exit, args=(1,))
        timer.daemon = True
        timer.start()
        self.exit(return_code=1)

    def _handle_exception(self, error: Exception) -> None:
        # Whatever went wrong, the teacher's words are saved before the app stops.
        try:
            self.keep_drafts()
        finally:
            super()._handle_exception(error)

    def _read_data_version(self) -> int:
        return self.journal.data_version()

    def _notice_other_writers(self) -> None:
        """Refresh when another ilearn (a second window, ``ilearn reflect``) saved something."""
        version = self._read_data_version()
        if version != self._data_version:
            self._data_version = version
            self.changed()

    def _first_run_checks(self) -> None:
        from ilearn_tui.tui.screens.startup import first_run_checks

        first_run_checks(self)

    def _remember_theme(self, theme: object) -> None:
        name = getattr(theme, "name", None)
        if isinstance(name, str) and name != self.settings.theme:
            self.settings.theme = name
            try:
                save_settings(self.locations, self.settings)
            except OSError as exc:
                self.notify(f"Could not save the theme choice: {exc.strerror}", severity="warning")

    async def on_event(self, event: events.Event) -> None:
        # Pasted text goes straight to a widget and from there to the terminal: draw its
        # control characters as symbols so a pasted escape sequence is never obeyed.
        if isinstance(event, events.Paste) and not event.is_forwarded and visible(event.text) != event.text:
            event.stop()
            event = events.Paste(visible(event.text))
        await super().on_event(event)

    # --- shared state ----------------------------------------------------------------
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
                next_step=next_step(counts),
            )
        return self._overview

    def ensure_cycle(self) -> str:
        """The current cycle's id, creating this school year's cycle if there is none yet."""
        from datetime import date

        cycle_id = self.overview().cycle_id or self.journal.cycle_for(date.today().isoformat())
        self.changed()
        return cycle_id

    # --- actions -----------------------------------------------------------------------
    def action_stage(self, stage: int) -> None:
        self.switch_mode(f"stage{stage}")

    def action_area(self, name: str) -> None:
        self.switch_mode(name)

    def action_export(self) -> None:
        from ilearn_tui.tui.screens.export import ExportScreen

        self.push_screen(ExportScreen())

    def action_help(self) -> None:
        from ilearn_tui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("area: Dashboard", "Where you are and what to do next", self._go("dashboard"))
        yield SystemCommand("area: Journal", "Your reflections", self._go("journal"))
        yield SystemCommand("area: Search", "Search everything", self._go("search"))
        for n, name in STAGES.items():
            yield SystemCommand(f"stage: {name}", f"Stage {n}", self._go(f"stage{n}"))
        yield SystemCommand("journal: New reflection", "Write a reflection", self._new_reflection)
        yield SystemCommand("export: Portfolio", "Markdown, HTML or JSON", self.action_export)
        yield SystemCommand("help: Keys", "Every key and what it does", self.action_help)
        yield SystemCommand(
            "cycle: Start the next school year",
            "Carries your vision and open goals forward",
            self._next_cycle,
        )
        for cycle in self.journal.cycles():
            yield SystemCommand(
                f"cycle: View {cycle.title}", f"{cycle.starts_on} to {cycle.ends_on}", self._view(cycle.id)
            )
        yield SystemCommand(
            "renewal: Choose requirement", "MA, NY, TX, IL, VA presets or your own rule", self._renewal
        )
        yield SystemCommand(
            "trash: Restore the last deleted item", "Deletes wait in the trash", self._restore_last
        )

    def _view(self, cycle_id: str):  # type: ignore[no-untyped-def]
        def view() -> None:
            self.viewed_cycle_id = cycle_id
            self.changed()
            self.notify(f"Showing cycle {self.overview().cycle_label}.")

        return view

    def _next_cycle(self) -> None:
        from ilearn_tui.errors import IlearnError
        from ilearn_tui.store.cycles import start_next_cycle

        try:
            self.viewed_cycle_id = start_next_cycle(self.journal)
        except IlearnError as exc:
            self.notify(str(exc), severity="error")
            return
        self.changed()
        self.notify(f"Cycle {self.overview().cycle_label} started: your vision and open goals came along.")

    def _renewal(self) -> None:
        from ilearn_tui.tui.screens.renewal_form import RenewalScreen

        self.push_screen(RenewalScreen())

    def _restore_last(self) -> None:
        from ilearn_tui.errors import IlearnError
        from ilearn_tui.store.trash import list_trash, restore

        items = list_trash(self.journal)
        if not items:
            self.notify("The trash is empty.")
            return
        try:
            item = restore(self.journal, items[0].id)
        except IlearnError as exc:
            self.notify(str(exc), severity="error")
            return
        self.changed()
        self.notify(f"Restored {item.kind}: {one_line(item.label, 60)}")

    def _go(self, mode: str):  # type: ignore[no-untyped-def]
        return lambda: self.switch_mode(mode)

    def _new_reflection(self) -> None:
        from ilearn_tui.tui.screens.editor import EditorScreen

        self.push_screen(EditorScreen())

"""The ilearn application: global keys, areas (modes), themes and the open journal."""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any

from textual import events
from textual.app import SystemCommand
from textual.screen import Screen
from textual.widgets import Select

from ilearn_tui.domain.vocab import STAGES
from ilearn_tui.settings import save_settings
from ilearn_tui.store.journal import Journal
from ilearn_tui.textsafe import one_line, visible
from ilearn_tui.tui import actions
from ilearn_tui.tui.crash import write_crash_report
from ilearn_tui.tui.first_run import offer_drafts, welcome_due
from ilearn_tui.tui.shell import Shell
from ilearn_tui.tui.syncing import Syncer
from ilearn_tui.tui.themes import load_themes, shipped_themes_dir
from ilearn_tui.tui.typed_keys import TypedKeys

# After SIGTERM or SIGHUP, how long the app may take to exit in order before it is ended.
EXIT_GRACE_SECONDS = 5.0


def _area(name: str):  # type: ignore[no-untyped-def]
    """A screen factory that imports its module only when the area is first opened."""

    def make() -> Screen[None]:
        from ilearn_tui.tui.screens import areas

        screen = areas.make(name)
        # A new screen is styled as it mounts, by the stylesheet as it is now. Marked as
        # current, it spares Textual a full reparse of every stylesheet per area opened
        # (two of them at each start), which it does for a screen styled before a change.
        screen._css_update_count = screen.app._css_update_count
        return screen

    return make


class IlearnApp(Shell):
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
    BINDINGS = actions.bindings("global")
    # The first screen is built as the app composes, not switched to from Textual's blank
    # default screen at mount: that switch sent the new screen two resume events, each
    # restyling all of its widgets.
    DEFAULT_MODE = "dashboard"

    def __init__(self, journal: Journal, *, demo: bool = False) -> None:
        if welcome_due(journal, demo=demo):
            # A first start opens on the welcome as a screen of its own: the dashboard is
            # built only once it closes, instead of drawn and then dimmed behind a dialog.
            self.DEFAULT_MODE = "welcome"  # type: ignore[misc]  # Textual reads it per instance
        super().__init__(journal, demo=demo)
        if self.DEFAULT_MODE == "welcome":
            self.add_mode("welcome", _area("welcome"))
        self._theme_problems: list[str] = list(self.settings.problems)
        # Themes are chosen before the first frame, so the styles are worked out only once.
        themes, problems = load_themes([shipped_themes_dir(), self.locations.user_themes_dir])
        for theme in themes:
            self.register_theme(theme)
        if self.no_color:
            # The terminal-palette themes turn black on black once NO_COLOR strips the colours.
            for name in [n for n, t in self.available_themes.items() if t.ansi]:
                self.unregister_theme(name)
        self._theme_problems += problems
        wanted = self.settings.theme
        self._start_with_theme(wanted if wanted in self.available_themes else "ilearn-dark")
        # The error that ended the app, if one did, and where its traceback was written.
        self.crash: BaseException | None = None
        self.crash_report: Path | None = None
        # Signal handling (see ``run`` and ``tui.hangup``): the loop the watch thread asks to
        # exit, whether a signal came before the loop was known, and the one exit countdown.
        self._signal_watch_active = False
        self._signal_loop: asyncio.AbstractEventLoop | None = None
        self._signal_heard = False
        self._exit_lock = threading.Lock()
        self._exit_countdown: threading.Timer | None = None
        self.syncer = Syncer(self)
        self._typed = TypedKeys(self, super().on_event)
        # The teacher's keys over the defaults, before the first screen is built (as the app
        # composes) so its key bar shows them; a bad entry is named once at mount, left out.
        self.keymap, self._keymap_problems = actions.check_keymap(self.settings.keymap)
        self.set_keymap(self.keymap)

    # --- start-up ------------------------------------------------------------------
    def _start_with_theme(self, name: str) -> None:
        """Choose the theme before anything is styled, without its watcher.

        Setting ``theme`` in the usual way queues a full reparse of every stylesheet for
        just after the first one, so each start parsed all the CSS twice and restyled every
        widget. Nothing is parsed yet here: giving the stylesheet the theme's variables (and
        the app its theme classes and colour filter, as the watcher would) is all it takes.
        """
        self.set_reactive(IlearnApp.theme, name)
        dark = self.current_theme.dark
        classes = {found: False for found in self.classes if found.startswith("-theme-")}
        classes.update({f"-theme-{name}": True, "-dark-mode": dark, "-light-mode": not dark})
        self.update_classes(classes, update=False)
        self._refresh_truecolor_filter(self.ansi_theme)
        self.stylesheet.set_variables(self.get_css_variables())

    def on_mount(self) -> None:
        self.set_class(self.no_color, "-no-color")  # app.tcss: accents read as plain text then
        if self._keymap_problems:
            self.notify(
                "Some keymap entries in the settings were ignored: " + "; ".join(self._keymap_problems),
                severity="warning",
                timeout=10,
            )
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.current_mode == "dashboard":
            # Unsaved writing is offered over the dashboard before the first frame: drawn after
            # it, the dashboard was laid out and drawn twice, alone then dimmed.
            offer_drafts(self)
        for problem in self._theme_problems:
            self.notify(problem, severity="warning", timeout=8)
        self._data_version = self._read_data_version()
        self._catch_signals()
        self.set_interval(2.0, self._notice_other_writers)
        if self.settings.sync_on_start:
            self.call_after_refresh(lambda: self.syncer.start(asked=False))

    def run(self, **kwargs: Any) -> None:
        """Run with SIGHUP and SIGTERM heard on a thread of their own (see ``tui.hangup``).

        The watch starts before Textual starts its threads and is undone when the app ends,
        so the command line that follows gets the usual signal behaviour back.
        """
        from ilearn_tui.tui.hangup import watching

        with watching(self._heard_signal) as watch:
            self._signal_watch_active = watch.active
            return super().run(**kwargs)

    def _catch_signals(self) -> None:
        """A closed terminal (SIGHUP) or a shutdown (SIGTERM) keeps unsaved text as a draft."""
        import signal

        loop = asyncio.get_running_loop()
        if self._signal_watch_active:
            with self._exit_lock:
                self._signal_loop = loop
                heard_already = self._signal_heard
            if heard_already:
                self.keep_drafts_and_exit()
            return
        for sig in (signal.SIGTERM, signal.SIGHUP):
            # Not possible off the main thread or where these signals do not exist.
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(sig, self.keep_drafts_and_exit)

    def _heard_signal(self, signum: int) -> None:
        """On the watch thread: start the countdown now, then ask the loop to exit in order.

        If the main thread is stuck or the loop is flooded, the request waits but the
        countdown does not; what the editors autosaved is then what is kept.
        """
        self._start_exit_countdown()
        with self._exit_lock:
            self._signal_heard = True
            loop = self._signal_loop
        if loop is not None:
            with contextlib.suppress(RuntimeError):  # the loop has already closed
                loop.call_soon_threadsafe(self.keep_drafts_and_exit)

    def _start_exit_countdown(self) -> None:
        """End the process EXIT_GRACE_SECONDS from the first call, whatever happens meanwhile."""
        with self._exit_lock:
            if self._exit_countdown is not None:
                return
            self._exit_countdown = threading.Timer(EXIT_GRACE_SECONDS, os._exit, args=(1,))
            self._exit_countdown.daemon = True
            self._exit_countdown.start()

    def keep_drafts(self) -> None:
        """Write every open editor's unsaved text to the journal as a draft, right now."""
        from ilearn_tui.tui.screens.editor import EditorScreen

        for screen in list(self.open_editors):
            if isinstance(screen, EditorScreen):
                screen.keep_draft()

    def keep_drafts_and_exit(self) -> None:
        self.keep_drafts()
        # The drafts are saved; if the orderly exit then stalls on a terminal that has gone
        # away, end the process anyway rather than linger with the journal open.
        self._start_exit_countdown()
        self.exit(return_code=1)

    def _handle_exception(self, error: Exception) -> None:
        # Private, but Textual offers no public hook that runs before an unhandled error ends the app.
        # Whatever went wrong, the teacher's words are saved before the app stops.
        if self.crash is None:
            self.crash = error
        try:
            self.keep_drafts()
        finally:
            super()._handle_exception(error)

    def _print_error_renderables(self) -> None:
        # A crash is reported by the command line in one line; the traceback Textual would print
        # goes to a file in the data folder, for a bug report.
        if self.crash is None:
            super()._print_error_renderables()
            return
        self.crash_report = write_crash_report(self.locations.data_dir, self._exit_renderables)
        self._exit_renderables.clear()

    def _read_data_version(self) -> int:
        return self.journal.data_version()

    def _notice_other_writers(self) -> None:
        """Refresh when another ilearn (a second window, ``ilearn reflect``) saved something."""
        version = self._read_data_version()
        if version != self._data_version:
            self._data_version = version
            self.changed()

    def _remember_theme(self, theme: object) -> None:
        name = getattr(theme, "name", None)
        if isinstance(name, str) and name != self.settings.theme:
            self.settings.theme = name
            try:
                save_settings(self.locations, self.settings)
            except OSError as exc:
                self.notify(f"Could not save the theme choice: {exc.strerror}", severity="warning")

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Compose):
            # The first screen is built while the app composes, before Textual styles the app
            # itself; its widgets inherit their colours from the app, so the app is styled first.
            self.stylesheet.apply(self)
        # Pasted text goes straight to a widget and from there to the terminal: draw its
        # control characters as symbols so a pasted escape sequence is never obeyed.
        if isinstance(event, events.Paste) and not event.is_forwarded and visible(event.text) != event.text:
            event.stop()
            event = events.Paste(visible(event.text))
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            await self._typed.arrived(event)  # in the order typed: see ``tui.typed_keys``
            return
        await super().on_event(event)

    # --- actions -----------------------------------------------------------------------
    def action_stage(self, stage: int) -> None:
        self.switch_mode(f"stage{stage}")

    def action_area(self, name: str) -> None:
        self.switch_mode(name)

    def action_export(self) -> None:
        from ilearn_tui.tui.screens.export import ExportScreen

        self.push_screen(ExportScreen())

    def action_sync_now(self) -> None:
        self.syncer.start()

    def action_conflicts(self) -> None:
        from ilearn_tui.tui.screens.conflicts import ConflictsScreen

        if not isinstance(self.screen, ConflictsScreen):
            self.push_screen(ConflictsScreen())

    def action_groups(self) -> None:
        from ilearn_tui.tui.screens.groups import GroupsScreen

        if not isinstance(self.screen, GroupsScreen):
            self.push_screen(GroupsScreen())

    async def action_quit(self) -> None:
        """With ``sync_on_quit`` and a remote, one last sync first; quit again to skip it."""
        from ilearn_tui.tui.screens.sync_quit import QuitSyncScreen

        quitting = isinstance(self.screen, QuitSyncScreen)
        if self.settings.sync_on_quit and self.syncer.has_remote() and not quitting:
            self.push_screen(QuitSyncScreen(self.syncer))
            return
        self.exit()

    def action_help(self) -> None:
        from ilearn_tui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        # Textual's own commands (Screenshot, Maximize, Keys…) are for developers; ilearn's
        # table names the theme and quit in a teacher's words.
        for action in actions.palette_actions():
            assert action.palette is not None
            yield SystemCommand(action.palette, action.help, partial(self.run_action, action.action))
        for cycle in self.journal.cycles():
            yield SystemCommand(
                f"cycle: View {cycle.title}",
                f"{cycle.starts_on} to {cycle.ends_on}",
                partial(self.action_view_cycle, cycle.id),
            )

    def action_view_cycle(self, cycle_id: str) -> None:
        self.viewed_cycle_id = cycle_id
        self.changed()
        self.notify(f"Showing cycle {self.overview().cycle_label}.")

    def action_next_cycle(self) -> None:
        from ilearn_tui.errors import IlearnError
        from ilearn_tui.store.cycles import start_next_cycle

        try:
            self.viewed_cycle_id = start_next_cycle(self.journal)
        except IlearnError as exc:
            self.notify(str(exc), severity="error")
            return
        self.changed()
        self.notify(f"Cycle {self.overview().cycle_label} started: your vision and open goals came along.")

    def action_renewal(self) -> None:
        from ilearn_tui.tui.screens.renewal_form import RenewalScreen

        self.push_screen(RenewalScreen())

    def action_trash(self) -> None:
        from ilearn_tui.tui.screens.trash import TrashScreen

        self.push_screen(TrashScreen())

    def action_coverage(self) -> None:
        from ilearn_tui.tui.screens.coverage import CoverageScreen

        self.push_screen(CoverageScreen())

    def action_restore_last(self) -> None:
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

    async def action_new_record(self, kind_name: str) -> None:
        """Open the stage the record belongs to, then its form, as ``n`` on that list would."""
        from ilearn_tui.domain.forms import KINDS
        from ilearn_tui.tui.screens.stage import StageScreen

        kind = KINDS[kind_name]
        await self.switch_mode(f"stage{kind.stage}")
        screen = self.screen
        if isinstance(screen, StageScreen):
            screen.open_form(kind, None)

    def action_export_as(self, choice: str) -> None:
        """The export dialog with its format (or a folder) already chosen."""
        from ilearn_tui.tui.screens.export import ExportScreen

        dialog = ExportScreen()

        def choose() -> None:
            if choice == "folder":
                dialog.query_one("#shape", Select).value = "folder"
            else:
                dialog.query_one("#format", Select).value = choice

        self.push_screen(dialog)
        self.call_after_refresh(choose)

    def action_new_reflection(self) -> None:
        from ilearn_tui.tui.screens.editor import EditorScreen
        from ilearn_tui.tui.screens.stage import StageScreen

        here = self.screen
        self.push_screen(EditorScreen(stage=here.stage if isinstance(here, StageScreen) else None))

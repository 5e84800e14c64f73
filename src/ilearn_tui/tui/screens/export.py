"""Export from the app: choose format and scope, watch it run, see where it went."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, ProgressBar, Select, Static

from ilearn_tui.domain.text import plural
from ilearn_tui.errors import IlearnError
from ilearn_tui.portfolio.formats import BY_NAME, KINDS, NoTarget, choose, is_folder_name
from ilearn_tui.portfolio.model import Scope
from ilearn_tui.tui import actions
from ilearn_tui.tui.plain import plain
from ilearn_tui.tui.screens.base import show_error
from ilearn_tui.tui.shell import UsesShell

if TYPE_CHECKING:
    from ilearn_tui.services.exports import Preflight, RenewalRule

# The choices on offer, from the one table of export kinds.
FORMATS = [(kind.title, kind.name) for kind in KINDS if kind.available]


def default_path(choice: str) -> Path:
    """``~/ilearn-portfolio-DATE.md`` and the like; a folder typed instead takes evidence copies."""
    kind = BY_NAME[choice]
    return Path.home() / f"ilearn-{kind.stem.removeprefix('ilearn-')}-{date.today().isoformat()}{kind.suffix}"


class ExportScreen(UsesShell, ModalScreen[None]):
    AUTO_FOCUS = "#path"
    BINDINGS = actions.bindings("export")
    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > VerticalScroll {
        width: 90%; max-width: 90; height: auto; max-height: 100%; border: round $primary;
        background: $surface; padding: 0 1;
    }
    ExportScreen #export-choices { height: auto; margin-top: 1; }
    ExportScreen #export-choices > Vertical { width: 1fr; height: auto; }
    ExportScreen #save-to { margin-top: 1; }
    ExportScreen #export-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    ExportScreen #export-buttons Button { margin-left: 1; }
    ExportScreen #export-result { height: auto; margin-top: 1; }
    """

    def compose(self) -> ComposeResult:
        app = self.ilearn
        cycles = [(plain(c.title), c.id) for c in app.journal.cycles()]
        # Side by side, so the whole dialog, buttons included, fits an 80×24 terminal.
        with VerticalScroll():
            yield Static("Export your portfolio", classes="area-title")
            with Horizontal(id="export-choices"):
                with Vertical():
                    yield Label("Format")
                    yield Select(FORMATS, value="md", allow_blank=False, id="format")
                with Vertical():
                    yield Label("Cycle")
                    yield Select(cycles, prompt="all cycles", id="cycle")
            # Short enough to read whole at 80 columns.
            yield Checkbox("Include student info and private reflections (not to share)", id="private")
            yield Label("Save to", id="save-to")
            yield Input(str(default_path("md")), id="path")
            yield Static("", id="export-error", classes="error-line")
            yield ProgressBar(total=100, show_eta=False, id="progress")
            yield Static("", id="export-result")
            with Horizontal(id="export-buttons"):
                yield Button("Close", id="close")
                yield Button("Export (ctrl+s)", id="go", variant="primary")

    @on(Select.Changed, "#format")
    def _format_changed(self, event: Select.Changed) -> None:
        path = self.query_one("#path", Input)
        if is_folder_name(path.value):
            return
        current = Path(path.value)
        if current.name.startswith("ilearn-") and isinstance(event.value, str):
            path.value = str(current.with_name(default_path(event.value).name))

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss()

    @on(Input.Changed, "#path")
    def _path_changed(self, event: Input.Changed) -> None:
        """A typed name that names a format picks it, by the same rule as ``ilearn export --out``."""
        select = self.query_one("#format", Select)
        if not isinstance(select.value, str):
            return
        typed, current = event.value.strip(), BY_NAME[select.value]
        try:
            named = choose(typed, None)
        except IlearnError:
            return  # nothing typed yet, or a name that names no format: the choice stands
        if not named.folder and named.kind.format != current.format:
            try:  # a packet that also comes in the named format stays chosen (review.pdf)
                select.value = choose(typed, current).kind.name
            except IlearnError:
                select.value = named.kind.name

    @on(Button.Pressed, "#go")
    def action_export(self) -> None:
        from ilearn_tui.services.exports import preflight

        error = self.query_one("#export-error", Static)
        raw = self.query_one("#path", Input).value.strip()
        kind = BY_NAME[str(self.query_one("#format", Select).value)]
        try:
            plan = preflight(choose(raw, kind))
        except NoTarget:
            show_error(error, "Give a file name (or a folder ending in /) to save to.")
            return
        except IlearnError as exc:  # a name contradicting the choice, a file in the way...
            show_error(error, f"{exc}.")
            return
        target = plan.choice.target
        assert target is not None  # a name was given
        question = ""
        if plan.replaces and plan.choice.folder:
            names = " and ".join(p.name for p in plan.replaces)
            question = f"{names} already in {target.name or target}. Replace?"
        elif plan.replaces:
            question = f"{target.name} already exists. Replace it?"
        show_error(error, "")
        if question:
            from ilearn_tui.tui.screens.confirm import ConfirmScreen

            def answer(yes: bool | None) -> None:
                if yes:
                    self._run(plan, force=True)

            self.app.push_screen(ConfirmScreen(question, "Replace"), answer)
            return
        self._run(plan, force=False)

    def _run(self, plan: Preflight, *, force: bool) -> None:
        cycle = self.query_one("#cycle", Select).value
        scope = Scope(
            cycle_id=cycle if isinstance(cycle, str) else None,
            include_private=self.query_one("#private", Checkbox).value,
        )
        if plan.choice.kind.packet == "review" and scope.cycle_id is None:
            current = self.ilearn.journal.current_cycle()
            scope.cycle_id = current.id if current else None  # a review packet is one cycle
        self.query_one("#progress", ProgressBar).update(progress=0)
        self.query_one("#go", Button).disabled = True
        self._export(plan, scope, force)

    @work(thread=True, exclusive=True)
    def _export(self, plan: Preflight, scope: Scope, force: bool) -> None:
        from ilearn_tui.services.exports import export_to, notes
        from ilearn_tui.settings import RedactionUnknown
        from ilearn_tui.store.journal import open_journal

        bar = self.query_one("#progress", ProgressBar)
        packet = plan.choice.kind.packet
        # Where each step of the export starts on the bar, and how much of it the step fills.
        steps = {
            "reading the journal": (5, 15),
            "writing the portfolio": (20, 0),
            "writing JSON": (20, 0),
            "typesetting the PDF": (40, 0),
            "writing reflections": (20, 40),
            "saving": (60, 0),
            "copying evidence": (60, 35),
        }

        def progress(what: str, done: int = 0, total: int = 0) -> None:
            start, span = steps.get(what, (50, 0))
            value = start + (span * done // total if total else 0)
            self.app.call_from_thread(bar.update, progress=value)

        locations = self.ilearn.journal.locations
        settings = self.ilearn.settings
        try:
            # A connection of its own: SQLite connections are not shared across threads.
            with open_journal(locations) as journal:
                result = export_to(
                    journal,
                    plan,
                    scope,
                    settings.names_to_redact(shareable=not scope.include_private),
                    force=force,
                    renewal=renewal_rule(settings.renewal) if packet == "renewal" else None,
                    progress=progress,
                )
            self.app.call_from_thread(bar.update, progress=100)
        except RedactionUnknown as exc:
            message = f"Not exported: {exc} (or tick “Include student info…” to keep everything yourself)"
            self.app.call_from_thread(self._finished, message, True)
            return
        except IlearnError as exc:
            self.app.call_from_thread(self._finished, f"Not exported: {exc}", True)
            return
        said = [f"{plural(result.copied, 'evidence file')} copied"] if result.copied else []
        said += [note.text for note in notes(result)]
        message = f"Wrote {result.path}" + (f" ({'; '.join(said)})" if said else "")
        self.app.call_from_thread(self._finished, message, False)

    def _finished(self, message: str, failed: bool) -> None:
        self.query_one("#go", Button).disabled = False
        self.query_one("#export-result", Static).update(plain(message))
        self.notify(message, severity="error" if failed else "information")


def renewal_rule(config: dict[str, object]) -> RenewalRule | None:
    """The teacher's renewal requirement; an unusable one is skipped (the record lists hours only)."""
    from ilearn_tui.services import exports

    try:
        return exports.renewal_rule(config)
    except ValueError:
        return None

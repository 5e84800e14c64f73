"""Export from the app: choose format and scope, watch it run, see where it went."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, ProgressBar, Select, Static

from ilearn_tui.errors import IlearnError
from ilearn_tui.portfolio.gather import Scope
from ilearn_tui.tui.screens.base import show_error

FORMATS = [("Markdown portfolio (.md)", "md"), ("Everything, lossless (.json)", "json")]


def default_path(fmt: str) -> Path:
    suffix = {"md": "md", "json": "json"}[fmt]
    return Path.home() / f"ilearn-portfolio-{date.today().isoformat()}.{suffix}"


class ExportScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "dismiss", "Close"), Binding("ctrl+s", "export", "Export", priority=True)]
    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical {
        width: 90%; max-width: 90; height: auto; max-height: 95%; border: round $primary;
        background: $surface; padding: 0 1;
    }
    ExportScreen Label { margin-top: 1; }
    ExportScreen #export-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    ExportScreen #export-buttons Button { margin-left: 1; }
    ExportScreen #export-result { height: auto; margin-top: 1; }
    """

    def compose(self) -> ComposeResult:
        app = self.app
        cycles = [(c.title, c.id) for c in app.journal.cycles()]  # type: ignore[attr-defined]
        with Vertical():
            yield Static("Export your portfolio", classes="area-title")
            yield Label("Format")
            yield Select(FORMATS, value="md", allow_blank=False, id="format")
            yield Label("Cycle")
            yield Select(cycles, prompt="all cycles", id="cycle")
            yield Checkbox(
                "Include student information and private reflections (not for sharing)", id="private"
            )
            yield Label("Save to")
            yield Input(str(default_path("md")), id="path")
            yield Static("", id="export-error", classes="error-line")
            yield ProgressBar(total=3, show_eta=False, id="progress")
            yield Static("", id="export-result")
            with Horizontal(id="export-buttons"):
                yield Button("Close", id="close")
                yield Button("Export (ctrl+s)", id="go", variant="primary")

    @on(Select.Changed, "#format")
    def _format_changed(self, event: Select.Changed) -> None:
        path = self.query_one("#path", Input)
        current = Path(path.value)
        if current.name.startswith("ilearn-portfolio-"):
            path.value = str(current.with_suffix(f".{event.value}"))

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss()

    @on(Button.Pressed, "#go")
    def action_export(self) -> None:
        error = self.query_one("#export-error", Static)
        raw = self.query_one("#path", Input).value.strip()
        if not raw:
            show_error(error, "Give a file name to save to.")
            return
        target = Path(raw).expanduser()
        if target.is_dir():
            show_error(error, f"{target} is a folder; give a file name inside it.")
            return
        if not target.parent.is_dir():
            show_error(error, f"The folder {target.parent} does not exist.")
            return
        show_error(error, "")
        if target.exists():
            from ilearn_tui.tui.screens.confirm import ConfirmScreen

            def answer(yes: bool | None) -> None:
                if yes:
                    self._run(target, force=True)

            self.app.push_screen(
                ConfirmScreen(f"{target.name} already exists. Replace it?", "Replace"), answer
            )
            return
        self._run(target, force=False)

    def _run(self, target: Path, *, force: bool) -> None:
        fmt = str(self.query_one("#format", Select).value)
        cycle = self.query_one("#cycle", Select).value
        scope = Scope(
            cycle_id=cycle if isinstance(cycle, str) else None,
            include_private=self.query_one("#private", Checkbox).value,
        )
        self.query_one("#progress", ProgressBar).update(progress=0)
        self.query_one("#go", Button).disabled = True
        self._export(fmt, scope, target, force)

    @work(thread=True, exclusive=True)
    def _export(self, fmt: str, scope: Scope, target: Path, force: bool) -> None:
        from ilearn_tui.portfolio.atomic import write_atomic
        from ilearn_tui.portfolio.service import export_text
        from ilearn_tui.store.journal import open_journal

        progress = self.query_one("#progress", ProgressBar)
        locations = self.app.journal.locations  # type: ignore[attr-defined]
        try:
            # A connection of its own: SQLite connections are not shared across threads.
            with open_journal(locations) as journal:
                self.app.call_from_thread(progress.advance, 1)
                redact = self.app.settings.redact_names  # type: ignore[attr-defined]
                result = export_text(journal, fmt, scope, redact)
            self.app.call_from_thread(progress.advance, 1)
            write_atomic(target, result.text, force=force)
            self.app.call_from_thread(progress.advance, 1)
        except IlearnError as exc:
            self.app.call_from_thread(self._finished, f"Not exported: {exc}", True)
            return
        notes = []
        if result.left_out:
            notes.append(f"{result.left_out} private item(s) left out")
        if result.redactions:
            notes.append(f"{sum(result.redactions.values())} name(s) redacted")
        message = f"Wrote {target}" + (f" ({'; '.join(notes)})" if notes else "")
        self.app.call_from_thread(self._finished, message, False)

    def _finished(self, message: str, failed: bool) -> None:
        self.query_one("#go", Button).disabled = False
        self.query_one("#export-result", Static).update(message)
        self.notify(message, severity="error" if failed else "information")

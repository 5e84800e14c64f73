"""Export from the app: choose format and scope, watch it run, see where it went.

The path field has focus from the first frame, so a typed path and ctrl+s is the whole job.
The format follows the name by the command line's rule (``portfolio.formats.choose``); one
file or a folder with evidence copies is a choice of its own, never guessed from a slash.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, ProgressBar, Select, Static

from ilearn_tui.domain.text import plural
from ilearn_tui.errors import IlearnError
from ilearn_tui.portfolio.formats import BY_NAME, KINDS, NAMED_SUFFIXES, NoTarget, choose
from ilearn_tui.portfolio.model import Scope
from ilearn_tui.tui import actions
from ilearn_tui.tui.opener import folder_opener
from ilearn_tui.tui.plain import plain
from ilearn_tui.tui.screens.base import show_error
from ilearn_tui.tui.screens.dialog import Dialog
from ilearn_tui.tui.shell import UsesShell
from ilearn_tui.tui.widgets.tick_box import TickBox

if TYPE_CHECKING:
    from ilearn_tui.services.exports import Preflight

# The choices on offer, from the one table of export kinds.
FORMATS = [(kind.title, kind.name) for kind in KINDS if kind.available]
SHAPES = [("one file", "file"), ("a folder with evidence", "folder")]
PRIVATE_LABEL = "Include private reflections and student info (for you only)"


def default_folder() -> Path:
    """``~/Documents/ilearn``: the teacher's documents, never the bare home folder."""
    import platformdirs

    return Path(platformdirs.user_documents_dir()) / "ilearn"


def default_path(choice: str) -> Path:
    """``~/Documents/ilearn/portfolio-DATE.md`` and the like, dated so exports never collide."""
    kind = BY_NAME[choice]
    return default_folder() / f"{kind.stem.removeprefix('ilearn-')}-{date.today().isoformat()}{kind.suffix}"


def _is_default(path: Path) -> bool:
    """A path the dialog filled in itself (any format's, as a file or a folder)."""
    return any(path in (default_path(kind.name), default_path(kind.name).with_suffix("")) for kind in KINDS)


def shape_named(raw: str) -> str | None:
    """"folder" for a name ending in a separator or an existing folder, "file" for one with a
    format's suffix, else None (the dialog's choice decides)."""
    raw = raw.strip()
    if raw.endswith(("/", os.sep)) or (raw and Path(raw).expanduser().is_dir()):
        return "folder"
    if not Path(raw).suffix:
        return None
    try:
        return None if choose(raw, None).folder else "file"
    except IlearnError:
        return None  # a suffix that names no format: the choice stands


def as_shape(raw: str, shape: str, kind_name: str) -> str:
    """The typed path made to name what was chosen: a folder ends in a separator, a file has a suffix."""
    raw = raw.strip()
    if not raw:
        return raw
    if shape == "folder":
        bare = raw.rstrip("/" + os.sep)
        path = Path(bare)
        if path.suffix and not path.is_dir():
            bare = str(path.with_suffix(""))
        return bare + os.sep
    if raw.endswith(("/", os.sep)) or not Path(raw).suffix:
        return raw.rstrip("/" + os.sep) + BY_NAME[kind_name].suffix
    return raw


class ExportScreen(UsesShell, Dialog[None]):
    AUTO_FOCUS = "#path"
    BINDINGS = actions.bindings("export")
    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > VerticalScroll {
        width: 100%; max-width: 90; height: auto; max-height: 100%; border: round $primary;
        background: $surface; padding: 0 1;
    }
    ExportScreen #export-choices { height: auto; margin-top: 1; }
    ExportScreen #export-choices > Vertical { width: 1fr; height: auto; }
    ExportScreen #save-to { margin-top: 1; }
    ExportScreen #export-where { height: auto; }
    ExportScreen #path { width: 1fr; }
    ExportScreen #shape { width: 32; }
    ExportScreen #export-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    ExportScreen #export-buttons Button { margin-left: 1; }
    ExportScreen #export-result { height: auto; margin-top: 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.exported: Path | None = None  # the last export's file or folder, for "open folder"

    def compose(self) -> ComposeResult:
        app = self.ilearn
        cycles = [(plain(c.title), c.id) for c in app.journal.cycles()]
        # Side by side, so the whole dialog, buttons included, fits an 80×24 terminal.
        with VerticalScroll():
            yield Static("Export your portfolio", classes="area-title")
            yield Label(f"Save to (the format follows the name: {NAMED_SUFFIXES})", id="save-to")
            with Horizontal(id="export-where"):
                # Selected as it takes focus: a typed path replaces the suggested one.
                yield Input(str(default_path("md")), id="path")
                yield Select(SHAPES, value="file", allow_blank=False, id="shape")
            with Horizontal(id="export-choices"):
                with Vertical():
                    yield Label("Format")
                    yield Select(FORMATS, value="md", allow_blank=False, id="format")
                with Vertical():
                    yield Label("Cycle")
                    yield Select(cycles, prompt="all cycles", id="cycle")
            # Short enough to read whole at 80 columns; off unless the teacher ticks it.
            yield TickBox(PRIVATE_LABEL, False, id="private")
            yield Static("", id="export-error", classes="error-line")
            bar = ProgressBar(total=100, show_eta=False, id="progress")
            bar.display = False  # a bar at 0% before anything runs reads as a stalled export
            yield bar
            yield Static("", id="export-result")
            with Horizontal(id="export-buttons"):
                yield Button("Open folder (ctrl+o)", id="open")
                yield Button("Close", id="close")
                yield Button("Export (ctrl+s)", id="go", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()
        self.query_one("#open", Button).display = False  # until there is a folder to open
        show_error(self.query_one("#export-error", Static), "")

    @on(Select.Changed, "#format")
    def _format_changed(self, event: Select.Changed) -> None:
        path = self.query_one("#path", Input)
        if self._shape() == "folder" or not isinstance(event.value, str):
            return
        current = Path(path.value.strip()).expanduser()
        if _is_default(current):
            path.value = str(current.with_name(default_path(event.value).name))

    @on(Select.Changed, "#shape")
    def _shape_changed(self, event: Select.Changed) -> None:
        path = self.query_one("#path", Input)
        shaped = as_shape(path.value, self._shape(), self._kind_name())
        if shaped != path.value.strip():
            path.value = shaped

    def _shape(self) -> str:
        return str(self.query_one("#shape", Select).value)

    def _kind_name(self) -> str:
        return str(self.query_one("#format", Select).value)

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss()

    @on(Input.Changed, "#path")
    def _path_changed(self, event: Input.Changed) -> None:
        """A typed name that names a format picks it, by the same rule as ``ilearn export --out``.

        A name ending in a separator picks "a folder"; one with a format's suffix picks "one file",
        and a packet that also comes in the named format stays chosen (``review.pdf``).
        """
        raw = event.value.strip()
        shape = shape_named(raw)
        if shape is None:
            return  # still being typed, or no format's name: the choices stand
        self.query_one("#shape", Select).value = shape
        if shape != "file":
            return
        select = self.query_one("#format", Select)
        current = BY_NAME[self._kind_name()]
        named = choose(raw, None).kind
        if named.format != current.format:
            try:
                select.value = choose(raw, current).kind.name
            except IlearnError:
                select.value = named.name

    @on(Button.Pressed, "#go")
    def action_export(self) -> None:
        from ilearn_tui.services.exports import preflight

        error = self.query_one("#export-error", Static)
        typed = self.query_one("#path", Input).value
        # The name decides when it says (as on the command line); else the choices do.
        raw = as_shape(typed, shape_named(typed) or self._shape(), self._kind_name())
        kind = BY_NAME[self._kind_name()]
        try:
            choice = choose(raw, kind)
            if choice.target is not None and _is_default(choice.target.parent / choice.target.name):
                default_folder().mkdir(parents=True, exist_ok=True)  # the dialog's own folder
            plan = preflight(choice)
        except NoTarget:
            show_error(error, "Give a file or folder name to save to.")
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
            include_private=self.query_one("#private", TickBox).value,
        )
        if plan.choice.kind.packet == "review" and scope.cycle_id is None:
            current = self.ilearn.journal.current_cycle()
            scope.cycle_id = current.id if current else None  # a review packet is one cycle
        bar = self.query_one("#progress", ProgressBar)
        bar.update(progress=0)
        bar.display = True
        self.query_one("#go", Button).disabled = True
        self._export(plan, scope, force)

    @work(thread=True, exclusive=True)
    def _export(self, plan: Preflight, scope: Scope, force: bool) -> None:
        from ilearn_tui.services.exports import chosen_rule, export_to, notes
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
                    # A review packet's state may ask for a goal of each kind.
                    renewal=chosen_rule(settings.renewal) if packet in ("renewal", "review") else None,
                    progress=progress,
                )
            self.app.call_from_thread(bar.update, progress=100)
        except RedactionUnknown as exc:
            message = (
                f"Not exported: {exc} (or tick “Include private reflections” to keep everything yourself)"
            )
            self.app.call_from_thread(self._finished, message, True)
            return
        except IlearnError as exc:
            self.app.call_from_thread(self._finished, f"Not exported: {exc}", True)
            return
        said = [f"{plural(result.copied, 'evidence file')} copied"] if result.copied else []
        said += [note.text for note in notes(result)]
        message = f"Wrote {result.path}" + (f" ({'; '.join(said)})" if said else "")
        self.app.call_from_thread(self._finished, message, False, plan.choice.target)

    def _finished(self, message: str, failed: bool, written: Path | None = None) -> None:
        """The outcome on a line of the dialog itself, where no toast covers the buttons."""
        self.query_one("#go", Button).disabled = False
        if written is not None:
            self.exported = written
            message += f"\n✓ Done. {self._folder_hint()}"
        elif failed:
            message = f"✗ {message}"
        self.query_one("#export-result", Static).update(plain(message))
        self.query_one("#open", Button).display = self.check_action("open_folder", ()) is True
        self.refresh_bindings()  # ctrl+o may work now: the key bar says so
        # The line says how it ended: the bar's room goes to it, and at 80x24 the dialog scrolls
        # to its end, so the result and the buttons are in view together.
        self.query_one("#progress", ProgressBar).display = False
        self.query_one(VerticalScroll).scroll_end(animate=False)

    def _folder(self) -> Path | None:
        if self.exported is None:
            return None
        return self.exported if self.exported.is_dir() else self.exported.parent

    def _folder_hint(self) -> str:
        folder = self._folder()
        if folder is None:
            return ""
        if folder_opener() is None:
            return f"Its folder: {folder} (copy this path to open it)"
        key = "/".join(actions.keys_of(actions.BY_ID["export.open"], self.ilearn.keymap))
        return f"Its folder: {folder} ({key} opens it)"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_folder":
            return self.exported is not None and folder_opener() is not None
        return True

    @on(Button.Pressed, "#open")
    def action_open_folder(self) -> None:
        folder, opener = self._folder(), folder_opener()
        if folder is None or opener is None:
            return
        if not opener(folder):
            self.query_one("#export-result", Static).update(
                plain(f"Could not open the folder; its path is {folder}")
            )


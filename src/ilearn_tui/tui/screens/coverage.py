"""Framework coverage: every component of the chosen rubric, what evidences it, what has nothing.

The same view as ``ilearn framework``, for the teacher getting ready for an evaluation meeting:
a component with nothing yet is where to look for an artifact next. The framework can be
chosen here too; the tags themselves come from the command line's ``--component``.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Select, Static

from ilearn_tui.domain.frameworks import FRAMEWORKS, NONE
from ilearn_tui.domain.text import plural
from ilearn_tui.store import coverage
from ilearn_tui.textsafe import one_line
from ilearn_tui.tui import actions
from ilearn_tui.tui.plain import plain
from ilearn_tui.tui.screens.dialog import Dialog
from ilearn_tui.tui.shell import UsesShell

CHOICES = [(f.title, f.key) for f in FRAMEWORKS.values()] + [("No framework", NONE)]


class CoverageScreen(UsesShell, Dialog[None]):
    AUTO_FOCUS = "#coverage-table"
    BINDINGS = actions.bindings("coverage")
    DEFAULT_CSS = """
    CoverageScreen { align: center middle; }
    CoverageScreen > Vertical {
        width: 96%; max-width: 130; height: 94%; border: round $primary; background: $surface;
        padding: 0 1;
    }
    CoverageScreen Select { width: 60; margin-bottom: 1; }
    CoverageScreen .summary, CoverageScreen #coverage-status { height: auto; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        chosen = coverage.framework(self.ilearn.journal)
        with Vertical():
            yield Static("Framework coverage", classes="area-title")
            yield Select(CHOICES, value=chosen.key if chosen else NONE, allow_blank=False, id="framework")
            yield Static("", id="coverage-summary", classes="summary")
            yield DataTable(id="coverage-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="coverage-status")

    def on_mount(self) -> None:
        table = self.query_one("#coverage-table", DataTable)
        # The app's stylesheet caps tables for the stage screens; this one is the whole dialog.
        table.styles.height, table.styles.max_height, table.styles.margin = "1fr", "100%", 0
        table.add_columns("", "component", "evidence")
        self._fill()

    @on(Select.Changed, "#framework")
    def _chosen(self, event: Select.Changed) -> None:
        key = str(event.value)
        current = coverage.framework(self.ilearn.journal)
        if key != (current.key if current else NONE):
            coverage.set_framework(self.ilearn.journal, key)
            self.ilearn.changed()
        self._fill()

    def _fill(self) -> None:
        journal = self.ilearn.journal
        chosen = coverage.framework(journal)
        table = self.query_one("#coverage-table", DataTable)
        table.clear()
        summary = self.query_one("#coverage-summary", Static)
        tag = "Tag items with --component CODE on ilearn evidence add, reflect and log."
        self.query_one("#coverage-status", Static).update(tag)
        if chosen is None:
            summary.update("No framework chosen: pick Danielson, Marzano or the Massachusetts rubric above.")
            return
        found = coverage.coverage(journal, chosen)
        missing = [code for code, items in found.items() if not items]
        summary.update(
            f"{len(found) - len(missing)} of {len(found)} components evidenced"
            + (f"; nothing yet for {plural(len(missing), 'component')}." if missing else ".")
        )
        self.query_one("#coverage-status", Static).update(f"{chosen.note} {tag}")
        domain = ""
        for component in chosen.components:
            if component.domain != domain:
                domain = component.domain
                table.add_row(Text(""), Text(domain, style="bold"), Text(""), key=f"domain:{domain}")
            items = found[component.code]
            if items:
                listed = "; ".join(f"{one_line(t.title, 40)} ({t.kind})" for t in items[:3])
                more = f" (+{len(items) - 3} more)" if len(items) > 3 else ""
                evidence = plain(f"{len(items)}: {listed}{more}")
            else:
                evidence = Text("— nothing yet", style="italic")
            table.add_row(Text(component.code), plain(component.name), evidence, key=component.code)

    def action_close(self) -> None:
        self.dismiss()

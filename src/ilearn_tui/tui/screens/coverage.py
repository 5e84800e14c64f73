"""Framework coverage: every component of the chosen rubric, what evidences it, what has nothing.

The same view as ``ilearn framework``, for the teacher getting ready for an evaluation meeting:
a component with nothing yet is where to look for an artifact next. The framework can be
chosen here too; the tags come from the forms' Components field or ``--component``.

What evidences a component is listed under its name, a line each, and long names wrap: in one
line beside the name, the titles were cut off at 80 columns, where they matter most.
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
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
TAGGING = "Tag an item in its form's Components field, or with --component CODE on the command line."
SHOWN_ITEMS = 5  # under a component; the rest are counted
_COUNT_WIDTH = len("— nothing yet")


class CoverageScreen(UsesShell, Dialog[None]):
    AUTO_FOCUS = "#coverage-table"
    BINDINGS = actions.bindings("coverage")
    DEFAULT_CSS = """
    CoverageScreen { align: center middle; }
    CoverageScreen > Vertical {
        width: 96%; max-width: 130; height: 94%; border: round $primary; background: $surface;
        padding: 0 1;
    }
    CoverageScreen Select { width: 100%; max-width: 76; margin-bottom: 1; }
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
        self._fill()

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._fill)  # the name column's width follows the dialog's

    @on(Select.Changed, "#framework")
    def _chosen(self, event: Select.Changed) -> None:
        key = str(event.value)
        current = coverage.framework(self.ilearn.journal)
        if key != (current.key if current else NONE):
            coverage.set_framework(self.ilearn.journal, key)
            self.ilearn.changed()
        self._fill()

    def _name_width(self, code_width: int) -> int:
        """What is left for the names once the code, the count, the cell padding and the scrollbar are in."""
        table = self.query_one("#coverage-table", DataTable)
        width = table.size.width or self.app.size.width - 8
        return max(20, width - code_width - _COUNT_WIDTH - 3 * 2 * table.cell_padding - 2)

    def _fill(self) -> None:
        journal = self.ilearn.journal
        chosen = coverage.framework(journal)
        table = self.query_one("#coverage-table", DataTable)
        table.clear(columns=True)
        summary = self.query_one("#coverage-summary", Static)
        self.query_one("#coverage-status", Static).update(TAGGING)
        if chosen is None:
            summary.update("No framework chosen: pick Danielson, Marzano or the Massachusetts rubric above.")
            return
        found = coverage.coverage(journal, chosen)
        missing = [code for code, items in found.items() if not items]
        summary.update(
            f"{len(found) - len(missing)} of {len(found)} components evidenced"
            + (f"; nothing yet for {plural(len(missing), 'component')}." if missing else ".")
        )
        code_width = max(len(c.code) for c in chosen.components)
        table.add_column("", width=code_width)
        table.add_column("component, and what evidences it", width=self._name_width(code_width))
        table.add_column("evidence", width=_COUNT_WIDTH)
        domain = ""
        for component in chosen.components:
            if component.domain != domain:
                domain = component.domain
                table.add_row(
                    Text(""), Text(domain, style="bold"), Text(""), key=f"domain:{domain}", height=None
                )
            items = found[component.code]
            cell = plain(component.name)
            lines = [f"{one_line(item.title, 100)} ({item.kind})" for item in items[:SHOWN_ITEMS]]
            lines += [f"and {len(items) - SHOWN_ITEMS} more"] if len(items) > SHOWN_ITEMS else []
            for line in lines:  # a title is the teacher's text: shown literally, never as markup
                cell.append("\n")
                cell.append_text(plain(f"  · {line}", "dim"))
            count = Text(plural(len(items), "item")) if items else Text("— nothing yet", style="italic")
            table.add_row(Text(component.code), cell, count, key=component.code, height=None)
        # The framework's own caveat closes the list, where it scrolls with it instead of
        # taking rows from the table on a small screen.
        table.add_row(Text(""), Text("About this list", style="bold"), Text(""), key="about", height=None)
        table.add_row(Text(""), plain(chosen.note), Text(""), key="note", height=None)

    def action_close(self) -> None:
        self.dismiss()

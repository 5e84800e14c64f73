"""Pick the goals, questions, activities and evidence a reflection is about."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, SelectionList, Static

from ilearn_tui.store.records import choices_for
from ilearn_tui.tui import actions
from ilearn_tui.tui.plain import plain
from ilearn_tui.tui.screens.dialog import Dialog
from ilearn_tui.tui.shell import UsesShell
from ilearn_tui.tui.widgets.tick_box import TickList

# (link column, record kind, label)
LINKABLE = (
    ("goal_id", "goal", "goal"),
    ("question_id", "question", "question"),
    ("activity_id", "activity", "activity"),
    ("evidence_id", "evidence", "evidence"),
)


class LinksScreen(UsesShell, Dialog[dict[str, list[str]] | None]):
    AUTO_FOCUS = "#links"
    BINDINGS = actions.bindings("links")
    DEFAULT_CSS = """
    LinksScreen { align: center middle; }
    LinksScreen > Vertical {
        width: 90%; max-width: 100; height: 80%; border: round $primary; background: $surface;
        padding: 0 1;
    }
    LinksScreen SelectionList { height: 1fr; }
    LinksScreen Horizontal { height: auto; align-horizontal: right; }
    """

    def __init__(self, current: dict[str, list[str]]) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        app = self.ilearn
        cycle_id = app.overview().cycle_id
        options = []
        for column, kind, label in LINKABLE:
            chosen = set(self.current.get(column, []))
            for text, record_id in choices_for(app.journal, kind, cycle_id):
                options.append((plain(f"{label}: {text}"), f"{column}|{record_id}", record_id in chosen))
        with Vertical():
            yield Static("Link this reflection to… (space to tick, ctrl+s to keep)", classes="section-title")
            if not options:
                yield Static("Nothing to link to yet in this cycle.", classes="empty-hint")
            yield TickList(*options, id="links")
            with Horizontal():
                yield Button("Cancel", id="cancel")
                yield Button("Keep links", id="done", variant="primary")

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#done")
    def action_done(self) -> None:
        links: dict[str, list[str]] = {column: [] for column, _, _ in LINKABLE}
        for value in self.query_one("#links", SelectionList).selected:
            column, record_id = str(value).split("|", 1)
            links[column].append(record_id)
        self.dismiss(links)

"""The conflicts a sync left: each field both computers changed, the two values side by side.

The teacher keeps this computer's value, the other's, or writes one from both. Resolving is
the sync package's (``sync.resolve``): it writes the choice so that it travels on the next sync.
"""

from __future__ import annotations

import contextlib

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from ilearn_tui.domain import model
from ilearn_tui.domain.text import plural
from ilearn_tui.errors import IlearnError
from ilearn_tui.store import sync_state
from ilearn_tui.store.lookup import title_of
from ilearn_tui.sync import resolve
from ilearn_tui.sync.resolve import value_text
from ilearn_tui.textsafe import one_line
from ilearn_tui.tui import actions
from ilearn_tui.tui.plain import plain
from ilearn_tui.tui.screens.dialog import Dialog
from ilearn_tui.tui.screens.text_entry import TextEntryScreen
from ilearn_tui.tui.shell import UsesShell


def shown_value(stored: str) -> str:
    """A conflict's value as the screen shows it: an empty one says so instead of showing nothing."""
    return value_text(stored) or "(empty)"


def describe(journal_title: str, conflict: sync_state.Conflict) -> str:
    """One line naming the record and the field: 'reflection “Lesson study” · body'."""
    entry = model.BY_TABLE.get(conflict.table)
    noun = entry.noun if entry is not None and hasattr(entry, "noun") else conflict.table
    return f"{noun} “{one_line(journal_title, 40)}” · {conflict.field.replace('_', ' ')}"


class BothScreen(TextEntryScreen):
    """One text written from both versions; saving it resolves the conflict."""

    BINDINGS = actions.bindings("merge")


class ConflictsScreen(UsesShell, Dialog[None]):
    AUTO_FOCUS = "#conflict-list"
    BINDINGS = actions.bindings("conflicts")
    DEFAULT_CSS = """
    ConflictsScreen { align: center middle; }
    ConflictsScreen > Vertical {
        width: 96%; max-width: 140; height: 94%; border: round $primary; background: $surface; padding: 0 1;
    }
    ConflictsScreen #conflict-list { height: auto; max-height: 8; }
    ConflictsScreen #sides { height: 1fr; }
    ConflictsScreen .side { width: 1fr; border: round $panel; padding: 0 1; }
    ConflictsScreen .side-title { text-style: bold; }
    ConflictsScreen #conflicts-status { height: auto; color: $text-muted; }
    ConflictsScreen #conflict-buttons { height: auto; align-horizontal: right; }
    ConflictsScreen Button { margin-left: 1; min-width: 10; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._conflicts: list[sync_state.Conflict] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Sync conflicts", classes="area-title")
            yield OptionList(id="conflict-list")
            with Horizontal(id="sides"):
                with VerticalScroll(classes="side"):
                    yield Static("This computer", classes="side-title")
                    yield Static("", id="mine")
                with VerticalScroll(classes="side"):
                    yield Static("The other computer", classes="side-title")
                    yield Static("", id="theirs")
            yield Static("", id="conflicts-status")
            with Horizontal(id="conflict-buttons"):
                yield Button("Keep mine", id="mine-button", variant="primary")
                yield Button("Keep theirs", id="theirs-button")
                yield Button("Edit both", id="both-button")
                yield Button("Close", id="close-button")

    def on_mount(self) -> None:
        # The app may be closing the moment the view opens: its widgets are then going.
        with contextlib.suppress(NoMatches):
            self._fill()

    def _fill(self) -> None:
        journal = self.ilearn.journal
        # By record and field: the order a merge found them in follows its file paths (random ids).
        found = [
            (describe(title_of(journal, c.table, c.key), c), c) for c in sync_state.list_conflicts(journal)
        ]
        found.sort(key=lambda pair: (pair[0].lower(), pair[1].key))
        self._conflicts = [c for _, c in found]
        listing = self.query_one("#conflict-list", OptionList)
        listing.clear_options()
        for n, (label, _) in enumerate(found):
            listing.add_option(Option(Text(label), id=f"c{n}"))
        if self._conflicts:
            listing.highlighted = 0
        count = plural(len(self._conflicts), "conflict") if self._conflicts else "No conflicts to resolve."
        self.query_one("#conflicts-status", Static).update(count)  # its keys: the key bar below
        self._show()

    @on(OptionList.OptionHighlighted, "#conflict-list")
    def _show(self) -> None:
        conflict = self._current()
        mine = shown_value(conflict.kept) if conflict else ""
        theirs = shown_value(conflict.other) if conflict else ""
        self.query_one("#mine", Static).update(plain(mine))
        self.query_one("#theirs", Static).update(plain(theirs))

    def _current(self) -> sync_state.Conflict | None:
        at = self.query_one("#conflict-list", OptionList).highlighted
        return self._conflicts[at] if at is not None and at < len(self._conflicts) else None

    def _resolve(self, how: str, text: str = "") -> None:
        conflict = self._current()
        if conflict is None:
            return
        journal = self.ilearn.journal
        try:
            if how == "mine":
                resolve.keep_mine(journal, conflict)
            elif how == "theirs":
                resolve.keep_theirs(journal, conflict)
            else:
                resolve.keep_edit(journal, conflict, text)
        except IlearnError as exc:
            self.notify(str(exc), severity="error")
            return
        self.ilearn.changed()
        words = {"mine": "this computer's version", "theirs": "the other computer's", "both": "your edit"}
        self.notify(f"Kept {words[how]} of {title_of(journal, conflict.table, conflict.key)}.")
        self._fill()

    @on(Button.Pressed, "#mine-button")
    def action_keep_mine(self) -> None:
        self._resolve("mine")

    @on(Button.Pressed, "#theirs-button")
    def action_keep_theirs(self) -> None:
        self._resolve("theirs")

    @on(Button.Pressed, "#both-button")
    def action_edit_both(self) -> None:
        conflict = self._current()
        if conflict is None:
            return
        title = title_of(self.ilearn.journal, conflict.table, conflict.key)

        def saved(text: str | None) -> None:
            if text is not None:
                self._resolve("both", text)

        text = f"{value_text(conflict.kept)}\n\n{value_text(conflict.other)}"
        both = BothScreen(f"Both versions of {one_line(title, 50)}", text)
        self.app.push_screen(both, saved)

    @on(Button.Pressed, "#close-button")
    def action_close(self) -> None:
        self.dismiss()

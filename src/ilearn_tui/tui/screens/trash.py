"""The trash: what was deleted, newest first; restore any of it, or empty it for good.

Only "restore the last deleted item" was offered in the app before, so an older deletion could
be undone only from the command line.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from ilearn_tui.domain.text import plural
from ilearn_tui.errors import IlearnError
from ilearn_tui.store.trash import list_trash, purge, restore
from ilearn_tui.textsafe import one_line
from ilearn_tui.tui import actions
from ilearn_tui.tui.hanging import WRAPS, hanging
from ilearn_tui.tui.plain import plain
from ilearn_tui.tui.screens.dialog import Dialog
from ilearn_tui.tui.shell import UsesShell


class TrashScreen(UsesShell, Dialog[None]):
    AUTO_FOCUS = "#trash-items"
    BINDINGS = actions.bindings("trash")
    DEFAULT_CSS = """
    TrashScreen { align: center middle; }
    TrashScreen > Vertical {
        width: 90%; max-width: 100; height: 80%; border: round $primary; background: $surface;
        padding: 0 1;
    }
    TrashScreen OptionList { height: 1fr; }
    TrashScreen #trash-status { height: auto; color: $text-muted; }
    TrashScreen Horizontal { height: auto; align-horizontal: right; }
    TrashScreen Button { margin-left: 1; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Trash", classes="area-title")
            yield OptionList(id="trash-items")
            yield Static("", id="trash-status")
            with Horizontal():
                yield Button("Empty the trash", id="empty", variant="warning")
                yield Button("Close", id="close")
                yield Button("Restore", id="restore", variant="primary")

    def on_mount(self) -> None:
        self._fill()

    def _fill(self) -> None:
        items = list_trash(self.ilearn.journal)
        listing = self.query_one("#trash-items", OptionList)
        listing.clear_options()
        for item in items:
            # A long label wraps under itself, not under the kind.
            row = (Text(item.kind), Text(f"deleted {item.deleted_at[:10]}"), plain(one_line(item.label, 200)))
            listing.add_option(Option(hanging([row], [11, 18, WRAPS]), id=item.id))
        if items:
            listing.highlighted = 0
        # Its keys are in the key bar below.
        count = f"{plural(len(items), 'item')} in the trash" if items else "The trash is empty."
        self.query_one("#trash-status", Static).update(count)

    @on(OptionList.OptionSelected, "#trash-items")
    @on(Button.Pressed, "#restore")
    def action_restore(self) -> None:
        listing = self.query_one("#trash-items", OptionList)
        if listing.highlighted is None or listing.option_count == 0:
            return
        trash_id = listing.get_option_at_index(listing.highlighted).id
        assert trash_id is not None
        try:
            item = restore(self.ilearn.journal, trash_id)
        except IlearnError as exc:
            self.notify(str(exc), severity="error")
            return
        self.ilearn.changed()
        self.notify(f"Restored {item.kind}: {one_line(item.label, 60)}")
        self._fill()

    @on(Button.Pressed, "#empty")
    def action_empty(self) -> None:
        from ilearn_tui.tui.screens.confirm import ConfirmScreen

        if not list_trash(self.ilearn.journal):
            return

        def answer(yes: bool | None) -> None:
            if yes:
                gone = purge(self.ilearn.journal)
                self.ilearn.changed()
                self.notify(f"Emptied the trash: {plural(gone, 'item')} deleted for good.")
                self._fill()

        self.app.push_screen(
            ConfirmScreen("Delete everything in the trash for good? This cannot be undone.", "Empty"), answer
        )

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss()

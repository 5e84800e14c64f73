"""The teacher's groups and what colleagues published in them, newest first.

Read-only: a colleague's item is answered (a reply, sent at the next sync) or cited in one of
the teacher's own reflections, never edited, and never counted in her hours or stages.
Everything shown came from other people's folders, so it is drawn as plain text.
"""

from __future__ import annotations

import contextlib

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ilearn_tui.domain.text import plural
from ilearn_tui.errors import IlearnError
from ilearn_tui.store import colleagues
from ilearn_tui.store.colleagues import ColleagueItem
from ilearn_tui.store.groups import Group, list_groups
from ilearn_tui.store.sync_state import journal_id
from ilearn_tui.textsafe import one_line
from ilearn_tui.tui import actions
from ilearn_tui.tui.hanging import WRAPS, hanging
from ilearn_tui.tui.plain import plain
from ilearn_tui.tui.screens.dialog import Dialog
from ilearn_tui.tui.screens.text_entry import TextEntryScreen
from ilearn_tui.tui.shell import UsesShell

SHOWN = 200  # the newest items of a group listed at once

NO_GROUPS = (
    "No groups yet. In a terminal: ilearn group add 'Grade 7 PLC' --member 'Ana Lopez', then "
    "ilearn group setup 'Grade 7 PLC' FOLDER-OR-URL (a shared folder or your school's git server), "
    "then sync (S)."
)


def cite(found: ColleagueItem, group_name: str) -> str:
    """A colleague's item as a quotation opening a new reflection, naming who wrote it and where."""
    item = found.item
    quoted = [f"> {line}" if line.strip() else ">" for line in item.body.strip().splitlines()]
    title = f", “{item.title}”" if item.title else ""
    return "\n".join([*quoted, ">", f"> — {found.author_name}{title}, in {group_name} ({item.date})", "", ""])


class ReplyScreen(TextEntryScreen):
    """The teacher's answer to one item: saved with ctrl+s, sent at the next sync."""

    BINDINGS = actions.bindings("reply")


class GroupsScreen(UsesShell, Dialog[None]):
    AUTO_FOCUS = "#group-list"
    BINDINGS = actions.bindings("groups")
    DEFAULT_CSS = """
    GroupsScreen { align: center middle; }
    GroupsScreen > Vertical {
        width: 96%; max-width: 150; height: 94%; border: round $primary; background: $surface; padding: 0 1;
    }
    GroupsScreen #lists { height: 1fr; }
    GroupsScreen #group-list { width: 32; height: 1fr; }
    GroupsScreen #item-list { width: 1fr; height: 1fr; }
    GroupsScreen #item-box { height: 1fr; border: round $panel; padding: 0 1; }
    GroupsScreen #groups-status { height: auto; color: $text-muted; }
    """

    def __init__(self, item_id: str | None = None) -> None:
        """``item_id``: a colleague's item to open on (one found by search), its group chosen."""
        super().__init__()
        self._groups: list[Group] = []
        self._items: list[ColleagueItem] = []
        self._wanted = item_id
        self._kept_group: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Groups — what colleagues published", classes="area-title")
            with Horizontal(id="lists"):
                yield OptionList(id="group-list")
                yield OptionList(id="item-list")
            with VerticalScroll(id="item-box"):
                yield Static("", id="item-body")
            yield Static("", id="groups-status")

    def on_mount(self) -> None:
        # The app may be closing the moment the view opens: its widgets are then going.
        with contextlib.suppress(NoMatches):
            self._fill_groups()
        self.watch(self.app, "revision", self._refill, init=False)

    def _refill(self) -> None:
        """After a sync (or any write): what arrived, with the same group and item chosen."""
        group, found = self._group(), self._item()
        self._wanted = found.item.id if found else None
        self._kept_group = group.id if group else None
        with contextlib.suppress(NoMatches):
            self._fill_groups(focus_items=False)

    async def action_sync(self) -> None:
        await self.app.run_action("sync_now")

    def _fill_groups(self, *, focus_items: bool = True) -> None:
        journal = self.ilearn.journal
        self._groups = list_groups(journal)
        listing = self.query_one("#group-list", OptionList)
        listing.clear_options()
        counts = [colleagues.count(journal, group.id) for group in self._groups]
        for n, (group, count) in enumerate(zip(self._groups, counts, strict=True)):
            label = Text(one_line(group.name, 28), style="bold")
            if group.remote:
                label.append(f"\n{group.kind} · {plural(count, 'item')}")
            else:
                label.append(f"\n{group.kind} · not set up", style="italic")
            listing.add_option(Option(label, id=f"g{n}"))
        if self._groups:
            # The wanted item's group, else the first with something to read rather than an
            # empty one that sorts first.
            home = self._wanted_group() or self._kept_group
            first = next((n for n, count in enumerate(counts) if count), 0)
            listing.highlighted = next((n for n, g in enumerate(self._groups) if g.id == home), first)
            if home is not None and focus_items:
                self.query_one("#item-list", OptionList).focus()
        else:
            self.query_one("#item-body", Static).update(NO_GROUPS)
        self._fill_items()

    def _wanted_group(self) -> str | None:
        if self._wanted is None:
            return None
        try:
            return colleagues.find(self.ilearn.journal, self._wanted).group_id
        except IlearnError:  # withdrawn at a sync since it was found: the view opens as usual
            return None

    def _group(self) -> Group | None:
        at = self.query_one("#group-list", OptionList).highlighted
        return self._groups[at] if at is not None and at < len(self._groups) else None

    @on(OptionList.OptionHighlighted, "#group-list")
    def _fill_items(self) -> None:
        group = self._group()
        journal = self.ilearn.journal
        self._items = colleagues.list_items(journal, group.id, limit=SHOWN) if group else []
        me = journal_id(journal)
        listing = self.query_one("#item-list", OptionList)
        listing.clear_options()
        for n, found in enumerate(self._items):
            item = found.item
            what = "reply to you" if item.kind == "reply" and item.to_author == me else item.kind
            label = Text(one_line(found.author_name, 24), style="bold")
            label.append(f" · {what}\n", style="italic")
            label.append(one_line(item.title or "(untitled)", 200))
            # Two lines beside the date: a long title wraps under itself, not under the date.
            listing.add_option(Option(hanging([(Text(item.date), label)], [10, WRAPS]), id=f"i{n}"))
        if self._items:
            ids = [found.item.id for found in self._items]
            listing.highlighted = ids.index(self._wanted) if self._wanted in ids else 0
        self._show()

    @on(OptionList.OptionHighlighted, "#item-list")
    def _show(self) -> None:
        found, group = self._item(), self._group()
        body = self.query_one("#item-body", Static)
        if found is not None:
            item = found.item
            head = f"{item.title or '(untitled)'}\n{found.author_name} · {item.kind} · {item.date}\n\n"
            body.update(plain(head + item.body))
        elif group is None:
            body.update(NO_GROUPS if not self._groups else "")
        elif not group.remote:
            body.update(
                plain(
                    f"{group.name} has no shared repository yet. In a terminal: "
                    f"ilearn group setup '{group.name}' FOLDER-OR-URL, then sync (S)."
                )
            )
        else:
            body.update("Nothing from colleagues here yet: their items arrive when you sync (S).")
        # Its keys (reply, cite, sync, close) are in the key bar below.
        self.query_one("#groups-status", Static).update(plural(len(self._items), "item") if group else "")

    def _item(self) -> ColleagueItem | None:
        at = self.query_one("#item-list", OptionList).highlighted
        return self._items[at] if at is not None and at < len(self._items) else None

    def action_reply(self) -> None:
        found = self._item()
        if found is None:
            self.notify("Choose a colleague's item to reply to.", severity="warning")
            return

        def written(text: str | None) -> None:
            if text is None or not text.strip():
                return
            self._save_reply(found, text)

        to = one_line(f"{found.author_name}: {found.item.title}", 70)
        self.app.push_screen(ReplyScreen(f"Reply to {to}", note="your redaction list is applied"), written)

    def _save_reply(self, found: ColleagueItem, text: str) -> None:
        from ilearn_tui.services.publishing import reply

        journal = self.ilearn.journal
        try:
            reply(journal, found.item.id, text, self.ilearn.settings.names_to_redact(shareable=True))
        except IlearnError as exc:
            self.notify(str(exc), severity="error")
            return
        self.ilearn.changed()
        group = self._group()
        where = f" to {group.name}" if group else ""
        self.notify(f"Reply saved; it goes{where} at the next sync.")

    def action_cite(self) -> None:
        from ilearn_tui.tui.screens.editor import EditorScreen

        found, group = self._item(), self._group()
        if found is None or group is None:
            self.notify("Choose a colleague's item to cite.", severity="warning")
            return
        self.dismiss()
        self.app.push_screen(EditorScreen(draft_body=cite(found, group.name)))

    def action_close(self) -> None:
        self.dismiss()

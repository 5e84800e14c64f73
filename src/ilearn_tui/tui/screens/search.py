"""Search everything as you type; enter opens the highlighted record."""

from __future__ import annotations

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ilearn_tui.domain.forms import KINDS
from ilearn_tui.domain.text import plural
from ilearn_tui.domain.vocab import STAGES
from ilearn_tui.store.background_search import BackgroundSearch, SearchUnavailable
from ilearn_tui.store.colleague_search import item_kind
from ilearn_tui.store.search import SearchHit, SearchTooSlowError
from ilearn_tui.textsafe import one_line, printable
from ilearn_tui.tui import actions
from ilearn_tui.tui.hanging import WRAPS, hanging
from ilearn_tui.tui.plain import plain
from ilearn_tui.tui.screens.base import AreaScreen

LIMIT = 50
MIN_CHARS = 3
# Where a hit of each kind lives, so enter can open it.
# What "escape: back to …" calls each area.
AREA_NAMES = {"dashboard": "the dashboard", "journal": "the journal"} | {
    f"stage{n}": f"stage {n}, {name}" for n, name in STAGES.items()
}
KIND_STAGE = {"goal": 2, "question": 2, "activity": 3, "innovation": 4, "evidence": 4, "share": 5}


def marked(text: str, style: str = "bold reverse", base: str = "") -> Text:
    """Plain words with the matches in ``style``: shown by reverse video too, never by colour alone."""
    out = Text()
    bold = False
    for part in printable(" ".join(text.split())).replace("\\x03", "\\x02").split("\\x02"):
        out.append(part, style=style if bold else base)
        bold = not bold
    return out


class SearchScreen(AreaScreen):
    AUTO_FOCUS = "#query"
    BINDINGS = actions.bindings("search")
    # A letter typed on the results goes to the query (``on_key``): the key bar offers no letter.
    TYPED_ANYWHERE = True
    DEFAULT_CSS = """
    SearchScreen #query { margin: 0 1; }
    SearchScreen #results { height: 1fr; margin: 0 1; }
    SearchScreen #search-status { height: 1; padding: 0 1; color: $text-muted; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.hits: list[SearchHit] = []
        # Searches run on their own read-only connection in a worker thread, so a slow one
        # never freezes typing and the next keystroke can interrupt it.
        self._searcher: BackgroundSearch | None = None
        self._asked = ""
        self._open_when_found = False  # enter was pressed before the answer came

    def _search_with(self) -> BackgroundSearch:
        if self._searcher is None:
            self._searcher = BackgroundSearch(self.ilearn.journal)
        return self._searcher

    def on_unmount(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None

    def body(self) -> ComposeResult:
        yield Static(
            "Search — reflections, goals, questions, activities, evidence, shares", classes="area-title"
        )
        hint = "type to search; enter opens the highlighted result"
        yield Input(placeholder=hint, id="query", select_on_focus=False)
        yield OptionList(id="results")
        yield Static("", id="search-status")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#query", Input).focus()
        self._way_back()

    def on_screen_resume(self) -> None:
        self.query_one("#query", Input).focus()
        self._way_back()

    def _way_back(self) -> None:
        if not self.query_one("#query", Input).value.strip():
            self.query_one("#search-status", Static).update(self._back_hint())

    def _back_hint(self) -> str:
        where = AREA_NAMES.get(self.ilearn.previous_mode, "the dashboard")
        return f"Type to search · escape goes back to {where}"

    @on(Input.Changed, "#query")
    def _typed(self, event: Input.Changed) -> None:
        self.run_query(event.value)

    def run_query(self, text: str, *, now: bool = False) -> None:
        # One or two letters match nearly everything and only slow typing down: wait for three
        # (enter searches a shorter word at once).
        self._asked = text
        if self._searcher is not None:
            self._searcher.interrupt()  # a newer query replaces the one still running
        if now or len(text.strip()) >= MIN_CHARS:
            self._search(text)
        else:
            self.hits = []
            self._show(text)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, text: str) -> None:
        worker = get_current_worker()
        try:
            hits = self._search_with().search(text, limit=LIMIT)
        except SearchTooSlowError as exc:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._failed, text, str(exc))
            return
        except SearchUnavailable:
            return  # the screen closed under it, or the file went away: nothing to show
        if not worker.is_cancelled:
            self.app.call_from_thread(self._found, text, hits)

    def _found(self, text: str, hits: list[SearchHit]) -> None:
        if text != self._asked or not self.is_mounted:
            return  # an answer to a query the teacher has already typed past
        self.hits = hits
        self._show(text)
        open_now, self._open_when_found = self._open_when_found, False
        if open_now and hits:
            self.query_one("#results", OptionList).highlighted = 0
            self._open(0)

    def _failed(self, text: str, message: str) -> None:
        if text == self._asked and self.is_mounted and self._searcher is not None:
            self.hits = []
            self.query_one("#results", OptionList).clear_options()
            self.query_one("#search-status", Static).update(plain(message))

    def _show(self, text: str) -> None:
        results = self.query_one("#results", OptionList)
        results.clear_options()
        options: list[Option] = []
        for hit in self.hits:
            words = marked(hit.title or "(untitled)")
            kind = Text(hit.kind, style="italic")
            if hit.author:
                # A colleague's item: who wrote it, under its title, so it never reads as hers.
                kind = Text("colleague", style="italic bold")
                words.append("\n")
                words.append(f"{item_kind(hit)} from {one_line(hit.author, 40)}", style="italic")
            if hit.snippet:
                words.append("\n")
                words.append_text(marked(hit.snippet, style="bold reverse", base="dim"))
            # A wrapped title or snippet stays indented under its first line.
            label = hanging([(kind, Text(hit.date or ""), words)], [10, 10, WRAPS])
            options.append(Option(label, id=f"{hit.kind}|{hit.id}"))
        results.add_options(options)  # at once: the list measures its lines once, not per hit
        count = len(self.hits)
        typed = text.strip()
        if not typed:
            status = self._back_hint()
        elif count:
            more = "+" if count == LIMIT else ""
            status = f"{plural(count, 'result')}{more} — ↓ to the list, enter to open"
        elif len(typed) < MIN_CHARS:
            status = "Keep typing… (or press enter to search for this now)"
        else:
            status = "No matches."
        self.query_one("#search-status", Static).update(status)

    @on(Input.Submitted, "#query")
    def _submitted(self, event: Input.Submitted) -> None:
        results = self.query_one("#results", OptionList)
        if self.hits and event.value == self._asked:
            results.highlighted = 0
            self._open(0)
        elif event.value.strip():
            self._open_when_found = True
            self.run_query(event.value, now=True)

    def on_key(self, event: events.Key) -> None:
        """Typing anywhere on this screen edits the query; ↓ from the query goes to the first hit.

        Handled here, before the app's one-letter keys see it: the "e" of a word typed while
        the results list has focus must not open Export.
        """
        query = self.query_one("#query", Input)
        results = self.query_one("#results", OptionList)
        if self.focused is query and event.key == "down":
            event.stop()
            event.prevent_default()  # else the list, focused now, takes the same ↓ to row 2
            if self.hits:
                results.focus()
                results.highlighted = 0
            return
        if self.focused is results and event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            query.focus()
            # Focusing selects the whole query; the letter goes on the end instead of replacing it.
            query.cursor_position = len(query.value)
            query.insert_text_at_cursor(event.character)

    @on(OptionList.OptionSelected, "#results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._open(event.option_index)

    def _open(self, index: int) -> None:
        hit = self.hits[index]
        if hit.author:  # a colleague's item is read in the groups view, never edited
            from ilearn_tui.tui.screens.groups import GroupsScreen

            self.app.push_screen(GroupsScreen(item_id=hit.id))
            return
        if hit.kind == "reflection":
            from ilearn_tui.tui.screens.editor import EditorScreen

            self.app.push_screen(EditorScreen(hit.id))
            return
        from ilearn_tui.store.records import get_record
        from ilearn_tui.tui.screens.record_form import RecordFormScreen

        kind = KINDS[hit.kind]
        record = get_record(self.ilearn.journal, kind, hit.id)
        if record is not None:
            self.app.push_screen(RecordFormScreen(kind, record, self.ilearn.overview().cycle_id))

    def action_clear(self) -> None:
        """Escape clears the query; on an empty query it goes back to where the teacher was."""
        query = self.query_one("#query", Input)
        if not query.value:
            self.ilearn.back_to_previous_area()
            return
        query.value = ""
        query.focus()

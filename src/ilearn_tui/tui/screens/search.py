"""Search everything as you type; enter opens the highlighted record."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ilearn_tui.domain.forms import KINDS
from ilearn_tui.domain.records import SearchHit
from ilearn_tui.store.search import search
from ilearn_tui.textsafe import printable
from ilearn_tui.tui import actions
from ilearn_tui.tui.screens.base import AreaScreen

LIMIT = 50
MIN_CHARS = 3
# Where a hit of each kind lives, so enter can open it.
KIND_STAGE = {"goal": 2, "question": 2, "activity": 3, "innovation": 4, "evidence": 4, "share": 5}


def marked(text: str, style: str = "bold reverse") -> Text:
    out = Text()
    bold = False
    for part in printable(text.replace("\n", " ")).replace("\\x03", "\\x02").split("\\x02"):
        out.append(part, style=style if bold else "")
        bold = not bold
    return out


class SearchScreen(AreaScreen):
    BINDINGS = actions.bindings("search")
    DEFAULT_CSS = """
    SearchScreen #query { margin: 0 1; }
    SearchScreen #results { height: 1fr; margin: 0 1; }
    SearchScreen #search-status { height: 1; padding: 0 1; color: $text-muted; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.hits: list[SearchHit] = []

    def body(self) -> ComposeResult:
        yield Static(
            "Search — reflections, goals, questions, activities, evidence, shares", classes="area-title"
        )
        yield Input(placeholder="type to search; enter opens the highlighted result", id="query")
        yield OptionList(id="results")
        yield Static("", id="search-status")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#query", Input).focus()

    def on_screen_resume(self) -> None:
        self.query_one("#query", Input).focus()

    @on(Input.Changed, "#query")
    def _typed(self, event: Input.Changed) -> None:
        self.run_query(event.value)

    def run_query(self, text: str) -> None:
        # One or two letters match nearly everything and only slow typing down: wait for three
        # (enter searches a shorter word at once).
        wanted = len(text.strip()) >= MIN_CHARS
        self.hits = search(self.ilearn.journal, text, limit=LIMIT) if wanted else []
        self._show(text)

    def _show(self, text: str) -> None:
        results = self.query_one("#results", OptionList)
        results.clear_options()
        for hit in self.hits:
            label = Text()
            label.append(f"{hit.kind:<10} ", style="italic")
            label.append(f"{hit.date:<10}  " if hit.date else " " * 12)
            label.append_text(marked(hit.title))
            if hit.snippet:
                label.append("\n" + " " * 23)
                label.append_text(marked(hit.snippet))
            results.add_option(Option(label, id=f"{hit.kind}|{hit.id}"))
        count = len(self.hits)
        typed = text.strip()
        if not typed:
            status = ""
        elif count:
            status = f"{count}{'+' if count == LIMIT else ''} result(s) — ↓ to the list, enter to open"
        elif len(typed) < MIN_CHARS:
            status = "Keep typing… (or press enter to search for this now)"
        else:
            status = "No matches."
        self.query_one("#search-status", Static).update(status)

    @on(Input.Submitted, "#query")
    def _submitted(self, event: Input.Submitted) -> None:
        results = self.query_one("#results", OptionList)
        if not self.hits and event.value.strip():
            self.hits = search(self.ilearn.journal, event.value, limit=LIMIT)
            self._show(event.value)
        if self.hits:
            results.highlighted = 0
            self._open(0)

    def key_down(self) -> None:
        results = self.query_one("#results", OptionList)
        if self.focused is self.query_one("#query", Input) and self.hits:
            results.focus()
            results.highlighted = 0

    @on(OptionList.OptionSelected, "#results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._open(event.option_index)

    def _open(self, index: int) -> None:
        hit = self.hits[index]
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
        query = self.query_one("#query", Input)
        query.value = ""
        query.focus()

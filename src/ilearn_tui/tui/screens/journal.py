"""The journal: every reflection, newest first, filtered by tag, goal, stage and dates."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Select, Static

from ilearn_tui.domain.text import clean_tags, parse_day, plural
from ilearn_tui.domain.vocab import STAGES
from ilearn_tui.errors import IlearnError
from ilearn_tui.store.plan import list_goals
from ilearn_tui.store.reflections import ReflectionFilter, count_reflections, list_reflections
from ilearn_tui.textsafe import one_line
from ilearn_tui.tui import actions
from ilearn_tui.tui.plain import plain
from ilearn_tui.tui.screens.base import AreaScreen, show_error
from ilearn_tui.tui.widgets.reflection_list import ReflectionList


def _day(text: str) -> str | None:
    text = text.strip()
    if not text:
        return None
    return parse_day(text)


class JournalScreen(AreaScreen):
    AUTO_FOCUS = "#reflections"
    BINDINGS = actions.bindings("journal")
    DEFAULT_CSS = """
    JournalScreen #filters { height: 3; padding: 0 1; }
    JournalScreen #filters Input, JournalScreen #filters Select { width: 1fr; }
    JournalScreen #journal-status { height: 1; padding: 0 1; color: $text-muted; }
    JournalScreen #filter-error { padding: 0 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.filter = ReflectionFilter()

    def body(self) -> ComposeResult:
        yield Static("Journal — your reflections", classes="area-title")
        with Horizontal(id="filters"):
            yield Input(placeholder="tag", id="filter-tag")
            yield Select(
                [(f"{n} {name}", n) for n, name in STAGES.items()], prompt="stage", id="filter-stage"
            )
            yield Select([], prompt="goal", id="filter-goal")
            yield Input(placeholder="from date", id="filter-from")
            yield Input(placeholder="to date", id="filter-to")
        yield Static("", id="filter-error", classes="error-line")
        yield ReflectionList(self._fetch, self._count, id="reflections")
        yield Static("", id="journal-status")

    def _fetch(self, offset: int, limit: int, total: int):  # type: ignore[no-untyped-def]
        return list_reflections(self.ilearn.journal, self.filter, offset=offset, limit=limit, total=total)

    def _count(self) -> int:
        return count_reflections(self.ilearn.journal, self.filter)

    def on_mount(self) -> None:
        super().on_mount()
        self._load_goals()
        self.query_one(ReflectionList).focus()
        self._status()

    def _load_goals(self) -> None:
        goals = list_goals(self.ilearn.journal)
        select = self.query_one("#filter-goal", Select)
        select.set_options([(plain(one_line(g.title, 40)), g.id) for g in goals])

    def reload(self) -> None:
        self.query_one(ReflectionList).reload()
        self._status()

    def _status(self) -> None:
        reflections = self.query_one(ReflectionList)
        total = reflections.total
        narrowed = any(self.filter)
        words = plural(total, "reflection") + ((" matches" if total == 1 else " match") if narrowed else "")
        hint = "enter open · n new · f filter · delete remove"
        self.query_one("#journal-status", Static).update(f"{words} — {hint}")

    @on(Input.Changed, "#filters Input")
    @on(Select.Changed, "#filters Select")
    def _filters_changed(self) -> None:
        error = self.query_one("#filter-error", Static)
        try:
            date_from = _day(self.query_one("#filter-from", Input).value)
            date_to = _day(self.query_one("#filter-to", Input).value)
            tags = clean_tags([self.query_one("#filter-tag", Input).value])  # as a tag is saved
        except ValueError as exc:
            show_error(error, str(exc))
            return
        show_error(error, "")
        stage = self.query_one("#filter-stage", Select).value
        goal = self.query_one("#filter-goal", Select).value
        self.filter = ReflectionFilter(
            tag=tags[0] if tags else None,
            stage=stage if isinstance(stage, int) else None,
            goal_id=goal if isinstance(goal, str) else None,
            date_from=date_from,
            date_to=date_to,
        )
        self.reload()

    @on(ReflectionList.Opened)
    def _open(self, event: ReflectionList.Opened) -> None:
        from ilearn_tui.tui.screens.editor import EditorScreen

        self.app.push_screen(EditorScreen(event.reflection_id))

    def action_new(self) -> None:
        from ilearn_tui.tui.screens.editor import EditorScreen

        self.app.push_screen(EditorScreen())

    def action_focus_filters(self) -> None:
        self.query_one("#filter-tag", Input).focus()

    def action_delete(self) -> None:
        from ilearn_tui.store.reflections import delete_reflection
        from ilearn_tui.tui.screens.confirm import ConfirmScreen

        reflection = self.query_one(ReflectionList).highlighted
        if reflection is None:
            return

        def done(yes: bool | None) -> None:
            if yes:
                try:
                    delete_reflection(self.ilearn.journal, reflection.id)
                except IlearnError as exc:
                    self.notify(f"Not moved to the trash: {exc}", severity="error")
                    return
                self.ilearn.changed()
                self.notify("Moved to the trash. Undo: ctrl+p, then “trash: Restore”.")

        title = reflection.title or reflection.body[:40]
        self.app.push_screen(
            ConfirmScreen(f"Move the reflection “{one_line(title, 60)}” to the trash?", "Delete"), done
        )

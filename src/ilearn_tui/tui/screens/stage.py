"""One screen per stage: its guiding questions and the records the teacher keeps in it."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Markdown, Static

from ilearn_tui.domain.forms import KINDS, STAGE_KINDS, RecordKind
from ilearn_tui.domain.prompts import GUIDES
from ilearn_tui.domain.vocab import STAGES
from ilearn_tui.errors import IlearnError
from ilearn_tui.store.records import delete_record, get_record, list_records, vision_for
from ilearn_tui.textsafe import one_line, visible
from ilearn_tui.tui import actions
from ilearn_tui.tui.columns import fit
from ilearn_tui.tui.plain import plain
from ilearn_tui.tui.screens.base import AreaScreen

PLURAL = {
    "outcome": "Student outcomes",
    "interest": "Interests and expertise",
    "goal": "Goals",
    "question": "Research questions",
    "activity": "Learning activities",
    "innovation": "Innovations",
    "evidence": "Evidence",
    "check": "Progress checks",
    "share": "Shares",
}


def _text(row: dict[str, Any], column: str, titles: dict[str, str]) -> str:
    """A cell's whole text on one line (the table cuts it to the column's width)."""
    value = row.get(column)
    if column.endswith("_id"):
        return one_line(titles.get(str(value), "—"), 200)
    if column == "student_info":
        return "student info" if value else "—"
    if isinstance(value, float):
        return f"{value:g}"
    return one_line("" if value is None else str(value), 200) or "—"


def _header(column: str) -> str:
    return column.replace("_id", "").replace("_", " ")


class StageScreen(AreaScreen):
    AUTO_FOCUS = "DataTable"
    BINDINGS = actions.bindings("stage")
    DEFAULT_CSS = """
    StageScreen #vision { margin: 0 1; padding: 0 1; border: round $panel; height: auto; max-height: 12; }
    StageScreen #row-detail { height: auto; max-height: 3; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, stage: int) -> None:
        super().__init__(name=f"stage{stage}")
        self.stage = stage
        self.number = stage  # the same, typed as never None
        self.kinds = [KINDS[name] for name in STAGE_KINDS[stage]]

    def body(self) -> ComposeResult:
        # A stage with one list gives it the room left, so only the list scrolls: inside a
        # scrolling page it drew a second scroll bar beside the page's at 80x24.
        single = sum(kind.name != "vision" for kind in self.kinds) == 1
        with Vertical(classes="one-table") if single else VerticalScroll():
            yield Static(f"Stage {self.number} · {STAGES[self.number]}", classes="area-title")
            yield Static(GUIDES[self.number], classes="guide")
            for kind in self.kinds:
                if kind.name == "vision":
                    yield Static("Vision — press v to write or revise it", classes="section-title")
                    yield Markdown("", id="vision")
                    continue
                yield Static(PLURAL[kind.name], classes="section-title")
                table: DataTable[Text] = DataTable(
                    id=f"table-{kind.name}", cursor_type="row", zebra_stripes=True
                )
                table.tooltip = f"n new {kind.noun} · enter edit · delete remove"
                yield table
                yield Static("", id=f"empty-{kind.name}", classes="empty-hint")
        yield Static("", id="row-detail")

    def on_mount(self) -> None:
        super().on_mount()
        self._rows: dict[str, list[list[str]]] = {}
        self._drawn_width = self._table_width()
        self._refresh_if_stale()
        tables = self.query(DataTable)
        if tables:
            tables.first().focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "vision":
            return self.stage == 1
        if action == "details":
            return self.stage == 2
        if action == "coverage":
            return self.stage == 4
        return True

    def reload(self) -> None:
        journal = self.ilearn.journal
        cycle_id = self.ilearn.overview().cycle_id
        titles = self._titles(cycle_id)
        for kind in self.kinds:
            if kind.name == "vision":
                vision = vision_for(journal, cycle_id) if cycle_id else None
                text = (vision or {}).get("body") or "*No vision yet — press v to write one.*"
                mission = (vision or {}).get("school_mission", "")
                if mission:
                    text += "\n\n**School mission:** " + " ".join(mission.split())
                self.query_one("#vision", Markdown).update(visible(text))
                continue
            rows = list_records(journal, kind, cycle_id)
            cells = [[_text(row, c, titles) for c in kind.columns] for row in rows]
            self._rows[kind.name] = cells
            self._fill(kind, [str(row["id"]) for row in rows], cells)
            single = sum(k.name != "vision" for k in self.kinds) == 1
            hint = "press n to add one" if single else "tab to this list and press n to add one"
            empty = self.query_one(f"#empty-{kind.name}", Static)
            empty.update("" if rows else f"None yet: {hint}.")
            empty.display = not rows
        self._show_detail()

    def _table_width(self) -> int:
        """Columns a table may use: the terminal less the margins and the scroll bar."""
        return max(40, self.app.size.width - 4)

    def _fill(self, kind: RecordKind, ids: list[str], cells: list[list[str]]) -> None:
        """Lay the table out for the width there is, then fill it, keeping the cursor's row."""
        table = self.query_one(f"#table-{kind.name}", DataTable)
        row_before = table.cursor_row
        headers = [_header(c) for c in kind.columns]
        widths = fit(kind.columns, headers, cells, self._table_width(), kind.title_field)
        table.clear(columns=True)
        for column, width in widths.items():
            table.add_column(_header(column), width=width, key=column)
        for record_id, row in zip(ids, cells, strict=True):
            shown = dict(zip(kind.columns, row, strict=True))
            table.add_row(*[plain(one_line(shown[c], w)) for c, w in widths.items()], key=record_id)
        table.set_class(bool(ids), "-rows")  # an empty list stays a header, its hint under it
        if ids:
            table.move_cursor(row=min(row_before, len(ids) - 1), animate=False)

    def on_resize(self) -> None:
        if self.is_mounted and self._table_width() != getattr(self, "_drawn_width", None):
            self._drawn_width = self._table_width()
            self.reload()

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_detail()

    def on_descendant_focus(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        """The focused table's highlighted row in full, every column named: nothing is only cut."""
        line = self.query_one("#row-detail", Static)
        kind, table = self._focused_kind()
        cells = self._rows.get(kind.name, [])
        if table is None or not cells or not 0 <= table.cursor_row < len(cells):
            line.update("")
            return
        row = dict(zip(kind.columns, cells[table.cursor_row], strict=True))
        title = row.pop(kind.title_field, "")
        rest = " · ".join(f"{_header(c)} {v}" for c, v in row.items() if v != "—")
        line.update(plain(f"{title} — {rest}" if rest else title))

    def _titles(self, cycle_id: str | None) -> dict[str, str]:
        titles: dict[str, str] = {}
        for ref in ("goal", "question", "evidence"):
            kind = KINDS[ref]
            for row in list_records(self.ilearn.journal, kind, cycle_id):
                titles[row["id"]] = str(row[kind.title_field])
        return titles

    def _focused_kind(self) -> tuple[RecordKind, DataTable[str] | None]:
        focused = self.focused
        if isinstance(focused, DataTable) and focused.id and focused.id.startswith("table-"):
            return KINDS[focused.id.removeprefix("table-")], focused
        first = next(k for k in self.kinds if k.name != "vision")
        return first, None

    def action_new(self) -> None:
        kind, _ = self._focused_kind()
        self.open_form(kind, None)

    def action_vision(self) -> None:
        cycle_id = self.ilearn.ensure_cycle()
        record = vision_for(self.ilearn.journal, cycle_id)
        self.open_form(KINDS["vision"], record)

    @on(DataTable.RowSelected)
    def action_edit(self) -> None:
        kind, table = self._focused_kind()
        if table is None or table.row_count == 0:
            return
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        record = get_record(self.ilearn.journal, kind, str(row_key.value))
        if record is not None:
            self.open_form(kind, record)

    def action_coverage(self) -> None:
        from ilearn_tui.tui.screens.coverage import CoverageScreen

        self.app.push_screen(CoverageScreen())

    def action_details(self) -> None:
        from ilearn_tui.tui.screens.goal_detail import GoalDetailScreen

        table = self.query_one("#table-goal", DataTable)
        if table.row_count == 0:
            self.notify("No goals yet: press n on the goals list to add one.")
            return
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        self.app.push_screen(GoalDetailScreen(str(row_key.value)))

    def open_form(self, kind: RecordKind, record: dict[str, Any] | None) -> None:
        from ilearn_tui.tui.screens.record_form import RecordFormScreen

        if kind.name in ("question", "check") and record is None and not self._titles_of("goal"):
            self.notify(
                "Add a goal first (stage 2, Inspire): questions and checks belong to a goal.",
                severity="warning",
            )
            return
        defaults: dict[str, Any] = {}
        goal_id = self._highlighted_goal()  # read before ensure_cycle, whose refresh resets the cursor
        if record is None and goal_id and any(f.name == "goal_id" for f in kind.fields):
            defaults["goal_id"] = goal_id  # the goal under the cursor is the one being worked on
        cycle_id = self.ilearn.ensure_cycle()

        def saved(record_id: str | None) -> None:
            if record_id:
                self.notify(f"{kind.noun.capitalize()} saved.")

        self.app.push_screen(RecordFormScreen(kind, record, cycle_id, defaults), saved)

    def _highlighted_goal(self) -> str | None:
        tables = self.query("#table-goal")
        if not tables:
            return None
        table = tables.first(DataTable)
        if table.row_count == 0:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def _titles_of(self, kind_name: str) -> list[dict[str, Any]]:
        return list_records(self.ilearn.journal, KINDS[kind_name], self.ilearn.overview().cycle_id)

    def action_delete(self) -> None:
        from ilearn_tui.tui.screens.confirm import ConfirmScreen

        kind, table = self._focused_kind()
        if table is None or table.row_count == 0:
            return
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        record_id = str(row_key.value)
        record = get_record(self.ilearn.journal, kind, record_id) or {}
        label = one_line(str(record.get(kind.title_field, "")), 50)

        def answer(yes: bool | None) -> None:
            if yes:
                try:
                    delete_record(self.ilearn.journal, kind, record_id)
                except IlearnError as exc:
                    self.notify(f"Not moved to the trash: {exc}", severity="error")
                    return
                self.ilearn.changed()
                self.notify(f"{kind.noun.capitalize()} moved to the trash. Undo: ctrl+p, “trash: Restore”.")

        self.app.push_screen(
            ConfirmScreen(f"Move the {kind.noun} “{label}” (and what belongs to it) to the trash?", "Delete"),
            answer,
        )

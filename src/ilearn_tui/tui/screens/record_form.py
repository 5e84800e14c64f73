"""A form for any record kind, built from its spec in ``domain.forms``.

Errors appear under the field they belong to; nothing is written until every field is valid.
Evidence, reflections and activities also take the evaluation framework's components when the
journal has one, read by the same rule as the command line's ``--component`` and saved in the
same write as the record.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, SelectionList, Static, TextArea

from ilearn_tui.domain import sessions
from ilearn_tui.domain.forms import KINDS, FieldSpec, RecordKind, clean
from ilearn_tui.domain.frameworks import Framework, split_codes
from ilearn_tui.domain.model import COMPONENT_TABLES
from ilearn_tui.domain.text import default_status, parse_day, plural
from ilearn_tui.errors import IlearnError, UsageError
from ilearn_tui.store import coverage
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.records import choices_for, save_record
from ilearn_tui.textsafe import visible
from ilearn_tui.tui import actions
from ilearn_tui.tui.plain import plain
from ilearn_tui.tui.screens.dialog import Dialog
from ilearn_tui.tui.shell import UsesShell
from ilearn_tui.tui.widgets.tick_box import TickBox, TickList


class RecordFormScreen(UsesShell, Dialog[str | None]):
    """Create (no ``record``) or edit one record; the result is its id, or None if cancelled."""

    AUTO_FOCUS = "Input, TextArea, Select, Checkbox, SelectionList"
    BINDINGS = actions.bindings("form")
    DEFAULT_CSS = """
    RecordFormScreen { align: center middle; }
    RecordFormScreen > Vertical {
        width: 90%; max-width: 100; height: 90%; border: round $primary; background: $surface;
    }
    RecordFormScreen #form-title { padding: 0 1; text-style: bold; }
    RecordFormScreen VerticalScroll { height: 1fr; padding: 0 1; }
    RecordFormScreen Label { margin-top: 1; width: 100%; }  /* a long label wraps, never cut */
    RecordFormScreen TextArea { height: 6; }
    RecordFormScreen TextArea.session-field { height: 5; }
    RecordFormScreen SelectionList { height: 7; }
    RecordFormScreen .field-error { color: $error; height: auto; }
    RecordFormScreen #buttons { height: auto; align-horizontal: right; padding: 0 1; }
    RecordFormScreen #buttons Button { margin-left: 1; }
    """

    def __init__(
        self,
        kind: RecordKind,
        record: dict[str, Any] | None,
        cycle_id: str | None,
        defaults: dict[str, Any] | None = None,
    ) -> None:
        super().__init__()
        self.kind = kind
        self.record = record
        self.cycle_id = cycle_id
        self.defaults = defaults or {}
        self._initial: dict[str, object] = {}
        self._auto_status: str | None = None  # the status chosen from the date, until the user picks
        self._chosen: Framework | None = None  # the rubric the record is tagged with, if any
        self._initial_codes = ""

    @property
    def journal(self) -> Journal:
        return self.ilearn.journal

    @property
    def _takes_questions(self) -> bool:
        return self.kind.name == "goal" and self.record is None

    def _questions(self) -> tuple[list[str], str]:
        """The research questions typed with a new goal, one a line, and what is wrong with one."""
        if not self._takes_questions:
            return [], ""
        typed = self.query_one("#goal-questions", TextArea).text
        texts = [" ".join(line.split()) for line in typed.splitlines() if line.strip()]
        for text in texts:
            problem = clean(KINDS["question"], {"goal_id": "-", "text": text}).errors.get("text")
            if problem:
                return texts, f"“{text[:30]}”: {problem}"
        return texts, ""

    def _components(self) -> tuple[list[str], str]:
        """The codes typed in the Components field, and what is wrong with one of them."""
        if self._chosen is None:
            return [], ""
        typed = split_codes(self.query_one("#form-components", Input).value)
        try:
            return self._chosen.read_codes(typed, option="Components"), ""
        except UsageError as exc:
            return [], str(exc).removeprefix("Components: ")

    def _components_field(self, chosen: Framework) -> ComposeResult:
        if self.record:
            self._initial_codes = ", ".join(
                coverage.codes_of(self.journal, self.kind.name, self.record["id"], chosen)
            )
        example = ", ".join(c.code for c in chosen.components[:2])
        yield Label(f"Components ({chosen.title})")
        yield Input(self._initial_codes, placeholder=f"e.g. {example}", id="form-components")
        yield Static("", id="error-components", classes="field-error")

    def compose(self) -> ComposeResult:
        verb = "Edit" if self.record else "New"
        if self.kind.name in COMPONENT_TABLES:
            self._chosen = coverage.framework(self.journal)
        with Vertical():
            yield Static(f"{verb} {self.kind.noun}", id="form-title")
            with VerticalScroll():
                if self.kind.help:
                    yield Static(self.kind.help, classes="guide")
                for spec in self.kind.fields:
                    # A session's own fields show only while the role says the teacher led it.
                    led = "session-field" if self._session_field(spec.name) else ""
                    if spec.type != "flag":
                        yield Label(spec.label + (" *" if spec.required else ""), classes=led)
                    yield self._widget(spec).set_classes(led)
                    yield Static("", id=f"error-{spec.name}", classes=f"field-error {led}")
                    if self.kind.name == "goal" and spec.name == "target_date":
                        # A gentle check, never a block: the goal saves without them.
                        yield Static("", id="smart-hint", classes="guide")
                    if self._takes_questions and spec.name == self.kind.title_field:
                        # A goal and its research questions are planned together: one form, one save.
                        yield Label("Research questions (one a line)")
                        yield TextArea("", id="goal-questions", soft_wrap=True)
                        yield Static("", id="error-questions", classes="field-error")
                if self._chosen is not None:
                    yield from self._components_field(self._chosen)
            with Horizontal(id="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save (ctrl+s)", id="save", variant="primary")

    def _session_field(self, name: str) -> bool:
        return self.kind.name == "activity" and name in sessions.SESSION_FIELDS

    @on(Select.Changed, "#field-role")
    def _show_session_fields(self) -> None:
        """The session's fields appear when the role is "facilitated", and go when it is not."""
        roles = self.query("#field-role")
        led = bool(roles) and roles.first(Select).value == sessions.LED
        for widget in self.query(".session-field"):
            widget.display = led

    def _value(self, spec: FieldSpec) -> Any:
        if self.record is not None:
            return self.record.get(spec.name)
        if spec.name in self.defaults:
            return self.defaults[spec.name]
        if self.kind.name == "activity" and spec.name == "status":
            self._auto_status = self._status_for(self.defaults.get("date"))
            return self._auto_status
        if spec.type == "choice" and spec.required:
            return spec.choices[0]
        if spec.type == "date" and spec.required:
            return date.today().isoformat()
        return None

    def _widget(self, spec: FieldSpec) -> Widget:
        value = self._value(spec)
        wid = f"field-{spec.name}"
        if spec.type == "long":
            return TextArea(visible(str(value or "")), id=wid, soft_wrap=True)
        if spec.type == "lines":
            return TextArea(visible("\n".join(value or [])), id=wid, soft_wrap=True)
        if spec.type == "choice":
            return Select(
                [(c, c) for c in spec.choices],
                value=value if value in spec.choices else Select.NULL,
                id=wid,
                # An optional choice left blank reads as the ref fields' do, not as "Select".
                prompt="(none)",
                allow_blank=not spec.required,
            )
        if spec.type == "flag":
            return TickBox(spec.label, bool(value), id=wid)
        if spec.type == "ref":
            options = choices_for(self.journal, spec.ref_kind, self.cycle_id)
            ids = {i for _, i in options}
            if value is None and spec.required and len(options) == 1:
                value = options[0][1]  # the only goal is the one a new question belongs to
            return Select(
                [(plain(label), i) for label, i in options],
                value=value if value in ids else Select.NULL,
                id=wid,
                prompt="(none)",
                allow_blank=True,
            )
        if spec.type == "refs":
            chosen = set(value or [])
            options = choices_for(self.journal, spec.ref_kind, self.cycle_id)
            return TickList(*[(plain(label), i, i in chosen) for label, i in options], id=wid)
        placeholder = {"date": "YYYY-MM-DD", "number": "0", "rating": "1 to 5"}.get(spec.type, "")
        shown = "" if value is None else (f"{value:g}" if isinstance(value, float) else str(value))
        # Focus selects the text, as in every field of the app: typing replaces a prefilled
        # date instead of adding to it. A word typed over a date by one shift+tab too many is
        # no longer a date, so it is named under the field and nothing is saved.
        return Input(visible(shown), placeholder=placeholder, id=wid)

    @on(Input.Changed)
    @on(Select.Changed)
    @on(TextArea.Changed)
    @on(Checkbox.Changed)
    def _recheck(self, event: Input.Changed | Select.Changed | TextArea.Changed | Checkbox.Changed) -> None:
        """An error shown under a field goes as soon as the field is put right."""
        widget = event.control
        name = (widget.id or "").removeprefix("field-") if widget is not None else ""
        name = {"goal-questions": "questions", "form-components": "components"}.get(name, name)
        shown = self.query(f"#error-{name}")
        if not name or not shown or not str(shown.first(Static).render()):
            return
        problem: str | None
        if name == "questions":
            problem = self._questions()[1]
        elif name == "components":
            problem = self._components()[1]
        else:
            problem = clean(self.kind, self._raw()).errors.get(name)
        shown.first(Static).update(f"⚠ {problem}" if problem else "")

    @staticmethod
    def _status_for(day: object) -> str | None:
        """The status a new activity on ``day`` starts with (today when no date is typed yet)."""
        try:
            return default_status(parse_day(str(day))) if day else default_status(date.today().isoformat())
        except ValueError:
            return None

    @on(Input.Changed, "#field-date")
    def _date_changed(self, event: Input.Changed) -> None:
        """A new activity's status follows its date for as long as the teacher has not chosen one."""
        if self._auto_status is None or self.record is not None:
            return
        status = self.query_one("#field-status", Select)
        if status.value != self._auto_status:
            self._auto_status = None  # chosen by hand: leave it alone
            return
        wanted = self._status_for(event.value)
        if wanted is not None:
            status.value = wanted
            self._auto_status = wanted

    @on(Input.Changed, "#field-measure")
    @on(Input.Changed, "#field-target_date")
    def _smart_hint(self) -> None:
        """Under a goal's date: whether it still lacks a measure or a date, as it is typed."""
        from ilearn_tui.domain.smart import gap_hint

        shown = self.query("#smart-hint")
        if not shown:
            return
        measure = self.query_one("#field-measure", Input).value
        by = self.query_one("#field-target_date", Input).value
        hint = gap_hint(measure, by)
        shown.first(Static).update(f"Hint: {hint[0].upper()}{hint[1:]}." if hint else "")

    def on_mount(self) -> None:
        self._smart_hint()
        self._show_session_fields()
        self._initial = self._raw()
        # AUTO_FOCUS gave the first field focus as the form was composed (a later ``focus()``
        # would come round after keys already typed into it, and take focus back from a Tab).
        # That focus scrolled before the layout was known, hiding the first field's label: the
        # form opens at its top.
        self.call_after_refresh(self.query_one(VerticalScroll).scroll_home, animate=False)

    def _raw(self) -> dict[str, object]:
        raw: dict[str, object] = {}
        for spec in self.kind.fields:
            widget = self.query_one(f"#field-{spec.name}")
            if isinstance(widget, TextArea):
                raw[spec.name] = widget.text
            elif isinstance(widget, Select):
                raw[spec.name] = None if widget.value is Select.NULL else widget.value
            elif isinstance(widget, Checkbox):
                raw[spec.name] = widget.value
            elif isinstance(widget, SelectionList):
                raw[spec.name] = list(widget.selected)
            elif isinstance(widget, Input):
                raw[spec.name] = widget.value
        if self.kind.name == "activity" and raw.get("role") != sessions.LED:
            # Hidden while the role is not "facilitated": what is not shown is not kept.
            raw.update(dict.fromkeys(sessions.SESSION_FIELDS, ""))
        return raw

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        raw = self._raw()
        result = clean(self.kind, raw)
        for spec in self.kind.fields:
            self.query_one(f"#error-{spec.name}", Static).update(
                f"⚠ {result.errors[spec.name]}" if spec.name in result.errors else ""
            )
        questions, problem = self._questions()
        if self._takes_questions:
            self.query_one("#error-questions", Static).update(f"⚠ {problem}" if problem else "")
        if problem:
            result.errors["questions"] = problem
        codes, wrong_code = self._components()
        if self._chosen is not None:
            self.query_one("#error-components", Static).update(f"⚠ {wrong_code}" if wrong_code else "")
        if wrong_code:
            result.errors["components"] = wrong_code
        if result.errors:
            first = next(iter(result.errors))
            extra = {"questions": "#goal-questions", "components": "#form-components"}
            self.query_one(extra.get(first, f"#field-{first}")).focus()
            # A long error (the codes a framework accepts) wraps: scroll it all into view too.
            said = self.query_one(f"#error-{first}")
            self.call_after_refresh(said.scroll_visible, animate=False)
            wrong = plural(len(result.errors), "field")
            self.notify(f"{wrong} to put right; nothing was saved yet.", severity="warning")
            return
        try:
            with self.journal.write():  # the record and its components: both saved, or neither
                record_id = self._write(result.values, result.links, questions)
                if self._chosen is not None:
                    coverage.retag(self.journal, self.kind.name, record_id, self._chosen, codes)
        except (IlearnError, ValueError) as exc:
            self.notify(f"Not saved: {exc}", severity="error")
            return
        self.ilearn.changed()
        self.dismiss(record_id)

    def _write(self, values: dict[str, object], links: dict[str, list[str]], questions: list[str]) -> str:
        url = values.get("url")
        if self.kind.name == "evidence" and self.record is None and url and not str(url).startswith("http"):
            from ilearn_tui.settings import load_settings
            from ilearn_tui.store.evidence import add_evidence

            limit = load_settings(self.journal.locations).evidence_max_bytes
            record_id = add_evidence(self.journal, str(url), title=str(values["title"]), max_bytes=limit)
            values = {k: v for k, v in values.items() if k != "url"}
            return save_record(self.journal, self.kind, values, links, record_id=record_id)
        if self.kind.name == "evidence" and url and not str(url).startswith("http"):
            raise ValueError("a file can only be attached when the evidence is new")
        return save_record(
            self.journal,
            self.kind,
            values,
            links,
            record_id=self.record["id"] if self.record else None,
            cycle_id=self.cycle_id,
            questions=questions,
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        typed_codes = self.query_one("#form-components", Input).value if self._chosen else ""
        if self._raw() == self._initial and not self._questions()[0] and typed_codes == self._initial_codes:
            self.dismiss(None)
            return
        from ilearn_tui.tui.screens.confirm import ConfirmScreen

        def answer(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen("Discard the changes in this form?", "Discard", "Keep editing"), answer
        )

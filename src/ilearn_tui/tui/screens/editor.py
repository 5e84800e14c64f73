"""The reflection editor: Markdown on the left, the rendered page on the right.

Typing marks the text dirty; a timer keeps a draft in the journal every few seconds, so a
crash or a closed terminal loses at most those seconds. Saving removes the draft. When the
journal has an evaluation framework, a Components field tags the reflection, read by the
same rule as ``--component`` and saved in the same write.
"""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Input, Markdown, Select, Static, TextArea

from ilearn_tui.domain.frameworks import Framework, split_codes
from ilearn_tui.domain.prompts import PROMPTS
from ilearn_tui.domain.text import parse_day, plural, split_tags
from ilearn_tui.domain.vocab import STAGES
from ilearn_tui.errors import IlearnError, NotFoundError, UsageError
from ilearn_tui.store import coverage
from ilearn_tui.store.drafts import discard_draft, save_draft
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.reflections import add_reflection, get_reflection, links_of, update_reflection
from ilearn_tui.textsafe import visible
from ilearn_tui.tui import actions
from ilearn_tui.tui.plain import plain, unedited
from ilearn_tui.tui.screens.base import show_error
from ilearn_tui.tui.shell import UsesShell
from ilearn_tui.tui.widgets.key_bar import KeyBar
from ilearn_tui.tui.widgets.stage_bar import StageBar

AUTOSAVE_SECONDS = 3.0


class EditorScreen(UsesShell, Screen[None]):
    AUTO_FOCUS = "#body"
    BINDINGS = actions.bindings("editor")
    DEFAULT_CSS = """
    EditorScreen #meta { height: 3; padding: 0 1; }
    EditorScreen #title { width: 3fr; }
    EditorScreen #date { width: 16; padding: 0 1; }
    EditorScreen #stage { width: 22; }
    EditorScreen #tags { width: 2fr; }
    EditorScreen #components { width: 2fr; }
    EditorScreen #panes { height: 1fr; }
    EditorScreen #body { width: 1fr; }
    EditorScreen #preview-box { width: 1fr; border-left: solid $panel; }
    EditorScreen #preview { padding: 0 1; }
    EditorScreen #editor-status { height: 1; padding: 0 1; color: $text-muted; }
    EditorScreen #editor-error { padding: 0 1; }
    """

    def __init__(
        self,
        reflection_id: str | None = None,
        *,
        draft_body: str | None = None,
        draft_id: str | None = None,
        stage: int | None = None,
    ) -> None:
        super().__init__()
        # A new reflection written from a stage belongs to that stage until the teacher says not.
        self._new_stage = stage
        self.reflection_id = reflection_id
        self.draft_id = draft_id or f"reflection:{reflection_id or 'new'}"
        self._draft_body = draft_body
        self._saved_text = ""
        self.links: dict[str, list[str]] = {}
        # The stored title, tags and body as they are: the fields show them with control
        # characters drawn as symbols, and saving must not write those symbols back.
        self._stored = {"title": "", "tags": "", "body": ""}
        self._chosen: Framework | None = None  # the rubric the reflection is tagged with, if any

    @property
    def journal(self) -> Journal:
        return self.ilearn.journal

    def compose(self) -> ComposeResult:
        yield StageBar()
        with Horizontal(id="meta"):
            # The date's box holds all ten characters and the cursor, so it never scrolls to
            # show "026-12-01"; focus selects a field's text, as in every form, so typing replaces it.
            yield Input(placeholder="title", id="title")
            yield Input(placeholder="YYYY-MM-DD", id="date")
            yield Select([(f"{n} {name}", n) for n, name in STAGES.items()], prompt="no stage", id="stage")
            yield Input(placeholder="tags", id="tags")
            self._chosen = coverage.framework(self.journal)
            if self._chosen is not None:
                example = ", ".join(c.code for c in self._chosen.components[:2])
                yield Input(placeholder=f"components: {example}", id="components")
        yield Static("", id="editor-error", classes="error-line")
        with Horizontal(id="panes"):
            yield TextArea(id="body", soft_wrap=True, show_line_numbers=False)
            with Vertical(id="preview-box"):
                yield Markdown("", id="preview")
        yield Static("", id="editor-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.ilearn.open_editors.append(self)
        today = date.today().isoformat()
        self.query_one("#date", Input).value = today
        if self.reflection_id is None and self._new_stage in STAGES:
            self.query_one("#stage", Select).value = self._new_stage
        if self.reflection_id is not None:
            reflection = get_reflection(self.journal, self.reflection_id)
            if reflection is not None:
                self._stored = {
                    "title": reflection.title,
                    "tags": " ".join(reflection.tags),
                    "body": reflection.body,
                }
                self.query_one("#title", Input).value = visible(reflection.title)
                self.query_one("#date", Input).value = reflection.date
                self.query_one("#tags", Input).value = visible(self._stored["tags"])
                if reflection.stage:
                    self.query_one("#stage", Select).value = reflection.stage
                self.query_one("#body", TextArea).text = visible(reflection.body)
                self.links = links_of(self.journal, self.reflection_id)
                if self._chosen is not None:
                    codes = coverage.codes_of(self.journal, "reflection", self.reflection_id, self._chosen)
                    self.query_one("#components", Input).value = ", ".join(codes)
        self._saved_text = self._snapshot()
        if self._draft_body is not None:
            self.query_one("#body", TextArea).text = visible(self._draft_body)
        self.query_one("#body", TextArea).focus()
        self._render_preview()
        self.set_interval(AUTOSAVE_SECONDS, self._autosave)
        keys = ["editor.save", "editor.leave", "editor.prompt", "editor.links"]
        self._status(actions.reminder(keys, self.ilearn.keymap))

    def on_unmount(self) -> None:
        if self in self.ilearn.open_editors:
            self.ilearn.open_editors.remove(self)

    def _snapshot(self) -> str:
        parts = [field.value for field in self.query("#meta Input").results(Input)]
        stage = self.query_one("#stage", Select).value
        return "\x00".join([*parts, str(stage), self.query_one("#body", TextArea).text])

    @property
    def dirty(self) -> bool:
        return self._snapshot() != self._saved_text

    def _status(self, text: str) -> None:
        self.query_one("#editor-status", Static).update(plain(text))

    @on(TextArea.Changed, "#body")
    def _changed(self) -> None:
        self._render_preview()

    def _render_preview(self) -> None:
        text = self.query_one("#body", TextArea).text
        self.query_one("#preview", Markdown).update(
            visible(text) or "*The preview of your reflection appears here.*"
        )

    def _autosave(self) -> None:
        self.keep_draft()

    def keep_draft(self) -> None:
        """Save unsaved text as a draft (called by the timer, on signals and on errors)."""
        if not self.is_mounted or not self.dirty:
            return
        body = self.query_one("#body", TextArea).text
        if not body.strip():
            return
        try:
            save_draft(
                self.journal,
                self.draft_id,
                self.reflection_id or "",
                self.query_one("#title", Input).value,
                body,
            )
        except IlearnError as exc:
            self._status(f"Draft not kept: {exc}")

    def action_prompt(self) -> None:
        """Insert the stage's prompt once, and put the cursor on its first answer line.

        Pressed again, it only moves the cursor there; an untouched prompt of another stage
        (chosen before the stage was) is replaced rather than followed by a second one.
        """
        stage = self.query_one("#stage", Select).value
        prompt = PROMPTS[stage if isinstance(stage, int) else None]
        body = self.query_one("#body", TextArea)
        if prompt not in body.text:
            if body.text.strip() in {p.strip() for p in PROMPTS.values()}:
                body.text = prompt
            else:
                body.insert(prompt)
        start = body.text.index(prompt)
        row = body.text.count("\n", 0, start) + 1  # the blank line under the first heading
        body.cursor_location = (row, 0)
        body.focus()

    def action_links(self) -> None:
        from ilearn_tui.tui.screens.links import LinksScreen

        def chosen(links: dict[str, list[str]] | None) -> None:
            if links is not None:
                self.links = links
                total = sum(len(v) for v in links.values())
                self._status(f"{plural(total, 'link')} set; ctrl+s to save")
                self._saved_text += "\x01"  # links changed: the editor is now dirty

        self.app.push_screen(LinksScreen(self.links), chosen)

    def action_save(self) -> None:
        error = self.query_one("#editor-error", Static)
        body = unedited(self._stored["body"], self.query_one("#body", TextArea).text)
        day_text = self.query_one("#date", Input).value.strip()
        try:
            day = parse_day(day_text) if day_text else date.today().isoformat()
        except ValueError as exc:
            show_error(error, f"Date: {exc}. Nothing was saved yet.")
            self.query_one("#date", Input).focus()
            return
        try:
            tags = split_tags(unedited(self._stored["tags"], self.query_one("#tags", Input).value))
        except ValueError as exc:
            show_error(error, f"Tags: {exc}. Nothing was saved yet.")
            self.query_one("#tags", Input).focus()
            return
        codes: list[str] = []
        if self._chosen is not None:
            field = self.query_one("#components", Input)
            try:
                codes = self._chosen.read_codes(split_codes(field.value), option="Components")
            except UsageError as exc:
                show_error(error, f"{exc}. Nothing was saved yet.")
                field.focus()
                return
        stage_value = self.query_one("#stage", Select).value
        stage = stage_value if isinstance(stage_value, int) else None
        title = unedited(self._stored["title"], self.query_one("#title", Input).value)
        try:
            with self.journal.write():  # the reflection and its components: both saved, or neither
                saved_id = self.reflection_id
                if saved_id is None:
                    saved_id = add_reflection(
                        self.journal, body, title=title, tags=tags, day=day, stage=stage, links=self.links
                    )
                else:
                    update_reflection(
                        self.journal,
                        saved_id,
                        body=body,
                        title=title,
                        tags=tags,
                        stage=stage,
                        day=day,
                        links=self.links,
                    )
                if self._chosen is not None:
                    coverage.retag(self.journal, "reflection", saved_id, self._chosen, codes)
            self.reflection_id = saved_id
        except NotFoundError as exc:
            self._gone(str(exc))
            return
        except IlearnError as exc:
            show_error(error, f"{exc}. Nothing was lost: your text is still here.")
            return
        show_error(error, "")
        self._stored = {"title": title, "tags": " ".join(tags), "body": body}
        discard_draft(self.journal, self.draft_id)
        self._saved_text = self._snapshot()
        self.ilearn.changed()
        self.notify("Reflection saved.")
        self._status("Saved. escape to go back.")

    def _gone(self, why: str) -> None:
        """The reflection went away elsewhere: keep the text as a draft, offer a new entry."""
        self.reflection_id = None
        self.links = {}
        self.keep_draft()
        show_error(
            self.query_one("#editor-error", Static),
            f"Not saved: {why}. Your text is kept as a draft; ctrl+s saves it as a new entry.",
        )
        self.notify("Not saved: the reflection is gone. Your text is kept as a draft.", severity="error")

    def action_leave(self) -> None:
        if not self.dirty:
            discard_draft(self.journal, self.draft_id)
            self.dismiss()
            return
        from ilearn_tui.tui.screens.confirm import ConfirmScreen

        def answer(discard: bool | None) -> None:
            if discard:
                discard_draft(self.journal, self.draft_id)
                self.dismiss()

        self.app.push_screen(
            ConfirmScreen("You have unsaved changes. Leave and discard them?", "Discard", "Keep editing"),
            answer,
        )

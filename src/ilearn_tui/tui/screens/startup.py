"""What a start may open: the welcome on a new journal, unsaved writing offered back.

``tui.first_run`` decides whether one is needed, and imports this module only then.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from ilearn_tui.errors import IlearnError
from ilearn_tui.store.drafts import Draft, discard_draft
from ilearn_tui.textsafe import one_line
from ilearn_tui.tui import actions
from ilearn_tui.tui.plain import plain
from ilearn_tui.tui.screens.base import AreaScreen
from ilearn_tui.tui.screens.dialog import Dialog
from ilearn_tui.tui.shell import UsesShell

WELCOME = (
    "ilearn follows your professional learning through five stages: Imagine a vision for your "
    "students, Inspire a plan, Illuminate it with support, Innovate in class, Infiltrate (share) "
    "what you learnt. It all stays in one private file on this computer.\n"
    "Who are you? (tab moves, enter continues, escape skips)"
)
# Not "? lists every key" here: in the name field, "?" types a question mark. The key bar below
# shows this dialog's keys, and "?" lists every key once the welcome is done.


class OnboardingScreen(AreaScreen):
    """The first screen of a new journal, with the stage bar and keys of every area around it.

    A screen of its own, not a dialog over the dashboard: the dashboard is built once the
    welcome closes, so the first start draws one screen, with nothing dimmed behind it.
    """

    AUTO_FOCUS = "#name"
    BINDINGS = actions.bindings("dialog", "onboarding.")
    DEFAULT_CSS = """
    OnboardingScreen { align: center middle; }
    OnboardingScreen > Vertical {
        width: 90%; max-width: 84; height: auto; max-height: 100%; border: round $accent;
        background: $surface; padding: 0 1;
    }
    OnboardingScreen .onboard-row { height: 3; }
    OnboardingScreen .onboard-row Label { width: 12; padding: 1 0 0 0; }
    OnboardingScreen .onboard-row Input { width: 1fr; }
    OnboardingScreen #welcome { height: auto; }
    OnboardingScreen #onboard-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    OnboardingScreen #onboard-buttons Button { margin-left: 1; }
    """

    def body(self) -> ComposeResult:
        with Vertical():
            yield Static("Welcome to ilearn", classes="area-title")
            yield Static(WELCOME, id="welcome")
            for key, label, hint in (
                ("name", "Your name", "e.g. Sam Rivera"),
                ("role", "Your role", "e.g. Grade 7 science teacher, librarian, coach"),
                ("school", "School", "optional"),
            ):
                with Horizontal(classes="onboard-row"):
                    yield Label(label)
                    yield Input(placeholder=hint, id=key)
            with Horizontal(id="onboard-buttons"):
                yield Button("Skip", id="skip")
                yield Button("Start with Imagine", id="start", variant="primary")

    def on_mount(self) -> None:
        super().on_mount()
        # What 'ilearn profile' already set is shown, so onboarding never asks it blank again.
        for key in ("name", "role", "school"):
            meta = f"teacher_{key}" if key != "school" else "school"
            self.query_one(f"#{key}", Input).value = self.ilearn.journal.get_meta(meta)
        self.query_one("#name", Input).focus()

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        if event.input.id == "school":
            self._start()
        else:
            self.focus_next()

    @on(Button.Pressed, "#start")
    def _start(self) -> None:
        app = self.ilearn
        try:
            for key in ("name", "role", "school"):
                value = " ".join(self.query_one(f"#{key}", Input).value.split())[:120]
                if value:
                    app.journal.set_meta(f"teacher_{key}" if key != "school" else "school", value)
            app.journal.set_meta("onboarded", "yes")
            app.ensure_cycle()
        except IlearnError as exc:
            # The dialog stays, with what was typed, so the teacher can try again.
            self.notify(f"Not saved: {exc}", severity="error")
            return
        self._leave("stage1")

    @on(Button.Pressed, "#skip")
    def action_skip(self) -> None:
        try:
            self.ilearn.journal.set_meta("onboarded", "skipped")
        except IlearnError as exc:
            # Nothing is lost: the welcome questions simply come back next time.
            self.notify(f"Could not note the skip: {exc}", severity="warning")
        self._leave("dashboard")

    def _leave(self, area: str) -> None:
        """On to ``area``; the welcome's screen goes, as nothing comes back to it."""
        app = self.ilearn
        app.switch_mode(area)
        app.remove_mode("welcome")


class DraftsScreen(UsesShell, Dialog[None]):
    """Unsaved text from last time: open it again, or let it go."""

    AUTO_FOCUS = "#open"
    BINDINGS = actions.bindings("dialog", "drafts.")
    DEFAULT_CSS = """
    DraftsScreen { align: center middle; }
    DraftsScreen > Vertical {
        width: 90%; max-width: 84; height: auto; border: round $warning; background: $surface; padding: 0 1;
    }
    DraftsScreen #draft-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    DraftsScreen #draft-buttons Button { margin-left: 1; }
    """

    def __init__(self, drafts: list[Draft]) -> None:
        super().__init__()
        self.drafts = drafts

    def compose(self) -> ComposeResult:
        draft = self.drafts[0]
        more = f" (and {len(self.drafts) - 1} more)" if len(self.drafts) > 1 else ""
        with Vertical():
            yield Static("Unsaved writing found", classes="area-title")
            yield Static(
                plain(
                    f"ilearn closed before this was saved{more}:\n\n"
                    f"  “{one_line(draft.title or draft.body, 70)}”\n  last kept {draft.updated_at[:16]}Z"
                )
            )
            with Horizontal(id="draft-buttons"):
                yield Button("Discard", id="discard")
                yield Button("Later", id="later")
                yield Button("Open it", id="open", variant="primary")

    @on(Button.Pressed, "#open")
    def _open(self) -> None:
        from ilearn_tui.tui.screens.editor import EditorScreen

        draft = self.drafts[0]
        self.dismiss()
        self.app.push_screen(EditorScreen(draft.target or None, draft_body=draft.body, draft_id=draft.id))

    @on(Button.Pressed, "#later")
    def _later(self) -> None:
        self.dismiss()

    @on(Button.Pressed, "#discard")
    def _discard(self) -> None:
        discard_draft(self.ilearn.journal, self.drafts[0].id)
        self.dismiss()

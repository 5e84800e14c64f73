"""Choose the licence-renewal requirement the dashboard measures against."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from ilearn_tui.domain.renewal import PRESETS, from_config
from ilearn_tui.domain.text import parse_day, topic_key
from ilearn_tui.settings import save_settings
from ilearn_tui.tui import actions
from ilearn_tui.tui.screens.base import show_error
from ilearn_tui.tui.screens.dialog import Dialog
from ilearn_tui.tui.shell import UsesShell


def preset_about(key: str) -> str:
    """Where a preset comes from and what to confirm, under the list, so a choice is informed."""
    rule = PRESETS.get(key)
    if rule is None:
        return "Your own rule: fill in the fields below."
    lines = [f"{rule.summary()}. Source: {rule.source} (checked {rule.checked_on})."]
    if rule.confirm:
        lines.append(f"To confirm: {rule.confirm}.")
    return "\n".join(lines)


class RenewalScreen(UsesShell, Dialog[bool]):
    AUTO_FOCUS = "#preset"
    BINDINGS = actions.bindings("renewal")
    DEFAULT_CSS = """
    RenewalScreen { align: center middle; }
    RenewalScreen > Vertical {
        width: 90%; max-width: 90; height: 90%; border: round $primary; background: $surface;
    }
    RenewalScreen VerticalScroll { padding: 0 1; }
    RenewalScreen Label { margin-top: 1; }
    RenewalScreen #renewal-buttons { height: auto; align-horizontal: right; padding: 0 1; }
    RenewalScreen #renewal-buttons Button { margin-left: 1; }
    """

    def compose(self) -> ComposeResult:
        current: dict[str, Any] = dict(self.ilearn.settings.renewal)
        options = [
            (f"{r.key} — {r.asks()}", r.key) for r in PRESETS.values()
        ]
        options.append(("Custom — my own rule", "custom"))
        with Vertical():
            yield Static("Licence renewal requirement", classes="area-title")
            with VerticalScroll():
                yield Static(
                    "Rules change: check the source each preset names (shown by ilearn renewal presets).",
                    classes="guide",
                )
                yield Label("Requirement")
                chosen = str(current.get("preset", "MA"))
                yield Select(options, value=chosen, allow_blank=False, id="preset")
                yield Static(preset_about(chosen), id="preset-about", classes="guide")
                yield Label("Start of the current licence period (YYYY-MM-DD)")
                yield Input(str(current.get("start", "")), placeholder="e.g. 2024-07-01", id="start")
                yield Static("For a custom rule:", classes="section-title")
                yield Label("Units (hours, PDPs, points…)")
                yield Input(str(current.get("units", "hours")), id="units")
                yield Label("Amount required")
                yield Input(str(current.get("amount", "")), id="amount")
                yield Label("Years in the period")
                yield Input(str(current.get("years", "")), id="years")
                yield Label("Minimums per topic, e.g. “ell=15, math=10”")
                minimums = current.get("minimums", {}) or {}
                yield Input(", ".join(f"{k}={v:g}" for k, v in dict(minimums).items()), id="minimums")
                yield Static("", id="renewal-error", classes="error-line")
            with Horizontal(id="renewal-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save (ctrl+s)", id="save", variant="primary")

    @on(Select.Changed, "#preset")
    def _preset_changed(self, event: Select.Changed) -> None:
        self.query_one("#preset-about", Static).update(preset_about(str(event.value)))

    def on_mount(self) -> None:
        # Focus given as the dialog was composed scrolled before the layout was known, hiding
        # the explanation above the first field: the dialog opens at its top.
        self.call_after_refresh(self.query_one(VerticalScroll).scroll_home, animate=False)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        error = self.query_one("#renewal-error", Static)
        preset = str(self.query_one("#preset", Select).value)
        config: dict[str, Any] = {"preset": preset, "start": self.query_one("#start", Input).value.strip()}
        try:
            config["start"] = parse_day(config["start"])
            if preset == "custom":
                minimums = {}
                for part in filter(
                    None, (p.strip() for p in self.query_one("#minimums", Input).value.split(","))
                ):
                    topic, _, number = part.partition("=")
                    minimums[topic_key(topic)] = float(number)
                config.update(
                    units=self.query_one("#units", Input).value.strip() or "hours",
                    amount=float(self.query_one("#amount", Input).value),
                    years=int(self.query_one("#years", Input).value),
                    minimums=minimums,
                )
            from_config(config)
        except ValueError as exc:
            show_error(error, f"Not saved: {exc}")
            return
        settings = self.ilearn.settings
        settings.renewal = config
        try:
            save_settings(self.ilearn.locations, settings)
        except OSError as exc:
            show_error(error, f"Not saved: {exc.strerror}")
            return
        self.ilearn.changed()
        self.dismiss(True)

"""The bottom line of keys: every shown binding that works where focus is, clickable.

Textual's Footer builds a widget per key; this draws the same information as one line of
text, which keeps the first frame quick. Each key is a link that presses the key. While a
text field has focus, keys that would type there (``/``, ``n``) are left out: the actions
table says which actions still fire.
"""

from __future__ import annotations

import contextlib

from textual.dom import NoScreen
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Static

from ilearn_tui.tui.actions import BY_ID
from ilearn_tui.tui.typed_keys import takes_text


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; background: $panel; color: $foreground; padding: 0 1; }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._draw()

    def on_unmount(self) -> None:
        with contextlib.suppress(NoScreen):
            self.screen.bindings_updated_signal.unsubscribe(self)

    _draw_pending = False

    def _bindings_changed(self, screen: Screen[object]) -> None:
        # Bindings change several times as a screen opens (mount, focus, resume); one draw
        # after the refresh shows where they ended, so later changes join the pending one.
        if self.is_attached and screen is self.screen and not self._draw_pending:
            self._draw_pending = True
            self.call_after_refresh(self._draw)

    def _draw(self) -> None:
        self._draw_pending = False
        if not self.is_attached or not self.is_mounted:
            return  # the screen was closed before this redraw came round
        parts: list[str] = []
        seen: set[str] = set()
        typing = self._typing()
        for _, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            action = BY_ID.get(binding.id or "")
            if typing and action is not None and not action.fires_in_text_field(binding.key):
                continue
            seen.add(binding.action)
            key = escape(self.app.get_key_display(binding))
            label = escape(binding.description)
            style = "bold $accent" if enabled else "dim"
            parts.append(f"[@click=app.simulate_key({binding.key!r})][{style}]{key}[/] {label}[/]")
        if self.app.ENABLE_COMMAND_PALETTE:
            parts.append("[@click=app.command_palette][bold $accent]^p[/] palette[/]")
        self.update("  ".join(parts))

    def _typing(self) -> bool:
        """Whether the focused widget takes typed letters as text."""
        return takes_text(self.screen.focused)

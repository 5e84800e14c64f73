"""The bottom line of keys: every shown binding of the screen, clickable, in one widget.

Textual's Footer builds a widget per key; this draws the same information as one line of
text, which keeps the first frame quick. Each key is a link that presses the key.
"""

from __future__ import annotations

import contextlib

from textual.dom import NoScreen
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Static


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

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._draw)

    def _draw(self) -> None:
        if not self.is_attached or not self.is_mounted:
            return  # the screen was closed before this redraw came round
        parts: list[str] = []
        seen: set[str] = set()
        for _, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            key = escape(self.app.get_key_display(binding))
            label = escape(binding.description)
            style = "bold $accent" if enabled else "dim"
            parts.append(f"[@click=app.simulate_key({binding.key!r})][{style}]{key}[/] {label}[/]")
        if self.app.ENABLE_COMMAND_PALETTE:
            parts.append("[@click=app.command_palette][bold $accent]^p[/] palette[/]")
        self.update("  ".join(parts))

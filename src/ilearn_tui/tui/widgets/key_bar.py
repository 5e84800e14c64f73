"""The bottom line of keys: every shown binding that works where focus is, clickable.

Textual's Footer builds a widget per key; this draws the same information as one line of
text, which keeps the first frame quick. Each key is a link that presses the key. Every screen
has one, dialogs included (``screens.dialog``): a dialog's bar lists the dialog's keys, not the
global keys of the screen behind it, which do not fire there. What it offers is
``actions.key_bar``'s rule.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from textual.binding import Binding
from textual.dom import NoScreen
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Static

from ilearn_tui.tui.actions import key_bar
from ilearn_tui.tui.typed_keys import takes_text


def live_bindings(screen: Screen[object]) -> list[tuple[Binding, bool]]:
    """Every binding a key press on ``screen`` would run, and whether it is enabled now.

    Textual looks a key up from the focused widget to the screen, and past it to the app only
    when the screen is no dialog; priority bindings above a dialog (quit, the palette) fire from
    anywhere, so they are live there too.
    """
    live = [(active.binding, active.enabled) for active in screen.active_bindings.values()]
    if screen.is_modal:
        app = screen.app
        keys = {binding.key for binding, _ in live}
        # Private, but it is the chain Textual runs priority bindings from (``App._check_bindings``).
        chain = screen._binding_chain
        for namespace, bindings in chain[len(screen._modal_binding_chain) :]:
            for key, binding in bindings:
                state = app._check_action_state(binding.action, namespace)
                if binding.priority and key not in keys and state is not False:
                    live.append((binding, bool(state)))
                    keys.add(key)
    return live


PALETTE = "^p palette"
_ESSENTIAL = {"help", "quit"}


def fitted(
    offered: list[tuple[Binding, bool]], width: Callable[[Binding], int], room: int, mode: str
) -> list[tuple[Binding, bool]]:
    """What of ``offered`` fits in ``room`` columns, in its order.

    At 80 columns the area screens offer more than one line holds, and a cut line hides its
    last keys (the search, the export) without a sign. So keys are left out instead, least
    needed first: the key of the area already shown, then the other areas' keys (the top line
    and help name them), then from the end; help and quit always stay, and the palette beside
    them reaches everything left out.
    """
    shown = list(offered)

    def total() -> int:
        return sum(width(b) for b, _ in shown) + 2 * max(len(shown) - 1, 0)

    def area(binding: Binding) -> bool:
        return binding.action.startswith("area(") and binding.id != "area.search"

    order = [b for b, _ in shown if b.action == f"area({mode!r})"]
    order += [b for b, _ in reversed(shown) if area(b) and b not in order]
    order += [b for b, _ in reversed(shown) if b.id not in _ESSENTIAL and b not in order]
    for binding in order:
        if total() <= room:
            break
        shown = [(b, e) for b, e in shown if b is not binding]
    return shown


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; background: $panel; color: $foreground; padding: 0 1; }
    """

    # What the bar shows now, in order: (binding, enabled). Tests read it to press what it offers.
    shown: list[tuple[Binding, bool]]

    def on_mount(self) -> None:
        self.shown = []
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
        palette = self.app.ENABLE_COMMAND_PALETTE
        room = (self.size.width or self.app.size.width) - 2  # its padding
        room -= len(PALETTE) + 2 if palette else 0
        offered = key_bar(live_bindings(self.screen), self._typing())
        self.shown = fitted(offered, self._width, room, self.app.current_mode)
        parts: list[str] = []
        for binding, enabled in self.shown:
            key = escape(self.app.get_key_display(binding))
            label = escape(binding.description)
            style = "bold $accent" if enabled else "dim"
            parts.append(f"[@click=app.simulate_key({binding.key!r})][{style}]{key}[/] {label}[/]")
        if palette:
            parts.append("[@click=app.command_palette][bold $accent]^p[/] palette[/]")
        self.update("  ".join(parts))

    def _width(self, binding: Binding) -> int:
        return len(self.app.get_key_display(binding)) + 1 + len(binding.description)

    def on_resize(self) -> None:
        self._bindings_changed(self.screen)  # what fits follows the terminal's width

    def _typing(self) -> bool:
        """Whether a letter typed now becomes text: in a focused text field, or anywhere on a
        screen that sends every letter to its own field (``TYPED_ANYWHERE``, as search does)."""
        return takes_text(self.screen.focused) or bool(getattr(self.screen, "TYPED_ANYWHERE", False))

"""What every dialog shares: a key bar of its own, over the one of the screen behind it.

A dialog takes the keys: the global keys the screen behind it lists (``e`` Export, ``/``
Search) do not fire while it is open. With only that screen's bar in view, a teacher was
offered keys that did nothing; each dialog's own bar lists what works in it.
"""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen
from textual.widget import Widget

from ilearn_tui.tui.widgets.key_bar import KeyBar

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT]):
    """A modal screen with the key bar at the bottom, whatever its ``compose`` yields."""

    def _extend_compose(self, widgets: list[Widget]) -> None:
        # Textual's hook for the widgets every screen gets beside its own (the tooltip, the
        # toasts): the bar is added here so no dialog's ``compose`` can leave it out.
        super()._extend_compose(widgets)
        widgets.append(KeyBar())

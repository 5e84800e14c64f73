"""A check box whose state reads without colour: ``[✓]`` ticked, ``[ ]`` not.

Textual's Checkbox draws the same ``X`` either way and tells the states apart only by
colour, which a teacher with ``NO_COLOR`` set (or a monochrome theme) cannot see.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox


class TickBox(Checkbox):
    TICKED = "✓"
    UNTICKED = " "

    @property
    def _button(self) -> Content:
        # The inner mark follows the value; the sides and colours stay Textual's.
        self.BUTTON_INNER = self.TICKED if self.value else self.UNTICKED
        return super()._button

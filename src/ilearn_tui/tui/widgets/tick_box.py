"""Check boxes whose state reads without colour: ``✓`` ticked, blank not.

Textual's Checkbox draws the same ``X`` either way and tells the states apart only by
colour, which a teacher with ``NO_COLOR`` set (or a monochrome theme) cannot see.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList
from textual.widgets._toggle_button import ToggleButton


class TickBox(Checkbox):
    TICKED = "✓"
    UNTICKED = " "

    @property
    def _button(self) -> Content:
        # The inner mark follows the value; the sides and colours stay Textual's.
        self.BUTTON_INNER = self.TICKED if self.value else self.UNTICKED
        return super()._button


class TickList(SelectionList[str]):
    """A list of choices with the same ``✓``: Textual draws every row's box with one ``X``."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 2 or segments[1].text != ToggleButton.BUTTON_INNER:
            return strip  # not a row's first line: nothing to mark
        meta = segments[1].style.meta if segments[1].style else {}
        index = meta.get("option")
        if not isinstance(index, int):
            return strip
        ticked = self.get_option_at_index(index).value in self.selected
        segments[1] = Segment(TickBox.TICKED if ticked else TickBox.UNTICKED, segments[1].style)
        return Strip(segments, strip.cell_length)

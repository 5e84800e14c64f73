"""Rows of short columns and one long text, the long one wrapping under itself.

A long title or note that wraps back to the row's first column reads as a new row. Drawn as
a grid, each wrapped line stays indented under the first line of its own column: search
results, a goal's questions, checks, activities and evidence all use this one layout.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from rich.console import JustifyMethod
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

# The width of a column that takes what is left and wraps.
WRAPS = None


def hanging(
    rows: Iterable[Sequence[Text]],
    widths: Sequence[int | None],
    *,
    indent: int = 0,
    right: Collection[int] = (),
) -> Padding:
    """The rows as a grid: column ``i`` is ``widths[i]`` cells, or the rest of the line for ``WRAPS``.

    Fixed columns never wrap (their text is cut); the columns numbered in ``right`` (numbers)
    are right-aligned. ``indent`` puts the whole grid that far from the left.
    """
    grid = Table.grid(padding=(0, 1))
    for n, width in enumerate(widths):
        justify: JustifyMethod = "right" if n in right else "left"
        if width is None:
            grid.add_column(ratio=1, overflow="fold", justify=justify)
        else:
            grid.add_column(width=width, no_wrap=True, justify=justify)
    for row in rows:
        grid.add_row(*row)
    return Padding(grid, (0, 0, 0, indent))

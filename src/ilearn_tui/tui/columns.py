"""Which table columns fit the terminal, and how wide each is.

A stage's table had every column at its natural width: at 80 columns the last ones (hours,
status) fell off the edge where they cannot be scrolled to, and text stopped at 50 characters
even at 120. Here the columns share the width they have: dates, hours and status are always
shown whole; the title gives way first; and when even that is not enough, the least needed
columns are dropped (their values stay in the row's detail line).
"""

from __future__ import annotations

from collections.abc import Sequence

# Dropped first when the table is too wide, first to last. Columns not named go after these.
LEAST_NEEDED = ("student_info", "venue", "value", "phase", "kind", "audience", "type", "goal_id", "indicator")
CELL_PADDING = 2  # a DataTable cell's padding, both sides together
TITLE_MIN = 16  # a title narrower than this is no longer readable
OTHER_MIN = 8
OTHER_MAX = 24  # a short column's share before the title grows


def always_shown(column: str) -> bool:
    """Dates, hours and status are what a teacher reads a table for: never dropped or cut."""
    return "date" in column or column in ("hours", "status", "rating")


def fit(
    columns: Sequence[str], headers: Sequence[str], cells: Sequence[Sequence[str]], width: int, title: str
) -> dict[str, int]:
    """The columns to show, in their order, each with its width (without padding)."""
    natural = {
        c: max([len(h), *(len(row[i]) for row in cells)])
        for i, (c, h) in enumerate(zip(columns, headers, strict=True))
    }
    least = {c: min(natural[c], TITLE_MIN if c == title else OTHER_MIN) for c in columns}
    for c in columns:
        if always_shown(c):
            least[c] = natural[c]
    shown = list(columns)
    droppable = sorted(
        (c for c in columns if not always_shown(c) and c != title),
        key=lambda c: LEAST_NEEDED.index(c) if c in LEAST_NEEDED else len(LEAST_NEEDED),
    )
    while sum(least[c] + CELL_PADDING for c in shown) > width and droppable:
        shown.remove(droppable.pop(0))
    widths = {c: least[c] for c in shown}
    room = width - sum(w + CELL_PADDING for w in widths.values())
    # What is left goes first to the short columns (a type, a venue) up to OTHER_MAX, then to
    # the title up to its whole length, then to whatever is still cut.
    steps = [(c, min(natural[c], OTHER_MAX)) for c in shown if c != title]
    steps += [(title, natural[title])] if title in shown else []
    steps += [(c, natural[c]) for c in shown]
    for c, upto in steps:
        grow = max(0, min(room, upto - widths[c]))
        widths[c] += grow
        room -= grow
    return widths

"""Ratings drawn as a line of block characters, shared by the dashboard and a goal's details."""

from __future__ import annotations

BLOCKS = "▁▂▄▆█"


def sparkline(ratings: list[int]) -> str:
    """The last twelve ratings (1 to 5, out-of-range values clamped), one block each."""
    return "".join(BLOCKS[max(1, min(5, r)) - 1] for r in ratings[-12:])

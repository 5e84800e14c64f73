"""The "Sessions I led" part of a portfolio: each session with who led it, who came, what was said.

One view for every renderer (Markdown, the HTML showcase, the review packet), so the three
show the same sessions with the same facts. A session is an activity with role "facilitated";
what came of it is each activity in the portfolio that names it in ``spun_off_from``. The hours
are the activity's own, already in the totals: nothing here is added to them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ilearn_tui.domain import sessions, vocab
from ilearn_tui.domain.records import Activity
from ilearn_tui.portfolio.model import Portfolio

HEADING = "Sessions I led"


@dataclass(frozen=True, slots=True)
class Session:
    """One session led, with the activities of the portfolio that came of it (oldest first)."""

    activity: Activity
    spun_off: list[Activity] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return vocab.ACTIVITY_TYPES.get(self.activity.type, self.activity.type)


def led(p: Portfolio) -> list[Session]:
    """The portfolio's sessions led, by date, each with what came of it."""
    came: dict[str, list[Activity]] = {}
    for a in p.activities:
        if a.spun_off_from:
            came.setdefault(a.spun_off_from, []).append(a)
    return [Session(a, came.get(a.id, [])) for a in p.activities if a.role == sessions.LED]


def is_web(material: str) -> bool:
    """A material shown as a link (a web address); anything else is a file path, shown as text."""
    return material.lower().startswith(("http://", "https://"))

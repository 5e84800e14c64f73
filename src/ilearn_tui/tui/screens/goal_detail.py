"""One goal at a glance: its questions, self-ratings over time, and the work linked to it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from ilearn_tui.domain.text import amount, plural
from ilearn_tui.store.growth import goal_detail
from ilearn_tui.textsafe import one_line
from ilearn_tui.tui import actions
from ilearn_tui.tui.hanging import WRAPS, hanging
from ilearn_tui.tui.plain import plain
from ilearn_tui.tui.screens.dialog import Dialog
from ilearn_tui.tui.shell import UsesShell
from ilearn_tui.tui.widgets.sparkline import sparkline


class GoalDetailScreen(UsesShell, Dialog[None]):
    AUTO_FOCUS = "VerticalScroll"
    BINDINGS = actions.bindings("dialog", "detail.")
    DEFAULT_CSS = """
    GoalDetailScreen { align: center middle; }
    GoalDetailScreen > Vertical {
        width: 90%; max-width: 110; height: 90%; border: round $primary; background: $surface;
    }
    GoalDetailScreen VerticalScroll { padding: 0 1; }
    """

    def __init__(self, goal_id: str) -> None:
        super().__init__()
        self.goal_id = goal_id

    def compose(self) -> ComposeResult:
        detail = goal_detail(self.ilearn.journal, self.goal_id)
        with Vertical(), VerticalScroll():
            if detail is None:
                yield Static("This goal no longer exists.")
                return
            yield Static(plain(one_line(detail.title, 100)), classes="area-title")
            facts = Text(f"Status: {detail.status}")
            if detail.target_date:
                facts.append(f" · target {detail.target_date}")
            facts.append(f" · {plural(detail.reflections, 'linked reflection')}\n")
            for label, value in (("Why", detail.why), ("Success looks like", detail.success_indicators)):
                if value.strip():
                    facts.append(f"{label}: ", style="bold")
                    facts.append(one_line(value, 400) + "\n")
            yield Static(facts)
            # Each list a grid: a long question, note or title wraps under itself, not the date.
            yield Static("Research questions", classes="section-title")
            questions = [(Text("?"), plain(one_line(q, 300))) for q in detail.questions]
            yield Static(hanging(questions, [1, WRAPS], indent=2) if questions else Text("  none yet"))
            yield Static("Self-ratings over time", classes="section-title")
            by_indicator: dict[str, list[int]] = {}
            for _, indicator, rating, _, _ in detail.checks:
                if rating is not None:
                    by_indicator.setdefault(indicator, []).append(rating)
            chart = Text()
            for indicator, ratings in by_indicator.items():
                chart.append(f"  {indicator:<24} {sparkline(ratings):<12} latest {ratings[-1]}/5\n")
            yield Static(chart or Text("  no ratings yet (stage 4, progress checks)"))
            checks = [
                (
                    Text(day),
                    Text(indicator),
                    Text(f"{rating}/5" if rating is not None else f"{measured or 0:g}"),
                    plain(one_line(note, 300)),
                )
                for day, indicator, rating, measured, note in detail.checks
            ]
            if checks:
                yield Static(hanging(checks, [10, 24, 6, WRAPS], indent=2, right={2}))
            yield Static("Learning activities", classes="section-title")
            total = sum(h for _, _, h in detail.activities)
            activities = [
                (Text(d), plain(one_line(t, 300)), Text(f"{h:g} h")) for d, t, h in detail.activities
            ]
            if activities:
                yield Static(hanging(activities, [10, WRAPS, 7], indent=2, right={2}))
            yield Static(Text(f"  total {amount(total, 'hour')}" if activities else "  none linked yet"))
            yield Static("Evidence", classes="section-title")
            evidence = [(Text(d), plain(one_line(t, 300))) for d, t in detail.evidence]
            yield Static(hanging(evidence, [10, WRAPS], indent=2) if evidence else Text("  none yet"))

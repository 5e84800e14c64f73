"""The dashboard: where the teacher is in the cycle and what to do next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ilearn_tui.domain.text import amount, plural
from ilearn_tui.domain.vocab import ACTIVITY_SHORT, STAGES
from ilearn_tui.store.growth import hours_report, renewal_progress
from ilearn_tui.store.progress import goal_progress
from ilearn_tui.store.reflections import list_reflections
from ilearn_tui.textsafe import one_line
from ilearn_tui.tui import actions
from ilearn_tui.tui.screens.base import AreaScreen
from ilearn_tui.tui.widgets.sparkline import BLOCKS, sparkline

if TYPE_CHECKING:
    from ilearn_tui.domain.renewal import Progress


def _heading(title: str) -> Text:
    return Text(f"\n{title}", style="bold")


def bar(value: float, most: float, width: int = 20) -> str:
    filled = 0 if most <= 0 else round(width * value / most)
    return "█" * filled + "·" * (width - filled)


def renewal_headline(result: Progress) -> str:
    """Read at a glance: what is logged and what is still needed, and where.

    "177 of 150 PDPs, 30 to go, 80% done" read as a contradiction when the 30 were topic
    minimums; the shortfall is now named with the topics that cause it.
    """
    rule = result.requirement
    logged = f"{rule.name}: {result.total:g} {rule.units} logged"
    if rule.track_only:
        return f"{logged} — no hours required: tracked for yourself"
    if not result.remaining:
        return f"{logged} — requirement met"
    short = [f"{c.name} {have:g}/{c.minimum:g}" for c, have in result.short_categories()]
    still = f"{logged} — {result.remaining:g} still needed"
    if result.total < rule.amount:
        still += f" of {rule.amount:g}"
    return f"{still}: {', '.join(short)}" if short else still


class DashboardScreen(AreaScreen):
    AUTO_FOCUS = "#dashboard"
    BINDINGS = actions.bindings("dashboard")
    DEFAULT_CSS = """
    DashboardScreen #dashboard-body { padding: 0 1; }
    """

    def body(self) -> ComposeResult:
        # One widget drawing several sections: the dashboard is the first screen, so it is kept
        # as light as possible to appear quickly.
        with VerticalScroll(id="dashboard"):
            yield Static(id="dashboard-body")

    def on_mount(self) -> None:
        super().on_mount()
        self._drawn_width = self._text_width()
        self._refresh_if_stale()

    def on_resize(self) -> None:
        # Lines are laid out for the terminal's width: draw again when it changes.
        if self._text_width() != getattr(self, "_drawn_width", None):
            self._drawn_width = self._text_width()
            self.reload()

    def _text_width(self) -> int:
        """Columns a dashboard line may use: the terminal less padding and the scroll bar."""
        return max(40, self.app.size.width - 4)

    def reload(self) -> None:
        overview = self.ilearn.overview()
        journal = self.ilearn.journal
        where = Text()
        for stage, status in overview.statuses.items():
            marker = "▸ " if stage == overview.current else "  "
            where.append(f"{marker}{stage} {STAGES[stage]:<11} {status.symbol} {status.value}\n")
        where.append("\nNext step: ", style="bold")
        where.append(overview.next_step)

        goals = goal_progress(journal, overview.cycle_id)
        table = Text("  No goals yet: press 2 (Inspire), then n to add one.\n")
        if goals:
            # Plain aligned text rather than a table widget: this is the first screen, drawn fast.
            # The other columns take about 52; the title gets what is left, so rows never wrap.
            room = max(12, self._text_width() - 52)
            width = min(34, room, max(len(one_line(g.title, 34)) for g in goals))
            table = Text(
                f"  {'goal':<{width}}  status       questions  latest  trend   ratings\n", style="bold"
            )
            for goal in goals:
                latest = f"{goal.latest}/5" if goal.latest is not None else "—"
                table.append(
                    f"  {one_line(goal.title, width):<{width}}  {goal.status:<11}  {goal.questions:>9}  "
                    f"{latest:>6}  {goal.trend or '—':<6}  {sparkline(goal.ratings) or '—'}\n"
                )
        summary = hours_report(journal, overview.cycle_id)
        lines = Text(
            f"{amount(summary.hours, 'hour')} and {amount(summary.credits, 'credit')} done "
            f"in {plural(summary.activities, 'activity', 'activities')}; "
            f"{amount(summary.planned_hours, 'hour')} planned.\n"
        )
        months = summary.by_month
        if months:
            peak = max(months.values()) or 1
            lines.append("  by month: ")
            lines.append("".join(BLOCKS[min(4, int(4 * h / peak))] for h in months.values()))
            lines.append(f"  ({next(iter(months))} to {list(months)[-1]})\n")
        most = max(summary.by_type.values(), default=0)
        for type_, hours in sorted(summary.by_type.items(), key=lambda kv: -kv[1])[:6]:
            label = ACTIVITY_SHORT.get(type_, type_)[:14]
            lines.append(f"  {label:<14} {bar(hours, most)} {hours:g} h\n")

        recent = list_reflections(journal, limit=5)
        text = Text()
        for reflection in recent:
            text.append(f"  {reflection.date}  ", style="dim")
            text.append(one_line(reflection.title or reflection.body, 60) + "\n")
        if not recent:
            text.append(f"  No reflections yet: {self.ilearn.how_to_reflect()} to write one.")
        accent = self.app.current_theme.accent if self.app.current_theme else None
        self.query_one("#dashboard-body", Static).update(
            Group(
                Text("Dashboard", style=f"bold {accent}" if accent else "bold"),
                where,
                _heading("Goals and self-ratings"),
                table,
                _heading("Hours and credits this cycle"),
                lines,
                _heading("Licence renewal"),
                self._renewal_text(),
                _heading("Recent reflections"),
                text,
            )
        )

    def _renewal_text(self) -> Text:
        from datetime import date

        config = self.ilearn.settings.renewal
        if not config:
            return Text("  No requirement set: ctrl+p, then “renewal: Choose requirement”.")
        try:
            result = renewal_progress(self.ilearn.journal, config, date.today())
        except ValueError as exc:
            return Text(f"  The renewal setting cannot be used ({exc}); choose it again from the palette.")
        rule = result.requirement
        room = self._text_width() - 4
        text = Text(f"  {one_line(renewal_headline(result), room + 2)}\n")
        # The bar follows what remains, so unmet category minimums keep it short of full; a
        # rule without hours has no bar to fill.
        shown_bar = "" if rule.track_only else f"{bar(result.done_share, 1.0, 30)} "
        text.append(
            f"  {shown_bar}{plural(result.days_left(date.today()), 'day')} left "
            f"(period ends {result.period_end.isoformat()})\n"
        )
        for category in rule.categories:
            have = result.by_category.get(category.key, 0.0)
            mark = "✓" if have >= category.minimum else "·"
            text.append(f"  {mark} {one_line(category.label, 40):<40} {have:g}/{category.minimum:g}\n")
        for warning in result.warnings[:3]:  # one line each; ilearn renewal prints them whole
            text.append(f"  ! {one_line(warning, room)}\n", style="bold")
        if len(result.warnings) > 3:
            text.append(f"  … and {len(result.warnings) - 3} more (ilearn renewal)\n")
        return text

    def action_new(self) -> None:
        from ilearn_tui.tui.screens.editor import EditorScreen

        self.app.push_screen(EditorScreen())

"""``ilearn status`` and ``ilearn stage N``: the app's dashboard and stage screens as plain text.

For a screen reader, a script or a habit of the shell. Words rather than symbols carry the
meaning (a stage is "begun", not "◐"), and the numbers come from the same store functions and
stage rules the screens use, so the text and the app never disagree.
"""

from __future__ import annotations

import argparse
from datetime import date

from ilearn_tui.cli.common import journal_for
from ilearn_tui.cli.output import amount, out, plural
from ilearn_tui.domain import model, vocab
from ilearn_tui.domain.fields import Kind
from ilearn_tui.domain.smart import missing_kinds_note
from ilearn_tui.domain.stages import all_statuses, current_stage, next_step
from ilearn_tui.store.journal import Journal
from ilearn_tui.textsafe import one_line

# The plural of each kind's noun, where adding an "s" would be wrong.
_MANY = {
    "learning activity": "learning activities",
    "interest or expertise": "interests or expertise",
    "research question": "research questions",
}


def run(args: argparse.Namespace) -> int:
    from ilearn_tui.cli.values import stage

    number = stage("STAGE", args.stage) if args.command == "stage" and args.stage is not None else None
    with journal_for(args) as journal:
        cycle = journal.find_cycle(args.cycle) if args.cycle else journal.current_cycle()
        if cycle is None:
            out("No school year yet: add a reflection, a goal or an activity and one begins.")
            return 0
        out(f"{cycle.title} ({cycle.starts_on} to {cycle.ends_on})")
        if args.command == "status":
            _status(journal, cycle.id)
        else:
            from ilearn_tui.store.overview import cycle_counts

            _stage(journal, cycle.id, number or current_stage(cycle_counts(journal, cycle.id)))
    return 0


def _status(journal: Journal, cycle_id: str) -> None:
    from ilearn_tui.store.growth import hours_report
    from ilearn_tui.store.overview import cycle_counts, recent_reflections
    from ilearn_tui.store.progress import goal_progress

    counts = cycle_counts(journal, cycle_id)
    here = current_stage(counts)
    out("\nStages:")
    for number, status in all_statuses(counts).items():
        mark = "  (you are here)" if number == here else ""
        out(f"  {number} {vocab.STAGES[number]:<11} {status.value}{mark}")
    out(f"Next step: {next_step(counts, how_to_reflect='ilearn reflect')}")
    out("\nGoals and self-ratings:")
    goals = goal_progress(journal, cycle_id)
    if not goals:
        out("  No goals yet: ilearn goal add 'TITLE' --question 'QUESTION'")
    for goal in goals:
        rated = f"latest rating {goal.latest}/5" if goal.latest is not None else "not rated yet"
        trend = f", {goal.trend}" if goal.trend else ""
        out(
            f"  {one_line(goal.title, 50)} ({goal.status}; {plural(goal.questions, 'research question')}; "
            f"{rated}{trend}) id {goal.id[:8]}"
        )
    if goals:
        from ilearn_tui.services.exports import chosen_rule
        from ilearn_tui.settings import load_settings
        from ilearn_tui.store.plan import list_goals

        chosen = chosen_rule(load_settings(journal.locations).renewal)
        kinds = (g.kind for g in list_goals(journal, cycle_id))
        short = missing_kinds_note(kinds, chosen.rule if chosen else None)
        if short:
            out(f"  Note: {short}.")
    summary = hours_report(journal, cycle_id)
    out("\nHours and credits this cycle:")
    out(
        f"  {amount(summary.hours, 'hour')} and {amount(summary.credits, 'credit')} done in "
        f"{plural(summary.activities, 'activity', 'activities')}; "
        f"{amount(summary.planned_hours, 'hour')} planned"
    )
    for type_, hours in sorted(summary.by_type.items(), key=lambda kv: -kv[1]):
        if hours:
            out(f"  {vocab.ACTIVITY_SHORT.get(type_, type_)}: {amount(hours, 'hour')}")
    out("\nLicence renewal:")
    out(f"  {_renewal(journal)}")
    out("\nRecent reflections:")
    recent = recent_reflections(journal, 5)
    if not recent:
        out("  None yet: ilearn reflect 'What I tried today'")
    for day, title in recent:
        out(f"  {day}  {one_line(title, 66)}")


def _renewal(journal: Journal) -> str:
    from ilearn_tui.settings import load_settings
    from ilearn_tui.store.growth import renewal_progress

    config = load_settings(journal.locations).renewal
    if not config:
        return "No requirement set: ilearn renewal set MA --start 2024-07-01 (or see ilearn renewal presets)"
    try:
        result = renewal_progress(journal, config, date.today())
    except ValueError as exc:
        return f"The renewal setting cannot be used ({exc}); set it again with ilearn renewal set"
    rule = result.requirement
    days = f"{plural(result.days_left(date.today()), 'day')} left (details: ilearn renewal)"
    if rule.track_only:
        return f"{rule.summary()}; {result.total:g} {rule.units} logged; {days}"
    to_go = f"{result.remaining:g} to go" if result.remaining else "requirement met"
    unmet = [line for line in result.unmet() if not line.startswith("Total:")]
    still = f" (still unmet: {'; '.join(unmet)})" if unmet else ""
    return f"{rule.name}: {result.total:g} of {rule.amount:g} {rule.units}, {to_go}{still}; {days}"


def _stage(journal: Journal, cycle_id: str, number: int) -> None:
    from ilearn_tui.store.records import list_records

    out(f"\nStage {number}: {vocab.STAGES[number]}")
    for name in model.STAGE_KINDS[number]:
        kind = model.KINDS[name]
        rows = list_records(journal, kind, cycle_id)
        noun = "piece of evidence" if kind.noun == "evidence" else kind.noun
        many = "pieces of evidence" if kind.noun == "evidence" else _MANY.get(kind.noun)
        out(f"\n{plural(len(rows), noun, many).capitalize()}:")
        if kind.help:
            out(f"  {kind.help}")
        if not rows:
            out("  none yet")
        for row in rows:
            cells = [_cell(journal, kind, column, row.get(column)) for column in kind.columns]
            out(f"  {row['id'][:8]}  " + "  ".join(cell for cell in cells if cell))
    out("\nShow one in full with: ilearn show ID")


def _cell(journal: Journal, kind: Kind, column: str, value: object) -> str:
    from ilearn_tui.store.lookup import title_of

    spec = kind.field(column)
    if value is None or value == "":
        return ""
    if spec.type == "ref":
        return f"goal “{title_of(journal, spec.ref, str(value))}”" if spec.ref == "goals" else ""
    if spec.type == "flag":
        return spec.label.split(" (")[0].lower() if value else ""
    if isinstance(value, float):
        if not value and column in ("hours", "credits"):
            return ""  # nothing logged is not worth a column of zeros
        return amount(value, "hour") if column == "hours" else f"{value:g}"
    if kind.name == "activity" and column == "type":
        return vocab.ACTIVITY_SHORT.get(str(value), str(value))
    if column == "rating":
        return f"rated {value}/5"
    return one_line(str(value), 60)

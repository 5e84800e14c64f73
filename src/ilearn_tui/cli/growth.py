"""``ilearn hours``, ``ilearn check`` and ``ilearn renewal``: professional growth in numbers."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from ilearn_tui.cli.common import journal_for, parse_date
from ilearn_tui.cli.output import amount, out, out_json, plural, saved
from ilearn_tui.domain import renewal
from ilearn_tui.domain.text import topic_key
from ilearn_tui.errors import IlearnError, UsageError
from ilearn_tui.store.journal import Journal
from ilearn_tui.textsafe import one_line


def run(args: argparse.Namespace) -> int:
    if args.command == "check":
        from ilearn_tui.cli.values import indicator

        args.indicator = indicator(args.indicator)
        if args.date:
            args.date = parse_date(args.date)
    if args.command == "renewal" and args.renewal_command == "presets":
        for rule in renewal.PRESETS.values():
            _describe(rule)
        return 0
    with journal_for(args) as journal:
        if args.command == "hours":
            return _hours(args, journal)
        if args.command == "check":
            return _check(args, journal)
        if args.renewal_command == "set":
            return _set(args, journal)
        return _show(args, journal)


def _describe(rule: renewal.Requirement) -> None:
    """One preset as ``ilearn renewal presets`` lists it: the rule, its sub-rules, its source."""
    out(f"{rule.key}  {rule.summary()}")
    for category in rule.categories:
        out(f"      at least {category.minimum:g} in {category.label} (topic '{category.key}')")
    if rule.topic_minimum:
        out(f"      a topic counts from {rule.topic_minimum:g} {rule.units}")
    for cap in rule.caps:
        out(f"      at most {cap.share:.0%} from {cap.label.lower()}")
    if rule.per_extra_licence:
        out(f"      +{rule.per_extra_licence:g} {rule.units} per additional licence (--extra-licences N)")
    for note in rule.notes:
        out(f"      {note}")
    out(f"      source: {_rule_footer(rule, '      ')}")


def _hours(args: argparse.Namespace, journal: Journal) -> int:
    from ilearn_tui.store.growth import hours_report

    if args.cycle and args.cycle.lower() == "all":
        cycle_id, label = None, "all cycles"
    elif args.cycle:
        cycle = journal.find_cycle(args.cycle)
        cycle_id, label = cycle.id, cycle.title
    else:
        current = journal.current_cycle()
        cycle_id, label = (current.id, current.title) if current else (None, "all cycles")
    report = hours_report(journal, cycle_id)
    if args.json:
        out_json(
            {
                "cycle": label,
                "hours": report.hours,
                "credits": report.credits,
                "activities": report.activities,
                "planned_hours": report.planned_hours,
                "by_type": report.by_type,
                "by_topic": report.by_topic,
                "by_goal": report.by_goal,
                "by_month": report.by_month,
            }
        )
        return 0
    out(
        f"{label}: {amount(report.hours, 'hour')}, {amount(report.credits, 'credit')} in "
        f"{plural(report.activities, 'activity', 'activities')}"
        f" ({amount(report.planned_hours, 'hour')} planned)"
    )
    for heading, values in (
        ("By type", report.by_type),
        ("By topic", report.by_topic),
        ("By goal", report.by_goal),
        ("By month", report.by_month),
    ):
        if values:
            out(f"\n{heading}:")
            most = max(values.values()) or 1
            for key, hours in sorted(
                values.items(), key=lambda kv: (heading != "By month" and -kv[1], kv[0])
            ):
                bar = "█" * round(20 * hours / most)
                out(f"  {one_line(key, 34):<34} {hours:>7g}  {bar}")
    return 0


def _check(args: argparse.Namespace, journal: Journal) -> int:
    from ilearn_tui.store.growth import add_check
    from ilearn_tui.store.plan import find_goal

    goal_id = find_goal(journal, args.goal)
    measure = f"{args.rating}/5" if args.rating is not None else ""
    if args.value is not None:
        measure = f"{args.value:g}"
    saved(
        "progress check",
        args.indicator,
        add_check(
            journal,
            goal_id,
            args.indicator,
            rating=args.rating,
            value=args.value,
            day=args.date,
            note=args.note,
        ),
        measure,
    )
    return 0


def _set(args: argparse.Namespace, journal: Journal) -> int:
    from ilearn_tui.settings import load_settings, save_settings

    key = _preset_key(args.preset)
    config: dict[str, Any] = {"preset": key, "start": parse_date(args.start, "--start")}
    if args.extra_licences:
        if key == "custom":
            raise UsageError("--extra-licences is for a state's preset; a custom rule gives its own --amount")
        config["extra_licences"] = args.extra_licences
    for name in ("hour_rate", "semester_credit_rate"):
        value = getattr(args, name)
        if value is not None:
            if not value > 0:
                raise UsageError(f"--{name.replace('_', '-')} must be more than 0")
            config[name] = value
    if key == "custom":
        if args.amount is None or args.years is None:
            raise UsageError("a custom requirement needs --amount and --years")
        minimums = {}
        for item in args.minimum:
            topic, _, number = item.partition("=")
            try:
                minimums[topic_key(topic)] = float(number)
            except ValueError:
                raise UsageError(f"bad --minimum {item!r}: use TOPIC=NUMBER") from None
        config.update(
            units=args.units,
            amount=args.amount,
            years=args.years,
            minimums=minimums,
            topic_minimum=args.topic_minimum,
        )
    try:
        rule, _ = renewal.from_config(config)
    except ValueError as exc:
        raise UsageError(f"bad renewal requirement: {exc}") from None
    settings = load_settings(journal.locations)
    settings.renewal = config
    save_settings(journal.locations, settings)
    out(f"renewal requirement: {rule.name}, {rule.asks()} from {config['start']}")
    return 0


def _preset_key(given: str) -> str:
    """A preset by any unambiguous start, in any case ("il-n"); a misspelt one gets "did you mean"."""
    from ilearn_tui.cli.values import pick

    return pick("PRESET", given, [*renewal.PRESETS, "custom"])


def _show(args: argparse.Namespace, journal: Journal) -> int:
    from ilearn_tui.settings import load_settings
    from ilearn_tui.store.growth import renewal_progress

    config = load_settings(journal.locations).renewal
    if not config:
        raise IlearnError(
            "no renewal requirement yet; choose one with: ilearn renewal set MA --start 2024-07-01"
        )
    today = date.today()
    try:
        result = renewal_progress(journal, config, today)
    except ValueError as exc:
        raise IlearnError(
            f"the renewal setting is damaged ({exc}); set it again with 'ilearn renewal set'"
        ) from None
    rule, start = result.requirement, result.period_start
    if getattr(args, "json", False):
        out_json(
            {
                "requirement": rule.name,
                "units": rule.units,
                "required": rule.amount,
                "period_start": start.isoformat(),
                "period_end": result.period_end.isoformat(),
                "days_left": result.days_left(today),
                "total": result.total,
                "remaining": result.remaining,
                "by_category": {
                    c.key: {
                        "label": c.label,
                        "minimum": c.minimum,
                        "have": result.by_category.get(c.key, 0.0),
                    }
                    for c in rule.categories
                },
                "by_topic": result.by_topic,
                "unmet": result.unmet(),
                "track_only": rule.track_only,
                "warnings": result.warnings,
                "source": rule.source,
                "checked_on": rule.checked_on,
                "confirm": rule.confirm,
            }
        )
        return 0
    if rule.track_only:
        out(
            f"{rule.summary()}; {result.total:g} {rule.units} logged this period "
            f"({plural(result.days_left(today), 'day')} left, period ends {result.period_end})"
        )
    else:
        out(
            f"{rule.name}: {result.total:g} of {rule.amount:g} {rule.units} "
            f"({result.remaining:g} to go; {plural(result.days_left(today), 'day')} left, "
            f"period ends {result.period_end})"
        )
    for line in result.unmet():
        out(f"  still unmet: {line}")
    for category in rule.categories:
        have = result.by_category.get(category.key, 0.0)
        mark = "ok " if have >= category.minimum else "   "
        out(f"  {mark} {category.label:<48} {have:>6g} / {category.minimum:g}")
    for warning in result.warnings:
        out(f"  ! {warning}")
    source = _rule_footer(rule, "  ")
    if rule.source:
        out(f"Source of the rule: {source}")
    return 0



def _rule_footer(rule: renewal.Requirement, indent: str) -> str:
    """Print what a preset asks beyond its numbers (trainings, what to confirm); returns where
    it is from, for the caller's own source line."""
    for item in rule.checklist:
        out(f"{indent}training to have on file: {item}")
    if rule.confirm:
        out(f"{indent}to confirm: {rule.confirm}")
    checked = f" (checked {rule.checked_on})" if rule.checked_on else ""
    return f"{rule.source}{checked}"

"""Two cuts of the portfolio for particular readers, as Markdown.

The annual review packet is what a teacher brings to an evaluation meeting: one cycle's goals,
research questions, evidence, self-ratings over time and hours, with room for the meeting's
notes. The licence-renewal record is what a licensing office asks for: every completed
activity with its topic, type, date, hours and credits, and the totals. Both are plain
functions of a gathered :class:`Portfolio`, so scope, privacy and redaction stay as for the
full portfolio.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date, timedelta

from ilearn_tui.domain import vocab
from ilearn_tui.domain.records import Activity, Evidence, Goal
from ilearn_tui.domain.renewal import Counted, Requirement, current_start, progress
from ilearn_tui.domain.smart import gaps, missing_kinds_note
from ilearn_tui.domain.text import amount, plural
from ilearn_tui.domain.totals import Sum, Totals, goal_hours, of_activities
from ilearn_tui.portfolio.by_component import component_section
from ilearn_tui.portfolio.markdown import cell, evidence_title, linked_reflections, number, sessions_led
from ilearn_tui.portfolio.model import Portfolio, goal_facts


def _header(title: str, p: Portfolio, facts: list[tuple[str, str]], today: date | None) -> list[str]:
    out = [f"# {title}{' — ' + p.teacher if p.teacher else ''}", ""]
    who = ", ".join(x for x in (p.role, p.school) if x)
    if who:
        out += [f"**{who}**", ""]
    out += ["| | |", "|---|---|"]
    out += [f"| **{label}** | {cell(value)} |" for label, value in facts]
    out.append(f"| **Prepared** | {(today or date.today()).isoformat()} |")
    if p.left_out:
        left_out = plural(p.left_out, "private item")
        out += ["", f"_{left_out} left out (student information or private reflections)._"]
    return out + [""]


def _done(p: Portfolio) -> list[Activity]:
    return [a for a in p.activities if a.status == "done"]


def rating_dots(rating: int) -> str:
    """``3/5 ●●●○○``: the number and a shape, so nothing depends on colour."""
    return f"{rating}/5 {'●' * rating}{'○' * (5 - rating)}"


def review_packet(
    p: Portfolio,
    *,
    links: Mapping[str, str] | None = None,
    today: date | None = None,
    rule: Requirement | None = None,
) -> str:
    """One cycle laid out for an evaluation meeting: goals first, then hours, then notes.

    ``rule`` is the teacher's renewal rule, whose state may ask for a goal of each kind.
    """
    links = links or {}
    summed = of_activities(p.activities)
    achieved = sum(1 for g in p.goals if g.status == "achieved")
    start, end = p.date_range
    cycles = ", ".join(c.title for c in p.cycles) or "—"
    facts = [
        ("Cycle", f"{cycles} ({start} to {end})"),
        ("Goals", f"{len(p.goals)} ({achieved} achieved)"),
        ("Learning", f"{_sums(summed.done)} in {plural(summed.done.activities, 'activity', 'activities')}"),
        ("Evidence", plural(len(p.evidence), "item")),
        ("Progress checks", str(len(p.checks))),
    ]
    out = _header("Annual review packet", p, facts, today)
    out += ["## Goals and progress", ""]
    if not p.goals:
        out += ["_No goals in this cycle._", ""]
    else:
        short = missing_kinds_note((g.kind for g in p.goals), rule)
        out += [f"_{short}._", ""] if short else []
    for number_, goal in enumerate(p.goals, 1):
        out += _goal(number_, goal, p, links, summed)
    unlinked = [e for e in p.evidence if e.goal_id not in {g.id for g in p.goals}]
    if unlinked:
        out += ["## Other evidence", "", "| date | evidence | kind |", "|---|---|---|"]
        out += [f"| {e.date} | {evidence_title(e, links)} | {cell(e.kind)} |" for e in unlinked]
        out.append("")
    out += component_section(p, links)
    out += sessions_led(p, "##")
    out += ["## Hours and credits", ""] + _type_table(summed)
    if summed.planned.activities:
        out += [
            f"Planned, not yet done: {plural(summed.planned.activities, 'activity', 'activities')}, "
            f"{amount(summed.planned.hours, 'hour')}.",
            "",
        ]
    out += ["## Notes from the meeting", ""]
    for prompt in ("What went well", "What I will change", "Support I would like", "Goals for next year"):
        out += [f"**{prompt}:**", "", "___", ""]  # a rule to write on, once printed
    return "\n".join(out).rstrip() + "\n"


def _goal(n: int, goal: Goal, p: Portfolio, links: Mapping[str, str], summed: Totals) -> list[str]:
    out = [f"### Goal {n}: {' '.join(goal.title.split())}", ""]
    status = f"- **Status:** {goal.status}"
    if goal.target_date:
        status += f" · **Target date:** {goal.target_date}"
    out.append(status)
    for label, text in goal_facts(goal):
        if text.strip():
            out.append(f"- **{label}:** {' '.join(text.split())}")
    missing = gaps(goal.measure, goal.target_date)
    if missing:
        out.append(f"- _Not yet SMART: {' and '.join(missing)}._")
    hours = goal_hours(*summed.of_goal(goal.id))
    if hours:
        out.append(f"- **Hours:** {hours}")
    out.append("")
    questions = [q for q in p.questions if q.goal_id == goal.id]
    if questions:
        out += ["**Research questions**", ""]
        out += [f"{i}. {' '.join(q.text.split())}" for i, q in enumerate(questions, 1)] + [""]
    checks = sorted((c for c in p.checks if c.goal_id == goal.id), key=lambda c: c.date)
    out += ["**Progress checks**, oldest to newest", ""]
    if checks:
        out += ["| date | indicator | self-rating | change | value | note |", "|---|---|---|--:|--:|---|"]
        last: dict[str, int] = {}
        for c in checks:
            rating, change = "", ""
            if c.rating is not None:
                rating = rating_dots(c.rating)
                if c.indicator in last:
                    step = c.rating - last[c.indicator]
                    change = f"{step:+d}" if step else "±0"
                last[c.indicator] = c.rating
            value = number(c.value) if c.value is not None else ""
            note = cell(c.note)
            out.append(f"| {c.date} | {cell(c.indicator)} | {rating} | {change} | {value} | {note} |")
    else:
        out.append("_No progress checks recorded._")
    out.append("")
    evidence = [e for e in p.evidence if e.goal_id == goal.id]
    if evidence:
        out += ["**Evidence**", "", "| date | evidence | kind |", "|---|---|---|"]
        out += [f"| {e.date} | {evidence_title(e, links)} | {cell(e.kind)} |" for e in evidence] + [""]
    learning = [a for a in p.activities if goal.id in a.goal_ids and a.status == "done"]
    if learning:
        out += ["**Learning toward this goal**", "", "| date | activity | type | hours |"]
        out.append("|---|---|---|--:|")
        out += [
            f"| {a.date} | {cell(a.title)} | {cell(_short_type(a))} | {number(a.hours)} |" for a in learning
        ]
        out.append("")
    reflections = linked_reflections(p, goal.id, "**Reflections**", "- ")
    if reflections:
        out += [reflections[0], "", *reflections[1:], ""]
    return out


def _short_type(activity: Activity) -> str:
    return str(vocab.ACTIVITY_SHORT.get(activity.type, activity.type))


def _sums(part: Sum) -> str:
    return f"{amount(part.hours, 'hour')}, {amount(part.credits, 'credit')}"


def _total_rows(groups: Mapping[str, Sum]) -> list[str]:
    """``| key | count | hours | credits |`` rows, in key order."""
    rows = sorted(groups.items())
    return [f"| {cell(k)} | {v.activities} | {number(v.hours)} | {number(v.credits)} |" for k, v in rows]


def _total_row(done: Sum) -> str:
    return f"| **Total** | **{done.activities}** | **{number(done.hours)}** | **{number(done.credits)}** |"


def _type_table(summed: Totals) -> list[str]:
    if not summed.done.activities:
        return ["_No completed activities in this scope._", ""]
    out = ["| type | activities | hours | credits |", "|---|--:|--:|--:|"]
    out += _total_rows(summed.grouped(vocab.ACTIVITY_TYPES))
    return out + [_total_row(summed.done), ""]


def renewal_record(
    p: Portfolio,
    *,
    rule: Requirement | None = None,
    period_start: date | None = None,
    links: Mapping[str, str] | None = None,
    today: date | None = None,
) -> str:
    """Every completed activity in scope with its certificate, totals, and (given a rule) progress."""
    links = links or {}
    done = _done(p)
    certificates: dict[str, list[Evidence]] = defaultdict(list)
    for ev in p.evidence:
        if ev.activity_id and ev.kind == "certificate":
            certificates[ev.activity_id].append(ev)
    start, end = p.date_range
    facts = [("Records", f"{start} to {end}" if start or end else "all dates")]
    if rule is not None:
        required = f"{rule.name}: {number(rule.amount)} {rule.units} in {rule.years} years"
        if rule.track_only:
            required = rule.summary()
        facts.insert(0, ("Requirement", required))
        if rule.source:
            checked = f" (checked {rule.checked_on})" if rule.checked_on else ""
            facts.insert(1, ("Rule source", rule.source + checked))
    out = _header("Licence-renewal record", p, facts, today)
    out += ["## Completed learning", ""]
    if not done:
        out += ["_No completed activities in this scope._", ""]
    else:
        out += [
            "| date | topic | type | activity | provider | hours | credits | certificate |",
            "|---|---|---|---|---|--:|--:|---|",
        ]
        for a in done:
            proof = "; ".join(evidence_title(e, links) for e in certificates.get(a.id, [])) or "—"
            out.append(
                f"| {a.date} | {cell(a.topic)} | {cell(_short_type(a))} | {cell(a.title)} "
                f"| {cell(a.provider)} | {number(a.hours)} | {number(a.credits)} | {proof} |"
            )
        summed = of_activities(done)
        total = summed.done
        counted = plural(total.activities, "activity", "activities")
        out += [
            f"| **Total** | | | **{counted}** | | **{number(total.hours)}** "
            f"| **{number(total.credits)}** | |",
            "",
        ]
        out += ["## Totals by topic", "", "| topic | activities | hours | credits |", "|---|--:|--:|--:|"]
        out += _total_rows(summed.by_topic)
        out += ["", "## Totals by type", ""] + _type_table(summed)
    if rule is not None and period_start is not None:
        out += _toward(rule, period_start, done, certificates, today)
    return "\n".join(out).rstrip() + "\n"


def _toward(
    rule: Requirement,
    start: date,
    done: list[Activity],
    certificates: Mapping[str, list[Evidence]],
    today: date | None,
) -> list[str]:
    counted = [
        Counted(a.id, a.title, a.topic, a.hours, a.credits, bool(certificates.get(a.id)), a.type, a.role)
        for a in done
    ]
    today = today or date.today()
    result = progress(rule, current_start(rule, start, today), counted, today)
    last_day = result.period_end - timedelta(days=1)  # the period's end is exclusive
    out = ["## Toward the requirement", ""]
    if rule.track_only:
        out.append(f"- **Hours required:** none; {plural(len(counted), 'activity', 'activities')} tracked")
    else:
        out += [
            f"- **Counted:** {number(result.total)} of {number(rule.amount)} {rule.units}",
            f"- **Still needed:** {number(result.remaining)} {rule.units}",
        ]
    out.append(f"- **Period:** {result.period_start.isoformat()} to {last_day.isoformat()}")
    for category in rule.categories:
        have = result.by_category.get(category.key, 0.0)
        out.append(f"- **{category.label}:** {number(have)} of at least {number(category.minimum)}")
    unmet = result.unmet()
    if unmet:
        out += ["", "**Still unmet**", ""] + [f"- {cell(line)}" for line in unmet]
    if rule.checklist:
        out += ["", "**Trainings to have on file**", ""] + [f"- [ ] {item}" for item in rule.checklist]
    if result.warnings:
        out += ["", "**To check before submitting**", ""] + [f"- {cell(w)}" for w in result.warnings]
    if rule.confirm:
        out += ["", f"_To confirm: {cell(rule.confirm)}._"]
    return out + [""]

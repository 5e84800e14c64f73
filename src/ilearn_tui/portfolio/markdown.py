"""The Markdown portfolio: title block, contents, the five stages, reflections, totals.

Plain CommonMark plus GFM tables, so it reads well on GitHub, in Obsidian and through
markdown-it-py. Teacher text is kept as Markdown; only table cells are escaped.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from datetime import date

from ilearn_tui.domain import vocab
from ilearn_tui.domain.records import Evidence, Goal, Reflection
from ilearn_tui.domain.stage_records import Check
from ilearn_tui.domain.text import plural
from ilearn_tui.domain.totals import Totals, goal_hours
from ilearn_tui.portfolio import sessions
from ilearn_tui.portfolio.model import EXCERPT_WIDTH, Portfolio, goal_facts, questions_by_goal, without_title
from ilearn_tui.textsafe import one_line, printable

_HEADING = re.compile(r"^(#{1,6})(\s)", re.MULTILINE)
SECTIONS = (
    ("imagine", "1. Imagine — vision"),
    ("inspire", "2. Inspire — learning plan"),
    ("illuminate", "3. Illuminate — learning"),
    ("innovate", "4. Innovate — innovation and evidence"),
    ("infiltrate", "5. Infiltrate — sharing"),
    ("reflections", "Reflections"),
    ("summary", "Hours and credits"),
)


def cell(text: object) -> str:
    """Text safe inside a GFM table cell: one line, pipes escaped."""
    flat = " ".join(str(text if text is not None else "").split())
    return flat.replace("\\", "\\\\").replace("|", "\\|") or "—"


def nested(body: str, depth: int = 4) -> str:
    """Teacher Markdown placed under our headings: its own headings start at level ``depth``.

    Each keeps its place in the teacher's outline, but never lands more than one level below
    the heading before it (a body that starts at ``###`` still starts at ``depth``), so a
    reader's outline of the document never skips a level.
    """
    if "#" not in body:  # most reflections have no headings; skip the regex for them
        return body.strip()
    above = depth - 1

    def moved(m: re.Match[str]) -> str:
        nonlocal above
        above = min(6, len(m.group(1)) + depth - 1, above + 1)
        return "#" * above + m.group(2)

    return _HEADING.sub(moved, body.strip())


def number(value: float) -> str:
    return f"{value:g}"


def render(p: Portfolio, *, today: date | None = None, links: Mapping[str, str] | None = None) -> str:
    """The whole portfolio; ``links`` maps evidence ids to relative paths of exported copies."""
    return "".join(chunks(p, today=today, links=links))


def chunks(
    p: Portfolio, *, today: date | None = None, links: Mapping[str, str] | None = None
) -> Iterator[str]:
    """The portfolio in pieces, as it is written: reflections one at a time as they are read."""
    out: list[str] = []
    start, end = p.date_range
    cycles = ", ".join(c.title for c in p.cycles) or "—"
    out += [
        f"# Professional learning portfolio{' — ' + p.teacher if p.teacher else ''}",
        "",
    ]
    who = ", ".join(x for x in (p.role, p.school) if x)
    if who:
        out += [f"**{who}**", ""]
    out += [
        f"- **Cycle:** {cycles}",
        f"- **Dates:** {start} to {end}",
        f"- **Exported:** {(today or date.today()).isoformat()}",
    ]
    if p.left_out:
        left_out = plural(p.left_out, "private item")
        out.append(f"- {left_out} left out (student information or private reflections)")
    out += ["", "## Contents", ""]
    for _, title in SECTIONS:
        out.append(f"- [{title}](#{_slug(title)})")
    out.append("")
    yield lines(out)
    # One section at a time: a big journal's goals and activities run to pages, and holding
    # them all until the reflections begin would grow with the journal.
    goals_by_id = {g.id: g for g in p.goals}
    yield lines(_imagine(p))
    yield from map(lines, _inspire(p, p.summed()))
    yield lines(_illuminate(p, goals_by_id))
    yield lines(_innovate(p, goals_by_id, links or {}))
    yield lines(_infiltrate(p))
    yield from _reflections(p)
    yield finish(_summary(p))  # the last section: the document ends in one newline


def lines(out: list[str]) -> str:
    """Lines of a document that goes on after them, each ending in a newline."""
    return "\n".join(out) + "\n" if out else ""


def finish(lines: list[str]) -> str:
    """The last lines of a document, ending in one newline (as ``join().rstrip() + "\\n"``)."""
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        return "\n"
    lines[-1] = lines[-1].rstrip()
    lines.append("")
    return "\n".join(lines)


def _slug(title: str) -> str:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens."""
    kept = re.sub(r"[^\w\- ]", "", title.lower())
    return kept.replace(" ", "-")


def _imagine(p: Portfolio) -> list[str]:
    out = [f"## {SECTIONS[0][1]}", ""]
    for vision in p.visions:
        heading = " ".join(p.vision_heading(vision).split())
        out += [f"### {heading}", "", nested(vision.body) or "_No vision written yet._", ""]
        if vision.school_mission.strip():
            out += ["### School mission", ""]
            out += ["> " + line if line else ">" for line in vision.school_mission.strip().splitlines()]
            out.append("")
    if not p.visions:
        out += ["_No vision written yet._", ""]
    if p.outcomes:
        out += ["### What I want for my students", "", "| outcome | kind |", "|---|---|"]
        out += [f"| {cell(o.text)} | {cell(o.kind)} |" for o in p.outcomes]
        out.append("")
    return out


def _inspire(p: Portfolio, summed: Totals) -> Iterator[list[str]]:
    """The learning plan in pieces, a goal a piece: each lists its linked reflections, which a
    big journal has by the thousand."""
    out = [f"## {SECTIONS[1][1]}", ""]
    for kind, title in (("learn", "What I want to learn"), ("share", "Expertise I can share")):
        items = [i for i in p.interests if i.kind == kind]
        if items:
            out += [f"### {title}", ""] + [f"- {' '.join(i.text.split())}" for i in items] + [""]
    out += ["### Goals", ""]
    if not p.goals:
        out += ["_No goals yet._", ""]
    yield out
    asked = questions_by_goal(p.questions)
    for goal in p.goals:
        out = [f"#### {' '.join(goal.title.split())}", "", f"- **Status:** {goal.status}"]
        if goal.target_date:
            out.append(f"- **Target date:** {goal.target_date}")
        for label, text in goal_facts(goal):
            if text.strip():
                out.append(f"- **{label}:** {' '.join(text.split())}")
        hours = goal_hours(*summed.of_goal(goal.id))
        if hours:
            out.append(f"- **Hours:** {hours}")
        questions = asked.get(goal.id)
        if questions:
            out.append("- **Research questions:**")
            out += [f"  - {' '.join(q.text.split())}" for q in questions]
        out += linked_reflections(p, goal.id, "- **Reflections:**", "  - ")
        out.append("")
        yield out


def linked_reflections(p: Portfolio, goal_id: str, label: str, item: str) -> list[str]:
    """The reflections linked to a goal as a list: date, title and the start of the text."""
    found = [f"{item}{r.date} — {_one(r.title) or 'Reflection'}: {excerpt(r)}" for r in p.linked(goal_id)]
    return [label, *found] if found else []


def _one(text: str) -> str:
    return " ".join(text.split())


def _illuminate(p: Portfolio, goals: dict[str, Goal]) -> list[str]:
    out = [f"## {SECTIONS[2][1]}", ""]
    if not p.activities:
        return out + ["_No learning activities yet._", ""]
    out += ["| date | type | activity | role | hours | credits | goals |", "|---|---|---|---|--:|--:|---|"]
    for a in p.activities:
        label = vocab.ACTIVITY_TYPES.get(a.type, a.type)
        status = " (planned)" if a.status == "planned" else ""
        linked = "; ".join(goals[g].title for g in a.goal_ids if g in goals)
        out.append(
            f"| {a.date} | {cell(label)} | {cell(a.title)}{status} | {a.role} | "
            f"{number(a.hours)} | {number(a.credits)} | {cell(linked)} |"
        )
    done = p.summed().done
    out += [f"| **Total (done)** | | | | **{number(done.hours)}** | **{number(done.credits)}** | |", ""]
    return out


def link_text(text: object) -> str:
    """A table cell used as a link's text: brackets escaped so the link cannot end early."""
    return cell(text).replace("[", "\\[").replace("]", "\\]")


def destination(target: str) -> str:
    """A link destination in angle brackets; the characters that would end it are encoded."""
    encoded = target.replace("<", "%3C").replace(">", "%3E").replace("|", "%7C").replace("\n", "%0A")
    return f"<{encoded}>"


def evidence_title(ev: Evidence, links: Mapping[str, str]) -> str:
    """The evidence's title, linked to its exported copy or its web address if it has one."""
    if ev.id in links:
        return f"[{link_text(ev.title)}]({destination(links[ev.id])})"
    if ev.url:
        return f"[{link_text(ev.title)}]({destination(ev.url)})"
    return cell(ev.title)


def goal_title(goals: Mapping[str, Goal], goal_id: str | None) -> str:
    """The title of the goal ``goal_id`` names, or empty when it names none of ``goals``."""
    goal = goals.get(goal_id or "")
    return goal.title if goal is not None else ""


def _innovate(p: Portfolio, goals: dict[str, Goal], links: Mapping[str, str]) -> list[str]:
    out = [f"## {SECTIONS[3][1]}", ""]
    questions = {q.id: q for q in p.questions}
    for inv in p.innovations:
        out += [
            f"### {' '.join(inv.title.split())}",
            "",
            f"- **Kind:** {inv.kind}",
            f"- **Phase:** {inv.phase}",
        ]
        question = questions.get(inv.question_id or "")
        if question is not None:
            out.append(f"- **Question:** {' '.join(question.text.split())}")
        out.append("")
        for phase, notes in inv.steps:
            if notes.strip():
                out += [f"**{phase.capitalize()}.** {nested(notes)}", ""]
    if p.evidence:
        out += ["### Evidence", "", "| date | evidence | kind | goal |", "|---|---|---|---|"]
        for ev in p.evidence:
            title = evidence_title(ev, links)
            goal = goal_title(goals, ev.goal_id)
            out.append(f"| {ev.date} | {title} | {cell(ev.kind)} | {cell(goal)} |")
        out.append("")
    if p.checks:
        out += ["### Progress toward goals", ""]
        by_goal: dict[str, list[Check]] = defaultdict(list)
        for check in p.checks:
            by_goal[check.goal_id].append(check)
        for goal_id, checks in by_goal.items():
            out += [
                f"#### {cell(goals[goal_id].title)}",
                "",
                "| date | indicator | rating | value | note |",
                "|---|---|--:|--:|---|",
            ]
            for c in checks:
                rating = f"{c.rating}/5" if c.rating is not None else ""
                value = number(c.value) if c.value is not None else ""
                out.append(f"| {c.date} | {cell(c.indicator)} | {rating} | {value} | {cell(c.note)} |")
            out.append("")
    if not (p.innovations or p.evidence or p.checks):
        out += ["_Nothing recorded yet._", ""]
    return out


def _infiltrate(p: Portfolio) -> list[str]:
    out = [f"## {SECTIONS[4][1]}", ""]
    led = sessions_led(p, "###")
    if not p.shares:
        return out + ["_Nothing shared yet._", "", *led]
    out += ["| date | audience | title | venue |", "|---|---|---|---|"]
    for s in p.shares:
        title = f"[{link_text(s.title)}]({destination(s.link)})" if s.link else cell(s.title)
        out.append(f"| {s.date} | {s.audience} | {title} | {cell(s.venue)} |")
    return out + ["", *led]


def sessions_led(p: Portfolio, heading: str) -> list[str]:
    """The sessions the teacher led, under ``heading``; nothing when she led none in this scope."""
    found = sessions.led(p)
    if not found:
        return []
    out = [f"{heading} {sessions.HEADING}", ""]
    for session in found:
        a = session.activity
        planned = " (planned)" if a.status == "planned" else ""
        out += [f"{heading}# {cell(a.title)}{planned}", "", f"- **Date:** {a.date} · {cell(session.kind)}"]
        if a.hours:
            out.append(f"- **Hours:** {number(a.hours)}")
        if a.co_facilitators:
            out.append(f"- **Co-facilitators:** {cell(', '.join(a.co_facilitators))}")
        if a.attendees is not None:
            out.append(f"- **Attendees:** {a.attendees}")
        if a.materials:
            shown = (
                f"[{link_text(m)}]({destination(m)})" if sessions.is_web(m) else cell(m) for m in a.materials
            )
            out.append(f"- **Materials:** {'; '.join(shown)}")
        for later in session.spun_off:
            kind = vocab.ACTIVITY_TYPES.get(later.type, later.type)
            out.append(f"- **Spun off:** {cell(later.title)} ({cell(kind).lower()}, {later.date})")
        out.append("")
        for quote in a.feedback:
            out += [f"> “{cell(quote)}”", ">"]
        if a.feedback:
            out[-1] = ""
    return out


def _reflections(p: Portfolio) -> Iterator[str]:
    """The reflections section, one reflection a piece, as they are read."""
    yield f"## {SECTIONS[5][1]}\n\n"
    if not p.reflections:
        yield "_No reflections in this scope._\n\n"
        return
    # The hot loop of a big journal: one string per reflection, few temporaries.
    for r in p.reflections:
        yield reflection_block(r, "###")


_STAGES = {n: f"stage: {name}" for n, name in vocab.STAGES.items()}


def reflection_block(r: Reflection, heading: str) -> str:
    """One reflection as Markdown: a dated heading, its stage and tags, the body below it, and
    the blank line after it, made in the same string (not added to it: a big journal's bodies
    are most of the document, and each copy of them counts)."""
    title = " ".join(r.title.split()) or "Reflection"
    stage, tags = r.stage, r.tags
    depth = len(heading) + 1
    if stage or tags:
        details = _STAGES[stage] if stage else ""
        if tags:
            listed = "tags: " + ", ".join(f"`{t}`" for t in tags)
            details = f"{details} · {listed}" if details else listed
        return f"{heading} {r.date} — {title}\n\n_{details}_\n\n{nested(r.body, depth)}\n\n"
    return f"{heading} {r.date} — {title}\n\n{nested(r.body, depth)}\n\n"


def _summary(p: Portfolio) -> list[str]:
    out = [f"## {SECTIONS[6][1]}", ""]
    summed = p.summed()
    if not summed.done.activities:
        return out + ["_No completed activities in this scope._", ""]
    out += ["| type | activities | hours | credits |", "|---|--:|--:|--:|"]
    for label, part in summed.grouped(vocab.ACTIVITY_TYPES).items():
        out.append(f"| {cell(label)} | {part.activities} | {number(part.hours)} | {number(part.credits)} |")
    done = summed.done
    out.append(
        f"| **Total** | **{done.activities}** | **{number(done.hours)}** | **{number(done.credits)}** |"
    )
    months = {month: part.hours for month, part in summed.by_month.items()}
    most = max(months.values(), default=0) or 1
    out += ["", "### Hours by month", "", "| month | hours | |", "|---|--:|---|"]
    for month in sorted(months):
        out.append(f"| {month} | {number(months[month])} | {'█' * round(20 * months[month] / most)} |")
    return out + [""]


def excerpt(r: Reflection, width: int = EXCERPT_WIDTH) -> str:
    """The start of a reflection on one line, for a list of the reflections under a goal.

    A goal lists thousands of these in a big journal, so the opening of the body is tried
    first: its flattened text is a prefix of the whole body's, and once it is longer than
    ``width`` the cut is the same. Only a body that starts with little text is read whole.
    """
    body = without_title(r.body, r.title)
    if len(body) > 2 * width:
        start = " ".join(printable(_flat(body[: 2 * width])).split())  # as ``one_line`` flattens
        if len(start) > width:
            return one_line(start, width)  # already flat: the same line, cut
    return one_line(_flat(body), width)


def _flat(body: str) -> str:
    lines = (line.lstrip("#").strip() for line in body.splitlines())
    return " ".join(line for line in lines if line)

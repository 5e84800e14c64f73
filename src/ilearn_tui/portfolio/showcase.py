"""The HTML showcase: one self-contained page, safe whatever the teacher typed.

Built from the same :class:`Portfolio` as the Markdown. Everything the teacher wrote is either
escaped (titles, names, notes) or rendered from Markdown with raw HTML switched off (vision,
reflections, innovation notes); links go only to http, https, mailto or relative paths; the
page has no script and no event-handler attribute, and its Content-Security-Policy forbids
scripts and every network load, so even a mistake here could not run code or phone home.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from datetime import date
from html import escape
from pathlib import Path

from ilearn_tui import __version__
from ilearn_tui.domain import vocab
from ilearn_tui.domain.records import Goal, Reflection
from ilearn_tui.domain.stage_records import Check
from ilearn_tui.domain.stages import FOR_READERS, STEP_FOR_READERS
from ilearn_tui.domain.text import plural
from ilearn_tui.domain.totals import goal_hours
from ilearn_tui.portfolio import sessions
from ilearn_tui.portfolio.charts import month_chart, rating_chart, type_chart
from ilearn_tui.portfolio.markdown import SECTIONS as PORTFOLIO_SECTIONS
from ilearn_tui.portfolio.markdown import excerpt
from ilearn_tui.portfolio.model import Portfolio, goal_facts, questions_by_goal, without_title
from ilearn_tui.portfolio.progress import Progress, silent
from ilearn_tui.portfolio.showcase_evidence import embed_images, evidence_list
from ilearn_tui.portfolio.showcase_html import CSP as CSP  # the page's policy, named where it is used
from ilearn_tui.portfolio.showcase_html import e, empty, link, num, page_head, table
from ilearn_tui.portfolio.teacher_markdown import markdown_html

SECTIONS = (("glance", "At a glance"), *PORTFOLIO_SECTIONS)


def render_html(
    p: Portfolio,
    *,
    today: date | None = None,
    links: Mapping[str, str] | None = None,
    progress: Progress = silent,
    embed_from: Path | None = None,
) -> str:
    """The whole showcase page; ``links`` maps evidence ids to relative paths of exported copies.

    ``embed_from`` is the journal's evidence folder, for a single-file page: its small images
    are embedded and its other files named, since the page has nowhere to link them.
    """
    return "".join(chunks(p, today=today, links=links, progress=progress, embed_from=embed_from))


def chunks(
    p: Portfolio,
    *,
    today: date | None = None,
    links: Mapping[str, str] | None = None,
    progress: Progress = silent,
    embed_from: Path | None = None,
) -> Iterator[str]:
    """The page in pieces, as it is written: reflections one at a time as they are read."""
    links = links or {}
    goals = {g.id: g for g in p.goals}
    title = "Professional learning portfolio" + (f" — {p.teacher}" if p.teacher.strip() else "")
    yield "\n".join([*page_head(title), _title(p, today), _contents(_summary_title(p)), "<main>"]) + "\n"
    # One section at a time: a big journal's goals and activities are pages of their own, and
    # holding them all until the reflections begin would grow with the journal.
    yield _glance(p) + "\n"
    yield _imagine(p) + "\n"
    yield from _inspire(p)
    yield _illuminate(p, goals) + "\n"
    yield _innovate(p, goals, links, embed_from) + "\n"
    yield _infiltrate(p) + "\n"
    yield from _reflections(p, progress)
    after = [
        _summary(p),
        "</main>",
        f"<footer>Exported {(today or date.today()).isoformat()} with ilearn {escape(__version__)}. "
        "This page works offline and runs no scripts.</footer>",
        "</body>",
        "</html>",
    ]
    yield "\n" + "\n".join(after) + "\n"


def _title(p: Portfolio, today: date | None) -> str:
    start, end = p.date_range
    facts = [
        ("Cycle", ", ".join(c.title for c in p.cycles) or "—"),
        ("Dates", f"{start} to {end}" if start or end else "—"),
        ("Exported", (today or date.today()).isoformat()),
    ]
    out = ['<header class="title">', '<p class="kicker">Professional learning portfolio</p>']
    out.append(f"<h1>{e(p.teacher) or 'My professional learning'}</h1>")
    who = ", ".join(x for x in (p.role, p.school) if x.strip())
    if who:
        out.append(f'<p class="who">{e(who)}</p>')
    out.append('<dl class="facts">')
    out += [f"<div><dt>{label}</dt><dd>{e(value)}</dd></div>" for label, value in facts]
    out.append("</dl>")
    if p.left_out:
        out.append(
            f'<p class="note">{plural(p.left_out, "private item")} left out '
            "(student information or private reflections).</p>"
        )
    return "\n".join([*out, "</header>"])


def _contents(summary_title: str) -> str:
    titles = {**dict(SECTIONS), "summary": summary_title}
    items = "".join(f'<li><a href="#{key}">{escape(title)}</a></li>' for key, title in titles.items())
    return f'<nav class="contents" aria-label="Contents"><h2>Contents</h2><ul>{items}</ul></nav>'


_STAGE_OF = {name.lower(): number for number, name in vocab.STAGES.items()}


def _section(key: str, body: list[str], title: str = "") -> str:
    """A section under its heading; a stage's section opens with what the stage means."""
    return "\n".join([*_section_head(key, title), *body, "</section>"])


def _section_head(key: str, title: str = "") -> list[str]:
    head = [f'<section id="{key}"><h2>{escape(title or dict(SECTIONS)[key])}</h2>']
    if key in _STAGE_OF:
        head.append(f'<p class="lede">{escape(FOR_READERS[_STAGE_OF[key]])}</p>')
    return head


def chart_figures(p: Portfolio) -> tuple[tuple[str, str], ...]:
    """The charts of a portfolio as (caption, SVG) pairs, an empty SVG where there is no data.

    The showcase page and the PDF draw the same charts from this one list.
    """
    summed = p.summed()
    months = {month: part.hours for month, part in summed.by_month.items()}
    types = {label: part.hours for label, part in summed.grouped(vocab.ACTIVITY_SHORT).items()}
    ratings = [
        (g.title, [(c.date, c.rating) for c in p.checks if c.goal_id == g.id and c.rating]) for g in p.goals
    ]
    return (
        ("Hours by month", month_chart(dict(months))),
        ("Hours by kind of activity", type_chart(sorted(types.items(), key=lambda kv: (-kv[1], kv[0])))),
        ("Goal self-ratings over time", rating_chart(ratings)),
    )


def _glance(p: Portfolio) -> str:
    summed = p.summed()
    done = summed.done
    stats = [
        (num(done.hours), "hours of learning"),
        (num(done.credits), "credits"),
        (str(done.activities), "activities done"),
        (str(len(p.goals)), "goals"),
        (str(len(p.evidence)), "pieces of evidence"),
        (str(len(p.shares)), "times shared"),
        (str(len(p.reflections)), "reflections"),
    ]
    shown = "".join(f"<li><strong>{v}</strong><span>{k}</span></li>" for v, k in stats if v != "0")
    out = [f'<ul class="stats">{shown}</ul>'] if shown else []  # a count of nothing is noise
    figures = chart_figures(p)
    for caption, svg in figures:
        if svg:
            out.append(f"<figure><figcaption>{escape(caption)}</figcaption>\n{svg}\n</figure>")
    if not done.activities and not figures[-1][1]:  # no activity done, no rating to draw
        out.append(empty("Charts appear once learning activities and progress checks are recorded."))
    return _section("glance", out)


def _imagine(p: Portfolio) -> str:
    out = []
    for vision in p.visions:
        out.append(f"<h3>{e(p.vision_heading(vision))}</h3>")
        out.append(markdown_html(vision.body, shift=3) if vision.body.strip() else empty("No vision yet."))
        if vision.school_mission.strip():
            out += [
                "<h3>School mission</h3>",
                f"<blockquote>{markdown_html(vision.school_mission, shift=3)}",
            ]
            out[-1] += "</blockquote>"
    if not p.visions:
        out.append(empty("No vision written yet."))
    if p.outcomes:
        out.append("<h3>What I want for my students</h3>")
        out.append(table(["outcome", "kind"], [[e(o.text), e(o.kind)] for o in p.outcomes], set()))
    return _section("imagine", out)


def _inspire(p: Portfolio) -> Iterator[str]:
    """The learning plan in pieces, each ending in a newline, a goal a piece: each lists its
    linked reflections, which a big journal has by the thousand."""
    out = _section_head("inspire")
    for kind, title in (("learn", "What I want to learn"), ("share", "Expertise I can share")):
        items = [i for i in p.interests if i.kind == kind]
        if items:
            out.append(f"<h3>{title}</h3><ul>" + "".join(f"<li>{e(i.text)}</li>" for i in items) + "</ul>")
    out.append("<h3>Goals</h3>")
    if not p.goals:
        out.append(empty("No goals yet."))
    yield "\n".join(out) + "\n"
    summed = p.summed()
    asked = questions_by_goal(p.questions)
    for goal in p.goals:
        facts = [f"<li><strong>Status:</strong> {e(goal.status)}</li>"]
        if goal.target_date:
            facts.append(f"<li><strong>Target date:</strong> {e(goal.target_date)}</li>")
        for label, text in goal_facts(goal):
            if text.strip():
                facts.append(f"<li><strong>{label}:</strong> {e(text)}</li>")
        hours = goal_hours(*summed.of_goal(goal.id))
        if hours:
            facts.append(f"<li><strong>Hours:</strong> {e(hours)}</li>")
        questions = asked.get(goal.id)
        if questions:
            listed = "".join(f"<li>{e(q.text)}</li>" for q in questions)
            facts.append(f"<li><strong>Research questions:</strong><ul>{listed}</ul></li>")
        linked = "".join(
            f"<li>{e(r.date)} — {e(r.title) or 'Reflection'}: {e(excerpt(r))}</li>" for r in p.linked(goal.id)
        )
        if linked:
            facts.append(f"<li><strong>Reflections:</strong><ul>{linked}</ul></li>")
        yield f'<div class="goal"><h4>{e(goal.title)}</h4><ul>{"".join(facts)}</ul></div>\n'
    yield "</section>\n"


def _illuminate(p: Portfolio, goals: Mapping[str, Goal]) -> str:
    if not p.activities:
        return _section("illuminate", [empty("No learning activities yet.")])
    rows = []
    for a in p.activities:
        label = e(a.title) + (" <em>(planned)</em>" if a.status == "planned" else "")
        rows.append(
            [
                e(a.date),
                e(str(vocab.ACTIVITY_TYPES.get(a.type, a.type))),
                link(a.link, label),
                e(a.role),
                num(a.hours),
                num(a.credits),
                e("; ".join(goals[g].title for g in a.goal_ids if g in goals)),
            ]
        )
    done = p.summed().done
    total = [
        "Total (done)",
        "",
        "",
        "",
        num(done.hours),
        num(done.credits),
        "",
    ]
    head = ["date", "type", "activity", "role", "hours", "credits", "goals"]
    return _section("illuminate", [table(head, rows, {4, 5}, total)])


def _innovate(
    p: Portfolio, goals: Mapping[str, Goal], links: Mapping[str, str], embed_from: Path | None
) -> str:
    out = []
    questions = {q.id: q for q in p.questions}
    for inv in p.innovations:
        meta = f"{e(inv.kind)} · {e(STEP_FOR_READERS.get(inv.phase, inv.phase))}"
        question = questions.get(inv.question_id or "")
        if question is not None:
            meta += f" · question: {e(question.text)}"
        out.append(f'<div class="innovation"><h3>{e(inv.title)}</h3><p class="meta">{meta}</p>')
        for phase, notes in inv.steps:
            if notes.strip():
                out.append(f"<h4>{phase.capitalize()}</h4>{markdown_html(notes, shift=4)}")
        out.append("</div>")
    if p.evidence:
        shown = embed_images(p.evidence, embed_from) if embed_from is not None else {}
        out += evidence_list(p.evidence, goals, links, shown)
    if p.checks:
        out.append("<h3>Progress toward goals</h3>")
        by_goal: dict[str, list[Check]] = defaultdict(list)
        for check in p.checks:
            by_goal[check.goal_id].append(check)
        for goal_id, checks in by_goal.items():
            rows = [
                [
                    e(c.date),
                    e(c.indicator),
                    f"{c.rating}/5" if c.rating is not None else "",
                    num(c.value) if c.value is not None else "",
                    e(c.note),
                ]
                for c in sorted(checks, key=lambda c: c.date)
            ]
            out.append(f"<h4>{e(goals[goal_id].title)}</h4>")
            out.append(table(["date", "indicator", "rating", "value", "note"], rows, {2, 3}))
    if not out:
        out.append(empty("Nothing recorded yet."))
    return _section("innovate", out)


def _infiltrate(p: Portfolio) -> str:
    if not p.shares:
        return _section("infiltrate", [empty("Nothing shared yet."), *_sessions_led(p)])
    rows = [[e(s.date), e(s.audience), link(s.link, e(s.title)), e(s.venue)] for s in p.shares]
    return _section(
        "infiltrate", [table(["date", "audience", "title", "venue"], rows, set()), *_sessions_led(p)]
    )


def _sessions_led(p: Portfolio) -> list[str]:
    """The sessions she led, as the Markdown has them: facts as a list, the feedback quoted."""
    found = sessions.led(p)
    if not found:
        return []
    out = [f"<h3>{e(sessions.HEADING)}</h3>"]
    for session in found:
        a = session.activity
        meta = f"{e(a.date)} · {e(session.kind)}" + (f" · {num(a.hours)} h" if a.hours else "")
        facts = []
        if a.co_facilitators:
            facts.append(f"<li><strong>Co-facilitators:</strong> {e(', '.join(a.co_facilitators))}</li>")
        if a.attendees is not None:
            facts.append(f"<li><strong>Attendees:</strong> {a.attendees}</li>")
        if a.materials:
            shown = "; ".join(link(m, e(m)) if sessions.is_web(m) else e(m) for m in a.materials)
            facts.append(f"<li><strong>Materials:</strong> {shown}</li>")
        for later in session.spun_off:
            kind = vocab.ACTIVITY_TYPES.get(later.type, later.type).lower()
            facts.append(f"<li><strong>Spun off:</strong> {e(later.title)} ({e(kind)}, {e(later.date)})</li>")
        planned = " <em>(planned)</em>" if a.status == "planned" else ""
        out.append(f'<div class="session"><h4>{e(a.title)}{planned}</h4><p class="meta">{meta}</p>')
        out += ["<ul>", *facts, "</ul>"] if facts else []
        out += [f"<blockquote>“{e(quote)}”</blockquote>" for quote in a.feedback]
        out.append("</div>")
    return out


def _reflections(p: Portfolio, progress: Progress) -> Iterator[str]:
    """The reflections section in pieces (no newline after its end: the page joins sections)."""
    title = escape(dict(SECTIONS)["reflections"])
    if not p.reflections:
        yield _section("reflections", [empty("No reflections in this scope.")])
        return
    yield f'<section id="reflections"><h2>{title}</h2>\n'
    total = len(p.reflections)
    for n, r in enumerate(p.reflections):
        if n % 1000 == 0:  # Markdown rendering is the slow part of a big showcase
            progress("writing reflections", n, total)
        yield reflection_article(r, 3)
    yield "</section>"


_STAGES = {n: f"stage: {name}" for n, name in vocab.STAGES.items()}


def reflection_article(r: Reflection, level: int) -> str:
    """One reflection as an article under a heading of ``level``, ending its line; its own
    headings sit below. The line end is made with it, not added after: each copy of a big
    journal's bodies counts."""
    meta = _STAGES[r.stage] if r.stage else ""
    tags = "".join([f'<span class="tag">{e(t)}</span>' for t in r.tags]) if r.tags else ""
    meta_html = f'<p class="meta">{meta}{" · " if meta and tags else ""}{tags}</p>' if meta or tags else ""
    title = e(r.title) or "Reflection"
    body = markdown_html(without_title(r.body, r.title), shift=level)
    heading = f"<h{level}>{e(r.date)} — {title}</h{level}>"
    return f'<article class="reflection">{heading}{meta_html}\n{body}</article>\n'


def _summary_title(p: Portfolio) -> str:
    """ "Hours and credits", or just "Hours" where no activity carries a credit."""
    return dict(SECTIONS)["summary"] if p.summed().done.credits else "Hours"


def _summary(p: Portfolio) -> str:
    summed = p.summed()
    title = _summary_title(p)
    if not summed.done.activities:
        return _section("summary", [empty("No completed activities in this scope.")], title)
    groups = summed.grouped(vocab.ACTIVITY_TYPES).items()
    rows = [[e(k), str(v.activities), num(v.hours), num(v.credits)] for k, v in groups]
    done = summed.done
    total = ["Total", str(done.activities), num(done.hours), num(done.credits)]
    head = ["type", "activities", "hours", "credits"]
    return _section("summary", [table(head, rows, {1, 2, 3}, total)], title)

"""Quick capture from the shell: reflect, goal, log, evidence, search."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from ilearn_tui.cli.common import journal_for, parse_date
from ilearn_tui.cli.output import Marking, amount, highlighted, out, out_json, plural, saved, styles_on
from ilearn_tui.domain import vocab
from ilearn_tui.errors import IlearnError, UsageError
from ilearn_tui.textsafe import one_line, printable

if TYPE_CHECKING:
    from ilearn_tui.domain.frameworks import Framework
    from ilearn_tui.domain.records import Goal
    from ilearn_tui.store.journal import Journal

MAX_STDIN_BYTES = 8 * 1024 * 1024


def run(args: argparse.Namespace) -> int:
    if args.command == "log" and args.types:
        for name, label in vocab.ACTIVITY_TYPES.items():
            out(f"{name:<12} {label}")
        return 0
    handler = {
        "reflect": _reflect,
        "goal": _goal,
        "log": _log,
        "evidence": _evidence,
        "search": _search,
    }[args.command]
    _validate(args)
    with journal_for(args) as journal:
        return handler(args, journal)


def _validate(args: argparse.Namespace) -> None:
    """Check everything that needs no journal first, so bad input never creates one.

    The list values are read (and their module loaded) only by the commands that take them.
    """
    for name, option in (("date", "--date"), ("target_date", "--by")):
        value = getattr(args, name, None)
        if value is not None:
            setattr(args, name, parse_date(value, option))
    if getattr(args, "stage", None) is not None:
        from ilearn_tui.cli import values

        args.stage = values.stage("--stage", args.stage)
    if args.command == "log" and (args.type is None or args.title is None):
        raise UsageError("log needs TYPE and TITLE, e.g. ilearn log book 'Visible Learning'")
    if args.command == "log":
        from ilearn_tui.cli import values

        args.type = values.activity_type(args.type)
        args.role = values.role(args.role)
        from ilearn_tui.cli import sessions

        sessions.validate(args)
    if args.command == "search" and args.limit < 1:
        raise UsageError("--limit must be 1 or more")
    if args.command == "goal" and args.goal_command is None:
        raise UsageError("goal needs an action: add or list")
    if args.command == "goal" and args.goal_command == "add" and args.kind is not None:
        from ilearn_tui.cli import values

        args.kind = values.goal_kind(args.kind)
    if args.command == "evidence" and args.evidence_command is None:
        raise UsageError("evidence needs an action: add or list")


def _read_text(args: argparse.Namespace, journal: Journal) -> str:
    if args.text == "-":
        data = sys.stdin.buffer.read(MAX_STDIN_BYTES + 1)
        if len(data) > MAX_STDIN_BYTES:
            raise UsageError(f"the text on stdin is larger than {MAX_STDIN_BYTES // 1_048_576} MiB")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise UsageError("the text on stdin is not UTF-8 text") from None
    if args.text is not None:
        return str(args.text)
    return _from_editor(journal)


def _from_editor(journal: Journal) -> str:
    import shlex
    import subprocess
    import tempfile
    from pathlib import Path

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        raise UsageError("no TEXT given and $EDITOR is not set; give TEXT or '-' for stdin")
    drafts = journal.locations.drafts_dir
    drafts.mkdir(mode=0o700, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix="reflection-", suffix=".md", dir=drafts)
    os.close(fd)
    path = Path(name)
    try:
        result = subprocess.run([*shlex.split(editor), str(path)], check=False)
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise IlearnError(f"cannot start the editor {editor!r}: {exc.strerror}") from None
    text = path.read_text(encoding="utf-8", errors="replace")
    if result.returncode != 0:
        raise IlearnError(f"the editor exited with status {result.returncode}; your text is kept in {path}")
    path.unlink(missing_ok=True)
    return text


def _goal_ids(journal: Journal, ref: str | None) -> list[str]:
    if ref is None:
        return []
    from ilearn_tui.store.plan import find_goal

    return [find_goal(journal, ref)]


def components(journal: Journal, typed: list[str]) -> tuple[Framework | None, list[str]]:
    """The framework's checked codes, its module loaded only when ``--component`` is given."""
    if not typed:
        return None, []
    from ilearn_tui.cli.framework import components as checked

    return checked(journal, typed)


def _reflect(args: argparse.Namespace, journal: Journal) -> int:
    from ilearn_tui.store.reflections import add_reflection, clean_tags, validate_body

    tags = clean_tags(args.tag)
    goals = _goal_ids(journal, args.goal)
    chosen, codes = components(journal, args.component)
    text = validate_body(_read_text(args, journal))
    with journal.write():
        new_id = add_reflection(
            journal,
            text,
            title=args.title or "",
            tags=tags,
            day=args.date,
            stage=args.stage,
            links={"goal_id": goals} if goals else None,
        )
        _tag(journal, "reflection", new_id, chosen, codes)
    from datetime import date

    from ilearn_tui.domain.text import reflection_title

    day = args.date or date.today().isoformat()
    title = reflection_title(args.title or "", text)
    saved("reflection", title, new_id, day, " ".join(f"#{tag}" for tag in tags))
    return 0


def _smart_lines(goal: Goal) -> list[str]:
    """A goal's SMART parts, one short line each, only those it has."""
    from ilearn_tui.domain.smart import kind_label

    parts = [
        ("kind", kind_label(goal.kind)),
        ("baseline", goal.baseline),
        ("target", goal.target),
        ("measure", goal.measure),
        ("by", goal.target_date or ""),
    ]
    return [f"{label}: {one_line(text, 60)}" for label, text in parts if text]


def _goal(args: argparse.Namespace, journal: Journal) -> int:
    from ilearn_tui.store import plan

    if args.goal_command == "add":
        from ilearn_tui.domain.smart import gap_hint

        smart = {"kind": args.kind, "baseline": args.baseline, "target": args.target, "measure": args.measure}
        goal_id = plan.add_goal(
            journal,
            args.title,
            questions=args.question,
            why=args.why,
            target_date=args.target_date,
            smart={k: (" ".join(v.split()) if v else v) for k, v in smart.items()},
        )
        asked = plural(len(args.question), "research question") if args.question else ""
        saved("goal", args.title, goal_id, asked)
        hint = gap_hint(args.measure, args.target_date)
        if hint:
            # On stderr, so ``id=$(ilearn goal add …)`` still captures only the id.
            sys.stderr.write(printable(f"hint: {hint} (ilearn edit {goal_id[:8]} adds them)") + "\n")
        return 0
    cycle_id = journal.find_cycle(args.cycle).id if args.cycle else None
    goals = plan.list_goals(journal, cycle_id)
    if args.json:
        out_json(
            [
                {
                    "id": g.id,
                    "title": g.title,
                    "status": g.status,
                    "target_date": g.target_date,
                    "kind": g.kind,
                    "baseline": g.baseline,
                    "target": g.target,
                    "measure": g.measure,
                    "cycle_id": g.cycle_id,
                    "questions": [q.text for q in g.questions],
                }
                for g in goals
            ]
        )
        return 0
    if not goals:
        out("No goals yet. Add one: ilearn goal add 'TITLE' --question 'QUESTION'")
    for goal in goals:
        out(f"{goal.id[:8]}  {one_line(goal.title, 70)}  [{goal.status}]")
        for line in _smart_lines(goal):
            out(f"          {line}")
        for question in goal.questions:
            out(f"          ? {one_line(question.text, 68)}")
    return 0


def _semester_units(journal: Journal, semester_credits: float) -> float:
    """Semester credits in the renewal rule's units: the preset's conversion (PA: 30 each)."""
    from ilearn_tui.domain.renewal import custom_requirement, from_config
    from ilearn_tui.settings import load_settings

    config = load_settings(journal.locations).renewal
    try:
        rule = from_config(dict(config))[0]
    except ValueError:  # none set, or unusable: the stored rate if any, else the default
        rate = config.get("semester_credit_rate", 15) if config else 15
        try:
            rule = custom_requirement("hours", 1, 1, semester_credit_rate=float(rate))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            rule = custom_requirement("hours", 1, 1)
    return rule.from_semester_hours(semester_credits)


def _log(args: argparse.Namespace, journal: Journal) -> int:
    from ilearn_tui.cli import sessions
    from ilearn_tui.store import plan
    from ilearn_tui.store.groups import find_group, put_in_group

    if args.semester_credits is not None:
        if args.credits is not None:
            raise UsageError("give --credits or --semester-credits, not both")
        if not 0 < args.semester_credits <= 60:
            raise UsageError("--semester-credits must be more than 0 and at most 60")
        args.credits = _semester_units(journal, args.semester_credits)
    chosen, codes = components(journal, args.component)
    goal_ids = _goal_ids(journal, args.goal)
    group_id = find_group(journal, args.group) if args.group else None
    origin = sessions.find_session(journal, args.spun_off_from) if args.spun_off_from else None
    with journal.write():
        activity_id = plan.add_activity(
            journal,
            args.type.lower(),
            args.title,
            day=args.date,
            hours=args.hours,
            credits=args.credits,
            goal_ids=goal_ids,
            role=args.role,
            status="planned" if args.planned else None,  # else done, unless dated ahead
            provider=args.provider,
            topic=args.topic,
            attendees=args.attendees,
            spun_off_from=origin,
        )
        sessions.save_lines(journal, activity_id, args)
        _tag(journal, "activity", activity_id, chosen, codes)
        if group_id:
            put_in_group(journal, "activities", activity_id, group_id)
    hours = amount(args.hours, "hour") if args.hours else ""
    saved("learning activity", args.title, activity_id, args.date or "", hours)
    return 0


def _evidence(args: argparse.Namespace, journal: Journal) -> int:
    from ilearn_tui.settings import load_settings
    from ilearn_tui.store.evidence import add_evidence, list_evidence

    if args.evidence_command == "list":
        items = list_evidence(journal)
        if args.json:
            out_json([_as_dict(item) for item in items])
            return 0
        for item in items:
            flag = "  [student info]" if item.student_info else ""
            out(f"{item.id[:8]}  {item.date}  {one_line(item.title, 60)}{flag}")
        return 0
    goals = _goal_ids(journal, args.goal)
    settings = load_settings(journal.locations)
    chosen, codes = components(journal, args.component)
    with journal.write():
        evidence_id = add_evidence(
            journal,
            args.target,
            title=args.title,
            goal_id=goals[0] if goals else None,
            student_info=args.student_info,
            day=args.date,
            max_bytes=settings.evidence_max_bytes,
        )
        _tag(journal, "evidence", evidence_id, chosen, codes)
    saved("evidence", args.title or os.path.basename(args.target.rstrip("/")), evidence_id)
    return 0


def _tag(journal: Journal, kind: str, item_id: str, chosen: Framework | None, codes: list[str]) -> None:
    if chosen is not None and codes:
        from ilearn_tui.store.coverage import tag

        tag(journal, kind, item_id, chosen, codes)


def _as_dict(item: object) -> dict[str, object]:
    return {name: getattr(item, name) for name in item.__slots__}  # type: ignore[attr-defined]


def _search(args: argparse.Namespace, journal: Journal) -> int:
    from ilearn_tui.store.colleague_search import ranked_with
    from ilearn_tui.store.search import search

    hits = ranked_with(journal.conn, search(journal, args.query, limit=args.limit), args.query, args.limit)
    if args.json:
        out_json(
            [
                {
                    "kind": h.kind,
                    "id": h.id,
                    "title": highlighted(h.title, marking="plain"),
                    "snippet": highlighted(h.snippet, marking="marks"),
                    "date": h.date,
                    "rank": h.rank,
                    **({"author": h.author} if h.author else {}),
                }
                for h in hits
            ]
        )
        return 0
    if not hits:
        out(f"No matches for {args.query!r}.")
        return 0
    marking: Marking = "style" if styles_on() else "plain"
    for hit in hits:
        title = highlighted(hit.title, marking=marking) or "(untitled)"
        by = f"  (by {printable(hit.author)})" if hit.author else ""
        sys.stdout.write(f"{hit.kind:<10} {hit.id[:8]}  {hit.date:<10}  {title}{by}\n")
        sys.stdout.write(f"           {highlighted(hit.snippet, marking=marking)}\n")
    return 0

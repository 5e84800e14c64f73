"""The command-line grammar of PRODUCT.md, built with argparse."""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections.abc import Callable
from typing import NoReturn

from ilearn_tui import __version__
from ilearn_tui.cli.values import amount
from ilearn_tui.domain.renewal import MAX_YEARS, PRESETS
from ilearn_tui.domain.text import DATE_FORMS
from ilearn_tui.errors import UsageError


class Parser(argparse.ArgumentParser):
    """An argparse parser whose usage errors are one line and go through our exit path."""

    def error(self, message: str) -> NoReturn:
        from ilearn_tui.cli.values import suggest_choice

        message = suggest_choice(message) or re.sub(r"^argument (-[-\w]+)(/-\w+)?: ", r"\1: ", message)
        raise UsageError(f"{message} (see '{self.prog} --help')")

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            sys.stderr.write(message)
        raise SystemExit(status)


def _goal_ref(text: str) -> str:
    """An empty ``--goal`` is a mistake (often an unset shell variable), never "no goal"."""
    if not text.strip():
        raise argparse.ArgumentTypeError("empty; give a goal title or id, or leave the option out")
    return text


def _shown(text: str) -> str:
    return text if len(text) <= 20 else text[:20] + "…"


def whole(low: int, high: int) -> Callable[[str], int]:
    """A whole-number option within the range the command can use.

    Beyond it the number would overflow SQLite's integers or the calendar later, as a
    traceback; refused here it is a usage error that names the range.
    """

    def convert(text: str) -> int:
        try:
            value = int(text)  # a number of more than 4,300 digits is a ValueError too
        except ValueError:
            raise argparse.ArgumentTypeError(f"{_shown(text)!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{_shown(text)!r} is outside {low:,} to {high:,}")
        return value

    convert.__name__ = "whole number"
    return convert


def finite(text: str) -> float:
    """A decimal option: nan and infinity are not amounts, and would be saved as ``NaN``."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{_shown(text)!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{_shown(text)!r} is not a finite number")
    return value


def _home(p: argparse.ArgumentParser, *, top: bool = False) -> None:
    p.add_argument(
        "--home",
        metavar="DIR",
        default=None if top else argparse.SUPPRESS,
        help="keep all data in DIR (also ILEARN_HOME); default: your user data folder",
    )


def _sub(subs: argparse._SubParsersAction[Parser], name: str, help_: str, desc: str | None = None) -> Parser:
    p: Parser = subs.add_parser(name, help=help_, description=desc or help_)
    p.add_argument("--version", action="version", version=f"ilearn {__version__}")
    _home(p)
    return p


_COMPONENT_HELP = "a component of your evaluation framework it evidences, e.g. 3b (repeatable)"


def build() -> Parser:
    top = Parser(
        prog="ilearn",
        description=(
            "Plan, record and share your professional learning: Imagine, Inspire, Illuminate, "
            "Innovate, Infiltrate. With no command, opens your journal."
        ),
    )
    top.add_argument("--version", action="version", version=f"ilearn {__version__}")
    _home(top, top=True)
    subs = top.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    _sub(subs, "demo", "open a sample journal of a fictional teacher (your journal is untouched)")

    p = _sub(subs, "reflect", "add a reflection (TEXT, '-' for stdin, or none to open $EDITOR)")
    p.add_argument("text", nargs="?", metavar="TEXT")
    p.add_argument("--tag", action="append", default=[], metavar="T", help="a tag (repeatable)")
    p.add_argument("--goal", metavar="GOAL", type=_goal_ref, help="link to a goal (id or title prefix)")
    p.add_argument("--date", metavar="DATE", help=DATE_FORMS)
    p.add_argument("--stage", metavar="S", help="1-5 or imagine/inspire/illuminate/innovate/infiltrate")
    p.add_argument("--title", metavar="TITLE", help="a title (default: the first line)")
    p.add_argument("--component", action="append", default=[], metavar="C", help=_COMPONENT_HELP)

    p = _sub(subs, "goal", "add or list goals of your learning plan")
    goal_subs = p.add_subparsers(dest="goal_command", metavar="ACTION", parser_class=Parser)
    g = _sub(goal_subs, "add", "add a goal")
    g.add_argument("title", metavar="TITLE")
    g.add_argument(
        "--question",
        action="append",
        default=[],
        metavar="Q",
        help="an action-research question (repeatable)",
    )
    g.add_argument("--why", default="", help="why this goal matters for your students")
    g.add_argument(
        "--kind", metavar="KIND", help="student-learning or professional-practice (any unambiguous prefix)"
    )
    g.add_argument("--baseline", default="", metavar="B", help="where students (or you) start")
    g.add_argument("--target", default="", metavar="T", help="what you aim for")
    g.add_argument("--measure", default="", metavar="M", help="how you will know")
    g.add_argument("--by", dest="target_date", metavar="DATE", help="the goal's date (today, yesterday, ISO)")
    g = _sub(goal_subs, "list", "list goals with their research questions")
    g.add_argument("--cycle", metavar="C", help="only this cycle (e.g. 2025-26)")
    g.add_argument("--json", action="store_true", help="print JSON")

    p = _sub(subs, "log", "log a learning activity (workshop, book study, coaching, …)")
    p.add_argument("type", nargs="?", metavar="TYPE", help="see --types")
    p.add_argument("title", nargs="?", metavar="TITLE")
    p.add_argument("--types", action="store_true", help="list the activity types and exit")
    p.add_argument("--hours", type=amount("--hours", "hours"), metavar="H", help="e.g. 1.5")
    p.add_argument(
        "--credits", type=amount("--credits", "credits"), metavar="C", help="PDPs, CEUs or points, as awarded"
    )
    p.add_argument(
        "--semester-credits",
        type=amount("--semester-credits", "semester credits", "3"),
        metavar="N",
        help="university semester credits, converted by the renewal rule (default 15 each)",
    )
    p.add_argument("--date", metavar="DATE")
    p.add_argument("--goal", metavar="GOAL", type=_goal_ref)
    p.add_argument("--role", default="attended", help="attended (the default) or facilitated")
    p.add_argument("--planned", action="store_true", help="not done yet")
    p.add_argument("--provider", default="", help="provider or facilitator")
    p.add_argument("--topic", default="", help="topic or category (for licence renewal)")
    p.add_argument("--component", action="append", default=[], metavar="C", help=_COMPONENT_HELP)

    p = _sub(subs, "evidence", "add evidence (a file or a link)")
    ev_subs = p.add_subparsers(dest="evidence_command", metavar="ACTION", parser_class=Parser)
    e = _sub(ev_subs, "add", "add a file (copied into the journal) or a link")
    e.add_argument("target", metavar="PATH|URL")
    e.add_argument("--title", default="")
    e.add_argument("--goal", metavar="GOAL", type=_goal_ref)
    e.add_argument("--date", metavar="DATE")
    e.add_argument(
        "--student-info",
        action="store_true",
        help="it shows student information: keep it out of shared exports",
    )
    e.add_argument("--component", action="append", default=[], metavar="C", help=_COMPONENT_HELP)
    e = _sub(ev_subs, "list", "list evidence")
    e.add_argument("--json", action="store_true")

    p = _sub(subs, "framework", "the evaluation framework: coverage of its components, or 'set NAME'")
    p.add_argument("--cycle", metavar="C", help="only this cycle (e.g. 2025-26)")
    p.add_argument("--json", action="store_true", help="print JSON")
    fw_subs = p.add_subparsers(dest="framework_command", metavar="ACTION", parser_class=Parser)
    f = _sub(fw_subs, "set", "choose the framework your evidence is tagged with")
    f.add_argument("name", metavar="danielson|marzano|ma|none")

    p = _sub(subs, "search", "ranked full-text search over everything")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--limit", type=whole(1, 10_000), default=20, metavar="N")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = _sub(
        subs,
        "export",
        "export your portfolio (Markdown, HTML, JSON or a zip archive)",
        "Export your portfolio: Markdown (md), a self-contained HTML showcase page (html), "
        "everything, lossless (json), or everything with its evidence files in one zip (archive: "
        "journal.json, evidence/ and a manifest of SHA-256 sums, for a new computer). "
        "With --out DIR/ (an existing folder, or a path ending in /) "
        "the folder gets the document plus evidence/ with copies of the evidence files, linked "
        "relatively, ready to zip or copy to a USB stick.",
    )
    p.add_argument(
        "--format",
        metavar="md|html|json|archive",
        help="default: what the --out name ends in (.md, .html, .json, .zip; a folder: md), else md",
    )
    p.add_argument(
        "--out",
        metavar="PATH",
        help="a file, or a folder (existing, or ending in /) for the document plus evidence/ copies; "
        "default: print to stdout",
    )
    p.add_argument(
        "--packet",
        metavar="review|renewal",
        help="a Markdown cut for a reader: 'review' = one cycle's annual review packet (goals, "
        "questions, evidence, ratings over time, hours; default: the current cycle); "
        "'renewal' = licence-renewal record (each done activity's topic, type, date, hours, "
        "credits, with totals; default: your renewal period, if set)",
    )
    p.add_argument("--cycle", metavar="C", help="only this cycle (e.g. 2025-26)")
    p.add_argument("--goal", metavar="GOAL", type=_goal_ref, help="only what is linked to this goal")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="only records from DATE")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="only records up to DATE")
    p.add_argument(
        "--include-private", action="store_true", help="include student information and private reflections"
    )
    p.add_argument("--force", action="store_true", help="replace an existing file (or the folder's document)")
    p.add_argument(
        "--submit",
        action="store_true",
        help="also keep a dated copy with its SHA-256 in your data folder, as handed in "
        "(see 'ilearn submissions')",
    )

    p = _sub(subs, "submissions", "list the documents you submitted (date, kind, size, SHA-256)")
    p.add_argument("--check", action="store_true", help="check each kept copy against its SHA-256")

    p = _sub(subs, "import", "import a JSON export, a zip archive (with its evidence) or a jrnl journal")
    p.add_argument("path", metavar="PATH")
    p.add_argument("--format", metavar="json|jrnl|archive", help="default: guessed from the file")

    p = _sub(subs, "backup", "write a verified copy of the journal")
    p.add_argument("--out", metavar="PATH")
    p.add_argument("--force", action="store_true")
    p = _sub(subs, "restore", "replace the journal with a backup (the current one is backed up first)")
    p.add_argument("path", metavar="PATH")
    _sub(subs, "doctor", "check the journal, its evidence files and permissions")

    p = _sub(subs, "hours", "hours and credits: totals, by type, topic, goal and month")
    p.add_argument("--cycle", metavar="C", help="a cycle (default: the current one; 'all': every cycle)")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = _sub(subs, "check", "record a progress check on a goal (a 1-5 self-rating or a measured value)")
    p.add_argument("goal", metavar="GOAL")
    p.add_argument(
        "--indicator",
        required=True,
        metavar="KIND",
        help="student-achievement, instructional-practice, student-engagement, 21st-century-skills or other",
    )
    p.add_argument("--rating", type=whole(1, 5), metavar="N", help="1 (just starting) to 5 (fully there)")
    p.add_argument(
        "--value",
        type=amount("--value", "a measured value", "72"),
        metavar="X",
        help="a measured value, e.g. 72 (%% on a quiz)",
    )
    p.add_argument("--date", metavar="DATE")
    p.add_argument("--note", default="", metavar="T")

    p = _sub(subs, "renewal", "licence-renewal progress, and the requirement it is measured against")
    p.add_argument("--json", action="store_true", help="print progress as JSON")
    ren_subs = p.add_subparsers(dest="renewal_command", metavar="ACTION", parser_class=Parser)
    r = _sub(ren_subs, "show", "progress toward renewal (the default action)")
    r.add_argument("--json", action="store_true")
    _sub(ren_subs, "presets", "list the built-in requirements")
    r = _sub(
        ren_subs, "set", "choose a state's preset (ilearn renewal presets) or define a custom requirement"
    )
    r.add_argument("preset", metavar="PRESET", help=f"{', '.join(PRESETS)} or custom")
    r.add_argument("--start", required=True, metavar="DATE", help="when the current licence period began")
    r.add_argument("--units", default="hours", help="custom: what is counted (hours, PDPs, points…)")
    r.add_argument("--amount", type=finite, help="custom: how many units are required")
    r.add_argument(
        "--years",
        type=whole(1, MAX_YEARS),
        help=f"custom: the length of the period in years (1 to {MAX_YEARS})",
    )
    r.add_argument(
        "--minimum",
        action="append",
        default=[],
        metavar="TOPIC=N",
        help="custom: a minimum for one topic (repeatable)",
    )
    r.add_argument(
        "--topic-minimum",
        type=finite,
        default=0.0,
        metavar="N",
        help="custom: a topic counts only from N units",
    )
    r.add_argument("--hour-rate", type=finite, metavar="N", help="units per clock hour (default 1)")
    r.add_argument(
        "--semester-credit-rate",
        type=finite,
        metavar="N",
        help="units per university semester credit (default: the preset's, else 15)",
    )
    r.add_argument(
        "--extra-licences",
        type=whole(0, 20),
        default=0,
        metavar="N",
        help="additional licences held, where the rule asks more for each (MA: +30 PDPs)",
    )

    p = _sub(subs, "cycle", "list the learning cycles (school years), or start the next one")
    cyc_subs = p.add_subparsers(dest="cycle_command", metavar="ACTION", parser_class=Parser)
    _sub(cyc_subs, "list", "every cycle with its dates (the default)")
    _sub(cyc_subs, "next", "start the next school year, carrying the vision and open goals forward")

    _record_commands(subs)
    p = _sub(subs, "status", "the dashboard as text: stages, next step, goals and ratings, hours, renewal")
    p.add_argument("--cycle", metavar="C", help="a cycle (default: the current one)")
    p = _sub(subs, "stage", "one stage's records as text (the app's stage screen)")
    p.add_argument(
        "stage", nargs="?", metavar="STAGE", help="1-5 or imagine … infiltrate (default: where you are)"
    )
    p.add_argument("--cycle", metavar="C", help="a cycle (default: the current one)")

    p = _sub(subs, "trash", "list, restore or empty deleted items (deletes are never final until purged)")
    trash_subs = p.add_subparsers(dest="trash_command", metavar="ACTION", parser_class=Parser)
    _sub(trash_subs, "list", "list deleted items, newest first")
    t = _sub(trash_subs, "restore", "put a deleted item back, with everything that belonged to it")
    t.add_argument("item", metavar="ID", help="the id (or its first characters) from 'ilearn trash list'")
    t = _sub(trash_subs, "purge", "delete items in the trash for good")
    t.add_argument(
        "--older-than", type=whole(0, 36_500), metavar="DAYS", help="only items deleted more than DAYS ago"
    )

    p = _sub(
        subs, "sync", "sync this journal with your other computers through a git remote (see docs/SYNC.md)"
    )
    sync_subs = p.add_subparsers(dest="sync_command", metavar="ACTION", parser_class=Parser)
    t = _sub(sync_subs, "setup", "name the remote: a folder (USB stick, shared drive), file://, or a git URL")
    t.add_argument("url", metavar="URL", help="an empty folder becomes a sync repository")
    t.add_argument(
        "--join", action="store_true", help="combine this journal's records with the journal already there"
    )
    _sub(sync_subs, "status", "the remote, the last sync, what is waiting to be sent, and any conflicts")
    t = _sub(sync_subs, "resolve", "settle a conflict: keep this computer's value, the other's, or an edit")
    t.add_argument(
        "conflict", metavar="ID", help="the record's or copy's id (or its start), from 'ilearn sync status'"
    )
    how = t.add_mutually_exclusive_group(required=True)
    how.add_argument("--keep", choices=("mine", "theirs"), help="keep this computer's value, or the other's")
    how.add_argument("--edit", action="store_true", help="write your own text from both, in $EDITOR")
    p.add_argument(
        "--allow-deletes",
        action="store_true",
        help="go ahead with a merge that moves more than half of the records to the trash",
    )
    return top


_ID_HELP = "a record's id, or its first characters (at least 4), as lists and search show them"


def _record_commands(subs: argparse._SubParsersAction[Parser]) -> None:
    """show, edit and delete take any kind of record, by id or a unique id prefix."""
    for name, help_, desc in (
        ("show", "print one record: its fields, links and tags", None),
        (
            "edit",
            "edit one record in $EDITOR (fields above '---', long text below)",
            "Open one record in $EDITOR as text: its fields as 'name: value' lines between two "
            "'---' lines, its long text below them. What comes back is checked by the same rules "
            "as the app's forms; an edit that is refused is kept, and the next 'ilearn edit' of "
            "the record starts from it. An unchanged file changes nothing.",
        ),
        ("delete", "move one record (and what belongs to it) to the trash; see 'ilearn trash'", None),
    ):
        p = _sub(subs, name, help_, desc)
        p.add_argument("record", metavar="ID", help=_ID_HELP)

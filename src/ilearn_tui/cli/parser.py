"""The command-line grammar of PRODUCT.md, built with argparse: one function per command.

Each function imports what only its own options need, so that a command that never builds
that parser never pays for the import (``--version`` builds none).
"""

from __future__ import annotations

from collections.abc import Callable

from ilearn_tui import __version__
from ilearn_tui.cli import parser_groups as groups
from ilearn_tui.cli import parser_growth as growth
from ilearn_tui.cli.parser_parts import Parser, Subs, goal_ref, home, sub, whole

_COMPONENT_HELP = "a component of your evaluation framework it evidences, e.g. 3b (repeatable)"


def build(command: str | None = None) -> Parser:
    """The whole grammar, or with ``command`` only that command's part of it.

    A quick command pays for the one parser it uses: building all of them costs more than
    the rest of ``ilearn reflect`` on a small journal. ``--help``, completion and a misspelt
    command (whose "did you mean" needs every name) build them all.
    """
    top = Parser(
        prog="ilearn",
        description=(
            "Plan, record and share your professional learning: Imagine, Inspire, Illuminate, "
            "Innovate, Infiltrate. With no command, opens your journal."
        ),
    )
    top.add_argument("--version", action="version", version=f"ilearn {__version__}")
    home(top, top=True)
    subs = top.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name, add in COMMANDS.items():
        if command is None or name == command:
            add(subs)
    return top


def command_in(argv: list[str]) -> str | None:
    """The command ``argv`` names, read the way the top-level parser would, or None.

    None means "build everything": no command (the app, ``--help``, ``--version``), an
    unknown word, or an option before the command other than ``--home`` (``-h reflect``
    prints the top-level help, which lists every command).
    """
    args = iter(argv)
    for arg in args:
        if arg == "--home":
            next(args, None)
        elif arg.startswith("--home="):
            continue
        else:
            return arg if arg in COMMANDS else None
    return None


def lean(argv: list[str]) -> Parser:
    """The parser ``argv`` needs: one command's, or none for the app and a bare ``--version``."""
    command = command_in(argv)
    if command is None and _top_level_only(argv):
        return build("")
    return build(command)


def _top_level_only(argv: list[str]) -> bool:
    args = iter(argv)
    for arg in args:
        if arg == "--home":
            next(args, None)
        elif arg != "--version" and not arg.startswith("--home="):
            return False
    return True


def _demo_parser(subs: Subs) -> None:
    sub(subs, "demo", "open a sample journal of a fictional teacher (your journal is untouched)")


def _reflect_parser(subs: Subs) -> None:
    from ilearn_tui.domain.text import DATE_FORMS

    p = sub(subs, "reflect", "add a reflection (TEXT, '-' for stdin, or none to open $EDITOR)")
    p.add_argument("text", nargs="?", metavar="TEXT")
    p.add_argument("--tag", action="append", default=[], metavar="T", help="a tag (repeatable)")
    p.add_argument("--goal", metavar="GOAL", type=goal_ref, help="link to a goal (id or title prefix)")
    p.add_argument("--date", metavar="DATE", help=DATE_FORMS)
    p.add_argument("--stage", metavar="S", help="1-5 or imagine/inspire/illuminate/innovate/infiltrate")
    p.add_argument("--title", metavar="TITLE", help="a title (default: the first line)")
    p.add_argument("--component", action="append", default=[], metavar="C", help=_COMPONENT_HELP)


def _goal_parser(subs: Subs) -> None:
    p = sub(subs, "goal", "add or list goals of your learning plan")
    goal_subs = p.add_subparsers(dest="goal_command", metavar="ACTION", parser_class=Parser)
    g = sub(goal_subs, "add", "add a goal")
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
    g = sub(goal_subs, "list", "list goals with their research questions")
    g.add_argument("--cycle", metavar="C", help="only this cycle (e.g. 2025-26)")
    g.add_argument("--json", action="store_true", help="print JSON")


def _log_parser(subs: Subs) -> None:
    from ilearn_tui.cli.sessions import session_options
    from ilearn_tui.cli.values import amount

    p = sub(subs, "log", "log a learning activity (workshop, book study, coaching, …)")
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
    p.add_argument("--goal", metavar="GOAL", type=goal_ref)
    p.add_argument("--role", default="attended", help="attended (the default) or facilitated")
    p.add_argument("--planned", action="store_true", help="not done yet")
    p.add_argument("--provider", default="", help="provider or facilitator")
    p.add_argument("--topic", default="", help="topic or category (for licence renewal)")
    p.add_argument("--component", action="append", default=[], metavar="C", help=_COMPONENT_HELP)
    p.add_argument("--group", metavar="GROUP", help="a group it belongs to (id or name start)")
    session_options(p)


def _evidence_parser(subs: Subs) -> None:
    p = sub(subs, "evidence", "add evidence (a file or a link)")
    ev_subs = p.add_subparsers(dest="evidence_command", metavar="ACTION", parser_class=Parser)
    e = sub(ev_subs, "add", "add a file (copied into the journal) or a link")
    e.add_argument("target", metavar="PATH|URL")
    e.add_argument("--title", default="")
    e.add_argument("--goal", metavar="GOAL", type=goal_ref)
    e.add_argument("--date", metavar="DATE")
    e.add_argument(
        "--student-info",
        action="store_true",
        help="it shows student information: keep it out of shared exports",
    )
    e.add_argument("--component", action="append", default=[], metavar="C", help=_COMPONENT_HELP)
    e = sub(ev_subs, "list", "list evidence")
    e.add_argument("--json", action="store_true")


def _search_parser(subs: Subs) -> None:
    p = sub(subs, "search", "ranked full-text search over everything")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--limit", type=whole(1, 10_000), default=20, metavar="N")
    p.add_argument("--json", action="store_true", help="print JSON")


def _export_parser(subs: Subs) -> None:
    p = sub(
        subs,
        "export",
        "export your portfolio (Markdown, HTML, PDF, JSON or a zip archive)",
        "Export your portfolio: Markdown (md), a self-contained HTML showcase page (html), "
        "one bound PDF with contents (pdf), "
        "everything, lossless (json), or everything with its evidence files in one zip (archive: "
        "journal.json, evidence/ and a manifest of SHA-256 sums, for a new computer). "
        "With --out and no --format the name decides: .md, .html, .pdf, .json or .zip. "
        "With --out DIR/ (an existing folder, or a path ending in /) "
        "the folder gets the document plus evidence/ with copies of the evidence files, linked "
        "relatively, ready to zip or copy to a USB stick.",
    )
    p.add_argument(
        "--format",
        metavar="md|html|json|archive|pdf",
        help="default: what the --out name ends in (.md, .html, .json, .zip, .pdf; a folder: md), "
        "else md; any unambiguous start of one (htm, arch)",
    )
    p.add_argument(
        "--out",
        metavar="PATH",
        help="a file, or a folder (existing, or ending in /) for the document plus evidence/ copies; "
        "default (or -): print to stdout",
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
    p.add_argument("--goal", metavar="GOAL", type=goal_ref, help="only what is linked to this goal")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="only records from DATE")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="only records up to DATE")
    p.add_argument(
        "--include-private", action="store_true", help="include student information and private reflections"
    )
    p.add_argument(
        "--group",
        metavar="G",
        help="a group showcase instead (md, html or pdf): what every member published to group G, "
        "by member and stage, for a parents' evening",
    )
    p.add_argument("--force", action="store_true", help="replace an existing file (or the folder's document)")
    p.add_argument(
        "--submit",
        action="store_true",
        help="also keep a dated copy with its SHA-256 in your data folder, as handed in "
        "(see 'ilearn submissions')",
    )


def _import_parser(subs: Subs) -> None:
    p = sub(subs, "import", "import a JSON export, a zip archive (with its evidence) or a jrnl journal")
    p.add_argument("path", metavar="PATH")
    p.add_argument("--format", metavar="json|jrnl|archive", help="default: guessed from the file")


def _backup_parser(subs: Subs) -> None:
    p = sub(subs, "backup", "write a verified copy of the journal")
    p.add_argument("--out", metavar="PATH")
    p.add_argument("--force", action="store_true")


def _restore_parser(subs: Subs) -> None:
    p = sub(subs, "restore", "replace the journal with a backup (the current one is backed up first)")
    p.add_argument("path", metavar="PATH")


def _doctor_parser(subs: Subs) -> None:
    sub(subs, "doctor", "check the journal, its evidence files and permissions")


def _cycle_parser(subs: Subs) -> None:
    p = sub(subs, "cycle", "list the learning cycles (school years), or start the next one")
    cyc_subs = p.add_subparsers(dest="cycle_command", metavar="ACTION", parser_class=Parser)
    sub(cyc_subs, "list", "every cycle with its dates (the default)")
    sub(cyc_subs, "next", "start the next school year, carrying the vision and open goals forward")


def _status_parser(subs: Subs) -> None:
    p = sub(subs, "status", "the dashboard as text: stages, next step, goals and ratings, hours, renewal")
    p.add_argument("--cycle", metavar="C", help="a cycle (default: the current one)")


def _stage_parser(subs: Subs) -> None:
    p = sub(subs, "stage", "one stage's records as text (the app's stage screen)")
    p.add_argument(
        "stage", nargs="?", metavar="STAGE", help="1-5 or imagine … infiltrate (default: where you are)"
    )
    p.add_argument("--cycle", metavar="C", help="a cycle (default: the current one)")


def _trash_parser(subs: Subs) -> None:
    p = sub(subs, "trash", "list, restore or empty deleted items (deletes are never final until purged)")
    trash_subs = p.add_subparsers(dest="trash_command", metavar="ACTION", parser_class=Parser)
    sub(trash_subs, "list", "list deleted items, newest first")
    t = sub(trash_subs, "restore", "put a deleted item back, with everything that belonged to it")
    t.add_argument("item", metavar="ID", help="the id (or its first characters) from 'ilearn trash list'")
    t = sub(trash_subs, "purge", "delete items in the trash for good")
    t.add_argument(
        "--older-than", type=whole(0, 36_500), metavar="DAYS", help="only items deleted more than DAYS ago"
    )


def _sync_parser(subs: Subs) -> None:
    p = sub(
        subs, "sync", "sync this journal with your other computers through a git remote (see docs/SYNC.md)"
    )
    sync_subs = p.add_subparsers(dest="sync_command", metavar="ACTION", parser_class=Parser)
    t = sub(sync_subs, "setup", "name the remote: a folder (USB stick, shared drive), file://, or a git URL")
    t.add_argument("url", metavar="URL", help="an empty folder becomes a sync repository")
    t.add_argument(
        "--join", action="store_true", help="combine this journal's records with the journal already there"
    )
    sub(sync_subs, "status", "the remote, the last sync, what is waiting to be sent, and any conflicts")
    t = sub(sync_subs, "resolve", "settle a conflict: keep this computer's value, the other's, or an edit")
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


_ID_HELP = "a record's id, or its first characters (at least 4), as lists and search show them"


def _completion_parser(subs: Subs) -> None:
    p = sub(
        subs,
        "completion",
        "print a script that makes Tab complete ilearn in bash, zsh or fish",
        "Print a script for your shell that completes commands, options, goal titles, tags, "
        "activity types, stages and record ids. Load it from your shell's start-up file: "
        'bash: eval "$(ilearn completion bash)"; zsh: eval "$(ilearn completion zsh)"; '
        "fish: ilearn completion fish | source.",
    )
    p.add_argument("shell", metavar="SHELL", help="bash, zsh or fish")


def _record_parser(name: str) -> Callable[[Subs], None]:
    """show, edit and delete take any kind of record, by id or a unique id prefix."""
    help_, desc = _RECORD_HELP[name]

    def add(subs: Subs) -> None:
        p = sub(subs, name, help_, desc)
        p.add_argument("record", metavar="ID", help=_ID_HELP)

    return add


_RECORD_HELP: dict[str, tuple[str, str | None]] = {
    name: (help_, desc)
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
    )
}


# In the order ``--help`` lists them.
COMMANDS: dict[str, Callable[[Subs], None]] = {
    "demo": _demo_parser,
    "reflect": _reflect_parser,
    "goal": _goal_parser,
    "log": _log_parser,
    "evidence": _evidence_parser,
    "share": groups.share_parser,
    "framework": growth.framework_parser,
    "search": _search_parser,
    "export": _export_parser,
    "submissions": growth.submissions_parser,
    "import": _import_parser,
    "backup": _backup_parser,
    "restore": _restore_parser,
    "doctor": _doctor_parser,
    "hours": growth.hours_parser,
    "check": growth.check_parser,
    "renewal": growth.renewal_parser,
    "cycle": _cycle_parser,
    "show": _record_parser("show"),
    "edit": _record_parser("edit"),
    "delete": _record_parser("delete"),
    "status": _status_parser,
    "stage": _stage_parser,
    "trash": _trash_parser,
    "sync": _sync_parser,
    "group": groups.group_parser,
    "publish": groups.publish_parser,
    "unpublish": groups.unpublish_parser,
    "profile": groups.profile_parser,
    "reply": groups.reply_parser,
    "completion": _completion_parser,
}

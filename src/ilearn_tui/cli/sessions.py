"""``ilearn log … --role facilitated``: the options of a session the teacher led, read and saved.

The values are read by the same rules as the app's activity form (``domain.sessions``), before
any journal is opened, so a wrong one writes nothing. ``--spun-off-from`` names the session a
later activity came from, by the lookup every command uses (an id, its start, or a title).
"""

from __future__ import annotations

import argparse
import difflib

from ilearn_tui.domain import sessions
from ilearn_tui.errors import NotFoundError, UsageError
from ilearn_tui.store.journal import Journal

# Each session field and the option that gives it.
OPTIONS = {
    "co_facilitators": "--co-facilitator",
    "attendees": "--attendees",
    "feedback": "--feedback",
    "materials": "--material",
}


def session_options(p: argparse.ArgumentParser) -> None:
    """The options of ``log`` for a session the teacher led (and what a later one came from)."""
    p.add_argument(
        "--co-facilitator",
        dest="co_facilitators",
        action="append",
        default=[],
        metavar="NAME",
        help="who led the session with you (repeatable; with --role facilitated)",
    )
    p.add_argument("--attendees", metavar="N", help="how many came (with --role facilitated)")
    p.add_argument(
        "--feedback",
        action="append",
        default=[],
        metavar="TEXT",
        help="a short quote from a participant (repeatable; with --role facilitated)",
    )
    p.add_argument(
        "--material",
        dest="materials",
        action="append",
        default=[],
        metavar="URL|PATH",
        help="a link or file path of what you used (repeatable; with --role facilitated)",
    )
    p.add_argument(
        "--spun-off-from",
        metavar="ACTIVITY",
        help="the session you led that this activity came from (an id, its start, or a title)",
    )


def validate(args: argparse.Namespace) -> None:
    """Check the session options (``args.role`` already read); the values are tidied in place."""
    if args.attendees is not None:
        try:
            args.attendees = sessions.whole_number(args.attendees)
        except ValueError as exc:
            raise UsageError(f"--attendees: {args.attendees!r} is not {exc}") from None
    for name in ("co_facilitators", "feedback", "materials"):
        lines = sessions.read_lines(getattr(args, name))
        problem = sessions.lines_problem(name, lines)
        if problem:
            raise UsageError(f"{OPTIONS[name]}: {problem}")
        setattr(args, name, lines)
    given = {name: getattr(args, name) for name in OPTIONS}
    refused = sessions.only_for_sessions(args.role, given)
    if refused:
        raise UsageError(
            f"{OPTIONS[next(iter(refused))]} is only for a session you led; add --role facilitated"
        )
    if args.spun_off_from is not None and not args.spun_off_from.strip():
        raise UsageError("--spun-off-from: empty; give the session's title or id, or leave the option out")


def find_session(journal: Journal, ref: str) -> str:
    """The activity ``ref`` names; a slip gets the closest title as a "did you mean"."""
    from ilearn_tui.store.session_items import activity_titles

    try:
        return journal.resolve("activities", ref, "title", "learning activity")
    except NotFoundError:
        titles = activity_titles(journal)
        close = difflib.get_close_matches(ref.lower(), [t.lower() for t in titles], n=1, cutoff=0.5)
        hint = ""
        if close:
            hint = "; did you mean " + repr(next(t for t in titles if t.lower() == close[0])) + "?"
        raise NotFoundError(f"--spun-off-from: no learning activity matches {ref!r}{hint}") from None


def save_lines(journal: Journal, activity_id: str, args: argparse.Namespace) -> None:
    """The session's lines, written inside the caller's write with the activity."""
    from ilearn_tui.domain.model import ACTIVITY
    from ilearn_tui.store.session_items import write_lines

    for name in ("co_facilitators", "feedback", "materials"):
        if getattr(args, name):
            write_lines(journal.conn, ACTIVITY, activity_id, name, getattr(args, name))

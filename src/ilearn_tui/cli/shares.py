"""``ilearn share add``: record a share (stage 5) from the shell, as the app's form does.

The values go through the form's own rules (``domain.forms.clean``), so the command refuses
what the app would refuse; a share may belong to a group.
"""

from __future__ import annotations

import argparse

from ilearn_tui.cli.common import journal_for, parse_date
from ilearn_tui.cli.output import saved
from ilearn_tui.domain.picking import pick
from ilearn_tui.domain.vocab import SHARE_AUDIENCES
from ilearn_tui.errors import UsageError


def run(args: argparse.Namespace) -> int:
    from datetime import date

    from ilearn_tui.domain.forms import KINDS, clean
    from ilearn_tui.store.groups import find_group, put_in_group
    from ilearn_tui.store.plan import find_goal
    from ilearn_tui.store.records import save_record

    if args.share_command is None:
        raise UsageError("share needs an action: add")
    kind = KINDS["share"]
    day = parse_date(args.date) if args.date else date.today().isoformat()
    raw: dict[str, object] = {
        "audience": pick("--audience", args.audience, SHARE_AUDIENCES),
        "title": args.title,
        "venue": args.venue,
        "date": day,
        "link": args.link,
        "notes": args.notes,
    }
    with journal_for(args) as journal:
        goal_ids = [find_goal(journal, args.goal)] if args.goal else []
        group_id = find_group(journal, args.group) if args.group else None
        cleaned = clean(kind, {**raw, "goals": goal_ids})
        if not cleaned.ok:
            name, problem = next(iter(cleaned.errors.items()))
            raise UsageError(f"{'TITLE' if name == 'title' else '--' + name}: {problem}")
        with journal.write():
            share_id = save_record(
                journal, kind, cleaned.values, cleaned.links, cycle_id=journal.cycle_for(day)
            )
            if group_id:
                put_in_group(journal, "shares", share_id, group_id)
    saved("share", args.title, share_id, day, args.venue)
    return 0

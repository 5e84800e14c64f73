"""``ilearn submissions``: what was handed in, and whether each kept copy is still unchanged."""

from __future__ import annotations

import argparse

from ilearn_tui import locations
from ilearn_tui.cli.output import out, plural
from ilearn_tui.errors import IlearnError
from ilearn_tui.services import submissions
from ilearn_tui.textsafe import printable


def run(args: argparse.Namespace) -> int:
    where = locations.resolve(getattr(args, "home", None))
    kept = submissions.listed(where)
    if args.check:
        problems = submissions.check(where)
        for name, what in problems:
            out(f"CHANGED  {printable(name)}: {what}")
        if problems:
            raise IlearnError(f"the check failed for {plural(len(problems), 'submission')}")
        if kept:
            many = f"all {len(kept):,} submissions match their"
            out(f"{'the 1 submission matches its' if len(kept) == 1 else many} SHA-256")
            return 0
    if not kept:
        out("Nothing submitted yet. Keep a copy as you hand it in: ilearn export --packet review --submit")
        return 0
    for item in kept:
        size = "missing" if item.size is None else f"{item.size:,} bytes"
        out(f"{item.submitted}  {item.kind:<20} {size:>14}  {item.sha256}")
    return 0

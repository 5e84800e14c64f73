"""What several commands share: opening the journal named by ``--home``, reading a date."""

from __future__ import annotations

import argparse

from ilearn_tui import locations
from ilearn_tui.domain.text import parse_day
from ilearn_tui.errors import UsageError
from ilearn_tui.store.journal import Journal, open_journal


def journal_for(args: argparse.Namespace, *, allow_new: bool = False) -> Journal:
    journal = open_journal(locations.resolve(getattr(args, "home", None)), allow_new=allow_new)
    journal.backup_in_background = True
    return journal


def parse_date(text: str) -> str:
    """A date option, by the one rule the app's fields use too; refused as a usage error."""
    try:
        return parse_day(text)
    except ValueError as exc:
        raise UsageError(str(exc)) from None

"""What several commands share: opening the journal named by ``--home``, reading a date."""

from __future__ import annotations

import argparse

from ilearn_tui import locations
from ilearn_tui.store.journal import Journal, open_journal


def journal_for(args: argparse.Namespace, *, allow_new: bool = False) -> Journal:
    journal = open_journal(locations.resolve(getattr(args, "home", None)), allow_new=allow_new)
    journal.backup_in_background = True
    return journal


def parse_date(text: str, option: str = "--date") -> str:
    """A date option, by the one rule the app's fields use too; refused naming the option."""
    from ilearn_tui.cli.values import day

    return day(option, text)

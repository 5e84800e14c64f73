"""What several commands share: opening the journal named by ``--home``."""

from __future__ import annotations

import argparse

from ilearn_tui import locations
from ilearn_tui.store.journal import Journal, open_journal


def journal_for(args: argparse.Namespace, *, allow_new: bool = False) -> Journal:
    journal = open_journal(locations.resolve(getattr(args, "home", None)), allow_new=allow_new)
    journal.backup_in_background = True
    return journal

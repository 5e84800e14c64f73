"""Commands that keep the journal safe: backup, restore (a backup, or a sync's undo file), doctor."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ilearn_tui.cli.common import journal_for
from ilearn_tui.cli.output import out, plural
from ilearn_tui.store.journal import Journal


def run(args: argparse.Namespace) -> int:
    with journal_for(args, allow_new=args.command == "restore") as journal:
        return {"backup": _backup, "restore": _restore, "doctor": _doctor}[args.command](args, journal)


def _backup(args: argparse.Namespace, journal: Journal) -> int:
    from ilearn_tui.store.backup import backup_to_dir, backup_to_file

    if args.out:
        target = Path(args.out).expanduser()
        if target.is_dir():
            target = target / "ilearn-journal-backup.sqlite3"
        written = backup_to_file(journal.conn, target, force=args.force)
    else:
        written = backup_to_dir(journal.conn, journal.locations.backups_dir)
    out(f"backup written and verified: {written}")
    return 0


def _restore(args: argparse.Namespace, journal: Journal) -> int:
    from ilearn_tui.store import connection
    from ilearn_tui.store.backup import restore_from
    from ilearn_tui.store.recovery import describe, holds
    from ilearn_tui.store.undo import is_undo_file

    source = Path(args.path).expanduser()
    if is_undo_file(source):  # a sync's undo file puts back that merge's rows, not a whole journal
        from ilearn_tui.store.undo_restore import undo_sync

        out(undo_sync(journal, source, keep_undo_in=journal.locations.backups_dir).line())
        return 0
    saved = restore_from(journal.conn, source, keep_current_in=journal.locations.backups_dir)
    connection.prepare(journal.conn, journal.locations.db_path, journal.locations.backups_dir)
    facts = describe(source)
    what = f" ({holds(facts)})" if facts else ""
    out(f"restored from {source}{what}; the journal as it was is kept in {saved}")
    return 0


def _doctor(args: argparse.Namespace, journal: Journal) -> int:
    from ilearn_tui.store.doctor import examine

    report = examine(journal)
    for line in report.ok:
        out(f"ok       {line}")
    for line in report.problems:
        out(f"PROBLEM  {line}")
    if report.problems:
        sys.stderr.write(f"ilearn: doctor found {plural(len(report.problems), 'problem')}\n")
        return 1
    out("Your journal is healthy.")
    return 0

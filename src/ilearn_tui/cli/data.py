"""Commands that carry the journal in and out: export, import, backup, restore, doctor."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ilearn_tui.cli.common import journal_for
from ilearn_tui.cli.output import out
from ilearn_tui.dates import parse_date
from ilearn_tui.errors import IlearnError, UsageError
from ilearn_tui.store.journal import Journal

FORMATS = ("md", "html", "json")
SUFFIX = {"md": ".md", "html": ".html", "json": ".json"}


def run(args: argparse.Namespace) -> int:
    if args.command == "export":
        _check_export_args(args)
    if args.command == "import":
        _check_import_args(args)
    with journal_for(args, allow_new=args.command == "restore") as journal:
        return {
            "export": _export,
            "import": _import,
            "backup": _backup,
            "restore": _restore,
            "doctor": _doctor,
        }[args.command](args, journal)


def _check_export_args(args: argparse.Namespace) -> None:
    args.format = args.format.lower()
    if args.format not in FORMATS:
        raise UsageError(f"unknown format {args.format!r}: use md, html or json")
    if args.format == "html":
        raise IlearnError("the HTML showcase export is not available in this version; use md or json")
    args.date_from = parse_date(args.date_from) if args.date_from else None
    args.date_to = parse_date(args.date_to) if args.date_to else None
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise UsageError(f"--from {args.date_from} is after --to {args.date_to}")
    if args.format == "json" and (args.cycle or args.goal or args.date_from or args.date_to):
        raise UsageError("a JSON export is always the whole journal; drop --cycle/--goal/--from/--to")


def _export(args: argparse.Namespace, journal: Journal) -> int:
    from ilearn_tui.portfolio.atomic import write_atomic
    from ilearn_tui.portfolio.gather import Scope
    from ilearn_tui.portfolio.service import export_text
    from ilearn_tui.settings import load_settings
    from ilearn_tui.store.plan import find_goal

    scope = Scope(
        cycle_id=journal.find_cycle(args.cycle).id if args.cycle else None,
        goal_id=find_goal(journal, args.goal) if args.goal else None,
        date_from=args.date_from,
        date_to=args.date_to,
        include_private=args.include_private,
    )
    target = Path(args.out).expanduser() if args.out else None
    if target is not None and (args.out.endswith("/") or target.is_dir()):
        raise IlearnError("exporting to a folder is not available in this version; give a file name")
    if target is not None and target.exists() and not args.force:
        raise IlearnError(f"{target} already exists; use --force to replace it")
    result = export_text(journal, args.format, scope, load_settings(journal.locations).redact_names)
    if result.left_out:
        sys.stderr.write(
            f"ilearn: left out {result.left_out} private item(s); add --include-private to keep them\n"
        )
    if result.redactions:
        summary = ", ".join(f"{name} ×{n}" for name, n in sorted(result.redactions.items()))
        sys.stderr.write(f"ilearn: redacted {sum(result.redactions.values())} name(s): {summary}\n")
    if target is None:
        sys.stdout.write(result.text)
        return 0
    write_atomic(target, result.text, force=args.force)
    out(f"wrote {target}")
    return 0


def _check_import_args(args: argparse.Namespace) -> None:
    if args.format is not None:
        args.format = args.format.lower()
        if args.format not in ("json", "jrnl"):
            raise UsageError(f"unknown import format {args.format!r}: use json or jrnl")
    if not Path(args.path).expanduser().exists():
        raise IlearnError(f"no file at {args.path}")
    if Path(args.path).expanduser().is_dir():
        raise IlearnError(f"{args.path} is a folder; give the export file inside it")


def _guess_format(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(4096).lstrip()
    if head.startswith(b"{") and b"ilearn-journal" in head:
        return "json"
    return "jrnl"


def _import(args: argparse.Namespace, journal: Journal) -> int:
    path = Path(args.path).expanduser()
    fmt = args.format or _guess_format(path)
    if fmt == "json":
        from ilearn_tui.portfolio.json_import import import_document, load_document

        document = load_document(path)
        _backup_first(journal, "before-import")
        report = import_document(journal, document, source_dir=path.parent)
        out(
            f"imported {report.total} record(s) from {path.name}"
            + (f"; {report.skipped} already there" if report.skipped else "")
        )
        if report.missing_files:
            sys.stderr.write(
                f"ilearn: {len(report.missing_files)} evidence file(s) were not beside the export "
                f"(an evidence/ folder); their records were imported without the files\n"
            )
        return 0
    from ilearn_tui.portfolio.jrnl_import import detect_and_parse, import_entries

    entries = detect_and_parse(path, tag_symbols="#@")
    _backup_first(journal, "before-import")
    count = import_entries(journal, entries)
    out(f"imported {count} reflection(s) from the jrnl journal {path.name}")
    return 0


def _backup_first(journal: Journal, reason: str) -> None:
    from ilearn_tui.store.backup import backup_to_dir

    if journal.conn.execute("SELECT count(*) FROM cycles").fetchone()[0]:
        backup_to_dir(journal.conn, journal.locations.backups_dir, reason=reason)


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
    from ilearn_tui.store.backup import backup_to_dir, restore_from

    source = Path(args.path).expanduser()
    saved = backup_to_dir(journal.conn, journal.locations.backups_dir, reason="before-restore")
    restore_from(journal.conn, source)
    connection.prepare(journal.conn, journal.locations.db_path, journal.locations.backups_dir)
    out(f"restored from {source}; the journal as it was is kept in {saved}")
    return 0


def _doctor(args: argparse.Namespace, journal: Journal) -> int:
    from ilearn_tui.store.doctor import examine

    report = examine(journal)
    for line in report.ok:
        out(f"ok       {line}")
    for line in report.problems:
        out(f"PROBLEM  {line}")
    if report.problems:
        sys.stderr.write(f"ilearn: doctor found {len(report.problems)} problem(s)\n")
        return 1
    out("Your journal is healthy.")
    return 0

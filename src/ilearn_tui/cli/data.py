"""Commands that carry the journal in and out: export, import, backup, restore, doctor."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ilearn_tui.cli.common import journal_for, parse_date
from ilearn_tui.cli.output import out
from ilearn_tui.errors import IlearnError, UsageError
from ilearn_tui.store.journal import Journal
from ilearn_tui.textsafe import one_line, printable

if TYPE_CHECKING:
    from ilearn_tui.portfolio.progress import TerminalProgress
    from ilearn_tui.portfolio.service import ExportResult, RenewalRule

# Kept here (not imported from the export service) so a bad command line is refused quickly.
FORMATS = ("md", "html", "json")
PACKETS = ("review", "renewal")
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
    """Every refusal that needs no journal, before it is opened: nothing is touched on a bad line."""
    args.format = args.format.lower()
    if args.format not in FORMATS:
        raise UsageError(f"unknown format {args.format!r}: use md, html or json")
    if args.packet is not None:
        args.packet = args.packet.strip().lower()
        if args.packet not in PACKETS:
            raise UsageError(f"unknown packet {args.packet!r}: use review or renewal")
        if args.format != "md":
            raise UsageError(f"--packet {args.packet} makes a Markdown document; drop --format {args.format}")
    args.date_from = parse_date(args.date_from) if args.date_from else None
    args.date_to = parse_date(args.date_to) if args.date_to else None
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise UsageError(f"--from {args.date_from} is after --to {args.date_to}")
    if args.format == "json" and (args.cycle or args.goal or args.date_from or args.date_to):
        raise UsageError("a JSON export is always the whole journal; drop --cycle/--goal/--from/--to")
    args.folder = False
    if args.out is None:
        return
    if not args.out.strip():
        raise UsageError("--out needs a file or folder name")
    target = Path(args.out).expanduser()
    args.folder = args.out.endswith(("/", os.sep)) or target.is_dir()
    if args.folder:
        from ilearn_tui.portfolio.folder import EVIDENCE_DIR, check_target
        from ilearn_tui.portfolio.service import main_name

        check_target(target, (main_name(args.format, args.packet), EVIDENCE_DIR), args.force)
        return
    if target.exists() and not args.force:
        raise IlearnError(f"{printable(str(target))} already exists; use --force to replace it")
    if not target.parent.is_dir():
        raise IlearnError(f"the folder {printable(str(target.parent))} does not exist")


def _export(args: argparse.Namespace, journal: Journal) -> int:
    from ilearn_tui.portfolio.gather import Scope
    from ilearn_tui.portfolio.progress import TerminalProgress
    from ilearn_tui.portfolio.service import export_text, export_to
    from ilearn_tui.settings import load_settings
    from ilearn_tui.store.plan import find_goal

    settings = load_settings(journal.locations)
    cycle = journal.find_cycle(args.cycle) if args.cycle else None
    if args.packet == "review" and cycle is None:
        cycle = journal.current_cycle()  # a review packet is one cycle: this school year's
        if cycle is None:
            raise IlearnError("there is no learning cycle yet to review; record something first")
    scope = Scope(
        cycle_id=cycle.id if cycle else None,
        goal_id=find_goal(journal, args.goal) if args.goal else None,
        date_from=args.date_from,
        date_to=args.date_to,
        include_private=args.include_private,
    )
    renewal = _renewal_rule(settings.renewal) if args.packet == "renewal" else None
    names = settings.names_to_redact(shareable=not args.include_private)
    progress = TerminalProgress(sys.stderr)
    try:
        if args.out is None:
            result = export_text(
                journal, args.format, scope, names, packet=args.packet, renewal=renewal, progress=progress
            )
        else:
            target = Path(args.out).expanduser()
            result = export_to(
                journal,
                args.format,
                scope,
                names,
                target,
                folder=args.folder,
                force=args.force,
                packet=args.packet,
                renewal=renewal,
                progress=progress,
            )
    finally:
        progress.finish()  # before any message, so none is printed over the progress line
    _export_notes(result)
    if args.out is None:
        sys.stdout.write(result.text)
    elif args.folder and result.copied:
        out(f"wrote {result.path} and {result.copied} evidence file(s) in {target / 'evidence'}")
    else:
        out(f"wrote {result.path}")
    return 0


def _renewal_rule(config: dict[str, object]) -> RenewalRule | None:
    """The renewal requirement from settings, or None (with a note) when none is usable."""
    from ilearn_tui.portfolio.service import renewal_rule

    try:
        return renewal_rule(config)
    except ValueError as exc:
        sys.stderr.write(f"ilearn: the renewal setting is unusable ({exc}); the record lists hours only\n")
        return None


def _export_notes(result: ExportResult) -> None:
    if result.left_out:
        sys.stderr.write(
            f"ilearn: left out {result.left_out} private item(s); add --include-private to keep them\n"
        )
    if result.redactions:
        summary = ", ".join(f"{name} ×{n}" for name, n in sorted(result.redactions.items()))
        sys.stderr.write(f"ilearn: redacted {sum(result.redactions.values())} name(s): {summary}\n")
    if result.missing:
        shown = ", ".join(one_line(m, 40) for m in result.missing[:3]) + (
            ", …" if len(result.missing) > 3 else ""
        )
        sys.stderr.write(
            f"ilearn: {len(result.missing)} evidence file(s) are missing from the journal and were "
            f"listed without a copy ({shown}); run 'ilearn doctor'\n"
        )


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
    from ilearn_tui.portfolio.progress import TerminalProgress

    progress = TerminalProgress(sys.stderr)
    try:
        return _import_with(args, journal, progress)
    finally:
        progress.finish()  # before any message, so none is printed over the progress line


def _import_with(args: argparse.Namespace, journal: Journal, progress: TerminalProgress) -> int:
    path = Path(args.path).expanduser()
    fmt = args.format or _guess_format(path)
    if fmt == "json":
        from ilearn_tui.portfolio.json_import import import_document, load_document

        progress(f"reading and checking {path.name}")
        document = load_document(path)
        records = sum(len(rows) for rows in document["tables"].values())
        progress(f"preparing to import {records:,} records")  # a backup of the journal first
        _backup_first(journal, "before-import")
        progress(f"importing {records:,} records")
        report = import_document(journal, document, source_dir=path.parent)
        progress.finish()
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

    progress(f"reading {path.name}")
    entries = detect_and_parse(path, tag_symbols="#@")
    progress(f"preparing to import {len(entries):,} entries")
    _backup_first(journal, "before-import")
    progress(f"importing {len(entries):,} entries")
    count = import_entries(journal, entries)
    progress.finish()
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
    from ilearn_tui.store.backup import restore_from

    source = Path(args.path).expanduser()
    saved = restore_from(journal.conn, source, keep_current_in=journal.locations.backups_dir)
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

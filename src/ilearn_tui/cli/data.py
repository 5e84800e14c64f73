"""Commands that carry the journal in and out: export and import."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ilearn_tui.cli.common import journal_for, parse_date
from ilearn_tui.cli.output import out, plural
from ilearn_tui.errors import IlearnError, UsageError
from ilearn_tui.store.journal import Journal
from ilearn_tui.textsafe import printable

if TYPE_CHECKING:
    from ilearn_tui.portfolio.formats import ExportChoiceError, ExportKind
    from ilearn_tui.portfolio.progress import TerminalProgress
    from ilearn_tui.services.exports import RenewalRule
    from ilearn_tui.settings import Settings

# How the command line tells the teacher to get past what an export reported.
_NOTE_HINTS = {"left_out": "; add --include-private to keep them", "missing": "; run 'ilearn doctor'"}


def run(args: argparse.Namespace) -> int:
    if args.command == "export":
        _check_export_args(args)
    if args.command == "import":
        _check_import_args(args)
    with journal_for(args) as journal:
        return {"export": _export, "import": _import}[args.command](args, journal)


def _check_export_args(args: argparse.Namespace) -> None:
    """Every refusal that needs no journal, before it is opened: nothing is touched on a bad line."""
    from ilearn_tui.domain.picking import pick
    from ilearn_tui.portfolio.formats import FORMATS, PACKETS, ExportChoiceError, choose, kind_for
    from ilearn_tui.services.exports import preflight

    if args.out == "-":  # the shell's name for standard output, never a folder called "-"
        args.out = None
    # Named by the one list rule: "htm" is html, "reveiw" gets "did you mean 'review'?".
    if args.format is not None:
        args.format = pick("--format", args.format, FORMATS)
    if args.packet is not None:
        args.packet = pick("--packet", args.packet, PACKETS)
    try:
        asked = kind_for(args.format, args.packet)
        args.date_from = parse_date(args.date_from, "--from") if args.date_from else None
        args.date_to = parse_date(args.date_to, "--to") if args.date_to else None
        if args.date_from and args.date_to and args.date_from > args.date_to:
            raise UsageError(f"--from {args.date_from} is after --to {args.date_to}")
        choice = choose(args.out, asked)
    except ExportChoiceError as exc:
        raise UsageError(_choice_words(exc)) from None
    if args.group is not None:
        _check_group_args(args, choice.kind)
    whole = choice.kind.format in ("json", "archive")
    if whole and (args.cycle or args.goal or args.date_from or args.date_to):
        what = "an archive" if choice.kind.format == "archive" else "a JSON export"
        raise UsageError(f"{what} is always the whole journal; drop --cycle/--goal/--from/--to")
    if args.submit and not choice.kind.shareable:
        raise UsageError(
            f"--submit keeps a document you hand in; {choice.kind.words} is the whole journal "
            "(try --packet review)"
        )
    args.plan = preflight(choice)
    if args.plan.replaces and not args.force:
        raise _exists(args.plan.replaces[0])


# What a group showcase cannot take: it shows what was published, not a cut of the journal.
_NOT_WITH_GROUP = (
    ("packet", "--packet"),
    ("cycle", "--cycle"),
    ("goal", "--goal"),
    ("date_from", "--from"),
    ("date_to", "--to"),
    ("include_private", "--include-private"),
    ("submit", "--submit"),
)


def _check_group_args(args: argparse.Namespace, kind: ExportKind) -> None:
    from ilearn_tui.services.group_export import GROUP_FORMATS

    for name, option in _NOT_WITH_GROUP:
        if getattr(args, name):
            raise UsageError(f"--group makes a showcase of what the group's members published; drop {option}")
    if kind.format not in GROUP_FORMATS:
        raise UsageError(
            f"a group showcase is made as Markdown, HTML or PDF, not {kind.words}; "
            "use --format md, html or pdf (or an --out name ending in .md, .html or .pdf)"
        )


def _exists(path: object) -> IlearnError:
    return IlearnError(f"{printable(str(path))} already exists; use --force to replace it")


def _choice_words(exc: ExportChoiceError) -> str:
    """A refused format, packet or name, worded with the options that fix it."""
    from ilearn_tui.portfolio import formats as f

    match exc:
        case f.PacketNotMarkdown():
            made = " or a ".join(f"{words} document" for words in exc.made)
            return f"--packet {exc.packet} makes a {made}; drop --format {exc.format}"
        case f.NameContradicts():
            stem = Path(exc.name).stem
            if exc.asked.packet:
                return (
                    f"--packet {exc.asked.packet} makes a Markdown document, but {exc.name} names "
                    f"{exc.named.words}; name it {stem}{exc.asked.suffix}"
                )
            return (
                f"--format {exc.asked.format} contradicts the name {exc.name} ({exc.named.words}); "
                f"drop --format or name the file {stem}{exc.asked.suffix}"
            )
        case f.UnknownSuffix():
            return (
                f"cannot tell the format from the name {exc.name}: end it with "
                f"{', '.join(k.suffix for k in f.KINDS if k.available and k.packet is None)}, "
                "or / for a folder, or give --format"
            )
        case f.NoTarget():
            return "--out needs a file or folder name"
        case f.NeedsTarget() | f.NotAFolder():
            words = exc.kind.words[0].upper() + exc.kind.words[1:]
            return f"{words} export is one file: give --out NAME{exc.kind.suffix}"
    return str(exc)


def _export(args: argparse.Namespace, journal: Journal) -> int:
    from ilearn_tui.errors import TargetExistsError
    from ilearn_tui.portfolio.model import Scope
    from ilearn_tui.portfolio.progress import TerminalProgress
    from ilearn_tui.services.exports import export_text, export_to, notes
    from ilearn_tui.settings import load_settings
    from ilearn_tui.store.plan import find_goal

    if args.group is not None:
        return _export_group(args, journal)
    settings = load_settings(journal.locations)
    kind = args.plan.choice.kind
    cycle = journal.find_cycle(args.cycle) if args.cycle else None
    if kind.packet == "review" and cycle is None:
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
    renewal = _renewal_rule(settings.renewal) if kind.packet == "renewal" else None
    if kind.packet == "review":  # its state may ask for a goal of each kind
        from ilearn_tui.services.exports import chosen_rule

        renewal = chosen_rule(settings.renewal)
    names = _names_to_redact(settings, shareable=not args.include_private)
    progress = TerminalProgress(sys.stderr)
    try:
        if args.plan.choice.target is None:
            result = export_text(journal, kind, scope, names, renewal=renewal, progress=progress)
        else:
            result = export_to(
                journal, args.plan, scope, names, force=args.force, renewal=renewal, progress=progress
            )
    except TargetExistsError as exc:  # it appeared while the export was being made
        raise _exists(exc.path) from None
    finally:
        progress.finish()  # before any message, so none is printed over the progress line
    for note in notes(result):
        sys.stderr.write(f"ilearn: {note.text}{_NOTE_HINTS.get(note.what, '')}\n")
    if args.submit:
        from ilearn_tui.services.submissions import keep

        # What was written is what is handed in: read back from the file itself, as a
        # streamed export never holds the whole document.
        if result.data:
            handed_in = result.data
        elif result.path is not None:
            handed_in = result.path.read_bytes()
        else:
            handed_in = result.text.encode("utf-8")
        kept = keep(journal.locations, kind, handed_in)
        sys.stderr.write(f"ilearn: submitted: kept {kept.path} (SHA-256 {kept.sha256})\n")
    if args.plan.choice.target is None:
        sys.stdout.write(result.text)
    elif kind.format == "archive":
        out(f"wrote {result.path}: the whole journal and {plural(result.copied, 'evidence file')}")
    elif args.plan.choice.folder and result.copied:
        target = args.plan.choice.target
        out(f"wrote {result.path} and {plural(result.copied, 'evidence file')} in {target / 'evidence'}")
    else:
        out(f"wrote {result.path}")
    return 0


def _export_group(args: argparse.Namespace, journal: Journal) -> int:
    from ilearn_tui.errors import TargetExistsError
    from ilearn_tui.services.group_export import export_group
    from ilearn_tui.store.groups import find_group

    group_id = find_group(journal, args.group)
    try:
        result = export_group(journal, args.plan, group_id, force=args.force)
    except TargetExistsError as exc:  # it appeared while the page was being made
        raise _exists(exc.path) from None
    if args.plan.choice.target is None:
        sys.stdout.write(result.text)
    else:
        out(f"wrote {result.path}")
    return 0


def _names_to_redact(settings: Settings, *, shareable: bool) -> list[str]:
    from ilearn_tui.settings import RedactionUnknown

    try:
        return settings.names_to_redact(shareable=shareable)
    except RedactionUnknown as exc:
        raise IlearnError(f"{exc} (or export everything with --include-private)") from None


def _renewal_rule(config: dict[str, object]) -> RenewalRule | None:
    """The renewal requirement from settings, or None (with a note) when none is usable."""
    from ilearn_tui.services.exports import renewal_rule

    try:
        return renewal_rule(config)
    except ValueError as exc:
        sys.stderr.write(f"ilearn: the renewal setting is unusable ({exc}); the record lists hours only\n")
        return None


IMPORT_FORMATS = ("json", "jrnl", "archive")


def _check_import_args(args: argparse.Namespace) -> None:
    if args.format is not None:
        from ilearn_tui.domain.picking import pick

        args.format = pick("--format", args.format, IMPORT_FORMATS)
    if not Path(args.path).expanduser().exists():
        raise IlearnError(f"no file at {args.path}")
    if Path(args.path).expanduser().is_dir():
        raise IlearnError(f"{args.path} is a folder; give the export file inside it")


def _guess_format(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(4096).lstrip()
    if head.startswith(b"{") and b"ilearn-journal" in head:
        return "json"
    if head.startswith(b"PK") or path.suffix.lower() == ".zip":
        return "archive"
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
    if fmt == "archive":
        from ilearn_tui.portfolio.archive import opened_archive

        progress(f"reading and checking {path.name}")
        with opened_archive(path, journal.locations.data_dir) as (document, folder):
            return _import_document(journal, document, folder, path, progress)
    if fmt == "json":
        from ilearn_tui.portfolio.json_import import load_document

        progress(f"reading and checking {path.name}")
        return _import_document(journal, load_document(path), path.parent, path, progress)
    return _import_jrnl(journal, path, progress)


def _import_document(
    journal: Journal, document: dict[str, Any], source: Path, path: Path, progress: TerminalProgress
) -> int:
    """A checked journal document, with its evidence files in ``source``/evidence."""
    from ilearn_tui.portfolio.json_import import import_document

    records = sum(len(rows) for rows in document["tables"].values())
    progress(f"preparing to import {plural(records, 'record')}")  # a backup of the journal first
    _backup_first(journal, "before-import")
    progress(f"importing {plural(records, 'record')}")
    report = import_document(journal, document, source_dir=source)
    progress.finish()
    out(
        f"imported {plural(report.total, 'record')} from {path.name}"
        + (f"; {report.skipped} already there" if report.skipped else "")
    )
    if report.differing:
        shown = ", ".join(report.differing[:3]) + (", …" if len(report.differing) > 3 else "")
        sys.stderr.write(
            f"ilearn: {plural(len(report.differing), 'record')} not imported: the journal already has "
            f"a different record with the same id, and kept its own ({shown})\n"
        )
    if report.missing_files:
        sys.stderr.write(
            f"ilearn: {plural(len(report.missing_files), 'evidence file')} not beside the export "
            f"(an evidence/ folder); their records were imported without the files\n"
        )
    return 0


def _import_jrnl(journal: Journal, path: Path, progress: TerminalProgress) -> int:
    from ilearn_tui.portfolio.jrnl_import import (
        AlreadyImportedError,
        all_entries,
        detect_and_parse,
        import_entries,
    )

    progress(f"reading {path.name}")
    entries = detect_and_parse(path, tag_symbols="#@")
    progress(f"preparing to import {plural(len(entries), 'entry', 'entries')}")
    _backup_first(journal, "before-import")
    progress(f"importing {plural(len(entries), 'entry', 'entries')}")
    try:
        count = import_entries(journal, entries)
    except AlreadyImportedError:
        raise IlearnError(
            f"{path.name} was already imported: {all_entries(len(entries))} in the journal; "
            "nothing was imported"
        ) from None
    progress.finish()
    held = len(entries) - count
    out(
        f"imported {plural(count, 'reflection')} from the jrnl journal {path.name}"
        + (f"; {held} already there" if held else "")
    )
    return 0


def _backup_first(journal: Journal, reason: str) -> None:
    from ilearn_tui.store.backup import backup_to_dir
    from ilearn_tui.store.overview import count_records

    if count_records(journal, "cycles"):
        backup_to_dir(journal.conn, journal.locations.backups_dir, reason=reason)

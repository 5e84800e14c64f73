"""Health checks for a journal: database integrity, evidence files, permissions."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from dataclasses import dataclass, field

from ilearn_tui.domain.text import plural
from ilearn_tui.locations import DIR_MODE, FILE_MODE
from ilearn_tui.store.journal import Journal


@dataclass
class Report:
    ok: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _sha256(path: object) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:  # type: ignore[call-overload]
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _duplicate_cycles(conn: sqlite3.Connection, report: Report) -> None:
    """Cycles that share their dates or title split a year's records and make ``--cycle`` ambiguous."""
    found = False
    for key, label in (("starts_on, ends_on", "dates"), ("replace(title, '–', '-')", "title")):
        for count, title, starts_on, ends_on in conn.execute(
            f"SELECT count(*), min(title), min(starts_on), min(ends_on) FROM cycles "
            f"GROUP BY {key} HAVING count(*) > 1"
        ):
            found = True
            report.problems.append(
                f"{count} cycles share the {label} of {title!r} ({starts_on} to {ends_on}); "
                "their records are split between them"
                if label == "dates"
                else f"{count} cycles are titled {title!r}; --cycle cannot tell them apart"
            )
    if not found:
        report.ok.append("cycles: one per school year")


def examine(journal: Journal) -> Report:
    report = Report()
    conn = journal.conn
    integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    if integrity == ["ok"]:
        report.ok.append("database integrity: ok")
    else:
        report.problems += [f"database integrity: {line}" for line in integrity[:5]]
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        report.problems.append(f"{plural(len(broken), 'record')} point at records that no longer exist")
    else:
        report.ok.append("links between records: ok")
    try:
        conn.execute("INSERT INTO search_index(search_index, rank) VALUES ('integrity-check', 1)")
        report.ok.append("search index: ok")
    except Exception as exc:
        report.problems.append(f"search index: {exc}")

    _duplicate_cycles(conn, report)

    folder = journal.locations.evidence_dir
    known = {}
    for row in conn.execute("SELECT file_name, sha256, title FROM evidence WHERE file_name != ''"):
        known[row[0]] = (row[1], row[2])
    checked = 0
    for name, (sha, title) in known.items():
        path = folder / name
        if not path.is_file():
            report.problems.append(f"evidence file missing for {title!r} ({name})")
        elif _sha256(path) != sha:
            report.problems.append(f"evidence file changed or damaged for {title!r} ({name})")
        else:
            checked += 1
    report.ok.append(f"evidence files checked against their hashes: {checked}")
    if folder.is_dir():
        orphans = [p.name for p in folder.iterdir() if p.is_file() and p.name not in known]
        if orphans:
            report.problems.append(
                f"{plural(len(orphans), 'file')} in {folder} belong to no evidence record "
                f"(e.g. {orphans[0]}); they are kept"
            )
    for path, wanted in ((journal.locations.data_dir, DIR_MODE), (journal.locations.db_path, FILE_MODE)):
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            report.problems.append(f"{path} can be read by other users (mode {mode:o}; expected {wanted:o})")
    if not report.problems:
        report.ok.append("permissions: private to you")
    return report

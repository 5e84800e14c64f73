"""A JSON export imported into an empty home exports identically; bad files change nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ilearn_tui.errors import IlearnError
from ilearn_tui.locations import resolve
from ilearn_tui.portfolio.json_export import dumps, journal_document
from ilearn_tui.portfolio.json_import import import_document, load_document, validate_document
from ilearn_tui.store.journal import Journal, open_journal
from tests.sample_journal import fill


def export(journal: Journal) -> str:
    document, _ = journal_document(journal, include_private=True)
    return dumps(document)


def test_round_trip_is_identical(journal: Journal, tmp_path: Path) -> None:
    fill(journal)
    first = export(journal)
    path = tmp_path / "all.json"
    path.write_text(first)
    with open_journal(resolve(tmp_path / "second")) as other:
        report = import_document(other, load_document(path))
        assert report.total > 30
        assert export(other) == first
        counts = other.conn.execute("SELECT count(*) FROM search_docs").fetchone()[0]
        assert counts == journal.conn.execute("SELECT count(*) FROM search_docs").fetchone()[0]


def test_importing_twice_adds_nothing(journal: Journal, tmp_path: Path) -> None:
    fill(journal)
    document = json.loads(export(journal))
    report = import_document(journal, validate_document(document))
    assert report.total == 0 and report.skipped > 0


def test_private_records_stay_out_unless_asked(journal: Journal) -> None:
    fill(journal)
    shared, left_out = journal_document(journal, include_private=False)
    assert left_out == 1
    assert all(not e["student_info"] for e in shared["tables"]["evidence"])


def mutate(document: dict, table: str, field: str, value: object) -> dict:  # type: ignore[type-arg]
    document["tables"][table][0][field] = value
    return document


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: mutate(d, "checks", "rating", 9), "less than or equal to 5"),
        (lambda d: mutate(d, "reflections", "date", "2024-02-30"), "not a real YYYY-MM-DD date"),
        (lambda d: mutate(d, "reflections", "body", ""), "at least 1 character"),
        (lambda d: mutate(d, "goals", "hacked", 1), "unknown fields"),
        (lambda d: mutate(d, "activities", "role", "presented"), r"activities\[0\]\.role: Input should be"),
        (lambda d: mutate(d, "checks", "indicator", "happiness"), r"checks\[0\]\.indicator"),
        (lambda d: mutate(d, "goals", "status", "weird"), r"goals\[0\]\.status"),
        (lambda d: mutate(d, "evidence", "file_name", "../../etc/passwd"), "pattern"),
        (lambda d: mutate(d, "questions", "goal_id", "no-such-goal"), "missing records"),
        (lambda d: {**d, "format": "something-else"}, "not an ilearn JSON export"),
        (lambda d: {**d, "schema": 999}, "newer ilearn"),
        (lambda d: {**d, "tables": {**d["tables"], "users": []}}, "unknown tables"),
        (lambda d: {**d, "tables": []}, "no 'tables'"),
    ],
)
def test_bad_documents_are_refused_and_change_nothing(
    journal: Journal,
    tmp_path: Path,
    change,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    fill(journal)
    document = change(json.loads(export(journal)))
    with open_journal(resolve(tmp_path / "target")) as target:
        before = export(target)
        with pytest.raises(IlearnError, match=message):
            import_document(target, validate_document(document))
        assert export(target) == before


@pytest.mark.parametrize("content", [b"", b"{", b'{"format": "ilearn-journal"', b"\xff\xfe\x00binary"])
def test_truncated_or_binary_files(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(IlearnError):
        load_document(path)

"""Imports are as strict as the command line: every field checked, nothing dropped unnamed."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest

from ilearn_tui.cli.main import run
from ilearn_tui.locations import resolve
from ilearn_tui.store.journal import open_journal


def counts(home: Path) -> dict[str, int]:
    with open_journal(resolve(home)) as journal:
        tables = ("reflections", "activities", "checks", "goals", "evidence", "shares")
        return {t: journal.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def one_error(capsys: pytest.CaptureFixture[str], code: int) -> str:
    captured = capsys.readouterr()
    assert code == 1, captured
    assert "Traceback" not in captured.err
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ilearn: "), captured.err
    return lines[0]


@pytest.fixture
def exported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    """A JSON export of a journal with 2 activities (5 h), a goal, a check and 2 reflections."""
    source = ["--home", str(tmp_path / "source")]
    assert run([*source, "goal", "add", "Talk moves"]) == 0
    assert run([*source, "log", "workshop", "W1", "--hours", "2", "--date", "2025-01-10"]) == 0
    assert run([*source, "log", "workshop", "W2", "--hours", "3", "--date", "2025-01-11"]) == 0
    assert (
        run([*source, "check", "talk", "--indicator", "other", "--rating", "3", "--date", "2025-01-12"]) == 0
    )
    assert run([*source, "reflect", "First entry", "--date", "2025-01-13"]) == 0
    assert run([*source, "reflect", "Second entry", "--date", "2025-01-14"]) == 0
    out = tmp_path / "export.json"
    assert run([*source, "export", "--format", "json", "--include-private", "--out", str(out)]) == 0
    capsys.readouterr()
    document: dict[str, Any] = json.loads(out.read_text("utf-8"))
    return document


def import_into(home: Path, tmp_path: Path, document: dict[str, Any], name: str = "in.json") -> int:
    path = tmp_path / name
    path.write_text(json.dumps(document), "utf-8")
    return run(["--home", str(home), "import", str(path)])


def set_field(
    document: dict[str, Any], table: str, field: str, value: object, index: int = 0
) -> dict[str, Any]:
    document["tables"][table][index][field] = value
    return document


# --- rows that break a rule are refused and named, never dropped -------------------------------


@pytest.mark.parametrize(
    ("table", "field", "value", "named"),
    [
        ("activities", "role", "presented", "activities[1].role"),
        ("checks", "indicator", "happiness", "checks[0].indicator"),
        ("goals", "status", "weird", "goals[0].status"),
        ("activities", "status", "cancelled", "activities[1].status"),
        ("reflections", "body", "a\x00b", "contains a NUL character"),
        ("reflections", "title", "t\udcff", "lone surrogate"),
        ("reflections", "body", "x" * 2_000_001, "at most 2000000 characters"),
        ("activities", "title", "x" * 20_001, "at most 20000 characters"),
        ("activities", "link", "javascript:alert(1)", "https://"),
        ("activities", "link", "file:///etc/passwd", "https://"),
        ("reflections", "id", "../../etc", "not an id"),
        ("reflections", "id", "x" * 65, "not an id"),
        ("goals", "created_at", "yesterday", "not a time stamp"),
        ("activities", "hours", True, "activities[1].hours"),
        ("activities", "hours", "5", "activities[1].hours"),
        ("checks", "rating", True, "checks[0].rating"),
        ("reflections", "date", "9999-12-31", "outside the dates"),
    ],
)
def test_a_row_breaking_a_rule_stops_the_import_and_is_named(
    exported: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    table: str,
    field: str,
    value: object,
    named: str,
) -> None:
    target = tmp_path / "target"
    index = 1 if table == "activities" else 0
    line = one_error(capsys, import_into(target, tmp_path, set_field(exported, table, field, value, index)))
    assert named in line
    assert sum(counts(target).values()) == 0  # nothing at all was written


def test_a_clean_import_keeps_every_hour(exported: dict[str, Any], tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "target"
    assert import_into(target, tmp_path, exported) == 0
    assert "already there" not in capsys.readouterr().out
    assert counts(target) == {
        "reflections": 2,
        "activities": 2,
        "checks": 1,
        "goals": 1,
        "evidence": 0,
        "shares": 0,
    }
    assert run(["--home", str(target), "hours", "--json", "--cycle", "all"]) == 0
    assert json.loads(capsys.readouterr().out)["hours"] == 5


def test_a_duplicate_id_in_one_file_is_named(exported: dict[str, Any], tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    rows = exported["tables"]["reflections"]
    rows[1]["id"] = rows[0]["id"]
    line = one_error(capsys, import_into(tmp_path / "target", tmp_path, exported))
    assert "tables.reflections[1] has the same id as tables.reflections[0]" in line


@pytest.mark.parametrize("schema", [True, False, 1.0, "1", None, 0])
def test_a_schema_that_is_not_a_whole_number_is_refused(
    exported: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str], schema: object
) -> None:
    exported["schema"] = schema
    assert "schema" in one_error(capsys, import_into(tmp_path / "target", tmp_path, exported))


@pytest.mark.parametrize("value", ["x\x00", "x\udcff", "x" * 20_001])
def test_meta_text_is_checked_too(
    exported: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    exported["meta"]["teacher_name"] = value
    assert "meta.teacher_name" in one_error(capsys, import_into(tmp_path / "target", tmp_path, exported))


def test_a_tag_that_is_not_text_is_refused(exported: dict[str, Any], tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    exported["tables"]["reflections"][0]["tags"] = ["ok", "bad\udcff"]
    assert "tags" in one_error(capsys, import_into(tmp_path / "target", tmp_path, exported))


def test_same_id_with_other_content_is_named_not_hidden(
    exported: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "target"
    assert import_into(target, tmp_path, exported) == 0
    capsys.readouterr()
    first_id = exported["tables"]["reflections"][0]["id"]
    exported["tables"]["reflections"][0]["body"] = "Changed since"
    assert import_into(target, tmp_path, exported, "again.json") == 0
    captured = capsys.readouterr()
    assert "already there" in captured.out
    assert f"reflections {first_id}" in captured.err and "kept its own" in captured.err
    assert counts(target)["reflections"] == 2


def test_the_same_export_twice_is_all_already_there(
    exported: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "target"
    assert import_into(target, tmp_path, exported) == 0
    assert import_into(target, tmp_path, exported, "again.json") == 0
    captured = capsys.readouterr()
    assert "imported 0 records" in captured.out and captured.err == ""


# --- evidence files: checked first, copied within the same all-or-nothing step -----------------


@pytest.fixture
def folder_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A JSON folder export with two evidence files and a reflection."""
    source = ["--home", str(tmp_path / "source")]
    (tmp_path / "a.txt").write_text("first file")
    (tmp_path / "b.txt").write_text("second file")
    assert run([*source, "reflect", "With files"]) == 0
    assert run([*source, "evidence", "add", str(tmp_path / "a.txt"), "--title", "A"]) == 0
    assert run([*source, "evidence", "add", str(tmp_path / "b.txt"), "--title", "B"]) == 0
    out = tmp_path / "exp"
    assert run([*source, "export", "--format", "json", "--include-private", "--out", f"{out}/"]) == 0
    capsys.readouterr()
    return out


def evidence_file(folder: Path, content: str) -> Path:
    digest = hashlib.sha256(content.encode()).hexdigest()
    return folder / "evidence" / f"{digest}.txt"


@pytest.mark.parametrize("fault", ["symlink", "folder", "other bytes", "fifo"])
def test_a_bad_evidence_file_leaves_the_journal_unchanged(
    folder_export: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fault: str
) -> None:
    bad = evidence_file(folder_export, "first file")
    bad.unlink()
    if fault == "symlink":
        bad.symlink_to("/etc/passwd")
    elif fault == "folder":
        bad.mkdir()
    elif fault == "fifo":
        os.mkfifo(bad)
    else:
        bad.write_text("first fil!")  # same size, other content
    target = tmp_path / "target"
    line = one_error(
        capsys, run(["--home", str(target), "import", str(folder_export / "ilearn-journal.json")])
    )
    assert bad.name in line and "nothing was imported" in line
    assert sum(counts(target).values()) == 0
    evidence_dir = resolve(target).evidence_dir
    assert not evidence_dir.exists() or not [p for p in evidence_dir.iterdir() if not p.name.startswith(".")]


def test_after_fixing_the_file_a_retry_brings_everything(
    folder_export: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = evidence_file(folder_export, "first file")
    bad.unlink()
    bad.symlink_to("/etc/passwd")
    target = ["--home", str(tmp_path / "target")]
    export = str(folder_export / "ilearn-journal.json")
    assert run([*target, "import", export]) == 1
    bad.unlink()
    bad.write_text("first file")
    assert run([*target, "import", export]) == 0
    capsys.readouterr()
    assert counts(tmp_path / "target")["evidence"] == 2
    stored = {p.name for p in resolve(tmp_path / "target").evidence_dir.iterdir()}
    assert {bad.name, evidence_file(folder_export, "second file").name} <= stored
    assert run([*target, "doctor"]) == 0


def test_a_failed_transaction_removes_the_copies_it_made(
    folder_export: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = folder_export / "ilearn-journal.json"
    document = json.loads(export.read_text("utf-8"))
    document["tables"]["evidence"][0]["goal_id"] = "no-such-goal"  # fails only at commit
    export.write_text(json.dumps(document), "utf-8")
    target = tmp_path / "target"
    line = one_error(capsys, run(["--home", str(target), "import", str(export)]))
    assert "missing records" in line
    evidence_dir = resolve(target).evidence_dir
    assert not evidence_dir.exists() or not [p for p in evidence_dir.iterdir() if not p.name.startswith(".")]


# --- jrnl files imported twice -------------------------------------------------------------------


JRNL = "[2024-03-05 14:30] Rounds went well.\n\n[2024-03-06 09:00] Follow-up @coaching\nMore text.\n"


def test_a_jrnl_file_imported_twice_is_recognised(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "journal.txt"
    path.write_text(JRNL, "utf-8")
    home = ["--home", str(tmp_path / "target")]
    assert run([*home, "import", "--format", "jrnl", str(path)]) == 0
    capsys.readouterr()
    line = one_error(capsys, run([*home, "import", "--format", "jrnl", str(path)]))
    assert "already imported" in line and path.name in line
    assert counts(tmp_path / "target")["reflections"] == 2
    path.write_text(JRNL + "\n[2024-03-07 10:00] A third entry.\n", "utf-8")  # grown since: the new entry
    assert run([*home, "import", "--format", "jrnl", str(path)]) == 0
    out = capsys.readouterr().out
    assert "imported 1 reflection from" in out and "2 already there" in out
    assert counts(tmp_path / "target")["reflections"] == 3


# --- the shareable JSON cut is redacted like every shareable format ----------------------------


def test_names_are_found_in_urls_and_file_names() -> None:
    from ilearn_tui.portfolio.redaction import redact

    text = (
        "See https://x.example/jamie-smith-essay, jamie_smith.pdf, Jamie.Smith@school.example "
        "and JAMIE  SMITH; not jamiesmith nor Jamie Smithson."
    )
    redacted, found = redact(text, ["Jamie Smith"])
    assert "jamie" not in redacted.lower().replace("jamiesmith", "").replace("jamie smithson", "")
    assert redacted.count("[redacted]") == 4 and found == {"jamie smith": 4}
    assert redact("dana_notes.txt by Dana; Danae", ["Dana"]) == (
        "[redacted]_notes.txt by [redacted]; Danae",
        {"dana": 2},
    )
    assert redact("nothing here", [" ", "-"]) == ("nothing here", {})


def test_the_json_export_without_private_records_is_redacted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "source"
    base = ["--home", str(home)]
    assert run([*base, "reflect", "Talked with Jamie Smith about the essay"]) == 0
    assert run([*base, "evidence", "add", "https://x.example/jamie-smith-essay", "--title", "Essay"]) == 0
    settings = resolve(home).settings_path
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(json.dumps({"redact_names": ["Jamie Smith"]}), "utf-8")
    capsys.readouterr()
    assert run([*base, "export", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert "jamie" not in captured.out.lower() and "[redacted]" in captured.out
    assert "redacted 3 names: jamie smith ×3" in captured.err  # title, body and the link
    shared = tmp_path / "shared.json"
    shared.write_text(captured.out, "utf-8")
    assert run(["--home", str(tmp_path / "other"), "import", str(shared)]) == 0  # still imports
    assert run([*base, "export", "--format", "json", "--include-private"]) == 0
    private = capsys.readouterr()
    assert private.out.count("Jamie Smith") == 2 and "jamie-smith-essay" in private.out
    assert "[redacted]" not in private.out and "redacted" not in private.err

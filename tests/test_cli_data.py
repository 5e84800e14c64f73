"""Carrying the journal out and in from the shell: export and import.

Bad input must give exit 2 (usage) or 1 (anything else), exactly one ``ilearn:`` line on
stderr, no traceback, no raw escape characters — and leave the journal exactly as it was.
Most cases run the command line in-process (the ``ilearn`` fixture, as a fresh process would);
a few per command run the installed ``ilearn`` as a separate process (``cli``), as a teacher
would, so the exit status and the bytes on stdout are checked for real too.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers.cli import Result, assert_fails, json_export, ok, snapshot
from tests.helpers.journals import data_journal, stored_evidence

Cli = Callable[..., Result]

STAGES = ("Imagine", "Inspire", "Illuminate", "Innovate", "Infiltrate")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A journal with goals, a linked reflection, an activity, a link and private evidence."""
    return data_journal(tmp_path_factory.mktemp("template"))


# --- export: Markdown -------------------------------------------------------------------
def test_markdown_has_the_five_stages_in_order_and_the_reflection(cli: Cli, seeded: str) -> None:
    """The portfolio follows the model: the five stage headings in order, then reflections."""
    result = cli("export")
    text = ok(result)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    stage_headings = [h for h in headings if any(stage in h for stage in STAGES)]
    assert [next(s for s in STAGES if s in h) for h in stage_headings] == list(STAGES)
    assert headings.index(stage_headings[-1]) < headings.index("## Reflections")
    assert "Seed reflection about wait time" in text
    assert "Better questioning" in text and "Does wait time help?" in text
    assert "Visible Learning" in text and "Lesson video" in text


def test_student_information_is_left_out_unless_asked(ilearn: Cli, seeded: str) -> None:
    """Evidence flagged --student-info never reaches a shareable export by accident."""
    shared = ilearn("export")
    assert "Exit tickets" not in ok(shared)
    assert "left out 1" in shared.err and "--include-private" in shared.err
    private = ilearn("export", "--include-private")
    assert "Exit tickets" in ok(private)
    assert private.err == ""


def test_names_are_redacted_and_reported(ilearn: Cli, home: Path) -> None:
    """Students named in settings are replaced by [redacted], and the teacher is told."""
    home.joinpath("config").mkdir(parents=True)
    home.joinpath("config", "settings.json").write_text(json.dumps({"redact_names": ["Jordan"]}))
    ok(ilearn("reflect", "Jordan asked why; jordan then explained it to the group."))
    result = ilearn("export")
    text = ok(result)
    assert "jordan" not in text.lower()
    assert "[redacted]" in text
    assert "redacted" in result.err and "jordan" in result.err.lower()


def test_export_date_range(ilearn: Cli) -> None:
    """--from/--to keep only what falls in the range."""
    ok(ilearn("reflect", "Inside the range", "--date", "2024-01-15"))
    ok(ilearn("reflect", "Outside the range", "--date", "2024-03-01"))
    text = ok(ilearn("export", "--from", "2024-01-01", "--to", "2024-01-31"))
    assert "Inside the range" in text and "Outside the range" not in text


def test_export_out_never_overwrites_without_force(ilearn: Cli, seeded: str, tmp_path: Path) -> None:
    """An existing file is refused (and left alone) unless --force; then it is replaced."""
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "portfolio.md"
    target.write_text("my own notes\n")
    refused = ilearn("export", "--out", str(target), "--include-private")
    assert_fails(refused, 1)
    assert "--force" in refused.err
    assert target.read_text() == "my own notes\n"
    replaced = ilearn("export", "--out", str(target), "--include-private", "--force")
    assert str(target) in ok(replaced)
    assert "Seed reflection about wait time" in target.read_text()
    assert [p.name for p in folder.iterdir()] == ["portfolio.md"]  # no temporary file left behind


def test_export_to_a_missing_folder_without_private_items(ilearn: Cli, tmp_path: Path) -> None:
    """Writing into a folder that does not exist fails with one line and creates nothing."""
    ok(ilearn("reflect", "nothing private here"))
    target = tmp_path / "no" / "such" / "portfolio.md"
    assert_fails(ilearn("export", "--out", str(target)), 1)
    assert not (tmp_path / "no").exists()


def test_export_to_a_missing_folder_with_private_items(ilearn: Cli, seeded: str, tmp_path: Path) -> None:
    """The one-line failure contract holds even when the export would have left items out
    (the 'left out N private items' notice must not come before the failure)."""
    target = tmp_path / "missing" / "portfolio.md"
    assert_fails(ilearn("export", "--out", str(target)), 1)
    assert not target.parent.exists()


def test_markdown_export_on_stdout_has_no_terminal_escapes(ilearn: Cli) -> None:
    """``ilearn export`` at a terminal must not let a pasted OSC/CSI sequence drive the terminal."""
    ok(ilearn("reflect", "pasted \x1b]0;pwned\x07 \x1b[2J text \u202eevil", "--tag", "a\x1bb"))
    result = ilearn("export")
    assert "pasted" in ok(result)
    assert "\x1b" not in result.out
    assert "\x07" not in result.out


@pytest.mark.parametrize(
    "settings", ['{"redact_names": ["Jordan"],}', '["Jordan"]', '{"redact_names": "Jordan"}']
)
def test_a_damaged_settings_file_stops_a_shareable_export(
    ilearn: Cli, home: Path, tmp_path: Path, settings: str
) -> None:
    """A typo in settings.json must not silently turn redaction off in a shared portfolio."""
    ok(ilearn("reflect", "Jordan explained it well"))
    home.joinpath("config", "settings.json").write_text(settings)
    out = tmp_path / "portfolio.md"
    result = ilearn("export", "--out", str(out))
    assert_fails(result, 1)
    assert "settings" in result.err and "redact" in result.err
    assert not out.exists()
    # Everything, for the teacher's own keeping, has nothing to redact and still works.
    assert "Jordan explained it well" in ok(ilearn("export", "--include-private"))


def test_a_bad_unrelated_setting_does_not_stop_redaction(ilearn: Cli, home: Path) -> None:
    ok(ilearn("reflect", "Jordan explained it well"))
    home.joinpath("config", "settings.json").write_text('{"redact_names": ["Jordan"], "evidence_max_mb": -1}')
    shared = ok(ilearn("export"))
    assert "Jordan" not in shared


@pytest.mark.parametrize(
    ("args", "code"),
    [
        pytest.param(("export", "--format", "xml"), 2, id="unknown-format"),
        pytest.param(("export", "--from", "2024-02-01", "--to", "2024-01-01"), 2, id="from-after-to"),
        pytest.param(("export", "--from", "someday"), 2, id="bad-from"),
        pytest.param(("export", "--to", "2024-02-30"), 2, id="bad-to"),
        pytest.param(("export", "--goal", "nosuch"), 1, id="unknown-goal"),
        pytest.param(("export", "--goal", "better"), 2, id="ambiguous-goal"),
        pytest.param(("export", "--cycle", "nosuch"), 1, id="unknown-cycle"),
        pytest.param(("export", "--format", "json", "--from", "2024-01-01"), 2, id="json-with-range"),
        pytest.param(("export", "--bogus"), 2, id="unknown-option"),
    ],
)
def test_export_bad_input(ilearn: Cli, home: Path, seeded: str, args: tuple[str, ...], code: int) -> None:
    """A bad export request says why in one line and changes nothing."""
    assert_fails(ilearn(*args), code)
    assert snapshot(home) == seeded


def test_export_to_a_folder_copies_only_shareable_evidence(ilearn: Cli, seeded: str, tmp_path: Path) -> None:
    """A folder gets portfolio.md plus evidence/ copies; student information only on request."""
    shared, private = tmp_path / "shared", tmp_path / "private"
    ok(ilearn("export", "--out", str(shared) + "/"))
    assert (shared / "portfolio.md").is_file()
    copies = shared / "evidence"
    assert not copies.exists() or list(copies.iterdir()) == []
    private.mkdir()
    ok(ilearn("export", "--out", str(private), "--include-private"))
    assert [p.read_text() for p in (private / "evidence").iterdir()] == ["exit tickets from period 3\n"]
    assert_fails(ilearn("export", "--out", str(private), "--include-private"), 1)  # already there
    assert_fails(ilearn("export", "--out", str(tmp_path / "no" / "such") + "/"), 1)


# --- export JSON / import ---------------------------------------------------------------
def test_json_round_trip_into_a_second_home_is_identical(
    cli: Cli, home: Path, seeded: str, tmp_path: Path
) -> None:
    """JSON export → import elsewhere → JSON export gives the very same bytes (lossless),
    evidence files beside the export come along, and importing twice adds nothing."""
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    exported = bundle / "everything.json"
    ok(cli("export", "--format", "json", "--include-private", "--out", str(exported)))
    shutil.copytree(home / "evidence", bundle / "evidence")
    second = tmp_path / "second-home"
    result = cli("--home", str(second), "import", str(exported), use_home=False)
    assert "imported" in ok(result)
    assert result.err == ""
    again = cli("--home", str(second), "export", "--format", "json", "--include-private", use_home=False)
    assert ok(again) + "\n" == exported.read_text()
    assert again.out.encode() == exported.read_bytes()
    ok(cli("--home", str(second), "doctor", use_home=False))
    assert stored_evidence(second).read_bytes() == stored_evidence(home).read_bytes()


def test_importing_the_same_export_twice_adds_nothing(
    ilearn: Cli, home: Path, seeded: str, tmp_path: Path
) -> None:
    """Importing a backup twice (a common mistake) must not duplicate anything."""
    exported = tmp_path / "everything.json"
    exported.write_text(json_export(home))
    second = tmp_path / "second-home"
    ok(ilearn("--home", str(second), "import", str(exported), use_home=False))
    repeat = ilearn("--home", str(second), "import", str(exported), use_home=False)
    assert "imported 0 records" in ok(repeat)
    assert json_export(second) == exported.read_text()


def test_import_without_the_evidence_folder_warns(
    ilearn: Cli, home: Path, seeded: str, tmp_path: Path
) -> None:
    """Records whose files are not beside the export are imported, and the teacher is told."""
    exported = tmp_path / "alone.json"
    exported.write_text(json_export(home))
    second = tmp_path / "second"
    result = ilearn("--home", str(second), "import", str(exported), use_home=False)
    ok(result)
    assert "evidence file" in result.err
    assert json_export(second) == exported.read_text()


def _bad_import_file(kind: str, tmp_path: Path, home: Path) -> Path:
    """Write the broken import file ``kind`` names."""
    target = tmp_path / f"{kind}.json"
    good = json_export(home)
    if kind == "missing":
        return tmp_path / "nosuch.json"
    if kind == "truncated":
        target.write_text(good[: len(good) // 2])
    elif kind == "wrong-shape-list":
        target.write_text("[1, 2, 3]")
    elif kind == "wrong-shape-tables":
        target.write_text(json.dumps({"format": "ilearn-journal", "schema": 2, "tables": []}))
    elif kind == "wrong-field-type":
        doc = json.loads(good)
        doc["tables"]["reflections"][0]["id"] = 5
        target.write_text(json.dumps(doc))
    elif kind == "newer-schema":
        doc = json.loads(good)
        doc["schema"] = 999
        target.write_text(json.dumps(doc))
    elif kind == "rating-9":
        doc = json.loads(good)
        goal = doc["tables"]["goals"][0]
        doc["tables"]["checks"] = [
            {
                "id": "5e1f0000-0000-4000-8000-000000000009",
                "goal_id": goal["id"],
                "indicator": "other",
                "rating": 9,
                "value": None,
                "note": "",
                "date": "2024-01-01",
                "evidence_id": None,
                "created_at": goal["created_at"],
                "updated_at": goal["updated_at"],
            }
        ]
        target.write_text(json.dumps(doc))
    elif kind == "binary":
        target.write_bytes(bytes(range(256)) * 16)
    elif kind == "empty":
        target.write_bytes(b"")
    elif kind == "directory":
        target.mkdir()
    else:
        raise AssertionError(kind)
    return target


@pytest.mark.parametrize(
    "kind",
    [
        "missing",
        "truncated",
        "wrong-shape-list",
        "wrong-shape-tables",
        "wrong-field-type",
        "newer-schema",
        "rating-9",
        "binary",
        "empty",
        "directory",
    ],
)
def test_import_bad_files_change_nothing(
    ilearn: Cli, home: Path, seeded: str, tmp_path: Path, kind: str
) -> None:
    """A broken or foreign file is refused with one line before anything is written."""
    source = _bad_import_file(kind, tmp_path, home)
    assert_fails(ilearn("import", str(source)), 1)
    assert snapshot(home) == seeded


def test_import_forced_json_format_on_bad_files(ilearn: Cli, home: Path, seeded: str, tmp_path: Path) -> None:
    """With --format json the same files get the JSON checks (not the jrnl parser)."""
    for kind in ("truncated", "binary", "wrong-shape-list", "rating-9"):
        assert_fails(ilearn("import", str(_bad_import_file(kind, tmp_path, home)), "--format", "json"), 1)
    assert_fails(ilearn("import", str(tmp_path / "truncated.json"), "--format", "xml"), 2)
    assert_fails(ilearn("import"), 2)
    assert snapshot(home) == seeded


# --- as a separate process -------------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "code"),
    [
        pytest.param(("export", "--format", "xml"), 2, id="export"),
        pytest.param(("import", "NOSUCH"), 1, id="import"),
        pytest.param(("backup", "--out", "NOSUCH/x.sqlite3"), 1, id="backup"),
        pytest.param(("restore", "NOSUCH"), 1, id="restore"),
        pytest.param(("doctor", "--bogus"), 2, id="doctor"),
    ],
)
def test_a_real_process_refuses_with_its_status_and_one_line(
    cli: Cli, home: Path, seeded: str, tmp_path: Path, args: tuple[str, ...], code: int
) -> None:
    """The installed command's exit status and stderr carry the refusal, as a shell sees them."""
    missing = str(tmp_path / "nosuch")
    assert_fails(cli(*(a.replace("NOSUCH", missing) for a in args)), code)
    assert snapshot(home) == seeded

"""End-to-end tests of carrying the journal in and out: export, import, backup, restore, doctor,
plus the parts of the command line every command shares (--home, --version, --help).

A failure must exit 1 (2 for a usage error) with exactly one ``ilearn:`` line on stderr and no
traceback, and must leave the journal exactly as it was. Most cases run the command line
in-process (the ``ilearn`` fixture, as a fresh process would); each command also has a test
running the installed ``ilearn`` as a separate process (``cli``) for the real exit status and
stdout.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from ilearn_tui import __version__
from tests.helpers.cli import Result, assert_fails, invoke_in, json_export, ok, snapshot, tables

Cli = Callable[..., Result]

STAGES = ("Imagine", "Inspire", "Illuminate", "Innovate", "Infiltrate")


# --- helpers ----------------------------------------------------------------------------
def backups(home: Path) -> list[str]:
    folder = home / "backups"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A journal with two goals sharing a prefix, a reflection, an activity and evidence
    (one piece flagged as student information)."""
    base = tmp_path_factory.mktemp("template")
    home = base / "home"
    for args in (
        ("goal", "add", "Better questioning", "--question", "Does wait time help?"),
        ("goal", "add", "Better feedback"),
        ("reflect", "Seed reflection about wait time", "--tag", "seed", "--goal", "better q"),
        ("log", "book", "Visible Learning", "--hours", "2", "--credits", "1"),
        ("evidence", "add", "https://example.org/lesson", "--title", "Lesson video"),
    ):
        ok(invoke_in(home, *args))
    doc = base / "tickets.txt"
    doc.write_text("exit tickets from period 3\n")
    ok(invoke_in(home, "evidence", "add", str(doc), "--title", "Exit tickets", "--student-info"))
    return home, snapshot(home)


def _stored_evidence(home: Path) -> Path:
    (stored,) = (home / "evidence").iterdir()
    return stored


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
    assert _stored_evidence(second).read_bytes() == _stored_evidence(home).read_bytes()


def test_importing_the_same_export_twice_adds_nothing(
    ilearn: Cli, home: Path, seeded: str, tmp_path: Path
) -> None:
    """Importing a backup twice (a common mistake) must not duplicate anything."""
    exported = tmp_path / "everything.json"
    exported.write_text(json_export(home))
    second = tmp_path / "second-home"
    ok(ilearn("--home", str(second), "import", str(exported), use_home=False))
    repeat = ilearn("--home", str(second), "import", str(exported), use_home=False)
    assert "imported 0 record(s)" in ok(repeat)
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


# --- backup / restore -------------------------------------------------------------------
def test_backup_and_restore_bring_back_the_old_state(cli: Cli, home: Path, seeded: str) -> None:
    """Restore replaces the journal with the backup, and keeps the replaced one as a backup."""
    written = ok(cli("backup"))
    match = re.search(r"(/\S+\.sqlite3)", written)
    assert match, written
    backup = Path(match.group(1))
    assert backup.parent == home / "backups" and backup.is_file()
    assert backup.stat().st_mode & 0o777 == 0o600
    ok(cli("reflect", "added after the backup: quokka"))
    assert json.loads(ok(cli("search", "quokka", "--json")))
    restored = ok(cli("restore", str(backup)))
    assert "before-restore" in restored
    assert json.loads(ok(cli("search", "quokka", "--json"))) == []
    assert snapshot(home) == seeded
    saved = [name for name in backups(home) if "before-restore" in name]
    assert len(saved) == 1
    # ... and the replaced journal can itself be restored.
    ok(cli("restore", str(home / "backups" / saved[0])))
    assert json.loads(ok(cli("search", "quokka", "--json")))


def test_backup_out_refuses_to_overwrite(ilearn: Cli, home: Path, seeded: str, tmp_path: Path) -> None:
    """backup --out follows the same no-overwrite rule as export; the copy restores."""
    target = tmp_path / "copy.sqlite3"
    ok(ilearn("backup", "--out", str(target)))
    before = target.read_bytes()
    assert_fails(ilearn("backup", "--out", str(target)), 1)
    assert target.read_bytes() == before
    ok(ilearn("backup", "--out", str(target), "--force"))
    assert_fails(ilearn("backup", "--out", str(tmp_path / "nodir" / "x.sqlite3")), 1)
    other = tmp_path / "other-home"
    ok(ilearn("--home", str(other), "restore", str(target), use_home=False))
    assert json_export(other) == json_export(home)


def _bad_restore_source(kind: str, tmp_path: Path, home: Path) -> Path:
    target = tmp_path / f"{kind}.sqlite3"
    if kind == "missing":
        return tmp_path / "nosuch.sqlite3"
    if kind == "json-export":
        target.write_text(json_export(home))
    elif kind == "directory":
        target.mkdir()
    elif kind == "truncated":
        target.write_bytes((home / "journal.sqlite3").read_bytes()[:8192])
    elif kind == "foreign-sqlite":
        conn = sqlite3.connect(target)
        conn.execute("CREATE TABLE t(x)")
        conn.commit()
        conn.close()
    elif kind == "empty":
        target.write_bytes(b"")
    else:
        raise AssertionError(kind)
    return target


@pytest.mark.parametrize(
    "kind", ["missing", "json-export", "directory", "truncated", "foreign-sqlite", "empty"]
)
def test_restore_of_a_non_backup_changes_nothing(
    ilearn: Cli, home: Path, seeded: str, tmp_path: Path, kind: str
) -> None:
    """Restoring the wrong file is refused with one line and the journal is untouched."""
    assert_fails(ilearn("restore", str(_bad_restore_source(kind, tmp_path, home))), 1)
    assert snapshot(home) == seeded


def test_restore_needs_a_path(ilearn: Cli, home: Path, seeded: str) -> None:
    assert_fails(ilearn("restore"), 2)
    assert snapshot(home) == seeded


def test_a_refused_restore_leaves_the_backups_alone(
    ilearn: Cli, home: Path, seeded: str, tmp_path: Path
) -> None:
    """Trying the wrong file must not crowd the genuine safety copies out of rotation."""
    before = backups(home)
    assert_fails(ilearn("restore", str(_bad_restore_source("json-export", tmp_path, home))), 1)
    assert backups(home) == before


def test_a_damaged_journal_is_reported_and_restorable(ilearn: Cli, home: Path, seeded: str) -> None:
    """A journal overwritten with garbage: one line naming a backup, and restore brings it back."""
    ok(ilearn("backup"))
    db = home / "journal.sqlite3"
    with db.open("r+b") as handle:
        handle.write(b"garbage!" * 512)
    result = ilearn("doctor")
    assert_fails(result, 1)
    match = re.search(r"ilearn restore (\S+\.sqlite3)", result.err)
    assert match, result.err
    ok(ilearn("restore", match.group(1)))
    assert snapshot(home) == seeded


# --- doctor -----------------------------------------------------------------------------
def test_doctor_on_a_healthy_journal(ilearn: Cli, seeded: str) -> None:
    result = ilearn("doctor")
    assert "healthy" in ok(result)
    assert result.err == ""
    assert "PROBLEM" not in result.out


def test_doctor_finds_a_changed_evidence_file(ilearn: Cli, home: Path, seeded: str) -> None:
    """Evidence is checked against its hash, so silent corruption is found."""
    stored = _stored_evidence(home)
    stored.chmod(0o600)
    stored.write_bytes(b"not what was stored\n")
    result = ilearn("doctor")
    assert_fails(result, 1, quiet=False)
    assert "PROBLEM" in result.out and stored.name in result.out


def test_doctor_finds_a_missing_evidence_file(ilearn: Cli, home: Path, seeded: str) -> None:
    stored = _stored_evidence(home)
    stored.unlink()
    result = ilearn("doctor")
    assert_fails(result, 1, quiet=False)
    assert "missing" in result.out and stored.name in result.out


# --- files and permissions --------------------------------------------------------------
def test_data_folder_is_private(ilearn: Cli, home: Path, tmp_path: Path) -> None:
    """Folders 0700, files 0600 — also when the folder existed with looser permissions."""
    home.mkdir(mode=0o755)
    home.chmod(0o755)
    source = tmp_path / "e.txt"
    source.write_text("evidence\n")
    ok(ilearn("evidence", "add", str(source)))
    ok(ilearn("backup"))
    assert home.stat().st_mode & 0o777 == 0o700
    assert (home / "journal.sqlite3").stat().st_mode & 0o777 == 0o600
    for folder in ("evidence", "backups"):
        assert (home / folder).stat().st_mode & 0o777 == 0o700, folder
        for path in (home / folder).iterdir():
            assert path.stat().st_mode & 0o777 == 0o600, path


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


# --- the shared command line ------------------------------------------------------------
def test_no_command_prints_the_journal_at_a_glance(cli: Cli) -> None:
    """Without a terminal, ``ilearn`` prints a summary naming the five stages in order."""
    text = ok(cli())
    positions = [text.index(stage) for stage in STAGES]
    assert positions == sorted(positions)


def test_demo_never_touches_the_real_journal(cli: Cli, home: Path) -> None:
    """``ilearn demo`` works on a throwaway journal: the home folder is not even created."""
    text = ok(cli("demo"))
    assert "demo" in text and all(stage in text for stage in STAGES)
    assert not home.exists()


def test_home_option_environment_and_position(ilearn: Cli, tmp_path: Path) -> None:
    """--home before or after the command and ILEARN_HOME all choose the data folder;
    --home wins over ILEARN_HOME."""
    by_option, by_env, after = tmp_path / "by-option", tmp_path / "by-env", tmp_path / "after"
    first = ok(ilearn("--home", str(by_option), "reflect", "via option", use_home=False))
    second = ok(ilearn("reflect", "via env", use_home=False, env={"ILEARN_HOME": str(by_env)}))
    third = ok(ilearn("reflect", "via trailing option", "--home", str(after), use_home=False))
    for folder, rid in ((by_option, first), (by_env, second), (after, third)):
        assert (folder / "journal.sqlite3").is_file()
        assert [r["id"] for r in tables(folder)["reflections"]] == [rid]
    ok(
        ilearn(
            "--home",
            str(by_option),
            "reflect",
            "option wins",
            use_home=False,
            env={"ILEARN_HOME": str(by_env)},
        )
    )
    assert len(tables(by_option)["reflections"]) == 2
    assert len(tables(by_env)["reflections"]) == 1


def test_home_that_is_a_file(ilearn: Cli, tmp_path: Path) -> None:
    """--home naming a plain file is one clear line, not a traceback."""
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    assert_fails(ilearn("--home", str(not_a_folder), "reflect", "x", use_home=False), 1)
    assert not_a_folder.read_text() == "x"


@pytest.mark.parametrize(
    "args",
    [("frob",), ("--bogus",), ("--home",), ("goal", "remove", "x"), ("evidence", "delete", "x")],
    ids=[
        "unknown-command",
        "unknown-option",
        "home-without-value",
        "goal-unknown-action",
        "evidence-unknown-action",
    ],
)
def test_usage_errors(ilearn: Cli, home: Path, args: tuple[str, ...]) -> None:
    """Unknown commands and options exit 2 with one line and create no journal."""
    assert_fails(ilearn(*args), 2)
    assert not home.exists()


COMMANDS = [
    (),
    ("demo",),
    ("reflect",),
    ("goal",),
    ("goal", "add"),
    ("goal", "list"),
    ("log",),
    ("evidence",),
    ("evidence", "add"),
    ("evidence", "list"),
    ("search",),
    ("export",),
    ("import",),
    ("backup",),
    ("restore",),
    ("doctor",),
    ("trash",),
    ("trash", "list"),
    ("trash", "restore"),
    ("trash", "purge"),
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "ilearn")
def test_version_and_help_on_every_command(ilearn: Cli, home: Path, command: tuple[str, ...]) -> None:
    """--version and --help work everywhere (even before required arguments) and touch nothing."""
    version = ilearn(*command, "--version")
    assert ok(version) == f"ilearn {__version__}"
    assert version.err == ""
    helped = ilearn(*command, "--help")
    assert ok(helped).startswith("usage: ilearn")
    assert helped.err == ""
    assert not home.exists()


def test_python_dash_m_runs_the_same_program(home: Path) -> None:
    """``python -m ilearn_tui`` is the console script under another name."""

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k != "ILEARN_HOME"}
        return subprocess.run(
            [sys.executable, "-m", "ilearn_tui", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )

    version = run("--version")
    assert (version.returncode, version.stdout.strip()) == (0, f"ilearn {__version__}")
    added = run("--home", str(home), "reflect", "through python -m")
    assert added.returncode == 0, added.stderr
    assert [r["id"] for r in tables(home)["reflections"]] == [added.stdout.strip()]
    bad = run("--home", str(home), "reflect", "x", "--date", "someday")
    assert bad.returncode == 2 and bad.stderr.startswith("ilearn:") and len(bad.stderr.splitlines()) == 1

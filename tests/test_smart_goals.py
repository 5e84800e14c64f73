"""SMART(IE) goals: stored, upgraded into old journals, carried by exports, shown and checked gently."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ilearn_tui.domain.renewal import PRESETS, Requirement
from ilearn_tui.domain.smart import gap_hint, gaps, missing_kinds, missing_kinds_note
from ilearn_tui.locations import resolve
from ilearn_tui.store.journal import Journal, open_journal
from ilearn_tui.store.plan import add_goal, list_goals
from ilearn_tui.store.schema import SCHEMA_VERSION
from tests.helpers.journals import UNDO_AFTER_V6

SMART = ("--kind", "student", "--baseline", "62 wcpm", "--target", "90 wcpm", "--measure", "DIBELS ORF")


def one_line_error(result: Any) -> None:
    assert result.err.startswith("ilearn:") and len(result.err.strip().splitlines()) == 1
    assert "Traceback" not in result.err


def goals_table(home: Path) -> list[tuple[object, ...]]:
    with open_journal(resolve(home)) as journal:
        rows = journal.conn.execute(
            "SELECT title, kind, baseline, target, measure, target_date FROM goals ORDER BY title"
        )
        return [tuple(row) for row in rows]


def test_the_gentle_checks() -> None:
    assert gaps("exit tickets", "2027-06-01") == [] and gap_hint("x", "2027-06-01") == ""
    assert gaps("  ", None) == ["no measure", "no date"]
    assert gap_hint("", "2027-06-01").startswith("this goal has no measure yet")
    assert missing_kinds(["student-learning", None]) == ["professional practice"]
    assert missing_kinds([]) == ["student learning", "professional practice"]
    ma = PRESETS["MA"]
    assert missing_kinds_note(["student-learning", "professional-practice"], ma) == ""
    assert "No professional practice goal in this cycle yet" in missing_kinds_note(["student-learning"], ma)
    assert "Massachusetts asks" in missing_kinds_note([], ma)


@pytest.mark.parametrize("rule", [None, PRESETS["NY"], PRESETS["CA"], PRESETS["NC-K5"]])
def test_only_a_state_that_asks_for_both_kinds_notes_a_missing_one(rule: Requirement | None) -> None:
    assert missing_kinds_note(["student-learning"], rule) == ""
    assert missing_kinds_note([], rule) == ""


def test_massachusetts_is_the_preset_that_asks_for_both_kinds() -> None:
    assert [key for key, rule in PRESETS.items() if rule.goal_kinds_asked_by] == ["MA"]


def test_goal_add_keeps_every_smart_part(ilearn: Callable[..., Any], home: Path) -> None:
    added = ilearn("goal", "add", "Reading fluency", *SMART, "--by", "2027-06-01")
    assert added.code == 0 and added.err == ""
    assert goals_table(home) == [
        ("Reading fluency", "student-learning", "62 wcpm", "90 wcpm", "DIBELS ORF", "2027-06-01")
    ]
    listed = ilearn("goal", "list").out
    for line in ("kind: Student learning", "baseline: 62 wcpm", "measure: DIBELS ORF", "by: 2027-06-01"):
        assert line in listed
    (goal,) = json.loads(ilearn("goal", "list", "--json").out)
    assert (goal["kind"], goal["target"], goal["target_date"]) == (
        "student-learning",
        "90 wcpm",
        "2027-06-01",
    )
    shown = ilearn("show", goal["id"][:8]).out
    assert "Kind of goal: student-learning" in shown and "Measure (how I will know): DIBELS ORF" in shown


def test_the_date_takes_today_through_the_one_rule(ilearn: Callable[..., Any], home: Path) -> None:
    from datetime import date

    assert ilearn("goal", "add", "Wait time", "--kind", "Professional", "--by", "today").code == 0
    assert goals_table(home)[0][1] == "professional-practice"
    assert goals_table(home)[0][5] == date.today().isoformat()


def test_a_goal_without_a_measure_or_a_date_saves_with_a_hint(ilearn: Callable[..., Any], home: Path) -> None:
    added = ilearn("goal", "add", "Wait time")
    assert added.code == 0 and len(added.out.split()) == 1  # the id alone, for scripts
    (hint,) = added.err.splitlines()
    assert hint.startswith("hint: ")
    assert "no measure and no date" in hint and "ilearn edit" in hint
    assert goals_table(home) == [("Wait time", None, "", "", "", None)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--kind", "teacher"), "--kind: 'teacher' is not known"),
        (("--kind", "studnet-learning"), "did you mean 'student-learning'?"),
        (("--by", "someday"), "--by: bad date 'someday'"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_saved(
    ilearn: Callable[..., Any], home: Path, args: tuple[str, ...], message: str
) -> None:
    assert ilearn("goal", "add", "Keep", "--measure", "m", "--by", "2027-01-01").code == 0
    refused = ilearn("goal", "add", "Refused", *args)
    assert refused.code == 2 and message in refused.err, refused.err
    one_line_error(refused)
    assert [row[0] for row in goals_table(home)] == ["Keep"]


def test_status_and_the_review_packet_say_when_a_kind_is_missing(
    ilearn: Callable[..., Any], tmp_path: Path
) -> None:
    assert ilearn("renewal", "set", "MA", "--start", "2024-07-01").code == 0
    ilearn("goal", "add", "Reading fluency", *SMART, "--by", "2027-06-01")
    (note,) = [line for line in ilearn("status").out.splitlines() if "goal in this cycle" in line]
    assert note.startswith("  Note: No professional practice goal in this cycle yet")
    packet = tmp_path / "packet.md"
    assert ilearn("export", "--packet", "review", "--out", str(packet)).code == 0
    text = packet.read_text("utf-8")
    for line in ("- **Kind:** Student learning", "- **Baseline:** 62 wcpm", "- **Target:** 90 wcpm"):
        assert line in text
    assert "No professional practice goal in this cycle yet" in text
    ilearn("goal", "add", "Wait time", "--kind", "practice")
    assert "goal in this cycle" not in ilearn("status").out
    assert ilearn("export", "--packet", "review", "--out", str(packet), "--force").code == 0
    text = packet.read_text("utf-8")
    assert "Massachusetts" not in text and "- _Not yet SMART: no measure and no date._" in text


@pytest.mark.parametrize("preset", [None, "NY", "CA"])
def test_the_massachusetts_note_stays_out_elsewhere(
    ilearn: Callable[..., Any], tmp_path: Path, preset: str | None
) -> None:
    if preset:
        assert ilearn("renewal", "set", preset, "--start", "2024-07-01").code == 0
    ilearn("goal", "add", "Reading fluency", *SMART, "--by", "2027-06-01")
    assert "goal in this cycle yet" not in ilearn("status").out
    packet = tmp_path / "packet.md"
    assert ilearn("export", "--packet", "review", "--out", str(packet)).code == 0
    text = packet.read_text("utf-8")
    assert "- **Kind:** Student learning" in text
    assert "Massachusetts" not in text and "goal in this cycle yet" not in text


def test_an_unusable_renewal_setting_leaves_the_review_packet_without_the_note(
    ilearn: Callable[..., Any], home: Path, tmp_path: Path
) -> None:
    assert ilearn("renewal", "set", "MA", "--start", "2024-07-01").code == 0
    settings = resolve(home).settings_path
    data = json.loads(settings.read_text("utf-8"))
    data["renewal"]["start"] = "not a date"
    settings.write_text(json.dumps(data), "utf-8")
    ilearn("goal", "add", "Reading fluency", *SMART, "--by", "2027-06-01")
    packet = tmp_path / "packet.md"
    made = ilearn("export", "--packet", "review", "--out", str(packet))
    assert made.code == 0 and made.err == ""
    assert "goal in this cycle yet" not in packet.read_text("utf-8")


def test_the_portfolio_prints_the_smart_parts(ilearn: Callable[..., Any], tmp_path: Path) -> None:
    ilearn("goal", "add", "Reading fluency", *SMART, "--by", "2027-06-01")
    out = tmp_path / "portfolio.md"
    assert ilearn("export", "--out", str(out)).code == 0
    text = out.read_text("utf-8")
    assert "- **Kind:** Student learning" in text and "- **Measure:** DIBELS ORF" in text


def test_json_and_the_archive_carry_the_fields_and_older_exports_still_import(
    ilearn: Callable[..., Any], home: Path, tmp_path: Path
) -> None:
    ilearn("goal", "add", "Reading fluency", *SMART, "--by", "2027-06-01")
    document = tmp_path / "all.json"
    assert ilearn("export", "--format", "json", "--include-private", "--out", str(document)).code == 0
    data = json.loads(document.read_text("utf-8"))
    (goal,) = data["tables"]["goals"]
    assert (goal["kind"], goal["baseline"], goal["measure"]) == ("student-learning", "62 wcpm", "DIBELS ORF")
    archive = tmp_path / "journal.zip"
    assert ilearn("export", "--out", str(archive)).code == 0
    fresh = tmp_path / "fresh"
    assert ilearn("--home", str(fresh), "import", str(archive), use_home=False).code == 0
    assert goals_table(fresh) == goals_table(home)
    for field in ("kind", "baseline", "target", "measure"):  # an export from before SMART goals
        del goal[field]
    older = tmp_path / "older.json"
    older.write_text(json.dumps(data), "utf-8")
    other = tmp_path / "other"
    assert ilearn("--home", str(other), "import", str(older), use_home=False).code == 0
    assert goals_table(other) == [("Reading fluency", None, "", "", "", "2027-06-01")]
    assert zipfile.is_zipfile(archive)


def test_a_version_6_journal_upgrades_after_a_backup(journal: Journal) -> None:
    from ilearn_tui.store.connection import prepare

    goal_id = add_goal(journal, "From last year", why="Students talk more")
    conn = journal.conn
    conn.executescript(UNDO_AFTER_V6 + "PRAGMA user_version = 6;")
    prepare(conn, journal.locations.db_path, journal.locations.backups_dir)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    (goal,) = list_goals(journal)
    assert (goal.id, goal.why, goal.kind, goal.measure) == (goal_id, "Students talk more", None, "")
    assert list(journal.locations.backups_dir.glob("*before-upgrade-v6*"))
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE goals SET kind = 'other' WHERE id = ?", (goal_id,))


def test_the_next_cycle_carries_the_smart_parts(journal: Journal) -> None:
    from ilearn_tui.store.cycles import start_next_cycle

    cycle = journal.cycle_for("2025-10-01")
    add_goal(journal, "Talk", cycle_id=cycle, smart={"kind": "professional-practice", "measure": "tallies"})
    start_next_cycle(journal)
    carried = [g for g in list_goals(journal) if g.cycle_id != cycle]
    assert [(g.kind, g.measure) for g in carried] == [("professional-practice", "tallies")]

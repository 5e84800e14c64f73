"""The benchmark builder writes the record model's own rows, deterministically, through the store.

The builder lives in ``benchmarks/`` (run as scripts), so its folder is put on the path here.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

import pytest

from ilearn_tui.domain.model import BY_TABLE
from ilearn_tui.locations import resolve
from ilearn_tui.store.journal import open_journal

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from build_journal import build_journal
from journal_gen import Generated, generate
from journal_rows import Rows

ENTRIES = 2000


@pytest.fixture(scope="module")
def generated() -> Generated:
    return generate(ENTRIES, seed=7, jrnl=True)


def test_every_row_carries_exactly_the_model_columns_in_order(generated: Generated) -> None:
    written = {table for table, rows in generated.rows.tables.items() if rows}
    assert written >= {
        "cycles",
        "goals",
        "activities",
        "evidence",
        "checks",
        "reflections",
        "reflection_links",
    }
    for table in written:
        columns = BY_TABLE[table].columns_in_table
        assert all(tuple(row) == columns for row in generated.rows[table]), table


def test_columns_the_generator_leaves_out_take_the_model_default(generated: Generated) -> None:
    evidence = BY_TABLE["evidence"]
    for name in ("file_name", "sha256", "size", "question_id", "innovation_id"):
        default = next(f.default for f in evidence.fields if f.name == name)
        assert {row[name] for row in generated.rows["evidence"]} == {default}, name
    assert {row["value"] for row in generated.rows["checks"]} == {None}


def test_the_same_seed_gives_the_same_records_and_another_seed_others(generated: Generated) -> None:
    again = generate(ENTRIES, seed=7, jrnl=True)
    assert again.rows.tables == generated.rows.tables
    assert again.jrnl_parts == generated.jrnl_parts
    other = generate(ENTRIES, seed=8)
    assert other.rows["reflections"][0]["id"] != generated.rows["reflections"][0]["id"]


def test_rows_refuse_fields_the_model_does_not_know() -> None:
    rows = Rows()
    with pytest.raises(ValueError, match="no column colour"):
        rows.add(
            "reflections", id="r1", date="2024-01-01", body="x", created_at="s", updated_at="s", colour=1
        )
    with pytest.raises(ValueError, match="not a table"):
        rows.add("no_such_table", id="x")
    with pytest.raises(ValueError, match="needs body"):
        rows.add("reflections", id="r1", date="2024-01-01", created_at="s", updated_at="s")
    assert rows["reflections"] == []


def test_bodies_are_as_long_as_a_real_teachers(generated: Generated) -> None:
    bodies = [str(row["body"]) for row in generated.rows["reflections"]]
    words = [len(body.split()) for body in bodies]
    assert 200 <= statistics.mean(words) <= 260  # real entries run about 230 words
    assert min(words) >= 40
    with_markdown = sum("\n- " in body or "**" in body for body in bodies)
    assert 0.25 < with_markdown / len(bodies) < 0.45  # Markdown in about a third


def test_a_build_writes_every_generated_row_through_the_store(tmp_path: Path) -> None:
    info = build_journal(tmp_path / "home", 300, seed=3, jrnl_path=tmp_path / "j.txt")
    where = resolve(tmp_path / "home")
    wal = where.db_path.with_name(where.db_path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # checkpointed: the file alone is the journal
    journal = open_journal(where)
    try:
        for table in ("cycles", "goals", "questions", "activities", "evidence", "reflections"):
            (count,) = journal.conn.execute(f"SELECT count(*) FROM {table}").fetchone()
            assert count == info.counts[table], table
        (tagged,) = journal.conn.execute("SELECT count(*) FROM reflection_tags").fetchone()
        assert tagged == info.counts["reflection_tags"]
        (indexed,) = journal.conn.execute(
            "SELECT count(*) FROM search_docs WHERE kind = 'reflection'"
        ).fetchone()
        assert indexed == 300
    finally:
        journal.close()
    assert info.jrnl_path is not None and info.jrnl_path.read_text(encoding="utf-8").count("\n[") == 299
    with pytest.raises(SystemExit, match="already exists"):
        build_journal(tmp_path / "home", 10)


def test_the_app_benchmark_starts_every_run_from_the_same_journal(tmp_path: Path) -> None:
    from tui import fresh_copy

    build_journal(tmp_path / "home", 50, seed=3)
    original = resolve(tmp_path / "home").db_path.read_bytes()
    for run in range(2):
        copy = fresh_copy(tmp_path / "home", tmp_path / f"copy-{run}")
        journal = open_journal(resolve(copy))
        try:
            assert journal.get_meta("onboarded") == "yes"
            (count,) = journal.conn.execute("SELECT count(*) FROM reflections").fetchone()
            assert count == 50
        finally:
            journal.auto_backup = False
            journal.close()
    assert resolve(tmp_path / "home").db_path.read_bytes() == original


def test_every_fresh_start_of_the_app_benchmark_gets_a_new_empty_journal(tmp_path: Path) -> None:
    from tui import fresh_journal

    for run, onboarding in enumerate((True, True, False)):
        home = fresh_journal(tmp_path / f"fresh-{run}", onboarding=onboarding)
        journal = open_journal(resolve(home))
        try:
            assert journal.get_meta("onboarded") == ("" if onboarding else "yes")
            journal.set_meta("onboarded", "yes")  # what the app does once the welcome is done
            (count,) = journal.conn.execute("SELECT count(*) FROM reflections").fetchone()
            assert count == 0
        finally:
            journal.auto_backup = False
            journal.close()
    # The app marking one home's welcome done leaves the next run's home as it was made.
    again = open_journal(resolve(fresh_journal(tmp_path / "fresh-3", onboarding=True)))
    try:
        assert again.get_meta("onboarded") == ""
    finally:
        again.auto_backup = False
        again.close()

"""The record model is declared once; what must stay a copy (the migrations) is held to it here."""

from __future__ import annotations

import dataclasses
import re

import pytest

from ilearn_tui.domain import forms, model, records, registry, stage_records, vocab
from ilearn_tui.domain.fields import Kind
from ilearn_tui.domain.validation import check_row
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.schema import SEARCHABLE, WITHOUT_ROWID

# Tables the store keeps for itself: not records, never exported as tables.
INTERNAL = {"meta", "tags", "reflection_tags", "trash", "search_docs", "sync_changes", "sync_conflicts"}
INTERNAL |= {"colleague_items"}  # rebuilt from the group repositories
AFFINITY = {
    "id": "TEXT",
    "stamp": "TEXT",
    "ref": "TEXT",
    "text": "TEXT",
    "long": "TEXT",
    "choice": "TEXT",
    "date": "TEXT",
    "time": "TEXT",
    "number": "REAL",
    "rating": "INTEGER",
    "flag": "INTEGER",
    "count": "INTEGER",
}


def table_sql(journal: Journal, table: str) -> str:
    row = journal.conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    return str(row[0])


def test_every_table_is_declared_or_internal(journal: Journal) -> None:
    names = {
        row[0]
        for row in journal.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not row[0].startswith(("sqlite_", "search_index", "colleague_index"))
    }
    assert names == set(model.TABLE_ORDER) | INTERNAL


@pytest.mark.parametrize("entry", model.TABLES, ids=lambda t: t.table)
def test_columns_types_and_nulls_match_the_migrated_schema(journal: Journal, entry: object) -> None:
    assert isinstance(entry, Kind | model.LinkTable)
    info = list(journal.conn.execute(f"PRAGMA table_info({entry.table})"))
    assert [row[1] for row in info] == list(entry.columns_in_table)
    for (_, name, sql_type, notnull, default, pk), spec in zip(info, entry.fields, strict=True):
        assert sql_type == AFFINITY[spec.type], f"{entry.table}.{name}"
        if not pk:
            assert bool(notnull) == (not spec.nullable), f"{entry.table}.{name} nullability"
        if notnull and default is None and not pk:
            assert spec.required, f"{entry.table}.{name} has no default, so the model must require it"


@pytest.mark.parametrize("entry", model.TABLES, ids=lambda t: t.table)
def test_references_match_the_foreign_keys(journal: Journal, entry: object) -> None:
    assert isinstance(entry, Kind | model.LinkTable)
    in_db = {(row[3], row[2]) for row in journal.conn.execute(f"PRAGMA foreign_key_list({entry.table})")}
    declared = {(f.name, f.ref) for f in entry.fields if f.type == "ref"}
    assert in_db == declared


def test_sql_checks_hold_the_same_vocabularies(journal: Journal) -> None:
    found = 0
    for kind in model.KINDS.values():
        sql = table_sql(journal, kind.table)
        for spec in kind.fields:
            match = re.search(rf"\b{spec.name}\b[^,]*?CHECK \({spec.name} IN \(([^)]*)\)\)", sql, re.S)
            if match is None:
                continue
            found += 1
            words = tuple(w.strip().strip("'") for w in match.group(1).replace("\n", " ").split(","))
            if spec.type == "flag":
                assert words == ("0", "1"), f"{kind.table}.{spec.name}"
            else:
                assert spec.type == "choice" and words == spec.choices, f"{kind.table}.{spec.name}"
    assert found >= 11  # the migrations check eight vocabularies; all of them were compared


def test_search_triggers_index_the_declared_fields() -> None:
    """The hand-written triggers fill the index's title and body from the fields the model marks."""
    searched = {kind.table: kind for kind in model.KINDS.values() if kind.search_kind}
    assert set(searched) == set(SEARCHABLE)
    for table, (kind_name, title_sql, body_sql) in SEARCHABLE.items():
        kind = searched[table]
        titles = tuple(f.name for f in kind.fields if f.search == "title")
        bodies = tuple(f.name for f in kind.fields if f.search == "body")
        assert kind.search_kind == kind_name
        assert tuple(re.findall(r"\{r\}\.(\w+)", title_sql)) == titles, table
        assert sorted(re.findall(r"\{r\}\.(\w+)", body_sql)) == sorted(bodies), table


def test_link_tables_without_rowid_are_the_keyed_ones() -> None:
    keyed = {t.table for t in model.TABLES if isinstance(t, model.LinkTable) and t.keyed}
    assert keyed == WITHOUT_ROWID - {"reflection_tags"}


def test_free_text_is_only_ever_words() -> None:
    for kind in model.KINDS.values():
        for spec in kind.fields:
            if spec.free or spec.search:
                assert spec.type in ("text", "long"), f"{kind.name}.{spec.name}"


def test_forms_are_made_of_declared_fields_and_links() -> None:
    assert set(forms.KINDS) == {k.name for k in model.KINDS.values() if k.stage}
    for name, form in forms.KINDS.items():
        kind = model.KINDS[name]
        declared = {f.name for f in kind.fields} | {link.name for link in kind.links}
        declared |= {lines.name for lines in kind.lines}
        assert {f.name for f in form.fields} <= declared
        assert set(kind.columns) <= {f.name for f in kind.fields}
        assert kind.title_field in {f.name for f in kind.fields}
    assert forms.STAGE_KINDS == {
        1: ("vision", "outcome"),
        2: ("interest", "goal", "question"),
        3: ("activity",),
        4: ("innovation", "evidence", "check"),
        5: ("share",),
    }


EXPORTED_KINDS = (
    "cycle",
    "vision",
    "outcome",
    "interest",
    "goal",
    "question",
    "activity",
    "innovation",
    "evidence",
    "check",
    "share",
    "reflection",
)


def test_every_kind_an_export_shows_has_a_typed_record() -> None:
    types = stage_records.record_types()
    assert set(types) == set(EXPORTED_KINDS)
    assert types["cycle"] is records.Cycle and types["check"] is stage_records.Check


@pytest.mark.parametrize("kind", EXPORTED_KINDS)
def test_typed_records_carry_only_declared_fields(kind: str) -> None:
    """A record's fields are exactly its kind's columns plus the extras it declares, no more, no less."""
    record = stage_records.record_types()[kind]
    extras = registry.EXTRAS.get(record, ())
    names = [f.name for f in dataclasses.fields(record)]
    assert set(names) == set(model.KINDS[kind].columns_in_table) | set(extras)
    assert len(names) == len(set(names))
    assert registry.columns(record) == tuple(n for n in names if n not in extras)
    # Extras are gathered after the row is built, so each must have a default.
    defaults = {f.name for f in dataclasses.fields(record) if f.default is not dataclasses.MISSING}
    defaults |= {f.name for f in dataclasses.fields(record) if f.default_factory is not dataclasses.MISSING}
    assert set(extras) <= defaults


def test_free_fields_come_from_the_model() -> None:
    assert registry.free_fields(records.Reflection) == ("title", "body")
    assert registry.free_fields(records.Goal) == (
        "title",
        "why",
        "skills",
        "success_indicators",
        "baseline",
        "target",
        "measure",
    )
    for kind, record in stage_records.record_types().items():
        lines = {lines.name for lines in model.KINDS[kind].lines}
        own = set(model.KINDS[kind].columns_in_table) & model.FREE_TEXT
        assert set(registry.free_fields(record)) == own | lines
    # A session's lines are her words too: redacted and cleaned after the activity's own fields.
    assert registry.free_fields(records.Activity)[-3:] == ("co_facilitators", "feedback", "materials")
    assert registry.flag_positions(records.Reflection) == (
        registry.columns(records.Reflection).index("private"),
        registry.columns(records.Reflection).index("starred"),
    )
    assert registry.flag_positions(records.Goal) == ()


def test_innovation_steps_follow_the_phase_vocabulary() -> None:
    stamps = ("2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z")
    notes = ("p", "a", "o", "r")
    inv = stage_records.Innovation("i", "c", None, "action research", "T", *notes, "plan", None, *stamps)
    assert tuple(phase for phase, _ in inv.steps) == vocab.INNOVATION_PHASES
    assert [notes for _, notes in inv.steps] == ["p", "a", "o", "r"]


def test_vocabularies_come_from_one_place() -> None:
    assert model.ACTIVITY.field("type").choices == tuple(vocab.ACTIVITY_TYPES)
    assert model.CHECK.field("indicator").choices == vocab.INDICATOR_KINDS


STAMPS = {"created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-01T00:00:00Z"}
ACTIVITY = {"id": "a1", "cycle_id": "c1", "type": "book", "title": "Study", "date": "2025-01-05", **STAMPS}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"role": "presented"}, "role: Input should be 'attended' or 'facilitated'"),
        ({"status": "weird"}, "status: Input should be 'planned' or 'done'"),
        ({"type": "party"}, "type: Input should be"),
        ({"hours": -1}, "hours: Input should be greater than or equal to 0"),
        ({"date": "today"}, "date: Value error, not a real YYYY-MM-DD date"),
        ({"title": ""}, "title: String should have at least 1 character"),
    ],
)
def test_rows_from_outside_are_checked_against_the_model(change: dict[str, object], message: str) -> None:
    assert check_row("activities", ACTIVITY) is None
    problem = check_row("activities", {**ACTIVITY, **change})
    assert problem is not None and problem.startswith(message)


def test_a_check_outside_the_indicator_list_is_refused() -> None:
    row = {"id": "k1", "goal_id": "g1", "indicator": "happiness", "rating": 3, "date": "2025-01-05", **STAMPS}
    assert (check_row("checks", row) or "").startswith("indicator:")
    assert check_row("checks", {**row, "indicator": "student engagement"}) is None


def test_a_required_field_with_a_default_may_be_left_out() -> None:
    goal = {"id": "g1", "cycle_id": "c1", "title": "Better questioning", **STAMPS}
    assert check_row("goals", goal) is None
    assert (check_row("goals", {k: v for k, v in goal.items() if k != "title"}) or "").startswith("title:")

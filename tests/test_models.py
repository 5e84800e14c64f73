"""The SQLModel declarations must describe exactly the tables the migrations create."""

from __future__ import annotations

from ilearn_tui.store.journal import Journal
from ilearn_tui.store.models import ORDERED, columns_of
from ilearn_tui.store.schema import EXPORT_TABLES


def test_models_match_the_migrated_schema(journal: Journal) -> None:
    for model in ORDERED:
        table = model.__tablename__
        in_db = [row[1] for row in journal.conn.execute(f"PRAGMA table_info({table})")]
        assert sorted(columns_of(model)) == sorted(in_db), table


def test_export_order_follows_the_models() -> None:
    assert tuple(model.__tablename__ for model in ORDERED) == EXPORT_TABLES


def test_not_null_columns_are_required_or_defaulted(journal: Journal) -> None:
    for model in ORDERED:
        table = model.__tablename__
        for _, name, _, notnull, default, pk in journal.conn.execute(f"PRAGMA table_info({table})"):
            if name == "rowid":
                continue
            field = model.model_fields[name]
            if notnull and default is None and not pk:
                assert field.is_required(), f"{table}.{name} must be required"

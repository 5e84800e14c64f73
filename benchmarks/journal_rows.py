"""Generated rows named by the record model, so the builder keeps no column list of its own.

The generator says only the fields it fills; every other column of the table takes the
model's default (``domain.model``), in the model's column order. A column added to the model
is then written with its default without an edit here; a field the model does not know, or a
required one left out, is refused at once, so the builder cannot drift from the journal it
writes.
"""

from __future__ import annotations

from ilearn_tui.domain.model import BY_TABLE

Row = dict[str, object]


class Rows:
    """The rows of one build, table by table, each a dict of every column of its table."""

    def __init__(self) -> None:
        self.tables: dict[str, list[Row]] = {}
        self._defaults: dict[str, tuple[tuple[str, object], ...]] = {}
        self._names: dict[str, frozenset[str]] = {}
        self._required: dict[str, frozenset[str]] = {}

    def add(self, table: str, **values: object) -> Row:
        """One row of ``table``: ``values`` for the fields the generator fills, defaults for the rest."""
        defaults = self._defaults.get(table)
        if defaults is None:
            defaults = self._learn(table)
        if not values.keys() <= self._names[table]:
            unknown = ", ".join(sorted(values.keys() - self._names[table]))
            raise ValueError(f"the record model's {table} table has no column {unknown}")
        if not self._required[table] <= values.keys():
            missing = ", ".join(sorted(self._required[table] - values.keys()))
            raise ValueError(f"a {table} row needs {missing} (required, with no default)")
        row = {name: values.get(name, default) for name, default in defaults}
        self.tables[table].append(row)
        return row

    def __getitem__(self, table: str) -> list[Row]:
        return self.tables.get(table, [])

    def _learn(self, table: str) -> tuple[tuple[str, object], ...]:
        spec = BY_TABLE.get(table)
        if spec is None:
            raise ValueError(f"{table} is not a table of the record model")
        defaults = tuple((f.name, f.default) for f in spec.fields)
        self._defaults[table] = defaults
        self._names[table] = frozenset(name for name, _ in defaults)
        # As for a record arriving from outside (domain.validation): required with no real default.
        self._required[table] = frozenset(
            f.name for f in spec.fields if f.required and not f.nullable and f.default in ("", None)
        )
        self.tables.setdefault(table, [])
        return defaults

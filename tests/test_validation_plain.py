"""The plain check of a row (without pydantic) never takes a row pydantic would refuse.

``check_row`` decides the plain cases itself, for speed, and leaves the rest to pydantic. Both
are compared here on rows made of awkward values for every field of every table: whatever
the plain check accepts, pydantic must accept too; and the rows a journal really holds are
decided plainly (else the fast path would never be taken).
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ilearn_tui.domain.model import BY_TABLE
from ilearn_tui.domain.validation import _plainly_valid, check_row, row_model
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.sync_state import all_records

AWKWARD: list[Any] = [
    None, "", "a", "A1", "a" * 64, "a" * 65, "-a", "a b", "é", "a\n", "x" * 5001,
    "2025-01-05", "2025-02-30", "2024-02-29", "0001-01-01", "9999-12-31", "2025-1-5", "today",
    "2025-01-05T10:00:00Z", "2025-01-05T10:00:00+01:00", "2025-01-05T10:00:00Z\n",
    "https://example.org", "ftp://example.org", "HTTP://X", "a\x00b", "\udcff",
    0, 1, 2, 5, 6, -1, 1.5, -0.5, float("nan"), float("inf"), True, False, "1", [], {},
    "0" * 64, "f" * 64, "F" * 64, "notes.pdf", "../x.pdf",
]  # fmt: skip


def _values(table: str, name: str) -> st.SearchStrategy[Any]:
    spec = next(f for f in BY_TABLE[table].fields if f.name == name)
    return st.sampled_from([*AWKWARD, *spec.choices, spec.default])


@st.composite
def rows(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    table = draw(st.sampled_from(sorted(BY_TABLE)))
    row: dict[str, Any] = {}
    for spec in BY_TABLE[table].fields:
        if draw(st.integers(0, 9)):  # now and then a field is left out
            row[spec.name] = draw(_values(table, spec.name))
    return table, row


def _pydantic_accepts(table: str, row: dict[str, Any]) -> bool:
    from pydantic import ValidationError

    try:
        row_model(table).model_validate(row)
    except ValidationError:
        return False
    return True


@settings(max_examples=3000, deadline=None)
@given(rows())
def test_what_the_plain_check_takes_pydantic_takes(case: tuple[str, dict[str, Any]]) -> None:
    table, row = case
    if _plainly_valid(table, row):
        assert _pydantic_accepts(table, row), (table, row)
    assert (check_row(table, row) is None) == _pydantic_accepts(table, row)


def test_a_journals_records_are_checked_plainly(journal: Journal) -> None:
    from ilearn_tui.demo.build import build_demo

    build_demo(journal)
    found = [(t, {k: v for k, v in row.items() if k != "tags"}) for t, row in all_records(journal)]
    assert len({t for t, _ in found}) >= 8
    assert all(_plainly_valid(t, row) for t, row in found), next(
        (t, row) for t, row in found if not _plainly_valid(t, row)
    )

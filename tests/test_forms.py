"""Form rules: what each record kind accepts, and the message for what it does not."""

from __future__ import annotations

import pytest

from ilearn_tui.domain.forms import KINDS, STAGE_KINDS, clean
from ilearn_tui.domain.vocab import STAGES


def test_every_stage_has_record_kinds() -> None:
    assert set(STAGE_KINDS) == set(STAGES)
    for kinds in STAGE_KINDS.values():
        assert all(name in KINDS for name in kinds)


def test_required_fields_are_reported_together() -> None:
    result = clean(KINDS["activity"], {"role": "attended", "status": "done"})
    assert set(result.errors) >= {"type", "title", "date"}
    assert result.errors["title"] == "required"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("hours", "-1", "0 or more"),
        ("hours", "nan", "0 or more"),
        ("hours", "inf", "0 or more"),
        ("hours", "lots", "not a number"),
        ("hours", "99999", "believable"),
        ("date", "2025-02-30", "YYYY-MM-DD"),
        ("date", "yesterday-ish", "YYYY-MM-DD"),
        ("type", "party", "choose one"),
        ("link", "javascript:alert(1)", "https://"),
        ("title", "a\x00b", "NUL"),
        ("title", "x" * 20_001, "longer than"),
    ],
)
def test_bad_activity_values(field: str, value: str, message: str) -> None:
    raw = {"type": "book", "title": "Study", "date": "2025-01-01", "role": "attended", "status": "done"}
    raw[field] = value
    result = clean(KINDS["activity"], raw)
    assert message in result.errors[field]


def test_good_values_are_normalised() -> None:
    result = clean(
        KINDS["activity"],
        {
            "type": "book",
            "title": "  Visible   Learning ",
            "date": "2025-01-01",
            "hours": "2.5",
            "role": "attended",
            "status": "done",
            "goals": ["g1", "g2"],
        },
    )
    assert result.ok
    assert result.values["title"] == "Visible Learning"
    assert result.values["hours"] == 2.5 and result.values["credits"] == 0.0
    assert result.links == {"activity_goals": ["g1", "g2"]}


@pytest.mark.parametrize("rating", ["0", "6", "9", "3.5", "x"])
def test_ratings_are_whole_numbers_from_one_to_five(rating: str) -> None:
    result = clean(
        KINDS["check"], {"goal_id": "g", "indicator": "other", "date": "2025-01-01", "rating": rating}
    )
    assert "1 to 5" in result.errors["rating"]


def test_a_check_needs_a_rating_or_a_value() -> None:
    base = {"goal_id": "g", "indicator": "student engagement", "date": "2025-01-01"}
    assert "rating" in clean(KINDS["check"], base).errors
    assert clean(KINDS["check"], {**base, "value": "72"}).ok
    assert clean(KINDS["check"], {**base, "rating": "4"}).ok


def test_evidence_takes_a_link_or_a_path_but_no_other_scheme() -> None:
    base = {"title": "t", "kind": "photo", "date": "2025-01-01"}
    assert clean(KINDS["evidence"], {**base, "url": "https://example.org"}).ok
    assert clean(KINDS["evidence"], {**base, "url": "~/photos/board.jpg"}).ok
    assert not clean(KINDS["evidence"], {**base, "url": "javascript:alert(1)"}).ok

"""Colleagues' items in the journal: replaced per group, listed, found, searched, and never records."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from ilearn_tui.domain.colleagues import Item, Received
from ilearn_tui.errors import NotFoundError, UsageError
from ilearn_tui.locations import resolve
from ilearn_tui.store import colleagues, sync_state
from ilearn_tui.store.journal import Journal, open_journal
from ilearn_tui.store.search import MARK_START, plain, search
from tests.helpers.cli import invoke, ok

PLC, COHORT = str(uuid.uuid4()), str(uuid.uuid4())
ANN, BO = str(uuid.uuid4()), str(uuid.uuid4())


def _item(
    author: str, title: str, body: str = "Words.", *, when: str = "2026-11-30T10:00:00+00:00", **more: object
) -> Received:
    item = Item(
        id=str(more.pop("id", uuid.uuid4())), author_id=author, kind=str(more.pop("kind", "reflection")),
        title=title, body=body, date=when[:10], stage=3, published_at=when,
    )  # fmt: skip
    return Received(item, "Ann Lee" if author == ANN else "Bo Diaz")


def test_a_group_holds_exactly_what_its_repository_holds(journal: Journal) -> None:
    kept, gone = _item(ANN, "Kept"), _item(ANN, "Withdrawn")
    assert colleagues.replace_group(journal, PLC, [kept, gone]) == 2
    other = _item(BO, "In the cohort")
    colleagues.replace_group(journal, COHORT, [other])
    first_seen = colleagues.find(journal, kept.item.id).received_at
    edited = Received(Item(**{**kept.item.to_dict(), "body": "Edited."}), "Ann Lee")
    assert colleagues.replace_group(journal, PLC, [edited]) == 2  # one changed, one withdrawn
    assert [c.item for c in colleagues.list_items(journal, PLC)] == [edited.item]
    assert colleagues.find(journal, kept.item.id).received_at == first_seen
    assert colleagues.replace_group(journal, PLC, [edited]) == 0
    assert colleagues.count(journal) == 2 and colleagues.count(journal, COHORT) == 1
    assert search(journal, "Withdrawn") == [] and colleagues.search(journal, "Withdrawn") == []


def test_items_are_listed_newest_published_first(journal: Journal) -> None:
    items = [_item(ANN, f"n{d}", when=f"2026-11-{d:02d}T09:00:00+00:00") for d in (3, 1, 2)]
    colleagues.replace_group(journal, PLC, items)
    colleagues.replace_group(journal, COHORT, [_item(BO, "latest", when="2026-11-20T09:00:00+00:00")])
    assert [c.item.title for c in colleagues.list_items(journal)] == ["latest", "n3", "n2", "n1"]
    assert [c.item.title for c in colleagues.list_items(journal, PLC, limit=2, offset=1)] == ["n2", "n1"]
    assert {c.group_id for c in colleagues.list_items(journal, COHORT)} == {COHORT}


def test_an_item_is_found_by_a_unique_prefix_of_its_id(journal: Journal) -> None:
    one = _item(ANN, "One", id="aaaa1111-0000-4000-8000-000000000001")
    two = _item(ANN, "Two", id="aaaa2222-0000-4000-8000-000000000002")
    colleagues.replace_group(journal, PLC, [one, two])
    colleagues.replace_group(journal, COHORT, [one])  # the same item through two groups is one item
    assert colleagues.find(journal, "aaaa1").item == one.item
    assert colleagues.find(journal, one.item.id).author_name == "Ann Lee"
    with pytest.raises(UsageError, match="fits 2 colleagues' items"):
        colleagues.find(journal, "aaaa")
    with pytest.raises(UsageError, match="too short"):
        colleagues.find(journal, "aa")
    with pytest.raises(NotFoundError):
        colleagues.find(journal, "bbbb")
    with pytest.raises(UsageError):
        colleagues.find(journal, "  ")
    with pytest.raises(NotFoundError):
        colleagues.find(journal, "aaa%")


def test_search_finds_a_colleagues_item_with_its_author(journal: Journal) -> None:
    colleagues.replace_group(journal, PLC, [_item(ANN, "Wait time", "I waited **five** seconds, then more.")])
    colleagues.replace_group(journal, COHORT, [_item(BO, "Exit tickets", "Quick checks at the door.")])
    [hit] = colleagues.search(journal, "waited")
    assert (hit.kind, hit.author, plain(hit.title), hit.date) == (
        "colleague reflection",
        "Ann Lee",
        "Wait time",
        "2026-11-30",
    )
    assert MARK_START in hit.snippet and "**" not in hit.snippet
    assert [h.title for h in colleagues.search(journal, "diaz")] == ["Exit tickets"]  # by her name
    assert colleagues.search(journal, '"*) OR (') == []
    assert search(journal, "waited") == []  # the journal's own search holds only her own records


def test_colleagues_items_are_never_records(journal: Journal, home: Path) -> None:
    colleagues.replace_group(journal, PLC, [_item(ANN, "Not mine", "Colleague words.")])
    assert sync_state.pending(journal) == []
    assert sync_state.record_count(journal) == 0
    assert "Colleague words." not in json.dumps(list(sync_state.all_records(journal)))
    out = home / "all.json"
    ok(invoke("export", "--format", "json", "--out", str(out), home=home))
    assert "Colleague words." not in out.read_text() and "colleague" not in out.read_text()


def test_ilearn_search_shows_colleagues_items_with_their_author(home: Path) -> None:
    with open_journal(resolve(home)) as journal:
        colleagues.replace_group(journal, PLC, [_item(ANN, "Wait time", "I waited five seconds.")])
    ok(invoke("reflect", "I waited too, and it worked.", home=home))
    text = ok(invoke("search", "waited", home=home))
    assert "colleague reflection" in text and "Wait time  (by Ann Lee)" in text
    hits = json.loads(ok(invoke("search", "waited", "--json", home=home)))
    assert sorted(h["kind"] for h in hits) == ["colleague reflection", "reflection"]
    [theirs] = [h for h in hits if h["kind"] == "colleague reflection"]
    assert (theirs["author"], theirs["title"], theirs["date"]) == ("Ann Lee", "Wait time", "2026-11-30")
    assert all("author" not in h for h in hits if h["kind"] == "reflection")
    assert len(json.loads(ok(invoke("search", "waited", "--json", "--limit", "1", home=home)))) == 1

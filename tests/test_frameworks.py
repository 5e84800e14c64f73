"""Evaluation frameworks: the data, choosing one, tagging items with components, coverage.

The tags are links declared in the record model, so the JSON export, the import, the trash and
sync carry them; a round trip and a sync between two homes check that they really do.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ilearn_tui.domain.frameworks import FRAMEWORKS, split_codes
from ilearn_tui.domain.model import COMPONENT_TABLES, TABLE_ORDER
from ilearn_tui.errors import UsageError
from ilearn_tui.locations import resolve
from ilearn_tui.portfolio.json_export import dumps, journal_document
from ilearn_tui.portfolio.json_import import import_document, validate_document
from ilearn_tui.store import coverage
from ilearn_tui.store.journal import Journal, open_journal
from tests.helpers.cli import Result, assert_fails, ok, snapshot, tables
from tests.sync.helpers import Computer


def test_each_framework_has_its_published_shape() -> None:
    danielson, marzano, ma = FRAMEWORKS["danielson"], FRAMEWORKS["marzano"], FRAMEWORKS["ma"]
    assert len(danielson.components) == 22 and len(danielson.domains) == 4
    assert [c.code for c in danielson.components][:2] == ["1a", "1b"]
    assert danielson.component("3b").name == "Using Questioning and Discussion Techniques"
    assert danielson.component("4f").name == "Showing Professionalism"
    assert len(marzano.components) == 23 and len(marzano.domains) == 4
    assert len(ma.domains) == 4 and ma.component("IV-F").name == "Professional Responsibilities"
    for framework in FRAMEWORKS.values():
        assert framework.source and framework.note
        codes = [c.code for c in framework.components]
        assert len(set(codes)) == len(codes)
        assert not any("." in code for code in codes)  # a dot would break a link's sync key
    # The regulation's 16 indicators; the rubric's "17" names no 17th, and the note says so.
    assert len(ma.components) == 16 and "16 Indicators" in ma.source and "17th" in ma.note


def test_codes_are_read_by_the_forgiving_rule_and_a_slip_names_what_is_accepted() -> None:
    danielson = FRAMEWORKS["danielson"]
    assert danielson.read_codes(split_codes(" 3B, questioning ;1e,, 3b ")) == ["3b", "1e"]
    with pytest.raises(UsageError) as refused:
        danielson.read_codes(["3b", "3q"], option="Components")
    said = str(refused.value)
    assert said.startswith("Components: '3q' is not known") and "1a" in said and "4f" in said


def test_retag_replaces_one_frameworks_tags_and_keeps_the_others(journal: Journal) -> None:
    rid, _ = _tagged_journal(journal)
    coverage.tag(journal, "reflection", rid, FRAMEWORKS["ma"], ["IV-A"])
    coverage.retag(journal, "reflection", rid, FRAMEWORKS["danielson"], ["1e"])
    assert coverage.components_of(journal, "reflection", rid) == [("danielson", "1e"), ("ma", "IV-A")]
    assert coverage.codes_of(journal, "reflection", rid, FRAMEWORKS["ma"]) == ["IV-A"]
    coverage.retag(journal, "reflection", rid, FRAMEWORKS["danielson"], [])
    assert coverage.components_of(journal, "reflection", rid) == [("ma", "IV-A")]


def test_no_framework_is_said_and_a_tag_without_one_is_refused(ilearn, home: Path) -> None:  # type: ignore[no-untyped-def]
    assert "ilearn framework set" in ok(ilearn("framework"))
    ok(ilearn("reflect", "Before any framework."))
    before = snapshot(home)
    result: Result = ilearn("reflect", "Tagged too early.", "--component", "1a")
    assert_fails(result, 2)
    assert "framework set" in result.err
    assert snapshot(home) == before


def test_framework_names_are_forgiving_and_a_slip_is_refused(ilearn) -> None:  # type: ignore[no-untyped-def]
    assert "Danielson" in ok(ilearn("framework", "set", "FFT"))
    assert "Massachusetts" in ok(ilearn("framework", "set", "massachusetts"))
    assert "Marzano" in ok(ilearn("framework", "set", "Marz"))
    result = ilearn("framework", "set", "danielsen")
    assert_fails(result, 2)
    assert "did you mean 'danielson'" in result.err


def test_items_tagged_from_the_shell_show_in_the_coverage(ilearn, home: Path) -> None:  # type: ignore[no-untyped-def]
    ok(ilearn("framework", "set", "danielson"))
    ok(ilearn("reflect", "Wait time doubled the answers.", "--component", "3B", "--component", "questioning"))
    ok(ilearn("log", "workshop", "Discussion protocols", "--hours", "2", "--component", "4e"))
    ok(
        ilearn(
            "evidence",
            "add",
            "https://example.org/unit",
            "--title",
            "Unit plan",
            "--component",
            "1e",
            "--component",
            "1c",
        )
    )
    shown = ok(ilearn("framework"))
    assert "4 of 22 components evidenced" in shown
    assert "Wait time doubled the answers." in shown and "Unit plan" in shown
    assert "Nothing yet for 18 components" in shown and "2a" in shown.splitlines()[-1]
    data = json.loads(ok(ilearn("framework", "--json")))
    by_code = {c["code"]: c for c in data["components"]}
    assert [i["kind"] for i in by_code["3b"]["items"]] == ["reflection"]  # two names, one tag
    assert by_code["1f"]["items"] == []
    assert len(tables(home)["evidence_components"]) == 2


def test_an_unknown_component_gets_did_you_mean_and_saves_nothing(ilearn, home: Path) -> None:  # type: ignore[no-untyped-def]
    ok(ilearn("framework", "set", "marzano"))
    before = snapshot(home)
    for command in (
        ("reflect", "Nope.", "--component", "Previewng New Content"),
        ("log", "book", "Nope", "--component", "Previewng New Content"),
        ("evidence", "add", "https://example.org/x", "--component", "Previewng New Content"),
    ):
        result = ilearn(*command)
        assert_fails(result, 2)
        assert "did you mean '5'" in result.err, result.err
    result = ilearn("reflect", "Nope.", "--component", "zzz")
    assert_fails(result, 2)
    assert snapshot(home) == before


def _tagged_journal(journal: Journal) -> tuple[str, str]:
    from ilearn_tui.store.evidence import add_evidence
    from ilearn_tui.store.reflections import add_reflection

    coverage.set_framework(journal, "danielson")
    chosen = FRAMEWORKS["danielson"]
    rid = add_reflection(journal, "Exit tickets told me who to regroup.", day="2026-10-02")
    eid = add_evidence(journal, "https://example.org/tickets", title="Exit tickets", day="2026-10-02")
    coverage.tag(journal, "reflection", rid, chosen, ["3d", "4a"])
    coverage.tag(journal, "evidence", eid, chosen, ["3d"])
    return rid, eid


def test_json_round_trip_carries_the_tags(journal: Journal, tmp_path: Path) -> None:
    _tagged_journal(journal)
    document, _ = journal_document(journal, include_private=True)
    first = dumps(document)
    assert all(t.table in TABLE_ORDER for t in COMPONENT_TABLES.values())
    with open_journal(resolve(tmp_path / "second")) as other:
        import_document(other, validate_document(json.loads(first)))
        again, _ = journal_document(other, include_private=True)
        assert dumps(again) == first
        assert len(coverage.coverage(other, FRAMEWORKS["danielson"])["3d"]) == 2


def test_private_items_take_their_tags_out_of_a_shared_export(journal: Journal) -> None:
    from ilearn_tui.store.evidence import add_evidence

    _tagged_journal(journal)
    hidden = add_evidence(
        journal, "https://example.org/kids", title="Names", student_info=True, day="2026-10-03"
    )
    coverage.tag(journal, "evidence", hidden, FRAMEWORKS["danielson"], ["2a"])
    shared, _ = journal_document(journal, include_private=False)
    assert hidden not in {r["evidence_id"] for r in shared["tables"]["evidence_components"]}
    assert len(shared["tables"]["evidence_components"]) == 1


def test_deleting_an_item_takes_its_tags_and_restoring_brings_them_back(journal: Journal) -> None:
    from ilearn_tui.store import trash

    rid, _ = _tagged_journal(journal)
    trash.move_to_trash(journal, "reflections", rid, "reflection", "Exit tickets")
    assert coverage.components_of(journal, "reflection", rid) == []
    [item] = trash.list_trash(journal)
    trash.restore(journal, item.id)
    assert coverage.components_of(journal, "reflection", rid) == [("danielson", "3d"), ("danielson", "4a")]


@pytest.mark.parametrize("code", ["9z", ""])
def test_the_store_refuses_a_code_the_framework_lacks(journal: Journal, code: str) -> None:
    rid, _ = _tagged_journal(journal)
    with pytest.raises(KeyError):
        coverage.tag(journal, "reflection", rid, FRAMEWORKS["danielson"], [code])
    assert len(coverage.components_of(journal, "reflection", rid)) == 2


def test_sync_carries_the_tags_to_the_other_computer(tmp_path: Path) -> None:
    laptop, desktop = Computer(tmp_path / "laptop"), Computer(tmp_path / "desktop")
    remote = tmp_path / "usb" / "journal"
    (tmp_path / "usb").mkdir()
    laptop.ok("sync", "setup", str(remote))
    desktop.ok("sync", "setup", str(remote))
    laptop.ok("framework", "set", "danielson")
    rid = laptop.ok("reflect", "Cold calling with wait time.", "--component", "3b", "--component", "3c")
    laptop.ok("sync")
    desktop.ok("sync")
    with desktop.journal() as journal:
        assert coverage.components_of(journal, "reflection", rid) == [
            ("danielson", "3b"),
            ("danielson", "3c"),
        ]


def test_the_review_packet_groups_evidence_by_component(ilearn, home: Path) -> None:  # type: ignore[no-untyped-def]
    ok(ilearn("framework", "set", "danielson"))
    ok(ilearn("goal", "add", "Better questioning"))
    ok(ilearn("reflect", "Wait time doubled the answers.", "--component", "3b"))
    ok(
        ilearn(
            "evidence",
            "add",
            "https://example.org/u",
            "--title",
            "Unit plan",
            "--component",
            "1e",
            "--component",
            "3b",
        )
    )
    ok(
        ilearn(
            "evidence",
            "add",
            "https://example.org/k",
            "--title",
            "Seating chart",
            "--student-info",
            "--component",
            "2e",
        )
    )
    packet = ok(ilearn("export", "--packet", "review"))
    section = packet.split("## Evidence by component: Danielson Framework for Teaching", 1)[1]
    section = section.split("## Hours and credits", 1)[0]
    assert "2 of 22 components have evidence in this packet." in section
    row_3b = [line for line in section.splitlines() if "Unit plan" in line and "| evidence |" in line]
    assert len(row_3b) == 2  # one artifact, two components
    assert "Wait time doubled the answers." in section
    assert "| **2e** Organizing Physical Space | | _nothing yet_ | |" in section  # private: left out
    assert "Seating chart" not in packet
    mine = ok(ilearn("export", "--packet", "review", "--include-private"))
    assert "Seating chart" in mine.split("## Evidence by component", 1)[1]
    ok(ilearn("framework", "set", "none"))
    assert "Evidence by component" not in ok(ilearn("export", "--packet", "review"))

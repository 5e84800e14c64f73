"""The annual review packet and the licence-renewal record: pure functions of a gathered scope."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from markdown_it import MarkdownIt

from ilearn_tui.domain.renewal import PRESETS
from ilearn_tui.portfolio.gather import Scope, gather
from ilearn_tui.portfolio.packets import rating_dots, renewal_record, review_packet
from ilearn_tui.services.exports import RenewalRule, export_text
from ilearn_tui.store import plan
from ilearn_tui.store.journal import Journal
from tests.helpers.export_data import fill_with_files
from tests.sample_journal import fill

TODAY = date(2025, 6, 30)


def headings(text: str, level: int) -> list[str]:
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    return [
        tokens[i + 1].content
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == f"h{level}"
    ]


def cycle_of(journal: Journal) -> str:
    return str(journal.conn.execute("SELECT id FROM cycles ORDER BY starts_on LIMIT 1").fetchone()[0])


def test_review_packet_is_laid_out_for_the_meeting(journal: Journal) -> None:
    fill(journal)
    text = review_packet(gather(journal, Scope(cycle_id=cycle_of(journal))), today=TODAY)
    assert headings(text, 1) == ["Annual review packet — Robin Okafor"]
    assert headings(text, 2) == ["Goals and progress", "Hours and credits", "Notes from the meeting"]
    assert headings(text, 3) == [
        "Goal 1: Raise the quality of student talk in science",
        "Goal 2: Use exit tickets every lesson",
    ]
    assert "| **Cycle** | 2024–25 (2024-08-01 to 2025-07-31) |" in text
    assert "| **Learning** | 23.5 hours, 11.75 credits in 4 activities |" in text
    assert "1. Do sentence stems increase evidence-based claims?" in text
    assert "| **Total** | **4** | **23.5** | **11.75** |" in text
    assert "_1 private item left out" in text and "Class list" not in text


def test_review_ratings_run_oldest_to_newest_with_the_change(journal: Journal) -> None:
    fill(journal)
    text = review_packet(gather(journal, Scope(cycle_id=cycle_of(journal))), today=TODAY)
    rows = [line for line in text.splitlines() if line.startswith("| 2024-") and "student engagement" in line]
    assert [r.split(" | ")[0] for r in rows] == [
        "| 2024-09-15",
        "| 2024-10-15",
        "| 2024-11-15",
        "| 2024-12-15",
    ]
    assert [r.split(" | ")[3] for r in rows] == ["", "+1", "±0", "+1"]
    assert rating_dots(3) == "3/5 ●●●○○"
    assert "| 2024-11-20 | student achievement |  |  | 71.5 | — |" in text


def test_review_links_exported_copies(journal: Journal, tmp_path: Path) -> None:
    ids = fill_with_files(journal, tmp_path / "src")
    p = gather(journal, Scope(cycle_id=cycle_of(journal)))
    text = review_packet(p, links={ids["photo"]: "evidence/2024-10-03-claim-cards-photo.pdf"}, today=TODAY)
    assert "[Claim cards photo](<evidence/2024-10-03-claim-cards-photo.pdf>)" in text
    assert "## Other evidence" in text  # evidence not linked to a goal has its own table


def test_review_with_no_goals(journal: Journal) -> None:
    journal.add_cycle("2030–31", "2030-08-01", "2031-07-31")
    text = review_packet(gather(journal, Scope()), today=TODAY)
    assert "_No goals in this cycle._" in text and "_No completed activities in this scope._" in text


def test_renewal_record_lists_done_activities_with_totals(journal: Journal, tmp_path: Path) -> None:
    fill_with_files(journal, tmp_path / "src")
    plan.add_activity(journal, "course", "Planned course", hours=30, status="planned", day="2025-03-01")
    text = export_text(journal, "renewal", Scope(), [], today=TODAY).text
    assert headings(text, 2) == ["Completed learning", "Totals by topic", "Totals by type"]
    assert "| date | topic | type | activity | provider | hours | credits | certificate |" in text
    assert (
        "| 2024-09-10 | content | Book study | Talk Science Primer study group | — | 6 | 3 | Certificate |"
        in text
    )
    assert "Planned course" not in text
    assert "| **Total** | | | **4 activities** | | **23.5** | **11.75** | |" in text
    assert "| content | 2 | 10.5 | 5.25 |" in text and "| pedagogy | 2 | 13 | 6.5 |" in text


def test_renewal_record_measures_against_the_requirement(journal: Journal) -> None:
    fill(journal)
    renewal = RenewalRule(PRESETS["MA"], date(2024, 7, 1))
    text = renewal_record(
        gather(journal, Scope()), rule=renewal.rule, period_start=renewal.start, today=TODAY
    )
    assert "| **Requirement** | Massachusetts professional licence: 150 PDPs in 5 years |" in text
    assert "## Toward the requirement" in text
    assert "- **Counted:** 11.75 of 150 PDPs" in text
    assert "- **Period:** 2024-07-01 to 2029-06-30" in text
    assert "**To check before submitting**" in text  # no certificates attached


def test_renewal_record_defaults_to_the_licence_period(journal: Journal) -> None:
    fill(journal)
    plan.add_activity(journal, "course", "Old course", hours=9, day="2019-03-01")
    renewal = RenewalRule(PRESETS["MA"], date(2024, 7, 1))
    text = export_text(journal, "renewal", Scope(), [], renewal=renewal, today=TODAY).text
    assert "Old course" not in text and "| **Records** | 2024-07-01 to 2029-06-30 |" in text
    chosen = export_text(
        journal, "renewal", Scope(date_from="2019-01-01"), [], renewal=renewal, today=TODAY
    ).text
    assert "Old course" in chosen


def test_packets_are_redacted_like_the_portfolio(journal: Journal) -> None:
    fill(journal)
    result = export_text(journal, "review", Scope(), ["Dana"], today=TODAY)
    assert "Dana" not in result.text and "[redacted]" in result.text and result.redactions == {"dana": 1}

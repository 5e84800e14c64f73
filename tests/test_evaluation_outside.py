"""The evaluation work as a shell sees it: the installed ``ilearn``, one process per command.

The other tests run the command line in-process; these hold the promises that are checked from
outside (PRODUCT.md, "Evaluation") to the console script itself: each state's preset reports its
number, a framework's coverage lists what has evidence and what has none and refuses an unknown
component, and the SMART parts of a goal reach the review packet and its PDF.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from ilearn_tui.domain.renewal import STATES
from tests.helpers.cli import Result, assert_fails, ok, run_ilearn, snapshot

# What each state's own preset asks, as the research notes give it (PRODUCT.md names them).
NUMBERS = {
    "MA": "150 PDPs every 5 years",
    "NY": "100 CTLE hours every 5 years",
    "TX": "150 CPE hours every 5 years",
    "IL": "120 hours every 5 years",
    "VA": "270 points every 10 years",
    "PA": "180 hours every 5 years",
    "FL": "120 inservice points every 5 years",
    "OH": "180 contact hours every 5 years",
    "NJ": "20 hours every year",
    "NC": "8 renewal credits every 5 years",
    "GA": "no hours required",
    "WA": "100 clock hours every 5 years",
    "CA": "no hours required, renews every 5 years: track for yourself",
}


def run(home: Path, *args: str) -> Result:
    return run_ilearn(*args, home=home)


def test_each_states_preset_reports_its_number(tmp_path: Path) -> None:
    assert set(NUMBERS) == set(STATES)
    for state, number in NUMBERS.items():
        said = ok(run(tmp_path, "renewal", "set", state.lower(), "--start", "2024-07-01"))
        assert number in said, (state, said)
    before = snapshot(tmp_path)
    assert_fails(run(tmp_path, "renewal", "set", "ZZ", "--start", "2024-07-01"), 2)
    assert snapshot(tmp_path) == before


def test_the_renewal_view_names_the_rule_still_unmet(tmp_path: Path) -> None:
    ok(run(tmp_path, "renewal", "set", "FL", "--start", "2024-07-01"))
    ok(run(tmp_path, "log", "course", "Fractions", "--semester-credits", "6", "--date", "2025-03-01"))
    data = json.loads(ok(run(tmp_path, "renewal", "--json")))
    assert data["total"] == 120  # 6 semester hours at 20 points each
    assert data["unmet"] == ["Students with disabilities: 0 of 20 inservice points"]


def test_coverage_lists_both_sides_and_refuses_an_unknown_component(tmp_path: Path) -> None:
    ok(run(tmp_path, "framework", "set", "danielson"))
    ok(run(tmp_path, "log", "workshop", "Discussion protocols", "--hours", "2", "--component", "3b"))
    shown = ok(run(tmp_path, "framework"))
    assert "1 of 22 components evidenced" in shown
    assert "Discussion protocols" in shown
    assert shown.splitlines()[-1].startswith("Nothing yet for 21 components: 1a, 1b")
    before = snapshot(tmp_path)
    refused = run(tmp_path, "log", "workshop", "Nope", "--hours", "1", "--component", "3z")
    assert_fails(refused, 2)
    assert "'3z' is not known" in refused.err
    assert_fails(run(tmp_path, "framework", "set", "rubric"), 2)
    assert snapshot(tmp_path) == before


@pytest.fixture
def smart_goal(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    ok(
        run(
            home,
            *("goal", "add", "Reading fluency", "--kind", "student-learning"),
            *("--baseline", "62 wcpm", "--target", "90 wcpm"),
            *("--measure", "DIBELS ORF", "--by", "2027-06-01"),
        )
    )
    return home


def test_the_smart_parts_reach_the_review_packet_and_its_pdf(smart_goal: Path, tmp_path: Path) -> None:
    packet = ok(run(smart_goal, "export", "--packet", "review"))
    for line in ("### Goal 1: Reading fluency", "- **Kind:** Student learning", "- **Measure:** DIBELS ORF"):
        assert line in packet
    target = tmp_path / "packet.pdf"
    ok(run(smart_goal, "export", "--packet", "review", "--out", str(target)))
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(target).pages)
    for words in ("Goal 1: Reading fluency", "Baseline: 62 wcpm", "Target: 90 wcpm", "Measure: DIBELS ORF"):
        assert words in text, words

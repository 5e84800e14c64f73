"""The showcase reads for a parent: each stage says what it is, and nothing shows a count of nothing."""

from __future__ import annotations

import re
from datetime import date

from ilearn_tui.domain.stages import FOR_READERS, STEP_FOR_READERS
from ilearn_tui.domain.vocab import INNOVATION_PHASES, STAGES
from ilearn_tui.portfolio.gather import Scope, gather
from ilearn_tui.portfolio.showcase import render_html
from ilearn_tui.store import plan
from ilearn_tui.store.journal import Journal
from tests.sample_journal import fill

TODAY = date(2025, 6, 30)


def page(journal: Journal) -> str:
    return render_html(gather(journal, Scope()), today=TODAY)


def section(html: str, key: str) -> str:
    found = re.search(rf'<section id="{key}">(.*?)</section>', html, re.S)
    assert found, key
    return found.group(1)


def test_every_stage_opens_with_its_plain_sentence(journal: Journal) -> None:
    fill(journal)
    html = page(journal)
    for number, name in STAGES.items():
        body = section(html, name.lower())
        sentence = FOR_READERS[number]
        assert sentence.startswith(f"{name}: ")
        assert re.match(r"<h2>[^<]*</h2>\s*<p class=\"lede\">" + re.escape(sentence), body.strip())
    assert "phase:" not in html


def test_the_sentences_are_written_once_for_every_stage_and_step() -> None:
    assert set(FOR_READERS) == set(STAGES)
    assert set(STEP_FOR_READERS) == set(INNOVATION_PHASES)


def test_an_empty_journal_shows_no_zero_counts_and_no_charts(journal: Journal) -> None:
    html = page(journal)
    glance = section(html, "glance")
    assert "<strong>0</strong>" not in glance and "<svg" not in html
    assert 'class="stats"' not in glance  # nothing to count at all: no row of zeros


def test_credits_nobody_awards_are_left_out(journal: Journal) -> None:
    plan.add_activity(journal, "workshop", "Questioning", day="2025-01-10", hours=3, credits=0)
    plan.add_activity(journal, "book", "Wait time", day="2025-02-10", hours=2)
    html = page(journal)
    assert "credit" not in html.lower()  # not in the glance, the table, the summary or its title
    assert '<a href="#summary">Hours</a>' in html and "<h2>Hours</h2>" in html
    assert "<strong>5</strong><span>hours of learning</span>" in html
    assert re.search(r">0</t[dh]>", html) is None


def test_credits_show_where_there_are_some(journal: Journal) -> None:
    plan.add_activity(journal, "workshop", "Questioning", day="2025-01-10", hours=3, credits=0.5)
    plan.add_activity(journal, "book", "Wait time", day="2025-02-10", hours=2)
    html = page(journal)
    assert "<h2>Hours and credits</h2>" in html and '<th class="num">credits</th>' in html
    assert '<td class="num">0</td>' in html  # a real zero beside a real credit stays


def test_zero_hours_draw_no_chart(journal: Journal) -> None:
    plan.add_activity(journal, "workshop", "Unmeasured", day="2025-01-10", hours=0)
    html = page(journal)
    assert "Hours of learning by month" not in html and "Hours of learning by kind" not in html
    assert "<strong>1</strong><span>activities done</span>" in html

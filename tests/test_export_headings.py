"""Every Markdown export is an outline that never skips a level, whatever the teacher's headings.

Each document is parsed with markdown-it-py (as a reader's tools parse it), not searched for
``#`` characters, so a heading inside a code block or a paragraph does not count.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from ilearn_tui.portfolio.formats import BY_NAME, Choice
from ilearn_tui.portfolio.model import Scope
from ilearn_tui.services.exports import export_text, export_to, preflight
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.reflections import add_reflection
from tests.sample_journal import fill

DEEP_BODIES = (
    "### Starts at the third level\nthen text\n###### and jumps to the sixth",
    "# A title\n#### four below it\n## back up\n### one down",
    "Plain text with a `# not a heading` and\n\n    # an indented code line",
)


def _levels(markdown: str) -> list[int]:
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    return [int(t.tag[1]) for t in tokens if t.type == "heading_open"]


def skips(markdown: str) -> list[tuple[int, int]]:
    """Each (heading, next heading) pair where the next is more than one level deeper."""
    levels = _levels(markdown)
    return [(a, b) for a, b in pairwise(levels) if b > a + 1]


@pytest.fixture
def deep(journal: Journal) -> Journal:
    fill(journal)
    goal = journal.conn.execute("SELECT id FROM goals ORDER BY created_at").fetchone()[0]
    for n, body in enumerate(DEEP_BODIES):
        add_reflection(journal, body, day=f"2024-11-0{n + 1}", time="10:00", links={"goal_id": [goal]})
    return journal


def test_the_check_finds_a_skip() -> None:
    assert skips("# a\n\n### c\n") == [(1, 3)]
    assert skips("# a\n\n## b\n\n### c\n\n# d\n\n## e\n") == []


@pytest.mark.parametrize("kind", ["md", "review", "renewal"])
@pytest.mark.parametrize("scope", [Scope(), Scope(include_private=True)])
def test_markdown_exports_never_skip_a_heading_level(deep: Journal, kind: str, scope: Scope) -> None:
    text = export_text(deep, kind, scope, []).text
    assert _levels(text)[0] == 1
    assert skips(text) == []


def test_the_folder_portfolio_never_skips_a_heading_level(deep: Journal, tmp_path: Path) -> None:
    target = tmp_path / "portfolio"
    export_to(deep, preflight(Choice(BY_NAME["md"], target, folder=True)), Scope(), [])
    text = (target / "portfolio.md").read_text(encoding="utf-8")
    assert "Starts at the third level" in text
    assert skips(text) == []


def test_reflections_are_listed_under_their_goal(deep: Journal) -> None:
    text = export_text(deep, "md", Scope(), []).text
    goals = text.index("### Goals")
    listed = text.index("- **Reflections:**", goals)
    assert listed < text.index("## 3. Illuminate")
    assert "  - 2024-11-01 — Starts at the third level: then text and jumps to the sixth" in text
    review = export_text(deep, "review", Scope(), []).text
    assert "**Reflections**\n\n- 2024-11-01 — Starts at the third level" in review
    assert "\n- 2024-11-02 — A title: four below it back up one down\n" in review
    html = export_text(deep, "html", Scope(), []).text
    assert "<li><strong>Reflections:</strong><ul><li>2024-11-01 — Starts at the third level" in html


def test_a_private_reflection_is_never_listed_under_its_goal(deep: Journal) -> None:
    goal = deep.conn.execute("SELECT id FROM goals ORDER BY created_at").fetchone()[0]
    add_reflection(deep, "Secret goal note", day="2024-11-09", private=True, links={"goal_id": [goal]})
    for kind in ("md", "review", "html"):
        assert "Secret goal note" not in export_text(deep, kind, Scope(), []).text
        assert "Secret goal note" in export_text(deep, kind, Scope(include_private=True), []).text


def test_goal_hours_count_done_activities_and_show_planned_apart(deep: Journal) -> None:
    from ilearn_tui.store import plan

    goal = deep.conn.execute("SELECT id FROM goals ORDER BY created_at").fetchone()[0]
    before = export_text(deep, "md", Scope(), []).text
    done_line = next(line for line in before.splitlines() if line.startswith("- **Hours:**"))
    assert "planned" not in done_line
    planned = plan.add_activity(deep, "course", "Summer course", day="2025-03-01", hours=3, goal_ids=[goal])
    with deep.write() as conn:
        conn.execute("UPDATE activities SET status = 'planned' WHERE id = ?", (planned,))
    after = export_text(deep, "md", Scope(), []).text
    assert f"{done_line}, 3 h planned" in after
    review = export_text(deep, "review", Scope(), []).text
    assert f"{done_line}, 3 h planned" in review

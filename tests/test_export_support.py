"""The shared export journal builder is itself checked, so a broken builder fails here first."""

from __future__ import annotations

from pathlib import Path

from ilearn_tui.store.journal import Journal
from tests.helpers.export_data import add_hostile, fill_with_files, link_targets, unsafe_urls


def test_support_builds_the_journal(journal: Journal, tmp_path: Path) -> None:
    ids = fill_with_files(journal, tmp_path / "src")
    add_hostile(journal)
    assert len(ids) == 5
    stored = journal.conn.execute("SELECT count(*) FROM evidence WHERE file_name != ''").fetchone()[0]
    assert stored == 5
    assert link_targets("[a](b.md) ![c](d.png)") == ["b.md", "d.png"]
    assert unsafe_urls('<a href="javascript:x">a</a><a href="https://ok">b</a>') == ["javascript:x"]

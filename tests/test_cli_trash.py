"""``ilearn trash`` from the shell."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ilearn_tui.locations import resolve
from ilearn_tui.store.journal import open_journal
from ilearn_tui.store.reflections import delete_reflection


def test_list_restore_and_purge(cli: Callable[..., Any], home: Any) -> None:
    rid = cli("reflect", "oops, deleted").out.strip()
    with open_journal(resolve(home)) as journal:
        delete_reflection(journal, rid)
    listed = cli("trash", "list")
    assert listed.code == 0 and "oops, deleted" in listed.out
    restored = cli("trash", "restore", listed.out.split()[0])
    assert restored.code == 0, restored.err
    assert "oops" in cli("search", "oops").out
    assert "empty" in cli("trash").out
    assert cli("trash", "purge").out.startswith("purged 0")


def test_bad_trash_input(ilearn: Callable[..., Any]) -> None:
    for args, code in (
        (("trash", "restore", "nosuch"), 1),
        (("trash", "purge", "--older-than", "-3"), 2),
        (("trash", "purge", "--older-than", "x"), 2),
        (("trash", "bogus"), 2),
    ):
        result = ilearn(*args)
        assert result.code == code, (args, result.err)
        assert len(result.err.strip().splitlines()) == 1 and result.err.startswith("ilearn:")

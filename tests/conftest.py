"""Shared fixtures: every test gets its own journal folder; nothing touches the real one."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from ilearn_tui.locations import Locations, resolve
from ilearn_tui.store.journal import Journal, open_journal

# Re-exported for test modules that still import them from here; new code uses tests.helpers.
from tests.helpers.cli import ILEARN, Result, invoke, ok, run_ilearn, run_in

__all__ = ["ILEARN", "Result", "ok", "run_ilearn", "run_in"]


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point HOME and XDG folders at a temp dir so no test can reach the developer's journal."""
    fake_home = tmp_path_factory.mktemp("userhome")
    monkeypatch.setenv("HOME", str(fake_home))
    monkeypatch.setenv("XDG_DATA_HOME", str(fake_home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(fake_home / ".config"))
    monkeypatch.delenv("ILEARN_HOME", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "ilearn-home"


@pytest.fixture
def locations(home: Path) -> Locations:
    return resolve(home)


@pytest.fixture
def journal(locations: Locations) -> Iterator[Journal]:
    j = open_journal(locations)
    try:
        yield j
    finally:
        j.close()


@pytest.fixture
def cli(home: Path):  # type: ignore[no-untyped-def]
    """Run the installed ``ilearn`` as a separate process with ``--home`` set."""

    def run(
        *args: str, stdin: str | bytes | None = None, env: dict[str, str] | None = None, use_home: bool = True
    ) -> Result:
        return run_ilearn(*args, home=home if use_home else None, stdin=stdin, env=env)

    return run


@pytest.fixture
def ilearn(home: Path):  # type: ignore[no-untyped-def]
    """Run ``ilearn`` with ``--home`` set in this process, as a fresh process would run it."""

    def run(
        *args: str,
        stdin: str | bytes | None = None,
        env: dict[str, str | None] | None = None,
        use_home: bool = True,
    ) -> Result:
        return invoke(*args, home=home if use_home else None, stdin=stdin, env=env)

    return run


@pytest.fixture
def seeded(home: Path, template: tuple[Path, str]) -> str:
    """A private copy of the module's ``template`` journal in this test's home; returns its snapshot."""
    shutil.copytree(template[0], home, symlinks=True)
    return template[1]


@pytest.fixture
def make_app(journal: Journal):  # type: ignore[no-untyped-def]
    """An app on the test's journal, past onboarding unless a test wants to see it."""
    from ilearn_tui.tui.app import IlearnApp

    def make(*, onboarded: bool = True, demo: bool = False) -> IlearnApp:
        if onboarded:
            journal.set_meta("onboarded", "yes")
        return IlearnApp(journal, demo=demo)

    return make

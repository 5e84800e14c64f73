"""Layering rules that keep the command line quick and the store free of UI code."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import ilearn_tui

# Every module outside the app, found by walking the package (a new module is checked the day it
# is added); import-linter checks the imports as written, this checks what importing really loads.
OUTSIDE_THE_APP = sorted(
    info.name
    for info in pkgutil.walk_packages(ilearn_tui.__path__, "ilearn_tui.")
    if not info.name.startswith(("ilearn_tui.tui", "ilearn_tui.__main__"))
)


def loaded_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_the_walk_finds_every_layer() -> None:
    layers = {name.split(".")[1] for name in OUTSIDE_THE_APP if name.count(".") > 1}
    assert {"store", "domain", "portfolio", "services", "cli", "demo"} <= layers


def test_nothing_outside_the_app_loads_textual() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {OUTSIDE_THE_APP!r}:\n"
        "    importlib.import_module(name)\n"
        "    if 'textual' in sys.modules or 'rich' in sys.modules:\n"
        "        print('LOADED-BY:' + name)\n"
        "        break\n"
    )
    culprit = [line for line in loaded_after(code) if line.startswith("LOADED-BY")]
    assert not culprit, culprit


def test_quick_commands_skip_heavy_imports(tmp_path: object) -> None:
    code = (
        "import sys\n"
        f"sys.argv = ['ilearn', '--home', {str(tmp_path)!r}, 'reflect', 'quick', '--tag', 't']\n"
        "from ilearn_tui.__main__ import main\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main()\n"
        f"sys.argv = ['ilearn', '--home', {str(tmp_path)!r}, 'search', 'quick']\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main()\n"
    )
    modules = loaded_after(code)
    for heavy in ("sqlmodel", "sqlalchemy", "pydantic", "textual", "markdown_it"):
        assert heavy not in modules, f"{heavy} is imported by quick capture"


# What ``reflect`` and ``search`` on a journal already at the current schema never load: the record
# model and everything it is declared with (dataclasses, inspect), the migrations made from it,
# the colleagues' store, the led-session rules, and json (no --json, no settings file).
LEAN_NEVER = frozenset(
    {"dataclasses", "inspect", "json", "difflib"}
    | {f"ilearn_tui.domain.{name}" for name in ("model", "fields", "records", "registry", "sessions")}
    | {"ilearn_tui.store.schema", "ilearn_tui.store.colleagues", "ilearn_tui.store.lookup"}
    | {"ilearn_tui.cli.sessions", "ilearn_tui.cli.values"}
)


def _loaded_by_command(home: Path, argv: list[str]) -> set[str]:
    code = (
        "import contextlib, io, sys\n"
        f"sys.argv = ['ilearn', '--home', {str(home)!r}, *{argv!r}]\n"
        "from ilearn_tui.__main__ import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    status = main()\n"
        "assert status == 0, status\n"
    )
    return loaded_after(code)


@pytest.mark.parametrize("argv", [["reflect", "a quick note", "--tag", "t"], ["search", "quick"]])
def test_reflect_and_search_load_no_record_model(tmp_path: Path, argv: list[str]) -> None:
    first = [sys.executable, "-m", "ilearn_tui", "--home", str(tmp_path), "reflect", "quick start"]
    subprocess.run(first, capture_output=True, check=True)  # creates the journal: migrations run once
    loaded = _loaded_by_command(tmp_path, argv)
    assert "ilearn_tui.store.journal" in loaded  # the probe did open the journal
    assert not loaded & LEAN_NEVER, sorted(loaded & LEAN_NEVER)


def test_a_sync_of_her_own_computers_loads_nothing_of_the_groups(tmp_path: Path) -> None:
    home, remote = tmp_path / "home", tmp_path / "remote"
    ilearn = [sys.executable, "-m", "ilearn_tui", "--home", str(home)]
    for step in (["reflect", "before the first sync"], ["sync", "setup", str(remote)], ["sync"]):
        subprocess.run([*ilearn, *step], capture_output=True, check=True)
    loaded = _loaded_by_command(home, ["sync"])
    assert "ilearn_tui.sync.engine" in loaded  # the probe did sync
    group_side = {"ilearn_tui.services.publishing", "ilearn_tui.sync.groups", "ilearn_tui.cli.record_values"}
    assert not loaded & group_side and not any(m.startswith("ilearn_tui.portfolio") for m in loaded)


def test_version_opens_nothing(tmp_path: Path) -> None:
    loaded = _loaded_by_command(tmp_path, ["--version"])
    journal_side = {m for m in loaded if m.startswith(("ilearn_tui.store", "ilearn_tui.domain"))}
    assert "sqlite3" not in loaded and not journal_side, sorted(journal_side)
    assert not loaded & LEAN_NEVER


def test_importing_the_package_creates_nothing(tmp_path: object) -> None:
    import os

    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": f"{tmp_path}/d",
        "XDG_CONFIG_HOME": f"{tmp_path}/c",
    }
    code = (
        "import ilearn_tui, ilearn_tui.locations, ilearn_tui.store.journal, ilearn_tui.cli.main, "
        "ilearn_tui.settings"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    assert not os.listdir(str(tmp_path))

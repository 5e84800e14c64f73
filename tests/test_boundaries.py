"""Layering rules that keep the command line quick and the store free of UI code."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

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

"""Layering rules that keep the command line quick and the store free of UI code."""

from __future__ import annotations

import subprocess
import sys

import pytest

PURE = [
    "ilearn_tui.store.journal",
    "ilearn_tui.store.reflections",
    "ilearn_tui.store.plan",
    "ilearn_tui.store.search",
    "ilearn_tui.store.evidence",
    "ilearn_tui.store.backup",
    "ilearn_tui.store.doctor",
    "ilearn_tui.domain.model",
    "ilearn_tui.domain.validation",
    "ilearn_tui.domain.vocab",
    "ilearn_tui.domain.records",
    "ilearn_tui.portfolio.markdown",
    "ilearn_tui.portfolio.gather",
    "ilearn_tui.portfolio.json_export",
    "ilearn_tui.portfolio.json_import",
    "ilearn_tui.demo",
    "ilearn_tui.cli.main",
    "ilearn_tui.cli.capture",
    "ilearn_tui.cli.data",
]


def loaded_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


@pytest.mark.parametrize("module", PURE)
def test_store_domain_and_portfolio_never_import_textual(module: str) -> None:
    modules = loaded_after(f"import {module}")
    assert not any(m == "textual" or m.startswith("textual.") for m in modules)


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

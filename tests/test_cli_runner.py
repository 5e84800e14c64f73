"""The in-process runner the CLI tests use must answer as the installed command does.

If it drifted (another terminal width, a different stream, state kept from an earlier run),
the in-process tests would check something no teacher runs; these tests compare the two
directly and check that the runner notices a run that leaves something behind.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import ilearn_tui.cli.main as cli_main
from tests.helpers.cli import invoke, run_ilearn


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("--version",), id="version"),
        pytest.param(("export", "--help"), id="help-at-80-columns"),
        pytest.param(("log", "--types"), id="no-journal-needed"),
        pytest.param(("reflect", "x", "--date", "2024-02-30"), id="usage-error"),
        pytest.param(("frob",), id="unknown-command"),
        pytest.param(("reflect", "-"), id="stdin-not-utf8"),
        pytest.param(("trash", "restore", "nosuch"), id="error-after-opening"),
    ],
)
def test_in_process_and_real_process_answer_alike(
    home: Path, args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same status, same stdout, same stderr, byte for byte."""
    monkeypatch.delenv("COLUMNS", raising=False)  # the process then sees a pipe: 80 columns
    monkeypatch.delenv("LINES", raising=False)
    stdin = b"caf\xe9"
    here = invoke(*args, home=home, stdin=stdin)
    there = run_ilearn(*args, home=home, stdin=stdin)
    assert (here.code, here.out, here.err) == (there.code, there.out, there.err)


def test_help_is_80_columns_whatever_the_developers_terminal(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A wide COLUMNS in the test's environment does not reach the in-process run by default."""
    monkeypatch.setenv("COLUMNS", "200")
    helped = invoke("export", "--help", home=home)
    assert max(len(line) for line in helped.out.splitlines()) <= 80


def test_stdin_reaches_the_command(home: Path) -> None:
    text = "Première ligne — café 🌱\n"
    rid = invoke("reflect", "-", home=home, stdin=text.encode()).out.strip()
    found = invoke("search", "café", "--json", home=home)
    assert rid in found.out


@pytest.mark.parametrize(
    ("leak", "message"),
    [
        ("open-file", "left files open"),
        ("environment", "changed the environment"),
        ("working-folder", "changed the working folder"),
    ],
)
def test_a_run_that_leaves_something_behind_fails_the_test(
    leak: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a real process would take with it when it exits must not outlive an in-process run."""
    kept = []
    start = os.getcwd()

    def leaky(argv: list[str]) -> int:
        if leak == "open-file":
            kept.append((tmp_path / "held").open("w"))
        elif leak == "environment":
            os.environ["ILEARN_LEAKED"] = "1"
        else:
            os.chdir(tmp_path)
        return 0

    monkeypatch.setattr(cli_main, "run", leaky)
    monkeypatch.delenv("ILEARN_LEAKED", raising=False)
    try:
        with pytest.raises(AssertionError, match=message):
            invoke("reflect", "x", home=tmp_path)
    finally:
        os.chdir(start)
        for handle in kept:
            handle.close()
    assert "ILEARN_LEAKED" not in os.environ  # the runner put the environment back

"""A quick command builds only its own parser, and reads exactly as the whole grammar would."""

from __future__ import annotations

import argparse

import pytest

from ilearn_tui.cli.parser import COMMANDS, build, command_in, lean


def _built(parser: argparse.ArgumentParser) -> set[str]:
    subs = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return set(subs.choices)


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["reflect", "text"], "reflect"),
        (["--home", "reflect", "search", "x"], "search"),  # a folder that happens to be named reflect
        (["--home=/tmp/h", "log", "workshop"], "log"),
        (["-h"], None),
        ([], None),
        (["relfect", "x"], None),
        (["--", "reflect"], None),
        (["-", "reflect"], None),
    ],
)
def test_the_command_is_read_as_argparse_reads_it(argv: list[str], command: str | None) -> None:
    assert command_in(argv) == command


def test_a_quick_command_builds_only_its_parser() -> None:
    assert _built(lean(["--home", "h", "reflect", "x"])) == {"reflect"}
    assert _built(lean(["--version"])) == set()
    assert _built(lean([])) == set()
    assert _built(lean(["--home", "h"])) == set()


def test_help_a_misspelling_and_an_unknown_option_build_everything() -> None:
    for argv in (["--help"], ["relfect", "x"], ["--bogus"], ["-h", "reflect"]):
        assert _built(lean(argv)) == set(COMMANDS), argv


def _help(parser: argparse.ArgumentParser, argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit):
        parser.parse_args(argv)
    return capsys.readouterr().out


def _actions(parser: argparse.ArgumentParser, path: list[str]) -> list[list[str]]:
    """Every command path in the grammar: ``[reflect]``, ``[goal, add]``, …"""
    found = [path]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.extend(_actions(sub, [*path, name]))
    return found


def test_each_command_helps_alike_built_alone_or_with_all(capsys: pytest.CaptureFixture[str]) -> None:
    paths = [p for p in _actions(build(), []) if p]
    assert len(paths) > len(COMMANDS)
    for path in paths:
        alone = _help(build(path[0]), [*path, "--help"], capsys)
        whole = _help(build(), [*path, "--help"], capsys)
        assert alone == whole, path
        assert alone.startswith(f"usage: ilearn {' '.join(path)}")


def test_each_command_parses_alike_built_alone_or_with_all() -> None:
    for argv in (
        ["--home", "h", "reflect", "t", "--tag", "a", "--stage", "2"],
        ["log", "workshop", "Title", "--hours", "1.5"],
        ["renewal", "set", "custom", "--start", "2024-09-01", "--years", "5"],
        ["search", "wait", "--limit", "3", "--json"],
    ):
        assert vars(lean(argv).parse_args(argv)) == vars(build().parse_args(argv))

"""The pieces every command's parser is built from: one-line usage errors, checked numbers.

Kept apart from the grammar in ``parser`` so that the grammar reads as one function per
command.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn, TypeAlias

from ilearn_tui import __version__
from ilearn_tui.errors import UsageError


class Parser(argparse.ArgumentParser):
    """An argparse parser whose usage errors are one line and go through our exit path."""

    def error(self, message: str) -> NoReturn:
        from ilearn_tui.cli.values import suggest_choice

        message = suggest_choice(message) or re.sub(r"^argument (-[-\w]+)(/-\w+)?: ", r"\1: ", message)
        raise UsageError(f"{message} (see '{self.prog} --help')")

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        """As argparse's, but a misspelt option is named by the command it was given to."""
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            _unknown_option(self, parsed, extras)
        return parsed

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            sys.stderr.write(message)
        raise SystemExit(status)


def _unknown_option(top: Parser, parsed: argparse.Namespace, extras: list[str]) -> NoReturn:
    """"--tga": did you mean '--tag'?, in the words and the help of the command that took it."""
    import difflib

    parser = top
    while True:  # down to the command (and its action) the line named
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        chosen = subs[0].choices.get(getattr(parsed, subs[0].dest, None) or "") if subs else None
        if not isinstance(chosen, Parser):
            break
        parser = chosen
    options = [o for action in parser._actions for o in action.option_strings if o.startswith("--")]
    typed = next((e for e in extras if e.startswith("-")), None)
    close = difflib.get_close_matches(typed.split("=", 1)[0], options, n=1, cutoff=0.6) if typed else []
    if typed and close:
        parser.error(f"unknown option {typed!r}; did you mean {close[0]!r}?")
    parser.error(f"unrecognized arguments: {' '.join(extras)}")


def goal_ref(text: str) -> str:
    """An empty ``--goal`` is a mistake (often an unset shell variable), never "no goal"."""
    if not text.strip():
        raise argparse.ArgumentTypeError("empty; give a goal title or id, or leave the option out")
    return text


def _shown(text: str) -> str:
    return text if len(text) <= 20 else text[:20] + "…"


def whole(low: int, high: int) -> Callable[[str], int]:
    """A whole-number option within the range the command can use.

    Beyond it the number would overflow SQLite's integers or the calendar later, as a
    traceback; refused here it is a usage error that names the range.
    """

    def convert(text: str) -> int:
        try:
            value = int(text)  # a number of more than 4,300 digits is a ValueError too
        except ValueError:
            raise argparse.ArgumentTypeError(f"{_shown(text)!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{_shown(text)!r} is outside {low:,} to {high:,}")
        return value

    convert.__name__ = "whole number"
    return convert


def finite(text: str) -> float:
    """A decimal option: nan and infinity are not amounts, and would be saved as ``NaN``."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{_shown(text)!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{_shown(text)!r} is not a finite number")
    return value


def home(p: argparse.ArgumentParser, *, top: bool = False) -> None:
    p.add_argument(
        "--home",
        metavar="DIR",
        default=None if top else argparse.SUPPRESS,
        help="keep all data in DIR (also ILEARN_HOME); default: your user data folder",
    )


def sub(subs: Subs, name: str, help_: str, desc: str | None = None) -> Parser:
    p: Parser = subs.add_parser(name, help=help_, description=desc or help_)
    p.add_argument("--version", action="version", version=f"ilearn {__version__}")
    home(p)
    return p


# A string: argparse's class takes no subscript at run time, only in a type checker.
Subs: TypeAlias = "argparse._SubParsersAction[Parser]"

"""Dispatch a parsed command and turn every failure into one line and an exit status."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from ilearn_tui.errors import IlearnError, UsageError

if TYPE_CHECKING:
    from ilearn_tui.cli.interactive import FullScreen


def run(argv: list[str], full_screen: Callable[[], FullScreen] | None = None) -> int:
    """Run one command; ``full_screen`` opens the app for ``ilearn`` and ``ilearn demo`` on a terminal."""
    from ilearn_tui.cli.parser import lean

    try:
        check_arguments(argv)
        args = lean(argv).parse_args(argv)
        return dispatch(args, full_screen)
    except SystemExit as exc:  # --help and --version
        return int(exc.code or 0)
    except IlearnError as exc:
        _fail(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        _fail("interrupted; nothing more was saved")
        return 130
    except BrokenPipeError:
        # The reader (``head``, a closed pager) went away: not an error worth a message.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as exc:
        name = f" {exc.filename}" if exc.filename else ""
        _fail(f"cannot use{name}: {exc.strerror or exc}")
        return 1
    except Exception as exc:
        # sqlite3 is not imported for ``--version``; an error from it means it was.
        sqlite3 = sys.modules.get("sqlite3")
        if sqlite3 is None or not isinstance(exc, sqlite3.DatabaseError):
            raise
        if "malformed" in str(exc) or "not a database" in str(exc):
            _fail(f"the journal is damaged ({exc}); run 'ilearn doctor', then 'ilearn restore' a backup")
        else:
            _fail(f"journal error: {exc}")
        return 1


def check_arguments(argv: list[str]) -> None:
    """Refuse an argument that is not UTF-8 before anything reads it.

    The system hands undecodable bytes over as lone surrogates; they would reach the journal,
    the settings or the terminal and fail there with a traceback, after work had begun.
    """
    for position, argument in enumerate(argv, 1):
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            from ilearn_tui.textsafe import one_line

            shown = argument.encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace")
            raise UsageError(
                f"argument {position} ({one_line(shown, 40)!r}) is not valid UTF-8 text; "
                "check the terminal's or the file name's encoding"
            ) from None


def _fail(message: str) -> None:
    from ilearn_tui.textsafe import one_line

    sys.stderr.write(f"ilearn: {one_line(message, 2000)}\n")


def dispatch(args: argparse.Namespace, full_screen: Callable[[], FullScreen] | None = None) -> int:
    command = args.command
    if command in (None, "demo"):
        from ilearn_tui.cli import interactive

        return interactive.run(args, full_screen)
    if command in ("reflect", "goal", "log", "evidence", "search"):
        from ilearn_tui.cli import capture

        return capture.run(args)
    if command in ("hours", "check", "renewal"):
        from ilearn_tui.cli import growth

        return growth.run(args)
    if command == "cycle":
        from ilearn_tui.cli.cycle import run as run_cycle

        return run_cycle(args)
    if command in ("status", "stage"):
        from ilearn_tui.cli import twins

        return twins.run(args)
    if command in ("show", "edit", "delete"):
        from ilearn_tui.cli import records

        return records.run(args)
    if command == "completion":
        from ilearn_tui.cli.completion import run as run_completion

        return run_completion(args)
    if command == "share":
        from ilearn_tui.cli.shares import run as run_share

        return run_share(args)
    if command == "reply":
        from ilearn_tui.cli.colleagues import run_reply

        return run_reply(args)
    if command in ("group", "publish", "unpublish", "profile"):
        from ilearn_tui.cli.groups import run as run_groups

        return run_groups(args)
    if command == "sync":
        from ilearn_tui.cli.sync import run as run_sync

        return run_sync(args)
    if command == "submissions":
        from ilearn_tui.cli.submissions import run as run_submissions

        return run_submissions(args)
    if command == "framework":
        from ilearn_tui.cli import framework

        return framework.run(args)
    if command == "trash":
        from ilearn_tui.cli import trash

        return trash.run(args)
    if command in ("backup", "restore", "doctor"):
        from ilearn_tui.cli import care

        return care.run(args)
    from ilearn_tui.cli import data

    if command in ("export", "import"):
        return data.run(args)
    raise UsageError(f"unknown command {command!r}")

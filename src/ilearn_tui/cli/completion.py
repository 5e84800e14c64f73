"""Tab completion for bash, zsh and fish, through argcomplete.

argcomplete reads the grammar itself (``cli.parser``), so every command, action and option
completes without a second list to keep in step; this module only adds the values that come
from the journal or the vocabularies. It is imported only when a shell asks (``_ARGCOMPLETE``
in the environment) or for ``ilearn completion SHELL``, so an ordinary run never loads it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable

SHELLS = ("bash", "zsh", "fish")

Completer = Callable[..., Iterable[str]]


def script(shell: str) -> str:
    """The script a shell sources to complete ``ilearn``."""
    from argcomplete.shell_integration import shellcode

    return shellcode(["ilearn"], shell=shell)


def run(args: argparse.Namespace) -> int:
    from ilearn_tui.cli.values import pick

    sys.stdout.write(script(pick("SHELL", args.shell, SHELLS)))
    return 0


def _from_journal(what: str) -> Completer:
    def complete(prefix: str, parsed_args: argparse.Namespace, **_: object) -> list[str]:
        from ilearn_tui import locations
        from ilearn_tui.store.names import offered

        try:
            place = locations.resolve(getattr(parsed_args, "home", None))
        except Exception:  # an unusable --home completes nothing, as the shell expects
            return []
        return offered(place.db_path, what, prefix)

    return complete


def _words(words: Callable[[], Iterable[str]]) -> Completer:
    def complete(prefix: str, **_: object) -> list[str]:
        return [w for w in words() if w.startswith(prefix)]

    return complete


def _activity_types() -> Iterable[str]:
    from ilearn_tui.domain import vocab

    return vocab.ACTIVITY_TYPES


def _stages() -> Iterable[str]:
    from ilearn_tui.domain import vocab

    return [name.lower() for name in vocab.STAGES.values()]


def _indicators() -> Iterable[str]:
    from ilearn_tui.domain import vocab

    return [kind.replace(" ", "-") for kind in vocab.INDICATOR_KINDS]


def _presets() -> Iterable[str]:
    from ilearn_tui.domain.renewal import PRESETS

    return [*PRESETS, "custom"]


def _fixed(*words: str) -> Completer:
    return _words(lambda: words)


# By the ``dest`` of an argument: the same name means the same kind of value everywhere.
COMPLETERS: dict[str, Completer] = {
    "goal": _from_journal("goals"),
    "tag": _from_journal("tags"),
    "record": _from_journal("records"),
    "item": _from_journal("trash"),
    "group": _from_journal("groups"),
    "to": _from_journal("groups"),
    "spun_off_from": _from_journal("sessions"),
    "type": _words(_activity_types),
    "stage": _words(_stages),
    "indicator": _words(_indicators),
    "role": _fixed("attended", "facilitated"),
    "preset": _words(_presets),
    "shell": _fixed(*SHELLS),
    "packet": _fixed("review", "renewal"),
}
# Arguments that name a file or folder: the shell's own file completion.
FILE_ARGUMENTS = ("path", "target", "out", "home")
# ``--format`` means different lists to different commands.
FORMATS: dict[str, Completer] = {
    "ilearn export": _fixed("md", "html", "json", "archive"),
    "ilearn import": _fixed("json", "jrnl", "archive"),
}


def attach(parser: argparse.ArgumentParser) -> None:
    """Give each argument that takes a known kind of value its completer, in every sub-parser."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                attach(sub)
        elif action.dest == "format" and parser.prog in FORMATS:
            action.completer = FORMATS[parser.prog]  # type: ignore[attr-defined]
        elif action.dest in COMPLETERS:
            action.completer = COMPLETERS[action.dest]  # type: ignore[attr-defined]


def complete() -> None:
    """Answer the shell's question (in ``COMP_LINE``) and exit; called only under ``_ARGCOMPLETE``."""
    import argcomplete

    from ilearn_tui.cli.parser import build

    parser = build()
    files = argcomplete.completers.FilesCompleter()
    for dest in FILE_ARGUMENTS:
        COMPLETERS[dest] = files
    attach(parser)
    # Free text (a reflection, a title) completes nothing rather than the current folder.
    nothing = argcomplete.completers.SuppressCompleter()
    argcomplete.autocomplete(parser, default_completer=nothing)  # answers the shell, then exits

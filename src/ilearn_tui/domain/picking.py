"""The forgiving list rule: a value named by any unambiguous prefix or word of it, never by guess.

The command line's options and the app's forms read a value from a list by this one rule, so
both accept the same spellings and refuse a slip with the same "did you mean …?". A refusal is
a ``UsageError`` naming the option or field, the value typed and what would be accepted.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping

from ilearn_tui.errors import UsageError

_SEPARATORS = re.compile(r"[\s_-]+")


def norm(text: str) -> str:
    """Case, spaces, dashes and underscores never make two spellings of one name differ."""
    return _SEPARATORS.sub(" ", text.strip().lower()).strip()


def shown(text: str) -> str:
    """What was typed, cut short so a refusal stays one readable line."""
    return text if len(text) <= 30 else text[:30] + "…"


def _names(choices: Mapping[str, Iterable[str]] | Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Each value with the names it may be typed by (itself first)."""
    if isinstance(choices, Mapping):
        return {value: (value, *aliases) for value, aliases in choices.items()}
    return {value: (value,) for value in choices}


def pick(option: str, text: str, choices: Mapping[str, Iterable[str]] | Iterable[str]) -> str:
    """The one value of ``choices`` that ``text`` names; otherwise a ``UsageError`` (exit 2).

    ``choices`` is a list of values, or values mapped to other names they go by (an activity
    type's label, a stage's number). Tried in turn: the whole name, the start of a name, the
    start of a word inside a name; the first that picks exactly one value wins.
    """
    names = _names(choices)
    typed = norm(text)
    if not typed:
        raise UsageError(f"{option}: empty; use {listed(names)}")
    tests: tuple[Callable[[str], bool], ...] = (
        lambda name: name == typed,
        lambda name: name.startswith(typed),
        lambda name: any(" ".join(name.split()[i:]).startswith(typed) for i in range(len(name.split()))),
    )
    for test in tests:
        found = [value for value, aliases in names.items() if any(test(norm(a)) for a in aliases)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            could = " or ".join(repr(value) for value in found[:4])
            raise UsageError(f"{option}: {shown(text)!r} could be {could}; give more of it")
    meant = _close(typed, names)
    hint = f"did you mean {meant!r}? (the list: {listed(names)})" if meant else f"use {listed(names)}"
    raise UsageError(f"{option}: {shown(text)!r} is not known; {hint}")


def _close(typed: str, names: Mapping[str, tuple[str, ...]]) -> str | None:
    """The one value a slip most likely meant: by a whole name, else by one word of a name.

    "studnet" is far from "student learning" as a whole but close to its first word; a word
    that several values share ("student" of two indicators) suggests none of them.
    """
    every = {norm(alias): value for value, aliases in names.items() for alias in aliases}
    close = difflib.get_close_matches(typed, list(every), n=1, cutoff=0.6)
    if close:
        return every[close[0]]
    if " " in typed:
        return None
    words: dict[str, set[str]] = {}
    for value, aliases in names.items():
        for alias in aliases:
            for word in norm(alias).split():
                words.setdefault(word, set()).add(value)
    close = difflib.get_close_matches(typed, [w for w in words if len(w) > 3], n=1, cutoff=0.75)
    if close and len(words[close[0]]) == 1:
        return next(iter(words[close[0]]))
    return None


def listed(names: Mapping[str, object]) -> str:
    """The accepted values as a sentence names them: "a, b or c"."""
    values = list(names)
    return ", ".join(values[:-1]) + f" or {values[-1]}" if len(values) > 1 else values[0]

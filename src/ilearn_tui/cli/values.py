"""Reading list values, numbers and dates from the command line, forgivingly but never by guess.

A value from a list may be typed as any unambiguous prefix or word of it ("engagement" is
student engagement, "work" is workshop); a misspelling gets "did you mean …?"; two possible
readings are refused, naming both. Numbers and dates are refused naming the option, the value
and what would be accepted. The lists are the model's own vocabularies (``domain.vocab``), so
the command line accepts exactly what the app's forms offer.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable

from ilearn_tui.domain import vocab
from ilearn_tui.domain.picking import listed as _listed
from ilearn_tui.domain.picking import pick as pick
from ilearn_tui.domain.picking import shown as _shown
from ilearn_tui.domain.text import parse_day
from ilearn_tui.errors import UsageError

# --- the vocabularies, with the other names each value goes by ----------------------------
ACTIVITY_TYPES: dict[str, tuple[str, ...]] = {
    key: (label.split(" (")[0],) for key, label in vocab.ACTIVITY_TYPES.items()
}
STAGES: dict[str, tuple[str, ...]] = {name.lower(): (str(n),) for n, name in vocab.STAGES.items()}


def activity_type(text: str) -> str:
    return pick("TYPE", text, ACTIVITY_TYPES)


def stage(option: str, text: str) -> int:
    """A stage as its number or (the start of) its name: ``3``, ``illuminate``, ``illum``."""
    if text.strip().isdigit() and int(text) not in vocab.STAGES:
        raise UsageError(f"{option}: {_shown(text)!r} is not a stage; use 1-5 or {_listed(STAGES)}")
    name = pick(option, text, STAGES)
    return next(number for number, stage_name in vocab.STAGES.items() if stage_name.lower() == name)


def indicator(text: str) -> str:
    return pick("--indicator", text, vocab.INDICATOR_KINDS)


def role(text: str) -> str:
    return pick("--role", text, vocab.ACTIVITY_ROLES)


def goal_kind(text: str) -> str:
    """``student`` or ``practice`` is enough; "Student learning" is the label it goes by."""
    from ilearn_tui.domain.smart import KIND_LABELS

    return pick("--kind", text, {key: (label,) for key, label in KIND_LABELS.items()})


# --- numbers and dates --------------------------------------------------------------------
def amount(option: str, what: str, example: str = "1.5") -> Callable[[str], float]:
    """An argparse type for a decimal amount of 0 or more (hours, credits), refused naming ``option``."""

    def convert(text: str) -> float:
        refusal = UsageError(f"{option}: {_shown(text)!r} is not a number of {what} (e.g. {example})")
        try:
            value = float(text)
        except ValueError:
            raise refusal from None
        if not math.isfinite(value):  # nan and infinity would be saved as NaN
            raise refusal
        if value < 0:  # the store would refuse it too, but without the option or what was typed
            raise UsageError(f"{option}: {_shown(text)!r} is below 0; give 0 or more {what} (e.g. {example})")
        return value

    convert.__name__ = what
    return convert


def day(option: str, text: str) -> str:
    """A date option by the one date rule, refused naming the option, in the forms' own words."""
    try:
        return parse_day(text)
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from None


def suggest_choice(message: str) -> str | None:
    """argparse's "invalid choice" (a misspelt command, action or option value) with a "did you mean …?"."""
    found = re.search(r"invalid choice: '(.*?)' \(choose from (.*)\)$", message)
    if found is None:
        return None
    typed, offered = found.group(1), re.findall(r"'([^']*)'", found.group(2))
    close = difflib.get_close_matches(typed.lower(), offered, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}?" if close else f"use one of {', '.join(offered)}"
    option = re.match(r"argument (--[-\w]+)", message)
    what = f"{option.group(1)}: unknown value" if option else "unknown command"
    return f"{what} {_shown(typed)!r}; {hint}"

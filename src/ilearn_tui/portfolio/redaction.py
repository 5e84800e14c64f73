"""Names the teacher listed in ``redact_names``, replaced in shareable exports.

Redaction is applied to the collected records, before any rendering, so every format (Markdown,
HTML, packets) and every derived name (the readable file names of evidence copies) is redacted
alike, and so no name can be cut by, or cut into, the markup around it.
"""

from __future__ import annotations

import dataclasses
import functools
import re

from ilearn_tui.domain.records import Reflection
from ilearn_tui.portfolio.model import Portfolio, ReflectionStream, changed

REPLACEMENT = "[redacted]"


# Between the words of a name, in a URL or a file name as in prose: jamie-smith, jamie_smith.
_BETWEEN = r"[\s._-]+"
# A name ends where letters and digits end: "-", "_" and "." are edges too (jamie-smith-essay.pdf).
_EDGE_BEFORE, _EDGE_AFTER = r"(?<![^\W_])", r"(?![^\W_])"


def _name_pattern(name: str) -> str:
    return _BETWEEN.join(re.escape(word) for word in re.split(_BETWEEN, name) if word)


def pattern_for(names: list[str]) -> re.Pattern[str] | None:
    """One pattern for all names (whole words, any case), longest first so none hides another."""
    cleaned = sorted({n.strip() for n in names if _name_pattern(n.strip())}, key=len, reverse=True)
    if not cleaned:
        return None
    alternatives = "|".join(_name_pattern(n) for n in cleaned)
    return re.compile(f"{_EDGE_BEFORE}({alternatives}){_EDGE_AFTER}", re.IGNORECASE)


class Redactor:
    """Replaces the names in one piece of text after another, counting each name found."""

    def __init__(self, names: list[str]) -> None:
        self.pattern = pattern_for(names)
        self.counts: dict[str, int] = {}

    def _swap(self, match: re.Match[str]) -> str:
        key = " ".join(re.split(_BETWEEN, match.group(0).lower()))  # jamie-smith counts as jamie smith
        self.counts[key] = self.counts.get(key, 0) + 1
        return REPLACEMENT

    def __call__(self, text: str) -> str:
        if self.pattern is None or not text:
            return text
        return self.pattern.sub(self._swap, text)


def redact(text: str, names: list[str]) -> tuple[str, dict[str, int]]:
    """Replace each listed name (whole words, any case) with ``[redacted]``, counting each."""
    redactor = Redactor(names)
    return redactor(text), redactor.counts


def _reflection(r: Reflection, redactor: Redactor) -> Reflection:
    """One reflection with the names out of its free text and its tags; itself when it has none."""
    out = changed(r, redactor)
    if r.tags:
        tags = [redactor(tag) for tag in r.tags]
        if tags != r.tags:
            out = dataclasses.replace(out, tags=tags)
    return out


def redact_portfolio(p: Portfolio, names: list[str]) -> dict[str, int]:
    """Redact every free-text field of ``p`` (records are replaced); returns how often each name was found."""
    redactor = Redactor(names)
    if redactor.pattern is None:
        return {}
    p.teacher, p.role, p.school = redactor(p.teacher), redactor(p.role), redactor(p.school)
    p.rewrite_records(redactor)
    step = functools.partial(_reflection, redactor=redactor)
    if isinstance(p.reflections, ReflectionStream):  # redacted as the renderer reads them
        p.reflections = p.reflections.then(step)
    else:
        p.reflections = [step(r) for r in p.reflections]
    linked = p.linked
    p.linked = lambda goal_id: map(step, linked(goal_id))
    # Filled in while the document is written: read it once the writing is done.
    p.redactions = redactor.counts
    return redactor.counts

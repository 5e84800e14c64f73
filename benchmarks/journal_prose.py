"""Seeded prose: sentences, titles and bodies drawn from the corpus with Zipf-like weights.

One ``random.Random`` drives every draw, so the same seed always writes the same text.
"""

from __future__ import annotations

import bisect
import random
import re
import string
from collections.abc import Sequence
from itertools import accumulate

from journal_corpus import SENTENCES, TITLES, WORDS


class Zipf:
    """Draw from ``items`` with weight 1/rank**s (the first item is the most common)."""

    def __init__(self, items: Sequence[str], s: float = 1.0) -> None:
        self.items = list(items)
        self.cum = list(accumulate(1 / (rank + 1) ** s for rank in range(len(self.items))))

    def __call__(self, rng: random.Random) -> str:
        return self.items[bisect.bisect(self.cum, rng.random() * self.cum[-1])]


# Sentences in a body: fewest, most, most often (a triangular draw; ~9 words a sentence).
BODY_SENTENCES = (9, 36, 21)
_FORMATTER = string.Formatter()
_TRAILING_DIGITS = re.compile(r"\d+$")


class Writer:
    """Fills templates: ``{topic2}`` is a second, independent draw from ``topic``."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.lists = {name: Zipf(items) for name, items in WORDS.items()}
        self._parsed: dict[str, list[tuple[str, str | None]]] = {}
        self.sentences = Zipf(SENTENCES, s=0.6)
        self.titles = Zipf(TITLES, s=0.8)

    def fill(self, template: str, depth: int = 0) -> str:
        parts = self._parsed.get(template)
        if parts is None:
            parts = [
                (literal, _TRAILING_DIGITS.sub("", name) if name else None)
                for literal, name, _, _ in _FORMATTER.parse(template)
            ]
            self._parsed[template] = parts
        out = []
        for literal, name in parts:
            out.append(literal)
            if name:
                value = self.lists[name](self.rng)
                out.append(self.fill(value, depth + 1) if "{" in value and depth < 2 else value)
        return "".join(out)

    def sentence(self) -> str:
        text = self.fill(self.sentences(self.rng))
        return text[0].upper() + text[1:]

    def title(self) -> str:
        text = re.sub(r"[.?!]", "", self.fill(self.titles(self.rng)))
        return text[0].upper() + text[1:]

    def body(self) -> str:
        """A reflection of about 100–350 words (230 on average, as real ones), Markdown in a third.

        Bodies as short as a few sentences would make search and export look cheaper than a
        teacher's journal is; the length follows the ~230 words of real entries.
        """
        rng = self.rng
        count = round(rng.triangular(BODY_SENTENCES[0], BODY_SENTENCES[1], BODY_SENTENCES[2]))
        sentences = [self.sentence() for _ in range(count)]
        if rng.random() < 0.15:  # a sentence the teacher wants to find again
            pick = rng.randrange(len(sentences))
            sentences[pick] = f"**{sentences[pick]}**"
        paragraphs: list[str] = []
        while sentences:
            take = rng.randint(2, 5)
            paragraphs.append(" ".join(sentences[:take]))
            sentences = sentences[take:]
        if rng.random() < 0.22:
            steps = "\n".join(f"- {self.fill('{next}')}" for _ in range(rng.randint(2, 4)))
            paragraphs.append("Next steps:\n" + steps)
        return "\n\n".join(paragraphs)


def candidate_words() -> list[str]:
    """Plain lowercase content words of the generator's word lists, for picking search terms."""
    found: set[str] = set()
    for text in (w for items in WORDS.values() for w in items):
        found.update(w.lower() for w in re.findall(r"(?<![{\w-])[A-Za-z]{5,}(?![\w}-])", text))
    return sorted(found)

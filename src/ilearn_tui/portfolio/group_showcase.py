"""A group's showcase as the page shows it: each member's published learning, in the page's order.

Only what was published is ever in it: the teacher's own live publications to the group
(copies made, and redacted, when she published; private records are refused at that point)
and the items her colleagues published, as the last exchange brought them. So nothing private
can reach the page by construction, and nothing here needs a privacy filter of its own.
Replies are left out: they are conversation about learning, not learning a parent came to see.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ilearn_tui.domain.colleagues import Item

# A stage-less item comes after stage 5: the five stages are the page's spine.
_NO_STAGE = 6


@dataclass
class MemberLearning:
    """One member's published learning, in the page's order (see :func:`in_order`)."""

    name: str
    author_id: str
    entries: list[Item] = field(default_factory=list)


@dataclass
class GroupShowcase:
    """What the page shows: the group, its members, and each member's learning by name."""

    name: str
    kind: str
    members: tuple[str, ...]
    learning: list[MemberLearning]

    @property
    def entries(self) -> int:
        return sum(len(m.entries) for m in self.learning)


def in_order(entries: Iterable[Item]) -> list[Item]:
    """By stage (1 to 5, then no stage), newest first within a stage."""
    newest = sorted(entries, key=lambda x: (x.date, x.published_at), reverse=True)
    return sorted(newest, key=lambda x: x.stage or _NO_STAGE)


def is_learning(item: Item) -> bool:
    """What a showcase shows: everything published except replies."""
    return item.kind != "reply" and not item.in_reply_to


def one_name(text: str) -> str:
    return " ".join(text.split())


def showcase(
    name: str, kind: str, listed: Iterable[str], me: MemberLearning, items: Iterable[tuple[str, Item]]
) -> GroupShowcase:
    """The showcase of a group from her own learning and her colleagues' (author name, item) pairs.

    Members are in order of name, the teacher among them: a parent reading the page looks for
    a teacher by name, and the page presents the group, not the one who printed it. The title
    block's members are the group's listed names and everyone who published, once each.
    """
    people = {me.author_id: me}
    for author_name, item in items:
        if is_learning(item) and item.author_id != me.author_id:  # her own folder is `me`
            people.setdefault(item.author_id, MemberLearning(author_name, item.author_id)).entries.append(
                item
            )
    learning = [m for m in people.values() if m.entries]
    for member in learning:
        member.name = one_name(member.name) or "A colleague"
        member.entries = in_order(e for e in member.entries if is_learning(e))
    learning = [m for m in learning if m.entries]
    learning.sort(key=lambda m: (m.name.casefold(), m.author_id))
    names = {n.casefold(): n for n in (me.name, *map(one_name, listed), *(m.name for m in learning)) if n}
    return GroupShowcase(name, kind, tuple(sorted(names.values(), key=str.casefold)), learning)

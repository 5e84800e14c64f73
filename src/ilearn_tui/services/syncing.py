"""One ``ilearn sync`` (or the app's sync): the teacher's own computers, then each of her groups.

Her own remote and her groups' repositories are separate: a group that cannot be reached does
not stop her own sync, nor the other groups, and her own sync failing does not keep her
colleagues' items from arriving. Each part ends in one line; the command fails if any part did.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ilearn_tui.domain.text import plural
from ilearn_tui.errors import IlearnError
from ilearn_tui.store import sync_state
from ilearn_tui.store.groups import groups_with_remotes
from ilearn_tui.store.journal import Journal
from ilearn_tui.sync import engine
from ilearn_tui.textsafe import one_line

if TYPE_CHECKING:
    from ilearn_tui.store.groups import Group

NO_REMOTE = "no remote is set up; run 'ilearn sync setup URL' first"


@dataclass(frozen=True)
class Part:
    """How one part of the sync ended: its line, and whether it went through."""

    line: str
    ok: bool
    received: int = 0
    conflicts: int = 0
    warnings: tuple[str, ...] = ()


@dataclass
class Outcome:
    parts: list[Part] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(p.ok for p in self.parts)

    @property
    def received(self) -> int:
        return sum(p.received for p in self.parts)

    @property
    def conflicts(self) -> int:
        return sum(p.conflicts for p in self.parts)


def sync_all(
    journal: Journal, *, allow_deletes: bool = False, progress: Callable[[str], None] | None = None
) -> Outcome:
    """Her own sync (if set up), then every group with a repository; refused if neither is."""
    groups = groups_with_remotes(journal)
    own = bool(journal.get_meta(sync_state.REMOTE))
    if not own and not groups:
        raise IlearnError(NO_REMOTE)
    outcome = Outcome()
    if own:
        try:
            url, summary = engine.sync(journal, allow_deletes=allow_deletes, progress=progress)
            outcome.parts.append(Part(summary.line(url), True, summary.received, summary.conflicts))
        except IlearnError as exc:
            if not groups:
                raise
            outcome.parts.append(Part(f"sync with your own remote failed: {exc}", False))
        groups = groups_with_remotes(journal)  # her own sync may have brought a group, or its repository
    for group in groups:
        if progress is not None:
            progress(f"group {group.name}")
        outcome.parts.append(sync_group(journal, group))
    return outcome


def sync_group(journal: Journal, group: Group) -> Part:
    """Send her outbox of one group and take in what her colleagues published there.

    What a group's exchange needs (the items, the publishing rules, the group repository) is
    loaded here, so a sync of her own computers alone does not pay for it.
    """
    from ilearn_tui.domain.colleagues import Item, Member
    from ilearn_tui.locations import make_private_dir
    from ilearn_tui.services.publishing import SET_NAME
    from ilearn_tui.store import colleagues
    from ilearn_tui.store.publications import outbox
    from ilearn_tui.sync.groups import exchange, name_given_elsewhere

    name = one_line(group.name, 60)
    where = journal.locations.data_dir / "groups"
    me = Member(sync_state.journal_id(journal), journal.get_meta("teacher_name"))
    adopted = ""
    try:
        make_private_dir(where)
        if not me.name.strip():
            # Her name is kept per computer; one of her others may have given it to the group.
            me = Member(me.author_id, name_given_elsewhere(where / group.id, group.remote, me.author_id))
            if not me.name:
                return Part(f"group {name}: your name is not set; set it with: {SET_NAME}", False)
            journal.set_meta("teacher_name", me.name)
            adopted = f"; your name, {me.name}, as your other computer gave it"
        items = [Item.from_dict(row) for row in outbox(journal, group.id)]
        done = exchange(where / group.id, group.remote, me, items, group_name=group.name)
        changed = colleagues.replace_group(journal, group.id, done.received)
    except (IlearnError, ValueError) as exc:
        return Part(f"group {name}: {one_line(str(exc), 240)}", False)
    authors = {r.item.author_id for r in done.received}
    held = f"{plural(len(done.received), 'item')} from {plural(len(authors), 'colleague')}"
    line = f"group {name}: sent {done.sent}, received {changed} ({held} in all){one_line(adopted, 120)}"
    return Part(line, True, changed, 0, tuple(one_line(p, 240) for p in done.problems))

"""Finding any one record by its id or the start of it, whatever its kind.

``ilearn show``, ``edit`` and ``delete`` take an id as a person copies it from a list: often
only its first eight characters, as git takes a short hash. The kinds searched are the record
model's own (``domain.model``), so a kind added there is found here without a new query.
"""

from __future__ import annotations

from dataclasses import dataclass

from ilearn_tui.domain import model
from ilearn_tui.domain.fields import Kind
from ilearn_tui.errors import NotFoundError, UsageError
from ilearn_tui.store.journal import Journal, now_stamp
from ilearn_tui.store.rows import like_prefix
from ilearn_tui.textsafe import one_line

# Every kind a teacher writes on a stage or in the journal; cycles, drafts, groups, what she
# published and a record's lines are kept by commands of their own.
RECORD_KINDS: tuple[Kind, ...] = tuple(
    k
    for k in model.KINDS.values()
    if (k.stage or k.name == "reflection") and k.table not in model.LINE_TABLES
)
# The shortest prefix taken: fewer characters would match half the journal.
MIN_PREFIX = 4


@dataclass(frozen=True, slots=True)
class Found:
    kind: Kind
    id: str
    label: str


def _label(kind: Kind, value: object) -> str:
    return one_line(str(value or ""), 50) or f"(untitled {kind.noun})"


def _matches(journal: Journal, column_test: str, value: str) -> list[Found]:
    found: list[Found] = []
    for kind in RECORD_KINDS:
        rows = journal.conn.execute(
            f"SELECT id, {kind.title_field} FROM {kind.table} WHERE {column_test} ORDER BY id LIMIT 6",
            (value,),
        ).fetchall()
        found.extend(Found(kind, str(row[0]), _label(kind, row[1])) for row in rows)
    return found


def find_record(journal: Journal, ref: str) -> Found:
    """The one record whose id is ``ref`` or starts with it.

    Raises ``UsageError`` (exit 2) when the prefix is too short or fits several records, naming
    them so the next try can be exact, and ``NotFoundError`` when nothing fits.
    """
    ref = ref.strip()
    if not ref:
        raise UsageError("give the id of a record (or its first characters), e.g. from 'ilearn search'")
    exact = _matches(journal, "id = ?", ref)
    if len(exact) == 1:
        return exact[0]
    if not exact:
        if len(ref) < MIN_PREFIX:
            raise UsageError(f"{ref!r} is too short to name a record; give at least {MIN_PREFIX} characters")
        found = _matches(journal, "id LIKE ? ESCAPE '\\'", like_prefix(ref))
        if len(found) == 1:
            return found[0]
        if not found:
            raise NotFoundError(
                f"no record has an id starting {ref!r} (ids are in 'ilearn search' and lists)"
            )
    else:
        found = exact
    shown = "; ".join(f"{f.kind.name} {f.id[:12]} “{f.label}”" for f in found[:5])
    more = f" and {len(found) - 5} more" if len(found) > 5 else ""
    raise UsageError(f"{ref!r} fits {len(found)} records: {shown}{more}; give more of the id")


def title_of(journal: Journal, table: str, record_id: str) -> str:
    """How a linked record is named when shown: its title, or its id when it is gone."""
    kind = model.BY_TABLE.get(table)
    if not isinstance(kind, Kind) or not kind.title_field:
        return record_id
    row = journal.conn.execute(
        f"SELECT {kind.title_field} FROM {table} WHERE id = ?", (record_id,)
    ).fetchone()
    return _label(kind, row[0]) if row else f"(missing {record_id[:8]})"


def set_reflection_details(
    journal: Journal, reflection_id: str, *, time: str, private: bool, starred: bool
) -> None:
    """The fields of a reflection that ``update_reflection`` leaves as they were."""
    with journal.write() as conn:
        changed = conn.execute(
            "UPDATE reflections SET time = ?, private = ?, starred = ?, updated_at = ? WHERE id = ?",
            (time, int(private), int(starred), now_stamp(), reflection_id),
        ).rowcount
        if changed == 0:
            raise NotFoundError("this reflection is no longer in the journal (moved to the trash?)")


def children_of(journal: Journal, found: Found) -> list[Found]:
    """The records that belong to this one (a goal's research questions and progress checks)."""
    belongs: list[Found] = []
    for kind in RECORD_KINDS:
        parent = kind.field(kind.parent_field) if kind.parent_field else None
        if parent is None or parent.ref != found.kind.table:
            continue
        where = f"{kind.parent_field} = ? ORDER BY created_at"
        sql = f"SELECT id, {kind.title_field} FROM {kind.table} WHERE {where}"
        rows = journal.conn.execute(sql, (found.id,)).fetchall()
        belongs.extend(Found(kind, str(row[0]), _label(kind, row[1])) for row in rows)
    return belongs

"""Publishing one of the teacher's records to a group: what a colleague reads, and what never leaves.

The copy is made here, once, for every UI: the record's words as a colleague would want to read
them (a goal with its why, measure and questions; an activity with its type, date and hours),
with the teacher's redaction list applied and hidden characters drawn visible. A private
reflection and evidence marked as student information are refused before anything is written,
as are a group with no repository yet and a journal with no teacher's name (a colleague must
see who wrote it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ilearn_tui.domain import vocab
from ilearn_tui.domain.forms import KINDS
from ilearn_tui.errors import IlearnError, UsageError
from ilearn_tui.portfolio.redaction import Redactor
from ilearn_tui.portfolio.sanitize import clean
from ilearn_tui.store.colleagues import ColleagueItem
from ilearn_tui.store.groups import Group, find_group, get_group
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.lookup import Found, children_of, find_record, title_of
from ilearn_tui.store.publications import Copy, publish_copy
from ilearn_tui.textsafe import one_line

TITLE_CHARS = 200
SET_NAME = "ilearn profile --name 'YOUR NAME'"


@dataclass(frozen=True, slots=True)
class Outcome:
    publication_id: str
    group: Group
    title: str
    new: bool  # False: an earlier copy was replaced


class RefusedError(IlearnError):
    """The record may not leave through a group; nothing was written."""


def publish(journal: Journal, record_ref: str, group_ref: str, redact_names: list[str]) -> Outcome:
    group = get_group(journal, find_group(journal, group_ref))
    if not group.remote:
        raise RefusedError(
            f"the group {group.name!r} has no shared repository yet; "
            f"set one with: ilearn group setup {_quoted(group.name)} URL"
        )
    if not journal.get_meta("teacher_name").strip():
        raise RefusedError(f"publishing needs your name, shown to colleagues; set it with: {SET_NAME}")
    found = find_record(journal, record_ref)
    copy = _redacted(make_copy(journal, found), redact_names)
    _check_size(copy, "this record")
    publication_id, new = publish_copy(journal, group.id, group.name, copy)
    return Outcome(publication_id, group, copy.title, new)


def _check_size(copy: Copy, what: str) -> None:
    """Refused here what every colleague's exchange would skip as too large a file."""
    from ilearn_tui.domain.colleagues import MAX_FILE_BYTES, dumps

    # The other fields of an item (ids, dates, kind) take well under this.
    if len(dumps({"title": copy.title, "body": copy.body})) + 1024 > MAX_FILE_BYTES:
        raise RefusedError(f"{what} is too long to share with a group (at most {MAX_FILE_BYTES // 1024} KiB)")


def _quoted(name: str) -> str:
    return name if name.replace("-", "").isalnum() else "'" + name.replace("'", "'\\''") + "'"


def _redacted(copy: Copy, names: list[str]) -> Copy:
    """The names redacted, and hidden characters drawn visible, as in a shared export."""
    redact = Redactor(names)
    title = one_line(clean(redact(copy.title)), TITLE_CHARS)
    body = clean(redact(copy.body))
    return Copy(copy.source_table, copy.source_id, copy.kind, title, body, copy.date, copy.stage)


def make_copy(journal: Journal, found: Found) -> Copy:
    """The record as a colleague reads it, before redaction; refused when it must stay home."""
    name = found.kind.name
    if name == "reflection":
        return _reflection(journal, found)
    if name not in _MAKERS:
        raise RefusedError(f"a {found.kind.noun} cannot be published to a group")
    from ilearn_tui.store.records import get_record

    row = get_record(journal, KINDS[name], found.id)
    if row is None:
        raise RefusedError(f"the {found.kind.noun} {found.id} is no longer in the journal")
    kind, title, body, day, stage = _MAKERS[name](journal, found, row)
    return Copy(found.kind.table, found.id, kind, title or found.label, body.strip(), day, stage)


def _reflection(journal: Journal, found: Found) -> Copy:
    from ilearn_tui.domain.text import reflection_title
    from ilearn_tui.store.reflections import get_reflection

    entry = get_reflection(journal, found.id)
    if entry is None:
        raise RefusedError(f"the reflection {found.id} is no longer in the journal")
    if entry.private:
        raise RefusedError("this reflection is private: private reflections never leave through a group")
    title = reflection_title(entry.title, entry.body)
    return Copy("reflections", entry.id, "reflection", title, entry.body.strip(), entry.date, entry.stage)


Made = tuple[str, str, str, str, int | None]  # kind, title, body, date, stage


def _lines(*pairs: tuple[str, object]) -> str:
    return "\n".join(f"**{label}:** {value}" for label, value in pairs if value not in ("", None))


def _goal(journal: Journal, found: Found, row: dict[str, Any]) -> Made:
    questions = [c.label for c in children_of(journal, found) if c.kind.name == "question"]
    parts = [
        str(row["why"] or ""),
        _lines(
            ("Baseline", row["baseline"]),
            ("Target", row["target"]),
            ("Measure", row["measure"]),
            ("By", row["target_date"]),
            ("What success will look like", row["success_indicators"]),
        ),
        "\n".join(["Research questions:", *(f"- {q}" for q in questions)]) if questions else "",
    ]
    return "goal", str(row["title"]), "\n\n".join(p for p in parts if p), str(row["created_at"])[:10], 2


def _question(journal: Journal, found: Found, row: dict[str, Any]) -> Made:
    goal = title_of(journal, "goals", str(row["goal_id"]))
    return (
        "question",
        str(row["text"]),
        f"A research question of my goal “{goal}”.",
        str(row["created_at"])[:10],
        2,
    )


def _activity(journal: Journal, found: Found, row: dict[str, Any]) -> Made:
    hours = float(row["hours"] or 0)
    head = _lines(
        ("Type", vocab.ACTIVITY_TYPES.get(str(row["type"]), row["type"])),
        ("Date", row["date"]),
        ("Hours", f"{hours:g}" if hours else ""),
        ("Role", row["role"]),
        ("Provider", row["provider"]),
        ("Topic", row["topic"]),
    )
    return "activity", str(row["title"]), f"{head}\n\n{row['notes'] or ''}", str(row["date"]), 3


def _innovation(journal: Journal, found: Found, row: dict[str, Any]) -> Made:
    steps = [
        f"### {phase.capitalize()}\n\n{row[phase]}" for phase in vocab.INNOVATION_PHASES if row.get(phase)
    ]
    head = _lines(("Kind", row["kind"]), ("Phase", row["phase"]))
    day = str(row["started_on"] or row["created_at"])[:10]
    return "check", str(row["title"]), "\n\n".join([head, *steps]), day, 4


def _check(journal: Journal, found: Found, row: dict[str, Any]) -> Made:
    goal = title_of(journal, "goals", str(row["goal_id"]))
    rating = f"{row['rating']} of 5" if row["rating"] is not None else ""
    value = f"{row['value']:g}" if row["value"] is not None else ""
    body = _lines(
        ("Goal", goal), ("Indicator", row["indicator"]), ("Self-rating", rating), ("Measured", value)
    )
    return "check", f"Progress on “{goal}”", f"{body}\n\n{row['note'] or ''}", str(row["date"]), 4


def _evidence(journal: Journal, found: Found, row: dict[str, Any]) -> Made:
    if row["student_info"]:
        raise RefusedError("this evidence holds student information: it never leaves through a group")
    url = str(row["url"] or "")
    link = url if url.startswith(("http://", "https://")) else ""  # a file stays in the journal
    body = _lines(("Kind", row["kind"]), ("Link", link))
    return "evidence", str(row["title"]), f"{body}\n\n{row['description'] or ''}", str(row["date"]), 4


def _share(journal: Journal, found: Found, row: dict[str, Any]) -> Made:
    body = _lines(("Audience", row["audience"]), ("Where", row["venue"]), ("Link", row["link"]))
    return "share", str(row["title"]), f"{body}\n\n{row['notes'] or ''}", str(row["date"]), 5


_MAKERS = {
    "goal": _goal,
    "question": _question,
    "activity": _activity,
    "innovation": _innovation,
    "check": _check,
    "evidence": _evidence,
    "share": _share,
}


def reply(journal: Journal, item_ref: str, text: str, redact_names: list[str]) -> tuple[str, ColleagueItem]:
    """A reply to a colleague's item, redacted as a published copy is; its id and the item.

    It goes to the group the item came through, in the teacher's own folder, at the next sync.
    """
    from ilearn_tui.store.colleagues import find
    from ilearn_tui.store.publications import save_reply

    found = find(journal, item_ref)
    words = text.strip()
    if not words:
        raise UsageError("the reply is empty; write what you want to say")
    if not journal.get_meta("teacher_name").strip():
        raise RefusedError(f"replying needs your name, shown to colleagues; set it with: {SET_NAME}")
    group = get_group(journal, found.group_id)
    title = "Re: " + found.item.title if found.item.title else f"Reply to {found.author_name}"
    copy = _redacted(Copy("", "", "reply", title, words, "", None), redact_names)
    _check_size(copy, "the reply")
    reply_id = save_reply(journal, group.id, found.item.id, found.item.author_id, copy.title, copy.body)
    return reply_id, found

"""A record as a text file a person edits: front matter for the fields, Markdown for long text.

The file ``ilearn edit`` opens looks like this::

    ---
    # goal 3f2a9c1e-…  (lines starting with # are notes and are ignored)
    title: Better questioning
    # status: open | in progress | achieved | dropped
    status: open
    ---
    ## Why it matters for students

    More students think before they answer.

One line per field, ``name: value``, between the two ``---`` lines; below them the long text.
A field of several lines (a session's feedback quotes) has one ``name: value`` line for each.
A kind with one long field (a reflection's body, an activity's notes) has it as the whole body;
a kind with several has one ``## Label`` section each. The fields and their order come from
the record model (through ``domain.forms``), so every kind is edited the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from ilearn_tui.domain import forms, model, sessions

FENCE = "---"


@dataclass(frozen=True, slots=True)
class Entry:
    """One editable field: how it is named in the file, labelled, and read back."""

    name: str
    label: str
    type: str  # a form field type, or "stage", "tags", "time" for a reflection's own fields
    choices: tuple[str, ...] = ()
    ref_table: str = ""  # for ref/refs: the table of the records pointed at
    hint: str = ""


class EditError(ValueError):
    """What is wrong with an edited file, and on which line."""

    def __init__(self, line: int, message: str) -> None:
        self.line = line
        super().__init__(f"line {line}: {message}")


# A reflection is not a stage record, so its form is declared here from its columns and links.
REFLECTION_ENTRIES: tuple[Entry, ...] = (
    Entry("date", "Date", "date"),
    Entry("time", "Time", "time", hint="HH:MM, or empty"),
    Entry("title", "Title", "text", hint="empty: the first line of the text"),
    Entry(
        "stage", "Stage", "stage", hint="1-5, imagine, inspire, illuminate, innovate, infiltrate, or empty"
    ),
    Entry("tags", "Tags", "tags", hint="words separated by commas or spaces"),
    Entry("private", "Private", "flag", hint="yes or no"),
    Entry("starred", "Starred", "flag", hint="yes or no"),
    Entry("goals", "Goals", "refs", ref_table="goals"),
    Entry("questions", "Research questions", "refs", ref_table="questions"),
    Entry("activities", "Activities", "refs", ref_table="activities"),
    Entry("evidence", "Evidence", "refs", ref_table="evidence"),
    Entry("body", "Text", "long"),
)
# Each reflection link entry and the column of ``reflection_links`` it fills.
REFLECTION_LINKS: dict[str, str] = {
    "goals": "goal_id",
    "questions": "question_id",
    "activities": "activity_id",
    "evidence": "evidence_id",
}


def entries(kind: str) -> tuple[Entry, ...]:
    """The editable fields of ``kind``, in form order."""
    if kind == "reflection":
        return REFLECTION_ENTRIES
    found = []
    for spec in forms.KINDS[kind].fields:
        table = model.KINDS[spec.ref_kind].table if spec.ref_kind else ""
        hint = " | ".join(spec.choices) if spec.type == "choice" else ""
        if spec.type == "flag":
            hint = "yes or no"
        elif spec.type == "lines":
            hint = "one a line: repeat the line for more"
        elif spec.type == "count":
            hint = "a whole number, or empty"
        elif spec.type in ("ref", "refs"):
            hint = "ids (or their first characters), separated by commas" if spec.type == "refs" else "an id"
        found.append(Entry(spec.name, spec.label, spec.type, spec.choices, table, hint))
    return tuple(found)


def to_text(kind: str, record_id: str, values: dict[str, str], notes: dict[str, str]) -> str:
    """The file for one record; ``notes`` adds a comment above a field (e.g. what an id names)."""
    fields = entries(kind)
    lines = [FENCE, f"# {kind} {record_id}  (lines starting with # are notes and are ignored)"]
    long = [e for e in fields if e.type == "long"]
    for entry in fields:
        if entry.type == "long" or (entry.name in sessions.SESSION_FIELDS and _not_led(values, entry.name)):
            continue
        for note in filter(None, (entry.hint and f"{entry.name}: {entry.hint}", notes.get(entry.name))):
            lines.append(f"# {note}")
        for value in (
            values.get(entry.name, "").split("\n") if entry.type == "lines" else [values.get(entry.name, "")]
        ):
            lines.append(f"{entry.name}: {value}".rstrip())
    lines.append(FENCE)
    if len(long) == 1:
        body = values.get(long[0].name, "")
        return "\n".join(lines) + "\n" + body + ("" if body.endswith("\n") or not body else "\n")
    for entry in long:
        lines.extend(["", f"## {entry.label}", ""])
        if values.get(entry.name):
            lines.append(values[entry.name].rstrip("\n"))
    return "\n".join(lines) + "\n"


def _not_led(values: dict[str, str], name: str) -> bool:
    """A session's field is left out of the file of an activity that is no session led, unless set."""
    return values.get("role") != sessions.LED and not values.get(name)


def parse(kind: str, text: str) -> tuple[dict[str, str], dict[str, int]]:
    """The values in an edited file, with the line each came from, or ``EditError``."""
    fields = {e.name: e for e in entries(kind)}
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None or lines[start].strip() != FENCE:
        raise EditError((start or 0) + 1, "the file must begin with a '---' line (the fields follow it)")
    values: dict[str, str] = {}
    where: dict[str, int] = {}
    end = None
    for number in range(start + 1, len(lines)):
        line = lines[number].strip()
        if line == FENCE:
            end = number
            break
        if not line or line.startswith("#"):
            continue
        name, colon, value = line.partition(":")
        name = name.strip()
        entry = fields.get(name)
        if not colon or entry is None or entry.type == "long":
            known = ", ".join(e.name for e in fields.values() if e.type != "long")
            raise EditError(number + 1, f"{line[:40]!r} is not 'name: value' with one of: {known}")
        if name in values and entry.type == "lines":  # one line each: a name, a quote, a link
            values[name] += "\n" + value.strip()
            continue
        if name in values:
            raise EditError(number + 1, f"{name} is given twice")
        values[name] = value.strip()
        where[name] = number + 1
    if end is None:
        raise EditError(len(lines), "the fields have no closing '---' line")
    _parse_body(fields, lines, end, values, where)
    return values, where


def _parse_body(
    fields: dict[str, Entry], lines: list[str], end: int, values: dict[str, str], where: dict[str, int]
) -> None:
    long = [e for e in fields.values() if e.type == "long"]
    body = lines[end + 1 :]
    if not long:
        for offset, line in enumerate(body):
            if line.strip():
                raise EditError(
                    end + 2 + offset, "this kind of record has no long text; put fields above '---'"
                )
        return
    if len(long) == 1:
        values[long[0].name] = "\n".join(body).strip("\n")
        where[long[0].name] = end + 2
        return
    headings = {f"## {e.label}": e.name for e in long}
    current: str | None = None
    collected: dict[str, list[str]] = {}
    for offset, line in enumerate(body):
        number = end + 2 + offset
        name = headings.get(line.rstrip())
        if name is not None:
            if name in collected:
                raise EditError(number, f"the section {line.strip()!r} is given twice")
            current = name
            collected[name] = []
            where[name] = number
        elif current is not None:
            collected[current].append(line)
        elif line.strip():
            sections = ", ".join(headings)
            raise EditError(number, f"text before the first section heading ({sections})")
    for name, text in collected.items():
        values[name] = "\n".join(text).strip("\n")

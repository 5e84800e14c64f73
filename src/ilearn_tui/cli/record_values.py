"""A record's values as the text ``ilearn show`` and ``ilearn edit`` use, and an edit saved back.

Values travel as strings (an id list as ``a, b``, a flag as ``yes``/``no``, hours as ``1.5``).
Both the stored record and the cleaned edit are turned into these strings by one function, so
an edit that changes nothing is seen to change nothing and is not written.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import tempfile
from pathlib import Path

from ilearn_tui.cli.record_text import REFLECTION_LINKS, EditError, Entry, entries
from ilearn_tui.domain import forms, vocab
from ilearn_tui.domain.model import BY_TABLE
from ilearn_tui.domain.text import parse_day, reflection_title, split_tags
from ilearn_tui.errors import IlearnError, UsageError
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.lookup import Found, set_reflection_details, title_of

_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_YES = {"yes": True, "y": True, "true": True, "1": True, "no": False, "n": False, "false": False, "0": False}


def as_text(entry: Entry, value: object) -> str:
    """One value as it is written in the file."""
    if value is None:
        return ""
    if entry.type == "flag":
        return "yes" if value else "no"
    if entry.type == "refs":
        return ", ".join(str(v) for v in value)  # type: ignore[attr-defined]
    if entry.type == "lines":
        return "\n".join(str(v) for v in value)  # type: ignore[attr-defined]
    if entry.type == "tags":
        return ", ".join(value)  # type: ignore[arg-type]
    if entry.type == "stage":
        return vocab.STAGES[int(value)].lower()  # type: ignore[call-overload]
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def load(journal: Journal, found: Found) -> dict[str, str]:
    """The record's current values, one string per entry."""
    if found.kind.name == "reflection":
        from ilearn_tui.store.reflections import get_reflection, links_of

        reflection = get_reflection(journal, found.id)
        if reflection is None:
            raise IlearnError(f"the reflection {found.id} is no longer in the journal")
        links = links_of(journal, found.id)
        raw: dict[str, object] = {
            "date": reflection.date,
            "time": reflection.time,
            "title": reflection.title,
            "stage": reflection.stage,
            "tags": reflection.tags,
            "private": reflection.private,
            "starred": reflection.starred,
            "body": reflection.body,
            **{name: links[column] for name, column in REFLECTION_LINKS.items()},
        }
    else:
        from ilearn_tui.store.records import get_record

        row = get_record(journal, forms.KINDS[found.kind.name], found.id)
        if row is None:
            raise IlearnError(f"the {found.kind.noun} {found.id} is no longer in the journal")
        raw = row
    return {e.name: as_text(e, raw.get(e.name)) for e in entries(found.kind.name)}


def _ids(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def display(journal: Journal, entry: Entry, value: str) -> str:
    """A value as ``show`` prints it: linked records by their titles, tags with their ``#``."""
    if entry.type in ("ref", "refs"):
        return "; ".join(f"“{title_of(journal, entry.ref_table, i)}” ({i[:8]})" for i in _ids(value))
    if entry.type == "tags":
        return " ".join(f"#{tag}" for tag in _ids(value))
    if entry.type == "flag":
        return "yes" if value == "yes" else ""
    return value


def notes(journal: Journal, kind: str, values: dict[str, str]) -> dict[str, str]:
    """What each linked id names, as a note above its line, so ids need not be looked up."""
    found = {}
    for entry in entries(kind):
        if entry.type in ("ref", "refs") and values.get(entry.name):
            names = ", ".join(
                f"{i[:8]} = {title_of(journal, entry.ref_table, i)}" for i in _ids(values[entry.name])
            )
            found[entry.name] = names
    return found


def run_editor(journal: Journal, text: str) -> tuple[str, int]:
    """``$VISUAL``/``$EDITOR`` on ``text`` in a private file; the text it left and its status."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        raise UsageError("$EDITOR is not set; set it (e.g. EDITOR=nano) to edit a record")
    folder = journal.locations.drafts_dir
    folder.mkdir(mode=0o700, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix="edit-", suffix=".md", dir=folder)
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        try:
            status = subprocess.run([*shlex.split(editor), str(path)], check=False).returncode
        except OSError as exc:
            raise IlearnError(f"cannot start the editor {editor!r}: {exc.strerror}") from None
        return path.read_text(encoding="utf-8", errors="replace"), status
    finally:
        path.unlink(missing_ok=True)


def _resolve(journal: Journal, entry: Entry, value: str, line: int) -> list[str]:
    kind = BY_TABLE[entry.ref_table]
    label = getattr(kind, "title_field", "id")
    noun = getattr(kind, "noun", entry.ref_table)
    try:
        return [journal.resolve(entry.ref_table, ref, label, noun) for ref in _ids(value)]
    except IlearnError as exc:
        raise EditError(line, f"{entry.name}: {exc}") from None


def save(
    journal: Journal, found: Found, before: dict[str, str], typed: dict[str, str], where: dict[str, int]
) -> bool:
    """Check the edit by the forms' rules and save it in one write; False when nothing changed."""
    fields = entries(found.kind.name)
    first = min(where.values(), default=1)
    raw: dict[str, object] = {}
    for entry in fields:
        value = typed.get(entry.name, "")
        line = where.get(entry.name, first)
        if entry.type in ("ref", "refs"):
            ids = _resolve(journal, entry, value, line)
            if entry.type == "ref" and len(ids) > 1:
                raise EditError(line, f"{entry.name}: one id only")
            raw[entry.name] = ids if entry.type == "refs" else (ids[0] if ids else "")
        elif entry.type == "choice" and value:
            from ilearn_tui.cli.values import pick

            try:  # a status, kind or audience by any unambiguous start or word, as on the command line
                raw[entry.name] = pick(entry.name, value, entry.choices)
            except UsageError as exc:
                raise EditError(line, str(exc)) from None
        elif entry.type == "flag":
            if value.lower() not in _YES:
                raise EditError(line, f"{entry.name}: {value[:20]!r} is not yes or no")
            raw[entry.name] = _YES[value.lower()]
        else:
            raw[entry.name] = value
    if found.kind.name == "reflection":
        return _save_reflection(journal, found, before, raw, where, first)
    kind = forms.KINDS[found.kind.name]
    cleaned = forms.clean(kind, raw)
    if not cleaned.ok:
        name, message = next(iter(cleaned.errors.items()))
        spec = kind.field(name)
        if spec.type == "choice":
            message += ": " + ", ".join(spec.choices)
        raise EditError(where.get(name, first), f"{name}: {message}")
    after = {**cleaned.values, **{e.name: raw[e.name] for e in fields if e.type == "refs"}}
    if after.get("spun_off_from") == found.id:
        raise EditError(
            where.get("spun_off_from", first), "spun_off_from: an activity cannot come from itself"
        )
    if (
        found.kind.name == "evidence"
        and after.get("url")
        and not str(after["url"]).startswith(("http://", "https://"))
    ):
        raise EditError(
            where.get("url", first), "url: a link here; add a file with 'ilearn evidence add PATH'"
        )
    if {e.name: as_text(e, after.get(e.name)) for e in fields} == before:
        return False
    from ilearn_tui.store.records import save_record

    save_record(journal, kind, cleaned.values, cleaned.links, record_id=found.id)
    return True


def _save_reflection(
    journal: Journal,
    found: Found,
    before: dict[str, str],
    raw: dict[str, object],
    where: dict[str, int],
    first: int,
) -> bool:
    from ilearn_tui.store.reflections import update_reflection, validate_body

    def check(name: str, convert):  # type: ignore[no-untyped-def]
        try:
            return convert(str(raw[name]).strip())
        except (ValueError, UsageError) as exc:
            raise EditError(where.get(name, first), f"{name}: {exc}") from None

    body = check("body", lambda text: validate_body(str(raw["body"]).strip("\n")))
    day = check("date", parse_day)
    time = check("time", lambda text: text if not text or _TIME.match(text) else _bad_time(text))
    stage = check("stage", lambda text: vocab.stage_number(text) if text else None)
    tags = check("tags", split_tags)
    title = reflection_title(str(raw["title"]), body)
    links = {column: list(raw[name]) for name, column in REFLECTION_LINKS.items()}  # type: ignore[call-overload]
    after: dict[str, object] = {
        **raw,
        "body": body,
        "date": day,
        "time": time,
        "stage": stage,
        "tags": tags,
        "title": title,
    }
    if {e.name: as_text(e, after.get(e.name)) for e in entries("reflection")} == before:
        return False
    with journal.write():
        update_reflection(
            journal, found.id, body=body, title=title, tags=tags, stage=stage, day=day, links=links
        )
        set_reflection_details(
            journal, found.id, time=time, private=bool(raw["private"]), starred=bool(raw["starred"])
        )
    return True


def _bad_time(text: str) -> str:
    raise ValueError(f"{text[:20]!r} is not a time; use HH:MM (e.g. 14:05) or leave it empty")

"""What travels through a group's repository: members, published items, and the rules they obey.

A group repository is written by every member and read by every other, so whatever arrives is
treated as hostile: each item is checked field by field, and its texts lose control characters
and terminal escape sequences (``textsafe.stripped``) before anything else sees them. The rules
live here, below the store and sync, because both the exchange (which reads and writes the
files) and the store (which keeps what arrived) speak in these items.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from ilearn_tui.domain.fields import MAX_BODY_CHARS, STAMP_PATTERN
from ilearn_tui.textsafe import stripped

FORMAT = 1
KINDS = ("reflection", "goal", "question", "activity", "check", "share", "evidence", "reply")
MAX_FILE_BYTES = 256 * 1024
MAX_ITEM_TITLE_CHARS = 200
MAX_NAME_CHARS = 200

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_STAMP = re.compile(STAMP_PATTERN)
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class BadItemError(ValueError):
    """A file of the group repository that breaks a rule; the message says which, in a few words."""


def dumps(obj: dict[str, Any]) -> bytes:
    """A group repository file: the same bytes for the same content on every computer."""
    return (json.dumps(obj, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


@dataclass(frozen=True)
class Member:
    """A teacher as her colleagues see her: her journal's id, and the name she gave."""

    author_id: str
    name: str


@dataclass(frozen=True)
class Item:
    """One published item, exactly the fields of its file."""

    id: str
    author_id: str
    kind: str
    title: str
    body: str
    date: str
    stage: int | None
    published_at: str
    in_reply_to: str | None = None
    to_author: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Item:
        """An item from a file's object, checked and cleaned; ``BadItemError`` says what is wrong."""
        return cls(
            id=_uuid(data, "id"),
            author_id=_uuid(data, "author_id"),
            kind=_kind(data.get("kind")),
            title=_text(data, "title", MAX_ITEM_TITLE_CHARS),
            body=_text(data, "body", MAX_BODY_CHARS),
            date=_day(data.get("date")),
            stage=_stage(data.get("stage")),
            published_at=_stamp(data, "published_at"),
            in_reply_to=_uuid(data, "in_reply_to", optional=True),
            to_author=_uuid(data, "to_author", optional=True),
        )


@dataclass(frozen=True)
class Received:
    """A colleague's item as it arrived, with the name her profile gives."""

    item: Item
    author_name: str


def item_file(item: Item) -> bytes:
    return dumps(item.to_dict())


def profile_file(member: Member, updated_at: str) -> bytes:
    return dumps({"author_id": member.author_id, "name": member.name, "updated_at": updated_at})


def group_file(name: str) -> bytes:
    return dumps({"format": FORMAT, "name": name})


def load_object(data: bytes) -> dict[str, Any]:
    """A file's JSON object, or ``BadItemError`` (too big, not UTF-8, not JSON, not an object)."""
    if len(data) > MAX_FILE_BYTES:
        raise BadItemError(f"larger than {MAX_FILE_BYTES // 1024} KiB")
    try:
        found = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BadItemError("not valid UTF-8 JSON") from None
    if not isinstance(found, dict):
        raise BadItemError("not a JSON object")
    return found


def read_item(data: bytes, folder_author: str, item_id: str) -> Item:
    """An item file of ``folder_author``'s folder, named ``item_id``, checked whole."""
    item = Item.from_dict(load_object(data))
    if item.author_id != folder_author:
        raise BadItemError("its author_id is not its folder's")
    if item.id != item_id:
        raise BadItemError("its id is not its file's name")
    return item


def read_profile(data: bytes, folder_author: str) -> Member:
    found = load_object(data)
    if _uuid(found, "author_id") != folder_author:
        raise BadItemError("its author_id is not its folder's")
    name = _text(found, "name", MAX_NAME_CHARS).strip()
    if not name:
        raise BadItemError("it names no one")
    return Member(folder_author, " ".join(name.split()))


def read_group(data: bytes) -> str:
    """The group's name from ``group.json``; ``BadItemError`` if it is not format 1."""
    found = load_object(data)
    if found.get("format") != FORMAT or isinstance(found.get("format"), bool):
        raise BadItemError(f"not format {FORMAT}")
    name = found.get("name", "")
    return stripped(name)[:MAX_NAME_CHARS] if isinstance(name, str) else ""


def shown(name: str, limit: int = 60) -> str:
    """A name from the repository as a problem line may quote it: cleaned, short, quoted."""
    text = stripped(name).replace("\n", " ").replace("\t", " ")
    return repr(text if len(text) <= limit else text[:limit] + "…")


def _uuid(data: dict[str, Any], name: str, *, optional: bool = False) -> Any:
    value = data.get(name)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not UUID.match(value):
        raise BadItemError(f"its {name} is not a uuid")
    return value


def _kind(value: object) -> str:
    if value not in KINDS:
        raise BadItemError("its kind is not one ilearn publishes")
    return str(value)


def _text(data: dict[str, Any], name: str, limit: int) -> str:
    value = data.get(name)
    if not isinstance(value, str):
        raise BadItemError(f"its {name} is not text")
    if len(value) > limit:
        raise BadItemError(f"its {name} is longer than {limit:,} characters")
    return stripped(value)


def _day(value: object) -> str:
    try:
        if isinstance(value, str) and _DAY.match(value):
            return date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    raise BadItemError("its date is not YYYY-MM-DD")


def _stage(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5:
        return value
    raise BadItemError("its stage is not 1 to 5")


def _stamp(data: dict[str, Any], name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not _STAMP.match(value):
        raise BadItemError(f"its {name} is not an ISO time")
    return value

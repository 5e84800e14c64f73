"""The records of learning with colleagues: groups, their members, and what the teacher publishes.

Declared apart from ``domain.model`` (which lists them in its tables) so the model's module stays
short. They are the teacher's own records: they sync between her computers, export and import,
and go to the trash like any other. What colleagues publish is not declared here: it is rebuilt
from the group repositories and never belongs to her journal.
"""

from __future__ import annotations

from ilearn_tui.domain.fields import ID_PATTERN, MAX_BODY_CHARS, Field, Kind, key, ref, stamps

GROUP_KINDS = ("plc", "cohort", "book-study", "team")
# What a published item can be; the kind names a colleague reads in the group repository.
PUBLISHED_KINDS = ("reflection", "goal", "question", "activity", "check", "share", "evidence", "reply")
_ID_OR_EMPTY = ID_PATTERN.replace("^", "^(", 1).replace("$", ")?$")

GROUP = Kind(
    "group",
    "groups",
    (
        key(),
        Field("name", "text", label="Name", required=True),
        Field("kind", "choice", label="Kind", required=True, choices=GROUP_KINDS, default="plc"),
        Field("remote", "text", label="Group repository"),  # '' until ``ilearn group setup``
        *stamps(),
    ),
    noun="group",
    title_field="name",
    per_cycle=False,
)

# A member is a name the teacher wrote, not an account. Each has an id of its own so that its
# record file in the sync repository is named by an id (a name may hold dots and spaces).
GROUP_MEMBER = Kind(
    "group_member",
    "group_members",
    (key(), ref("group_id", "groups", required=True), Field("name", "text", required=True), *stamps()),
    noun="group member",
    title_field="name",
    per_cycle=False,
    parent_field="group_id",
)

PUBLICATION = Kind(
    "publication",
    "publications",
    (
        key(),  # the published item's id in the group repository
        ref("group_id", "groups", required=True),
        Field("source_table", "text"),  # what was published ('' for a reply)
        Field("source_id", "text", nullable=True, default=None, pattern=_ID_OR_EMPTY),
        Field("kind", "choice", required=True, choices=PUBLISHED_KINDS),
        Field("title", "text", required=True, free=True, max_length=200),
        Field("body", "long", free=True, max_length=MAX_BODY_CHARS),
        Field("date", "date", required=True),
        Field("stage", "rating", nullable=True, default=None),
        Field("in_reply_to", "text", nullable=True, default=None, pattern=_ID_OR_EMPTY),
        Field("to_author", "text", nullable=True, default=None, pattern=_ID_OR_EMPTY),
        Field("published_at", "stamp", required=True),
        *stamps(),
    ),
    noun="publication",
    title_field="title",
    per_cycle=False,
    parent_field="group_id",
)

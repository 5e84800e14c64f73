"""The record model, declared once: every kind of record the journal keeps.

Each kind lists its columns in table order with their type, vocabulary and flags; its form (the app's
fields, in order); its links; how it is titled and searched. Everything else derives from this: the record
forms (``domain.forms``), redaction and export cleaning (``FREE_TEXT``), the search columns, the order in
which exports and imports carry the tables (``TABLE_ORDER``), and the validation of records arriving from
outside. The SQL migrations are history and stay as written; a test holds them against this declaration.
"""

from __future__ import annotations

from ilearn_tui.domain import fields, vocab
from ilearn_tui.domain.fields import MAX_BODY_CHARS, Field, Kind, Link, LinkTable, key, ref, stamps, words
from ilearn_tui.domain.model_groups import GROUP, GROUP_MEMBER, PUBLICATION

_FILE_NAME = r"^([0-9a-f]{64}(\.[a-z0-9]{1,10})?)?$"
_URL_LABEL = "Link (https://…), or a file path to copy in"

CYCLE = Kind(
    "cycle",
    "cycles",
    (
        key(),
        Field("title", "text", required=True),
        Field("starts_on", "date", required=True),
        Field("ends_on", "date", required=True),
        *stamps(),
    ),
    noun="cycle",
    title_field="title",
    per_cycle=False,
)

VISION = Kind(
    "vision",
    "visions",
    (
        key(),
        ref("cycle_id", "cycles", required=True),
        Field("body", "long", label="My vision (Markdown)", required=True, free=True),
        Field("school_mission", "long", label="School mission or vision (paste it here)", free=True),
        *stamps(),
    ),
    noun="vision",
    stage=1,
    title_field="body",
    form=("body", "school_mission"),
    columns=("body",),
    help="One vision per cycle; revise it as your thinking grows.",
)

OUTCOME = Kind(
    "outcome",
    "outcomes",
    (
        key(),
        ref("cycle_id", "cycles", required=True),
        Field("text", "text", label="What should students know, do or be?", required=True, free=True),
        Field("kind", "choice", label="Kind", required=True, choices=vocab.OUTCOME_KINDS),
        Field("position", "count", default=0),
        *stamps(),
    ),
    noun="student outcome",
    stage=1,
    title_field="text",
    form=("text", "kind"),
    columns=("text", "kind"),
)

INTEREST = Kind(
    "interest",
    "interests",
    (
        key(),
        ref("cycle_id", "cycles", required=True),
        Field("kind", "choice", label="Learn or share?", required=True, choices=vocab.INTEREST_KINDS),
        Field("text", "text", label="What", required=True, free=True),
        *stamps(),
    ),
    noun="interest or expertise",
    stage=2,
    title_field="text",
    form=("kind", "text"),
    columns=("kind", "text"),
)

GOAL = Kind(
    "goal",
    "goals",
    (
        key(),
        ref("cycle_id", "cycles", required=True),
        Field("title", "text", label="Goal", required=True, free=True, search="title"),
        Field("why", "long", label="Why it matters for students", free=True, search="body"),
        Field("skills", "text", label="Skills it addresses", free=True),
        Field("success_indicators", "long", label="What success will look like", free=True, search="body"),
        Field("target_date", "date", label="Target date", nullable=True, default=None),
        Field("status", "choice", label="Status", required=True, choices=vocab.GOAL_STATUSES, default="open"),
        *stamps(),
        Field("kind", "choice", label="Kind of goal", choices=vocab.GOAL_KINDS, nullable=True, default=None),
        Field("baseline", "text", label="Baseline (where students or I start)", free=True),
        Field("target", "text", label="Target (what I aim for)", free=True),
        Field("measure", "text", label="Measure (how I will know)", free=True),
    ),
    noun="goal",
    stage=2,
    title_field="title",
    form=words("title kind why baseline target measure target_date")
    + words("skills success_indicators status outcomes"),
    columns=("title", "status", "target_date"),
    links=(
        Link("outcomes", "goal_outcomes", "goal_id", "outcome_id", "outcome", "Student outcomes it serves"),
    ),
    search_kind="goal",
)

QUESTION = Kind(
    "question",
    "questions",
    (
        key(),
        ref("goal_id", "goals", required=True, label="Goal"),
        Field("text", "text", label="Action-research question", required=True, free=True, search="title"),
        *stamps(),
    ),
    noun="research question",
    stage=2,
    title_field="text",
    form=("goal_id", "text"),
    columns=("text", "goal_id"),
    per_cycle=False,
    parent_field="goal_id",
    search_kind="question",
)

ACTIVITY = Kind(
    "activity",
    "activities",
    (
        key(),
        ref("cycle_id", "cycles", required=True),
        Field("type", "choice", label="Type", required=True, choices=tuple(vocab.ACTIVITY_TYPES)),
        Field("title", "text", label="Title", required=True, free=True, search="title"),
        Field("date", "date", label="Date", required=True),
        Field("hours", "number", label="Hours", default=0.0),
        Field("credits", "number", label="Credits (PDPs/CEUs)", default=0.0),
        Field("topic", "text", label="Topic or category", free=True, search="body"),
        Field("provider", "text", label="Provider or facilitator", free=True, search="body"),
        Field("collaborators", "text", label="Collaborators", free=True, search="body"),
        Field("link", "text", label="Link", free=True, web=True),
        Field(
            "role", "choice", label="Role", required=True, choices=vocab.ACTIVITY_ROLES, default="attended"
        ),
        Field(
            "status",
            "choice",
            label="Planned or done",
            required=True,
            choices=vocab.ACTIVITY_STATUSES,
            default="done",
        ),
        Field("notes", "long", label="Notes", free=True, search="body"),
        *stamps(),
        ref("group_id", "groups", label="Group"),
        # A session the teacher led (role "facilitated"): how many came; a later one: what it grew from.
        Field("attendees", "count", label="Attendees (how many came)", nullable=True, default=None),
        ref("spun_off_from", "activities", label="Came from (a session you led)"),
    ),
    noun="learning activity",
    stage=3,
    title_field="title",
    form=words("type title date hours credits topic provider collaborators group_id link role")
    + words("co_facilitators attendees feedback materials status notes spun_off_from goals"),
    columns=("date", "type", "title", "hours", "status"),
    links=(Link("goals", "activity_goals", "activity_id", "goal_id", "goal", "Goals it supports"),),
    lines=fields.session_lines(
        ("co_facilitators", "co-facilitator", "Co-facilitators (one a line)"),
        ("feedback", "feedback", "Feedback quotes (one a line)"),
        ("materials", "material", "Materials (links or file paths, one a line)"),
    ),
    search_kind="activity",
)

# The lines of a session the teacher led (``ACTIVITY.lines``): one row a name, quote or material.
SESSION_ITEM = fields.lines_kind("session_item", ACTIVITY, vocab.SESSION_PARTS, "session detail")

INNOVATION = Kind(
    "innovation",
    "innovations",
    (
        key(),
        ref("cycle_id", "cycles", required=True),
        ref("question_id", "questions", label="Research question"),
        Field(
            "kind",
            "choice",
            label="Kind",
            required=True,
            choices=vocab.INNOVATION_KINDS,
            default="action research",
        ),
        Field("title", "text", label="Title", required=True, free=True, search="title"),
        Field("plan", "long", label="Plan", free=True, search="body"),
        Field("act", "long", label="Act", free=True, search="body"),
        Field("observe", "long", label="Observe", free=True, search="body"),
        Field("reflect", "long", label="Reflect", free=True, search="body"),
        Field(
            "phase", "choice", label="Phase", required=True, choices=vocab.INNOVATION_PHASES, default="plan"
        ),
        Field("started_on", "date", label="Started", nullable=True, default=None),
        *stamps(),
    ),
    noun="innovation",
    stage=4,
    title_field="title",
    form=("title", "kind", "question_id", "phase", "started_on", "plan", "act", "observe", "reflect"),
    columns=("title", "kind", "phase"),
    search_kind="innovation",
)

EVIDENCE = Kind(
    "evidence",
    "evidence",
    (
        key(),
        ref("cycle_id", "cycles", required=True),
        Field("title", "text", label="Title", required=True, free=True, search="title"),
        Field(
            "kind", "choice", label="Kind", required=True, choices=vocab.EVIDENCE_KINDS, default="document"
        ),
        Field("date", "date", label="Date", required=True),
        Field("description", "long", label="Description", free=True, search="body"),
        Field("url", "text", label=_URL_LABEL, free=True, search="body", web=True),
        Field("file_name", "text", pattern=_FILE_NAME),
        Field("original_name", "text", free=True),
        Field("sha256", "text", pattern=r"^([0-9a-f]{64})?$"),
        Field("size", "count", default=0),
        Field(
            "student_info",
            "flag",
            label="Contains student information (kept out of shared exports)",
            default=0,
        ),
        ref("goal_id", "goals", label="Goal"),
        ref("question_id", "questions", label="Research question"),
        ref("activity_id", "activities", label="Activity"),
        ref("innovation_id", "innovations"),
        *stamps(),
    ),
    noun="evidence",
    stage=4,
    title_field="title",
    form=words("title kind date url description student_info goal_id question_id activity_id"),
    columns=("date", "title", "kind", "student_info"),
    help="A file path is copied into your journal (under its hash); a link is kept as a link.",
    search_kind="evidence",
)

CHECK = Kind(
    "check",
    "checks",
    (
        key(),
        ref("goal_id", "goals", required=True, label="Goal"),
        Field("indicator", "choice", label="Indicator", required=True, choices=vocab.INDICATOR_KINDS),
        Field("rating", "rating", label="Self-rating 1–5", nullable=True, default=None),
        Field("value", "number", label="Or a measured value", nullable=True, default=None),
        Field("note", "long", label="Note", free=True),
        Field("date", "date", label="Date", required=True),
        ref("evidence_id", "evidence", label="Evidence"),
        *stamps(),
    ),
    noun="progress check",
    stage=4,
    title_field="indicator",
    form=("goal_id", "indicator", "rating", "value", "date", "note", "evidence_id"),
    columns=("date", "goal_id", "indicator", "rating", "value"),
    per_cycle=False,
    parent_field="goal_id",
)

SHARE = Kind(
    "share",
    "shares",
    (
        key(),
        ref("cycle_id", "cycles", required=True),
        Field("audience", "choice", label="Audience", required=True, choices=vocab.SHARE_AUDIENCES),
        Field("venue", "text", label="Where (PLC, showcase, blog, conference…)", free=True, search="body"),
        Field("title", "text", label="Title", required=True, free=True, search="title"),
        Field("date", "date", label="Date", required=True),
        Field("link", "text", label="Link", free=True, web=True),
        Field("notes", "long", label="Notes", free=True, search="body"),
        *stamps(),
        ref("group_id", "groups", label="Group"),
    ),
    noun="share",
    stage=5,
    title_field="title",
    form=("audience", "title", "venue", "group_id", "date", "link", "notes", "goals"),
    columns=("date", "audience", "title", "venue"),
    links=(Link("goals", "share_goals", "share_id", "goal_id", "goal", "Goals it shares"),),
    search_kind="share",
)

REFLECTION = Kind(
    "reflection",
    "reflections",
    (
        key(),
        Field("cycle_id", "ref", ref="cycles", nullable=True, default=None),
        Field("date", "date", required=True),
        Field("time", "time"),
        Field("title", "text", free=True, search="title", max_length=MAX_BODY_CHARS),
        Field("body", "long", required=True, free=True, search="body", max_length=MAX_BODY_CHARS),
        Field("stage", "rating", nullable=True, default=None),  # 1–5, as a stage number
        Field("private", "flag", default=0),
        Field("starred", "flag", default=0),
        *stamps(),
    ),
    noun="reflection",
    title_field="title",
    search_kind="reflection",
)

DRAFT = Kind(
    "draft",
    "drafts",
    (
        key(),
        Field("target", "text"),
        Field("title", "text", max_length=MAX_BODY_CHARS),
        Field("body", "long", required=True, max_length=MAX_BODY_CHARS),
        *stamps(),
    ),
    noun="draft",
    title_field="title",
    per_cycle=False,
)


GOAL_OUTCOMES = fields.joins("goal_outcomes", ("goal_id", "goals"), ("outcome_id", "outcomes"))
ACTIVITY_GOALS = fields.joins("activity_goals", ("activity_id", "activities"), ("goal_id", "goals"))
SHARE_GOALS = fields.joins("share_goals", ("share_id", "shares"), ("goal_id", "goals"))
# A reflection links to exactly one goal, question, activity or piece of evidence per row.
REFLECTION_LINKS = LinkTable(
    "reflection_links",
    (
        ref("reflection_id", "reflections", required=True),
        ref("goal_id", "goals"),
        ref("question_id", "questions"),
        ref("activity_id", "activities"),
        ref("evidence_id", "evidence"),
    ),
    keyed=False,
)
# The framework components (``domain.frameworks``) an item evidences: one row per component.
COMPONENT_TABLES: dict[str, LinkTable] = fields.components(EVIDENCE, REFLECTION, ACTIVITY)

# Every table a journal export carries, in an order that never breaks a foreign key on import.
# Tags travel inside each reflection; the search tables are rebuilt by the store.
TABLES: tuple[Kind | LinkTable, ...] = (
    CYCLE,
    GROUP,
    GROUP_MEMBER,
    VISION,
    OUTCOME,
    INTEREST,
    GOAL,
    GOAL_OUTCOMES,
    QUESTION,
    ACTIVITY,
    ACTIVITY_GOALS,
    SESSION_ITEM,
    INNOVATION,
    EVIDENCE,
    CHECK,
    SHARE,
    SHARE_GOALS,
    REFLECTION,
    REFLECTION_LINKS,
    *COMPONENT_TABLES.values(),
    DRAFT,
    PUBLICATION,
)

# --- views derived from the declaration ---------------------------------------------------------

TABLE_ORDER: tuple[str, ...] = tuple(t.table for t in TABLES)
BY_TABLE: dict[str, Kind | LinkTable] = {t.table: t for t in TABLES}
KINDS: dict[str, Kind] = {t.name: t for t in TABLES if isinstance(t, Kind)}
# Tables that hold a record's lines (``Kind.lines``): part of their record, never looked up alone.
LINE_TABLES: frozenset[str] = frozenset(lines.table for k in KINDS.values() for lines in k.lines)
STAGE_KINDS: dict[int, tuple[str, ...]] = {
    stage: tuple(k.name for k in KINDS.values() if k.stage == stage) for stage in vocab.STAGES
}

# The teacher's own words, wherever they appear: redacted in shareable exports and cleaned of
# terminal controls on the way out. Ids, dates, numbers and vocabularies are never touched.
FREE_TEXT: frozenset[str] = frozenset(f.name for k in KINDS.values() for f in k.fields if f.free)

"""The schema as stepwise migrations, numbered by ``PRAGMA user_version``.

Each step is plain SQL so that opening a journal never needs the ORM; ``models.py`` mirrors
the resulting tables for validation, and a test keeps the two in agreement.
"""

from __future__ import annotations

from ilearn_tui.domain.model import TABLE_ORDER
from ilearn_tui.store.colleagues_schema import COLLEAGUE_ITEMS
from ilearn_tui.store.fileformat import SCHEMA_VERSION as SCHEMA_VERSION  # also read from here
from ilearn_tui.store.groups_schema import groups_migration
from ilearn_tui.store.schema_evaluation import V7_SMART_GOALS, V9_CHANGE_ORDER, component_links
from ilearn_tui.store.schema_sessions import sessions_led
from ilearn_tui.store.sync_schema import v6_sync

# Tables whose text is searchable, and how each fills the index's title/body columns.
SEARCHABLE: dict[str, tuple[str, str, str]] = {
    # table: (kind, title expression, body expression) over NEW./OLD. rows
    "reflections": ("reflection", "{r}.title", "{r}.body"),
    "goals": ("goal", "{r}.title", "coalesce({r}.why,'') || ' ' || coalesce({r}.success_indicators,'')"),
    "questions": ("question", "{r}.text", "''"),
    "activities": (
        "activity",
        "{r}.title",
        "coalesce({r}.provider,'') || ' ' || coalesce({r}.collaborators,'') || ' ' "
        "|| coalesce({r}.topic,'') || ' ' || coalesce({r}.notes,'')",
    ),
    "evidence": ("evidence", "{r}.title", "coalesce({r}.description,'') || ' ' || coalesce({r}.url,'')"),
    "shares": ("share", "{r}.title", "coalesce({r}.venue,'') || ' ' || coalesce({r}.notes,'')"),
    "innovations": (
        "innovation",
        "{r}.title",
        "coalesce({r}.plan,'') || ' ' || coalesce({r}.act,'') || ' ' || coalesce({r}.observe,'') "
        "|| ' ' || coalesce({r}.reflect,'')",
    ),
}

_STAMPS = "created_at TEXT NOT NULL, updated_at TEXT NOT NULL"

_V1_TABLES = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE cycles (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, starts_on TEXT NOT NULL, ends_on TEXT NOT NULL,
    {_STAMPS}
);
CREATE TABLE visions (
    id TEXT PRIMARY KEY, cycle_id TEXT NOT NULL UNIQUE REFERENCES cycles(id) ON DELETE CASCADE,
    body TEXT NOT NULL DEFAULT '', school_mission TEXT NOT NULL DEFAULT '', {_STAMPS}
);
CREATE TABLE outcomes (
    id TEXT PRIMARY KEY, cycle_id TEXT NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('knowledge','habit of mind','disposition','21st-century skill')),
    position INTEGER NOT NULL DEFAULT 0, {_STAMPS}
);
CREATE TABLE interests (
    id TEXT PRIMARY KEY, cycle_id TEXT NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('learn','share')), text TEXT NOT NULL, {_STAMPS}
);
CREATE TABLE goals (
    id TEXT PRIMARY KEY, cycle_id TEXT NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
    title TEXT NOT NULL, why TEXT NOT NULL DEFAULT '', skills TEXT NOT NULL DEFAULT '',
    success_indicators TEXT NOT NULL DEFAULT '', target_date TEXT,
    status TEXT NOT NULL DEFAULT 'open'
        CHECK (status IN ('open','in progress','achieved','dropped')),
    {_STAMPS}
);
CREATE TABLE goal_outcomes (
    goal_id TEXT NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    outcome_id TEXT NOT NULL REFERENCES outcomes(id) ON DELETE CASCADE,
    PRIMARY KEY (goal_id, outcome_id)
) WITHOUT ROWID;
CREATE TABLE questions (
    id TEXT PRIMARY KEY, goal_id TEXT NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    text TEXT NOT NULL, {_STAMPS}
);
CREATE TABLE activities (
    id TEXT PRIMARY KEY, cycle_id TEXT NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
    type TEXT NOT NULL, title TEXT NOT NULL, date TEXT NOT NULL,
    hours REAL NOT NULL DEFAULT 0 CHECK (hours >= 0),
    credits REAL NOT NULL DEFAULT 0 CHECK (credits >= 0),
    topic TEXT NOT NULL DEFAULT '', provider TEXT NOT NULL DEFAULT '',
    collaborators TEXT NOT NULL DEFAULT '', link TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT 'attended' CHECK (role IN ('attended','facilitated')),
    status TEXT NOT NULL DEFAULT 'done' CHECK (status IN ('planned','done')),
    notes TEXT NOT NULL DEFAULT '', {_STAMPS}
);
CREATE TABLE activity_goals (
    activity_id TEXT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    goal_id TEXT NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    PRIMARY KEY (activity_id, goal_id)
) WITHOUT ROWID;
CREATE TABLE innovations (
    id TEXT PRIMARY KEY, cycle_id TEXT NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
    question_id TEXT REFERENCES questions(id) ON DELETE SET NULL,
    kind TEXT NOT NULL DEFAULT 'action research', title TEXT NOT NULL,
    plan TEXT NOT NULL DEFAULT '', act TEXT NOT NULL DEFAULT '', observe TEXT NOT NULL DEFAULT '',
    reflect TEXT NOT NULL DEFAULT '',
    phase TEXT NOT NULL DEFAULT 'plan' CHECK (phase IN ('plan','act','observe','reflect')),
    started_on TEXT, {_STAMPS}
);
CREATE TABLE evidence (
    id TEXT PRIMARY KEY, cycle_id TEXT NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
    title TEXT NOT NULL, kind TEXT NOT NULL DEFAULT 'document', date TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '', file_name TEXT NOT NULL DEFAULT '',
    original_name TEXT NOT NULL DEFAULT '', sha256 TEXT NOT NULL DEFAULT '',
    size INTEGER NOT NULL DEFAULT 0,
    student_info INTEGER NOT NULL DEFAULT 0 CHECK (student_info IN (0,1)),
    goal_id TEXT REFERENCES goals(id) ON DELETE SET NULL,
    question_id TEXT REFERENCES questions(id) ON DELETE SET NULL,
    activity_id TEXT REFERENCES activities(id) ON DELETE SET NULL,
    innovation_id TEXT REFERENCES innovations(id) ON DELETE SET NULL,
    {_STAMPS}
);
CREATE TABLE checks (
    id TEXT PRIMARY KEY, goal_id TEXT NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    indicator TEXT NOT NULL CHECK (indicator IN ('student achievement','instructional practice',
        'student engagement','21st-century skills','other')),
    rating INTEGER CHECK (rating BETWEEN 1 AND 5), value REAL,
    note TEXT NOT NULL DEFAULT '', date TEXT NOT NULL,
    evidence_id TEXT REFERENCES evidence(id) ON DELETE SET NULL,
    {_STAMPS},
    CHECK (rating IS NOT NULL OR value IS NOT NULL)
);
CREATE TABLE shares (
    id TEXT PRIMARY KEY, cycle_id TEXT NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
    audience TEXT NOT NULL CHECK (audience IN ('local','global')),
    venue TEXT NOT NULL DEFAULT '', title TEXT NOT NULL, date TEXT NOT NULL,
    link TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '', {_STAMPS}
);
CREATE TABLE share_goals (
    share_id TEXT NOT NULL REFERENCES shares(id) ON DELETE CASCADE,
    goal_id TEXT NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    PRIMARY KEY (share_id, goal_id)
) WITHOUT ROWID;
CREATE TABLE reflections (
    id TEXT PRIMARY KEY, cycle_id TEXT REFERENCES cycles(id) ON DELETE SET NULL,
    date TEXT NOT NULL, time TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '', body TEXT NOT NULL,
    stage INTEGER CHECK (stage BETWEEN 1 AND 5),
    private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0,1)),
    starred INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0,1)),
    {_STAMPS}
);
CREATE INDEX reflections_by_date ON reflections(date, time);
CREATE INDEX reflections_by_cycle ON reflections(cycle_id, date);
CREATE INDEX activities_by_cycle ON activities(cycle_id, date);
CREATE INDEX goals_by_cycle ON goals(cycle_id);
CREATE INDEX questions_by_goal ON questions(goal_id);
CREATE INDEX evidence_by_cycle ON evidence(cycle_id, date);
CREATE INDEX checks_by_goal ON checks(goal_id, date);
CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE);
CREATE TABLE reflection_tags (
    reflection_id TEXT NOT NULL REFERENCES reflections(id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (reflection_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX reflection_tags_by_tag ON reflection_tags(tag_id, reflection_id);
CREATE TABLE reflection_links (
    reflection_id TEXT NOT NULL REFERENCES reflections(id) ON DELETE CASCADE,
    goal_id TEXT REFERENCES goals(id) ON DELETE CASCADE,
    question_id TEXT REFERENCES questions(id) ON DELETE CASCADE,
    activity_id TEXT REFERENCES activities(id) ON DELETE CASCADE,
    evidence_id TEXT REFERENCES evidence(id) ON DELETE CASCADE,
    CHECK ((goal_id IS NOT NULL) + (question_id IS NOT NULL) + (activity_id IS NOT NULL)
           + (evidence_id IS NOT NULL) = 1)
);
CREATE INDEX reflection_links_by_reflection ON reflection_links(reflection_id);
CREATE INDEX reflection_links_by_goal ON reflection_links(goal_id);
CREATE TABLE drafts (
    id TEXT PRIMARY KEY, target TEXT NOT NULL DEFAULT '', title TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL, {_STAMPS}
);

CREATE TABLE search_docs (
    docid INTEGER PRIMARY KEY, kind TEXT NOT NULL, ref TEXT NOT NULL, UNIQUE (kind, ref)
);
CREATE VIRTUAL TABLE search_index USING fts5(
    title, body, tags, tokenize = 'porter unicode61 remove_diacritics 2'
);
"""


def search_triggers() -> dict[str, str]:
    """Triggers that keep ``search_index`` in step with every searchable table, by name.

    The bulk writer reads them here too, so it can lift and restore them with the
    schema's own definitions rather than copies of its own.
    """
    triggers: dict[str, str] = {}
    for table, (kind, title, body) in SEARCHABLE.items():
        doc = f"(SELECT docid FROM search_docs WHERE kind = '{kind}' AND ref = {{r}}.id)"
        triggers[f"{table}_search_ai"] = f"""CREATE TRIGGER {table}_search_ai AFTER INSERT ON {table} BEGIN
    INSERT INTO search_docs(kind, ref) VALUES ('{kind}', new.id);
    INSERT INTO search_index(rowid, title, body, tags)
        VALUES ({doc.format(r="new")}, {title.format(r="new")}, {body.format(r="new")}, '');
END"""
        triggers[f"{table}_search_au"] = f"""CREATE TRIGGER {table}_search_au AFTER UPDATE ON {table} BEGIN
    UPDATE search_index SET title = {title.format(r="new")}, body = {body.format(r="new")}
        WHERE rowid = {doc.format(r="new")};
END"""
        triggers[f"{table}_search_ad"] = f"""CREATE TRIGGER {table}_search_ad AFTER DELETE ON {table} BEGIN
    DELETE FROM search_index WHERE rowid = {doc.format(r="old")};
    DELETE FROM search_docs WHERE kind = '{kind}' AND ref = old.id;
END"""
    doc = "(SELECT docid FROM search_docs WHERE kind = 'reflection' AND ref = {r}.reflection_id)"
    for event, row in (("INSERT", "new"), ("DELETE", "old")):
        name = f"reflection_tags_search_{event.lower()}"
        tags = TAGS_OF.format(ref=f"{row}.reflection_id")
        triggers[name] = f"""CREATE TRIGGER {name} AFTER {event} ON reflection_tags BEGIN
    UPDATE search_index SET tags = {tags} WHERE rowid = {doc.format(r=row)};
END"""
    return triggers


# A reflection's tags as the index holds them, for the reflection whose id is ``{ref}``.
TAGS_OF = (
    "(SELECT coalesce(group_concat(t.name, ' '), '') FROM reflection_tags rt "
    "JOIN tags t ON t.id = rt.tag_id WHERE rt.reflection_id = {ref})"
)


def _search_triggers() -> str:
    return "".join(f"\n{sql};" for sql in search_triggers().values())


# Each entry moves the schema from version (index) to version (index + 1).
# Version 2: deleted records wait in a trash (as JSON, with everything that went with them).
_V2_TRASH = """
CREATE TABLE trash (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, label TEXT NOT NULL, payload TEXT NOT NULL,
    deleted_at TEXT NOT NULL
);
CREATE INDEX trash_by_time ON trash(deleted_at);
"""


def _v3_plain_tokens() -> str:
    """Version 3: index words as written (no stemming), so a prefix typed letter by letter
    keeps matching: with stemming, "intentio" found nothing while "intent" did."""
    fills = []
    for table, (kind, title, body) in SEARCHABLE.items():
        tags = (
            "(SELECT coalesce(group_concat(t.name, ' '), '') FROM reflection_tags rt "
            "JOIN tags t ON t.id = rt.tag_id WHERE rt.reflection_id = r.id)"
            if table == "reflections"
            else "''"
        )
        fills.append(
            f"INSERT INTO search_index(rowid, title, body, tags) "
            f"SELECT d.docid, {title.format(r='r')}, {body.format(r='r')}, {tags} "
            f"FROM {table} r JOIN search_docs d ON d.kind = '{kind}' AND d.ref = r.id;"
        )
    return (
        "DROP TABLE search_index;\n"
        "CREATE VIRTUAL TABLE search_index USING fts5(\n"
        "    title, body, tags, tokenize = 'unicode61 remove_diacritics 2'\n);\n" + "\n".join(fills)
    )


# Version 4: a link is stored once. Without a key, importing the same export twice (an easy
# mistake) doubled every reflection's links; NULLs are folded so the index sees them as equal.
_V4_UNIQUE_LINKS = """
DELETE FROM reflection_links WHERE rowid NOT IN (
    SELECT min(rowid) FROM reflection_links
    GROUP BY reflection_id, goal_id, question_id, activity_id, evidence_id
);
CREATE UNIQUE INDEX reflection_links_once ON reflection_links(
    reflection_id, coalesce(goal_id, ''), coalesce(question_id, ''),
    coalesce(activity_id, ''), coalesce(evidence_id, '')
);
"""


# Tables whose rows belong to a cycle (visions, one per cycle, are folded on their own).
CYCLE_TABLES = (
    "outcomes",
    "interests",
    "goals",
    "activities",
    "innovations",
    "evidence",
    "shares",
    "reflections",
)


def _v5_one_cycle_per_year() -> str:
    """Version 5: a school year is one cycle. Two first writes at once used to make two cycles
    with the same dates, splitting the year's records and making ``--cycle 2026-27`` ambiguous.
    Older files are folded first: every duplicate's records (and its vision's words, and what
    the trash remembers of it) move to the oldest cycle of those dates, then the key is added."""
    moves = "\n".join(
        f"UPDATE {table} SET cycle_id = (SELECT keep_id FROM cycle_fold WHERE old_id = {table}.cycle_id) "
        f"WHERE cycle_id IN (SELECT old_id FROM cycle_fold);"
        for table in CYCLE_TABLES
    )
    extra_body = (
        "(SELECT group_concat(v.body, char(10) || char(10)) FROM visions v "
        "JOIN cycle_fold f ON f.old_id = v.cycle_id "
        "WHERE f.keep_id = visions.cycle_id AND v.body != '' AND v.body != visions.body)"
    )
    return f"""
CREATE TEMP TABLE cycle_fold (n INTEGER PRIMARY KEY, old_id TEXT NOT NULL UNIQUE, keep_id TEXT NOT NULL);
INSERT INTO cycle_fold(old_id, keep_id)
    SELECT id, keep FROM (
        SELECT id, first_value(id) OVER (PARTITION BY starts_on, ends_on ORDER BY created_at, id) AS keep
        FROM cycles
    ) WHERE id != keep ORDER BY keep, id;
UPDATE visions SET cycle_id = (SELECT keep_id FROM cycle_fold WHERE old_id = visions.cycle_id)
    WHERE id IN (
        SELECT v.id FROM visions v JOIN cycle_fold f ON f.old_id = v.cycle_id
        WHERE f.keep_id NOT IN (SELECT cycle_id FROM visions)
          AND f.n = (SELECT min(f2.n) FROM cycle_fold f2 JOIN visions v2 ON v2.cycle_id = f2.old_id
                     WHERE f2.keep_id = f.keep_id)
    );
UPDATE visions SET
    body = CASE WHEN {extra_body} IS NULL THEN body WHEN body = '' THEN {extra_body}
                ELSE body || char(10) || char(10) || {extra_body} END,
    school_mission = CASE WHEN school_mission != '' THEN school_mission ELSE coalesce(
        (SELECT max(v.school_mission) FROM visions v JOIN cycle_fold f ON f.old_id = v.cycle_id
         WHERE f.keep_id = visions.cycle_id), '') END
    WHERE cycle_id IN (SELECT keep_id FROM cycle_fold);
DELETE FROM visions WHERE cycle_id IN (SELECT old_id FROM cycle_fold);
{moves}
UPDATE trash SET payload = (
    WITH RECURSIVE step(n, text) AS (
        SELECT 0, trash.payload
        UNION ALL
        SELECT f.n, replace(step.text, f.old_id, f.keep_id) FROM step JOIN cycle_fold f ON f.n = step.n + 1
    ) SELECT text FROM step ORDER BY n DESC LIMIT 1
) WHERE EXISTS (SELECT 1 FROM cycle_fold WHERE instr(trash.payload, old_id) > 0);
DELETE FROM cycles WHERE id IN (SELECT old_id FROM cycle_fold);
DROP TABLE temp.cycle_fold;
CREATE UNIQUE INDEX IF NOT EXISTS cycles_once ON cycles(starts_on, ends_on);
"""


MIGRATIONS: list[str] = [
    _V1_TABLES + _search_triggers(),
    _V2_TRASH,
    _v3_plain_tokens(),
    _V4_UNIQUE_LINKS,
    _v5_one_cycle_per_year(),
    v6_sync(),
    V7_SMART_GOALS,
    component_links(),
    V9_CHANGE_ORDER,
    groups_migration(),
    sessions_led(),
    COLLEAGUE_ITEMS,  # colleagues' items from the group repositories (rebuilt, never synced)
]

if len(MIGRATIONS) != SCHEMA_VERSION:  # a new migration raises the version in fileformat too
    raise ImportError(f"{len(MIGRATIONS)} migrations, but fileformat.SCHEMA_VERSION is {SCHEMA_VERSION}")

# Tables a JSON export carries, in the record model's order (never breaks a foreign key on import).
EXPORT_TABLES: tuple[str, ...] = TABLE_ORDER
WITHOUT_ROWID = frozenset(
    {"goal_outcomes", "activity_goals", "share_goals", "reflection_tags"}
    | {"evidence_components", "reflection_components", "activity_components"}
)

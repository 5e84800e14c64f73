"""Collect what a portfolio shows, for one scope, with private records filtered out.

Exports (Markdown now, HTML later) render from this one structure, so scope and privacy
rules live in one place.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from ilearn_tui.store.journal import Journal

Row = dict[str, Any]


@dataclass
class Scope:
    cycle_id: str | None = None
    goal_id: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    include_private: bool = False


@dataclass
class Portfolio:
    teacher: str
    role: str
    school: str
    cycles: list[Row]
    visions: list[Row]
    outcomes: list[Row]
    interests: list[Row]
    goals: list[Row]
    questions: list[Row]
    activities: list[Row]
    innovations: list[Row]
    evidence: list[Row]
    checks: list[Row]
    shares: list[Row]
    reflections: list[Row]
    scope: Scope
    left_out: int = 0
    redactions: dict[str, int] = field(default_factory=dict)

    @property
    def record_lists(self) -> tuple[list[Row], ...]:
        """Every list of records but the reflections, which are most of a big journal and hot-looped."""
        return (
            self.cycles,
            self.visions,
            self.outcomes,
            self.interests,
            self.goals,
            self.questions,
            self.activities,
            self.innovations,
            self.evidence,
            self.checks,
            self.shares,
        )

    def vision_heading(self, vision: Row) -> str:
        """"My vision", named by its cycle when the portfolio holds more than one."""
        if len(self.visions) < 2:
            return "My vision"
        title = next((c["title"] for c in self.cycles if c["id"] == vision["cycle_id"]), "")
        return f"My vision, {title}" if title else "My vision"

    @property
    def date_range(self) -> tuple[str, str]:
        if self.scope.date_from or self.scope.date_to:
            return self.scope.date_from or "…", self.scope.date_to or "…"
        if self.cycles:
            return min(c["starts_on"] for c in self.cycles), max(c["ends_on"] for c in self.cycles)
        return "", ""


def _select(conn: sqlite3.Connection, sql: str, params: list[Any]) -> list[Row]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


# The free-text facts a goal shows under its title, in every format.
GOAL_FACTS = (("Why", "why"), ("Skills", "skills"), ("Success looks like", "success_indicators"))


# Reflections are most of a big journal: only the columns a portfolio shows are read.
_REFLECTION_COLUMNS = ("id", "date", "title", "body", "stage", "private")


def _reflections(
    conn: sqlite3.Connection, sql: str, params: list[Any], *, keep_private: bool
) -> tuple[list[Row], int]:
    """Reflections in scope with their tags, and how many private ones were left out.

    Built from plain tuples in one pass over the table, so 50,000 rows stay quick; hidden
    characters are made visible in the same pass rather than in a second walk over them all.
    """
    from ilearn_tui.portfolio.sanitize import clean

    sql = sql.replace("SELECT *", "SELECT " + ", ".join(_REFLECTION_COLUMNS), 1)
    tags: dict[str, list[str]] = {}
    for rid, name in conn.execute(
        "SELECT rt.reflection_id, t.name FROM reflection_tags rt JOIN tags t ON t.id = rt.tag_id"
    ):
        tags.setdefault(rid, []).append(clean(name))
    none: list[str] = []
    rows = []
    hidden = 0
    for rid, day, title, body, stage, private in conn.execute(sql, params):
        if private and not keep_private:
            hidden += 1
            continue
        found = tags.get(rid, none)
        rows.append(
            {
                "id": rid,
                "date": day,
                "title": clean(title),
                "body": clean(body),
                "stage": stage,
                "tags": sorted(found, key=str.lower) if len(found) > 1 else list(found),
            }
        )
    return rows, hidden


def gather(journal: Journal, scope: Scope) -> Portfolio:
    conn = journal.conn
    cycle_clause, cycle_params = ("WHERE cycle_id = ?", [scope.cycle_id]) if scope.cycle_id else ("", [])

    def dated(
        table: str, extra: str = "", *, by_cycle: bool = True, order: str = "date, created_at"
    ) -> tuple[str, list[Any]]:
        clauses = [c for c in (cycle_clause.removeprefix("WHERE "),) if c and by_cycle]
        params: list[Any] = list(cycle_params) if by_cycle else []
        if scope.date_from:
            clauses.append("date >= ?")
            params.append(scope.date_from)
        if scope.date_to:
            clauses.append("date <= ?")
            params.append(scope.date_to)
        if extra:
            clauses.append(extra)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        return f"SELECT * FROM {table}{where} ORDER BY {order}", params

    cycles = _select(
        conn,
        "SELECT * FROM cycles" + (" WHERE id = ?" if scope.cycle_id else "") + " ORDER BY starts_on",
        cycle_params,
    )
    goals = _select(conn, f"SELECT * FROM goals {cycle_clause} ORDER BY created_at", cycle_params)
    if scope.goal_id:
        goals = [g for g in goals if g["id"] == scope.goal_id]
    goal_ids = {g["id"] for g in goals}
    questions = [
        q
        for q in _select(conn, "SELECT * FROM questions ORDER BY created_at", [])
        if q["goal_id"] in goal_ids
    ]
    activities = _select(conn, *dated("activities"))
    by_activity: dict[str, list[str]] = {}
    for activity_id, goal_id in conn.execute("SELECT activity_id, goal_id FROM activity_goals"):
        by_activity.setdefault(activity_id, []).append(goal_id)
    for activity in activities:
        activity["goal_ids"] = by_activity.get(activity["id"], [])
    evidence = _select(conn, *dated("evidence"))
    # Checks have no cycle of their own: they belong to the cycle of their goal.
    checks = [c for c in _select(conn, *dated("checks", by_cycle=False)) if c["goal_id"] in goal_ids]
    shares = _select(conn, *dated("shares"))
    left_out = 0
    if not scope.include_private:
        before = len(evidence)
        evidence = [e for e in evidence if not e["student_info"]]
        left_out = before - len(evidence)
    # Private reflections are skipped while reading (not counted by a second scan of the table).
    # The journal's own order, which its (date, time) index gives without a sort.
    reflections, hidden = _reflections(
        conn, *dated("reflections", order="date, time, rowid"), keep_private=scope.include_private
    )
    left_out += hidden
    if scope.goal_id:
        activities = [a for a in activities if scope.goal_id in a["goal_ids"]]
        evidence = [e for e in evidence if e["goal_id"] == scope.goal_id]
        linked = {
            r[0]
            for r in conn.execute(
                "SELECT reflection_id FROM reflection_links WHERE goal_id = ?", (scope.goal_id,)
            )
        }
        reflections = [r for r in reflections if r["id"] in linked]
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    return Portfolio(
        teacher=meta.get("teacher_name", ""),
        role=meta.get("teacher_role", ""),
        school=meta.get("school", ""),
        cycles=cycles,
        visions=_select(conn, f"SELECT * FROM visions {cycle_clause}", cycle_params),
        outcomes=_select(conn, f"SELECT * FROM outcomes {cycle_clause} ORDER BY position", cycle_params),
        interests=_select(conn, f"SELECT * FROM interests {cycle_clause} ORDER BY created_at", cycle_params),
        goals=goals,
        questions=questions,
        activities=activities,
        innovations=_select(
            conn, f"SELECT * FROM innovations {cycle_clause} ORDER BY created_at", cycle_params
        ),
        evidence=evidence,
        checks=checks,
        shares=shares,
        reflections=reflections,
        scope=scope,
        left_out=left_out,
    )

"""Goals, research questions, learning activities and the other records of a cycle."""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Mapping
from datetime import date

from ilearn_tui.domain import text as rules
from ilearn_tui.domain import vocab
from ilearn_tui.domain.records import Activity, Goal, Question
from ilearn_tui.errors import UsageError
from ilearn_tui.store.journal import Journal, new_id, now_stamp
from ilearn_tui.store.rows import records, select_list


def insert_row(conn: sqlite3.Connection, table: str, values: Mapping[str, object]) -> str:
    """Insert one record with a fresh id and time stamps (inside the caller's transaction)."""
    row = dict(values)
    row.setdefault("id", new_id())
    stamp = now_stamp()
    row.setdefault("created_at", stamp)
    row.setdefault("updated_at", stamp)
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    conn.execute(f"INSERT INTO {table}({columns}) VALUES ({marks})", list(row.values()))
    return str(row["id"])


def clean_title(text: str, noun: str) -> str:
    """A record's title by the one title rule, refused as a usage error."""
    try:
        return rules.clean_title(text, noun)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def check_amount(value: float | None, name: str) -> float:
    if value is None:
        return 0.0
    if math.isnan(value) or math.isinf(value) or value < 0:
        raise UsageError(f"{name} must be a number of 0 or more, not {value}")
    if value > 10_000:
        raise UsageError(f"{name} of {value:g} is not believable for one activity")
    return float(value)


# --- goals ------------------------------------------------------------------------------
def add_goal(
    journal: Journal,
    title: str,
    *,
    questions: list[str] | None = None,
    why: str = "",
    target_date: str | None = None,
    cycle_id: str | None = None,
    smart: dict[str, str | None] | None = None,
) -> str:
    """A goal with its research questions; ``smart`` holds its kind, baseline, target, measure."""
    title = clean_title(title, "goal")
    texts = [" ".join(q.split()) for q in questions or []]
    if any(not q for q in texts):
        raise UsageError("a research question cannot be empty")
    cycle_id = cycle_id or journal.cycle_for(date.today().isoformat())
    with journal.write() as conn:
        goal_id = insert_row(
            conn,
            "goals",
            {"cycle_id": cycle_id, "title": title, "why": why, "target_date": target_date, **(smart or {})},
        )
        for text in texts:
            insert_row(conn, "questions", {"goal_id": goal_id, "text": text})
    return goal_id


def find_goal(journal: Journal, ref: str) -> str:
    return journal.resolve("goals", ref, "title", "goal")


def list_goals(journal: Journal, cycle_id: str | None = None) -> list[Goal]:
    sql = f"SELECT {select_list(Goal)} FROM goals"
    params: list[object] = []
    if cycle_id:
        sql += " WHERE cycle_id = ?"
        params.append(cycle_id)
    goals = list(records(Goal, journal.conn.execute(sql + " ORDER BY created_at", params)))
    by_id = {g.id: g for g in goals}
    questions = journal.conn.execute(f"SELECT {select_list(Question)} FROM questions ORDER BY created_at")
    for question in records(Question, questions):
        goal = by_id.get(question.goal_id)
        if goal is not None:
            goal.questions.append(question)
    return goals


# --- activities -------------------------------------------------------------------------
def add_activity(
    journal: Journal,
    type_: str,
    title: str,
    *,
    day: str | None = None,
    hours: float | None = None,
    credits: float | None = None,
    goal_ids: list[str] | None = None,
    role: str = "attended",
    status: str | None = None,
    provider: str = "",
    topic: str = "",
    notes: str = "",
    attendees: int | None = None,
    spun_off_from: str | None = None,
) -> str:
    """Without a status an activity is done once its day has come, planned while it lies ahead."""
    if type_ not in vocab.ACTIVITY_TYPES:
        raise UsageError(f"unknown activity type {type_!r}; see 'ilearn log --types' for the list")
    if role not in vocab.ACTIVITY_ROLES:
        raise UsageError(f"role must be one of {', '.join(vocab.ACTIVITY_ROLES)}")
    title = clean_title(title, "activity")
    day = day or date.today().isoformat()
    status = status or rules.default_status(day)
    if status not in vocab.ACTIVITY_STATUSES:
        raise UsageError(f"status must be one of {', '.join(vocab.ACTIVITY_STATUSES)}")
    values = {
        "cycle_id": journal.cycle_for(day),
        "type": type_,
        "title": title,
        "date": day,
        "hours": check_amount(hours, "hours"),
        "credits": check_amount(credits, "credits"),
        "role": role,
        "status": status,
        "provider": provider,
        "topic": topic,
        "notes": notes,
        "attendees": attendees,
        "spun_off_from": spun_off_from,
    }
    with journal.write() as conn:
        activity_id = insert_row(conn, "activities", values)
        for goal_id in goal_ids or []:
            conn.execute(
                "INSERT INTO activity_goals(activity_id, goal_id) VALUES (?, ?)",
                (activity_id, goal_id),
            )
    return activity_id


def list_activities(journal: Journal, cycle_id: str | None = None) -> list[Activity]:
    sql = f"SELECT {select_list(Activity)} FROM activities"
    params: list[object] = []
    if cycle_id:
        sql += " WHERE cycle_id = ?"
        params.append(cycle_id)
    return list(records(Activity, journal.conn.execute(sql + " ORDER BY date", params)))

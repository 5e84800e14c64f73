"""Builds the demo journal from ``teacher.toml``, through the store's bulk-write path.

The content is written as if for a full school year and then placed on real days: the
previous year keeps its dates, while the current year's finished work is squeezed into the
days up to ``today`` and its planned work into the days after, so the demo never shows
finished work in the future whatever day it is opened. Everything is fixed data, so the
same ``today`` always gives the same journal.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path

from ilearn_tui.demo.content import Content, DemoContentError, Record, load_content
from ilearn_tui.domain import sessions
from ilearn_tui.domain.model import ACTIVITY
from ilearn_tui.domain.text import school_year_bounds
from ilearn_tui.errors import UsageError
from ilearn_tui.settings import load_settings, save_settings
from ilearn_tui.store.bulk import BulkWriter, bulk_write
from ilearn_tui.store.evidence import store_file
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.overview import is_empty

MonthDay = tuple[int, int]
StoredFile = tuple[str, str, int]  # stored name, sha256, size
# Link kinds of a reflection, and the column of reflection_links each fills.
_LINK_COLUMNS = {
    "goals": "goal_id",
    "questions": "question_id",
    "activities": "activity_id",
    "evidence": "evidence_id",
}


class _Year:
    """Places a cycle's template dates (written as a whole school year) on real days."""

    def __init__(self, start: date, end: date, today: date | None) -> None:
        self.start, self.end, self.today = start, end, today

    def _template(self, md: MonthDay) -> date:
        month, day = md
        return date(self.start.year if month >= 8 else self.start.year + 1, month, day)

    def done(self, md: MonthDay) -> date:
        """Past work; in the current year it is squeezed into the days up to today."""
        real = self._template(md)
        if self.today is None:
            return real
        total = (self.end - self.start).days
        elapsed = (self.today - self.start).days
        return self.start + timedelta(days=(real - self.start).days * elapsed // total)

    def planned(self, md: MonthDay) -> date:
        """Future work keeps its date while that is still ahead; otherwise it moves after today."""
        real = self._template(md)
        if self.today is None or real > self.today:
            return real
        span = (self.end - self.today).days
        if span <= 0:
            return self.end
        offset = (real - self.start).days
        return self.today + timedelta(days=1 + offset * (span - 1) // (self.end - self.start).days)

    def target(self, md: MonthDay) -> date:
        return self._template(md)


class _Builder:
    """Writes the demo in one bulk write, remembering each record's id by its short key."""

    def __init__(self, bulk: BulkWriter, content: Content, years: dict[str, _Year], today: date) -> None:
        self.bulk, self.content, self.years, self.today = bulk, content, years, today
        self.ids: dict[str, str] = {}
        self.cycle_ids: dict[str, str] = {}
        self._seq = 0

    def insert(self, table: str, values: Mapping[str, object], day: date, time: str = "08:00") -> str:
        """Stamp records with the day they were written, so the demo reads like a real history."""
        from ilearn_tui.domain.validation import check_row

        self._seq += 1
        stamp = f"{min(day, self.today).isoformat()}T{time}:00.{self._seq:06d}+00:00"
        row = {**values, "created_at": stamp, "updated_at": stamp}
        # The record model has the last word on every value, as it does for an import.
        problem = check_row(table, {"id": f"demo-{self._seq}", **row})
        if problem:
            raise DemoContentError(f"{table}: {problem}")
        return self.bulk.insert(table, row)

    def id_of(self, key: str, where: str) -> str:
        """The id of the record the data file calls ``key``; a wrong name is the file's mistake."""
        if key not in self.ids:
            raise DemoContentError(f"{where}: no record has the key {key!r}")
        return self.ids[key]

    def optional_id(self, key: str, where: str) -> str | None:
        return self.id_of(key, where) if key else None

    def link(self, table: str, values: Mapping[str, object]) -> None:
        self.bulk.link(table, values)

    def rows(self, section: str) -> list[tuple[str, Record]]:
        return [(f"{section} #{n}", row) for n, row in enumerate(self.content.sections[section], 1)]

    def build(self, files: dict[str, StoredFile]) -> None:
        teacher = self.content.teacher
        for meta, key in (("teacher_name", "name"), ("teacher_role", "role"), ("school", "school")):
            self.bulk.set_meta(meta, teacher[key])
        for mark, year in self.years.items():
            _, _, title = school_year_bounds(year.start)
            span = {"starts_on": year.start.isoformat(), "ends_on": year.end.isoformat()}
            self.cycle_ids[mark] = self.insert("cycles", {"title": title, **span}, year.start)
            vision = {"body": self.content.vision[mark], "school_mission": teacher["mission"]}
            self.insert("visions", {"cycle_id": self.cycle_ids[mark], **vision}, year.done((8, 20)))
        for mark, year in self.years.items():
            mine = [row for _, row in self.rows("outcomes") if row["year"] == mark]
            for position, row in enumerate(mine):
                values = {
                    "cycle_id": self.cycle_ids[mark],
                    "text": row["text"],
                    "kind": row["kind"],
                    "position": position,
                }
                self.ids[row["key"]] = self.insert("outcomes", values, year.done((8, 20)))
        for _, row in self.rows("interests"):
            values = {"cycle_id": self.cycle_ids[row["year"]], "kind": row["kind"], "text": row["text"]}
            self.insert("interests", values, self.years[row["year"]].done((8, 25)))
        self._goals()
        self._activities()
        self._innovations()
        self._evidence(files)
        self._checks()
        self._shares()
        self._reflections()

    def _goals(self) -> None:
        for where, row in self.rows("goals"):
            year = self.years[row["year"]]
            values = {
                "cycle_id": self.cycle_ids[row["year"]],
                "title": row["title"],
                "why": row["why"],
                "skills": row["skills"],
                "success_indicators": row["success_indicators"],
                "target_date": year.target(row["target"]).isoformat(),
                "status": row["status"],
            }
            goal_id = self.ids[row["key"]] = self.insert("goals", values, year.done((8, 29)))
            for outcome in row["outcomes"]:
                self.link("goal_outcomes", {"goal_id": goal_id, "outcome_id": self.id_of(outcome, where)})
            for question in row["questions"]:
                values = {"goal_id": goal_id, "text": question["text"]}
                self.ids[question["key"]] = self.insert("questions", values, year.done((8, 29)))

    def _activities(self) -> None:
        for where, row in self.rows("activities"):
            year = self.years[row["year"]]
            day = year.done(row["date"]) if row["status"] == "done" else year.planned(row["date"])
            values: dict[str, object] = {
                "cycle_id": self.cycle_ids[row["year"]],
                "date": day.isoformat(),
                **{
                    name: row[name]
                    for name in (
                        "type",
                        "title",
                        "hours",
                        "credits",
                        "provider",
                        "role",
                        "status",
                        "notes",
                        "link",
                        "topic",
                    )
                },
                "collaborators": row["collaborators"],
                "attendees": row["attendees"],
                "spun_off_from": self.optional_id(row["spun_off_from"], where),
            }
            refused = sessions.only_for_sessions(row["role"], row)
            if refused:
                raise DemoContentError(f"{where}: {next(iter(refused))} is {refused[next(iter(refused))]}")
            activity_id = self.ids[row["key"]] = self.insert("activities", values, day)
            for goal in row["goals"]:
                self.link("activity_goals", {"activity_id": activity_id, "goal_id": self.id_of(goal, where)})
            for lines in ACTIVITY.lines:
                for position, text in enumerate(row[lines.name]):
                    line = {
                        "activity_id": activity_id,
                        "part": lines.part,
                        "text": text,
                        "position": position,
                    }
                    self.insert(lines.table, line, day)

    def _innovations(self) -> None:
        for where, row in self.rows("innovations"):
            day = self.years[row["year"]].done(row["started"])
            values = {
                "cycle_id": self.cycle_ids[row["year"]],
                "question_id": self.id_of(row["question"], where),
                **{
                    name: row[name]
                    for name in ("kind", "title", "plan", "act", "observe", "reflect", "phase")
                },
                "started_on": day.isoformat(),
            }
            self.ids[row["key"]] = self.insert("innovations", values, day)

    def _evidence(self, files: dict[str, StoredFile]) -> None:
        for where, row in self.rows("evidence"):
            day = self.years[row["year"]].done(row["date"])
            values: dict[str, object] = {
                "cycle_id": self.cycle_ids[row["year"]],
                "title": row["title"],
                "kind": row["kind"],
                "date": day.isoformat(),
                "description": row["description"],
                "student_info": int(row["student_info"]),
                **{
                    f"{link}_id": self.optional_id(row[link], where)
                    for link in ("goal", "question", "activity", "innovation")
                },
            }
            if row["file"]:
                if row["file"] not in files:
                    raise DemoContentError(f"{where}: the file {row['file']!r} is not in [files]")
                name, sha, size = files[row["file"]]
                values.update(file_name=name, sha256=sha, size=size, original_name=row["file"])
            else:
                values["url"] = row["url"]
            self.ids[row["key"]] = self.insert("evidence", values, day)

    def _checks(self) -> None:
        goal_year = {row["key"]: row["year"] for row in self.content.sections["goals"]}
        for where, row in self.rows("checks"):
            day = self.years[goal_year.get(row["goal"], "previous")].done(row["date"])
            values = {
                "goal_id": self.id_of(row["goal"], where),
                "indicator": row["indicator"],
                "rating": row["rating"],
                "value": row["value"],
                "note": row["note"],
                "date": day.isoformat(),
                "evidence_id": self.optional_id(row["evidence"], where),
            }
            self.insert("checks", values, day)

    def _shares(self) -> None:
        for where, row in self.rows("shares"):
            day = self.years[row["year"]].done(row["date"])
            values = {
                "cycle_id": self.cycle_ids[row["year"]],
                **{name: row[name] for name in ("audience", "venue", "title", "link", "notes")},
                "date": day.isoformat(),
            }
            share_id = self.insert("shares", values, day)
            for goal in row["goals"]:
                self.link("share_goals", {"share_id": share_id, "goal_id": self.id_of(goal, where)})

    def _reflections(self) -> None:
        for where, row in self.rows("reflections"):
            day = self.years[row["year"]].done(row["date"])
            values = {
                "cycle_id": self.cycle_ids[row["year"]],
                "date": day.isoformat(),
                **{name: row[name] for name in ("time", "title", "body", "stage")},
                "private": int(row["private"]),
                "starred": int(row["starred"]),
            }
            reflection_id = self.insert("reflections", values, day, row["time"])
            self.bulk.set_tags(reflection_id, row["tags"])
            for kind, keys in row["links"].items():
                for key in keys:
                    target = {_LINK_COLUMNS[kind]: self.id_of(key, where)}
                    self.link("reflection_links", {"reflection_id": reflection_id, **target})


def demo_renewal(today: date) -> dict[str, object]:
    """The demo teacher's licence renewal: Massachusetts, five years from last school year."""
    previous_start, _, _ = school_year_bounds(school_year_bounds(today)[0] - timedelta(days=1))
    return {"preset": "MA", "start": previous_start.isoformat()}


def build_demo(journal: Journal, *, today: date | None = None, content: Content | None = None) -> None:
    """Fill an empty journal with two school years of a fictional teacher's learning.

    Refuses a journal that already holds anything, so a slip can never mix the demo into
    a teacher's real records.
    """
    if not is_empty(journal):
        raise UsageError("the demo can only be built in an empty journal")
    content = content or load_content()
    today = today or date.today()
    start, end, _ = school_year_bounds(today)
    previous_start, previous_end, _ = school_year_bounds(start - timedelta(days=1))
    years = {"previous": _Year(previous_start, previous_end, None), "current": _Year(start, end, today)}
    with tempfile.TemporaryDirectory(prefix="ilearn-demo-files-") as folder:
        files: dict[str, StoredFile] = {}
        for name, text in content.files.items():
            source = Path(folder) / name
            source.write_text(text, encoding="utf-8")
            files[name] = store_file(source, journal.locations.evidence_dir)
    with bulk_write(journal) as bulk:
        _Builder(bulk, content, years, today).build(files)
    settings = load_settings(journal.locations)
    settings.renewal = demo_renewal(today)
    save_settings(journal.locations, settings)

"""SQLModel declarations of the journal's tables.

The schema itself is created by the SQL migrations in ``schema.py`` (so that opening a journal
never pays for importing the ORM); these classes describe the same tables and are used to
validate records arriving from outside — a JSON import — before any of them is written.
A test keeps them in step with the migrated schema.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import AfterValidator
from sqlmodel import Field, SQLModel


def _iso_day(value: str) -> str:
    try:
        if len(value) != 10:
            raise ValueError
        date.fromisoformat(value)
    except ValueError:
        raise ValueError("not a real YYYY-MM-DD date") from None
    return value


Day = Annotated[str, AfterValidator(_iso_day)]


class _Stamped(SQLModel):
    id: str = Field(primary_key=True, min_length=1, max_length=64)
    created_at: str = Field(min_length=1)
    updated_at: str = Field(min_length=1)


class CycleRow(_Stamped, table=True):
    __tablename__ = "cycles"
    title: str = Field(min_length=1)
    starts_on: Day
    ends_on: Day


class VisionRow(_Stamped, table=True):
    __tablename__ = "visions"
    cycle_id: str = Field(foreign_key="cycles.id")
    body: str = ""
    school_mission: str = ""


class OutcomeRow(_Stamped, table=True):
    __tablename__ = "outcomes"
    cycle_id: str = Field(foreign_key="cycles.id")
    text: str = Field(min_length=1)
    kind: str
    position: int = 0


class InterestRow(_Stamped, table=True):
    __tablename__ = "interests"
    cycle_id: str = Field(foreign_key="cycles.id")
    kind: str
    text: str = Field(min_length=1)


class GoalRow(_Stamped, table=True):
    __tablename__ = "goals"
    cycle_id: str = Field(foreign_key="cycles.id")
    title: str = Field(min_length=1)
    why: str = ""
    skills: str = ""
    success_indicators: str = ""
    target_date: Day | None = None
    status: str = "open"


class GoalOutcomeRow(SQLModel, table=True):
    __tablename__ = "goal_outcomes"
    goal_id: str = Field(primary_key=True, foreign_key="goals.id")
    outcome_id: str = Field(primary_key=True, foreign_key="outcomes.id")


class QuestionRow(_Stamped, table=True):
    __tablename__ = "questions"
    goal_id: str = Field(foreign_key="goals.id")
    text: str = Field(min_length=1)


class ActivityRow(_Stamped, table=True):
    __tablename__ = "activities"
    cycle_id: str = Field(foreign_key="cycles.id")
    type: str = Field(min_length=1)
    title: str = Field(min_length=1)
    date: Day
    hours: float = Field(default=0, ge=0)
    credits: float = Field(default=0, ge=0)
    topic: str = ""
    provider: str = ""
    collaborators: str = ""
    link: str = ""
    role: str = "attended"
    status: str = "done"
    notes: str = ""


class ActivityGoalRow(SQLModel, table=True):
    __tablename__ = "activity_goals"
    activity_id: str = Field(primary_key=True, foreign_key="activities.id")
    goal_id: str = Field(primary_key=True, foreign_key="goals.id")


class InnovationRow(_Stamped, table=True):
    __tablename__ = "innovations"
    cycle_id: str = Field(foreign_key="cycles.id")
    question_id: str | None = Field(default=None, foreign_key="questions.id")
    kind: str = "action research"
    title: str = Field(min_length=1)
    plan: str = ""
    act: str = ""
    observe: str = ""
    reflect: str = ""
    phase: str = "plan"
    started_on: Day | None = None


class EvidenceRow(_Stamped, table=True):
    __tablename__ = "evidence"
    cycle_id: str = Field(foreign_key="cycles.id")
    title: str = Field(min_length=1)
    kind: str = "document"
    date: Day
    description: str = ""
    url: str = ""
    file_name: str = Field(default="", schema_extra={"pattern": r"^([0-9a-f]{64}(\.[a-z0-9]{1,10})?)?$"})
    original_name: str = ""
    sha256: str = ""
    size: int = Field(default=0, ge=0)
    student_info: int = Field(default=0, ge=0, le=1)
    goal_id: str | None = Field(default=None, foreign_key="goals.id")
    question_id: str | None = Field(default=None, foreign_key="questions.id")
    activity_id: str | None = Field(default=None, foreign_key="activities.id")
    innovation_id: str | None = Field(default=None, foreign_key="innovations.id")


class CheckRow(_Stamped, table=True):
    __tablename__ = "checks"
    goal_id: str = Field(foreign_key="goals.id")
    indicator: str
    rating: int | None = Field(default=None, ge=1, le=5)
    value: float | None = None
    note: str = ""
    date: Day
    evidence_id: str | None = Field(default=None, foreign_key="evidence.id")


class ShareRow(_Stamped, table=True):
    __tablename__ = "shares"
    cycle_id: str = Field(foreign_key="cycles.id")
    audience: str
    venue: str = ""
    title: str = Field(min_length=1)
    date: Day
    link: str = ""
    notes: str = ""


class ShareGoalRow(SQLModel, table=True):
    __tablename__ = "share_goals"
    share_id: str = Field(primary_key=True, foreign_key="shares.id")
    goal_id: str = Field(primary_key=True, foreign_key="goals.id")


class ReflectionRow(_Stamped, table=True):
    __tablename__ = "reflections"
    cycle_id: str | None = Field(default=None, foreign_key="cycles.id")
    date: Day
    time: str = ""
    title: str = ""
    body: str = Field(min_length=1)
    stage: int | None = Field(default=None, ge=1, le=5)
    private: int = Field(default=0, ge=0, le=1)
    starred: int = Field(default=0, ge=0, le=1)


class ReflectionLinkRow(SQLModel, table=True):
    __tablename__ = "reflection_links"
    rowid: int | None = Field(default=None, primary_key=True)
    reflection_id: str = Field(foreign_key="reflections.id")
    goal_id: str | None = Field(default=None, foreign_key="goals.id")
    question_id: str | None = Field(default=None, foreign_key="questions.id")
    activity_id: str | None = Field(default=None, foreign_key="activities.id")
    evidence_id: str | None = Field(default=None, foreign_key="evidence.id")


class DraftRow(_Stamped, table=True):
    __tablename__ = "drafts"
    target: str = ""
    title: str = ""
    body: str


# Tables in the order they can be filled without breaking a foreign key.
ORDERED: tuple[type[SQLModel], ...] = (
    CycleRow,
    VisionRow,
    OutcomeRow,
    InterestRow,
    GoalRow,
    GoalOutcomeRow,
    QuestionRow,
    ActivityRow,
    ActivityGoalRow,
    InnovationRow,
    EvidenceRow,
    CheckRow,
    ShareRow,
    ShareGoalRow,
    ReflectionRow,
    ReflectionLinkRow,
    DraftRow,
)


def columns_of(model: type[SQLModel]) -> list[str]:
    return [name for name in model.model_fields if name != "rowid"]

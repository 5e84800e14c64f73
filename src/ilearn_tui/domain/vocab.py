"""The fixed vocabularies of the model, shared by the store, the command line and the screens."""

from __future__ import annotations

STAGES: dict[int, str] = {
    1: "Imagine",
    2: "Inspire",
    3: "Illuminate",
    4: "Innovate",
    5: "Infiltrate",
}

OUTCOME_KINDS = ("knowledge", "habit of mind", "disposition", "21st-century skill")
INTEREST_KINDS = ("learn", "share")
GOAL_STATUSES = ("open", "in progress", "achieved", "dropped")
# SMART(IE) goals in an educator evaluation (Massachusetts asks for one of each per cycle).
GOAL_KINDS = ("student-learning", "professional-practice")

# Kinds of support a teacher can find in the Illuminate stage, with a short label for lists.
ACTIVITY_TYPES: dict[str, str] = {
    "coaching": "Peer coaching",
    "rounds": "Instructional rounds",
    "workshop": "Workshop (teacher-led or external)",
    "video": "Video reflection",
    "walk": "Learning walk",
    "book": "Book study",
    "chat": "Social-media chat",
    "course": "Online or university course",
    "resource": "Online resource (article, video, podcast)",
    "plc": "Professional learning community",
    "edcamp": "EdCamp / unconference",
    "conference": "Conference",
    "mini": "Mini-session",
    "cohort": "Cohort",
    "other": "Other",
}
# Short names for charts and narrow columns.
ACTIVITY_SHORT: dict[str, str] = {
    "coaching": "Coaching",
    "rounds": "Rounds",
    "workshop": "Workshop",
    "video": "Video",
    "walk": "Learning walk",
    "book": "Book study",
    "chat": "Chat",
    "course": "Course",
    "resource": "Resource",
    "plc": "PLC",
    "edcamp": "EdCamp",
    "conference": "Conference",
    "mini": "Mini-session",
    "cohort": "Cohort",
    "other": "Other",
}
ACTIVITY_ROLES = ("attended", "facilitated")
ACTIVITY_STATUSES = ("planned", "done")
# What a session the teacher led keeps, a line each: who led it with her, what people said, what was used.
SESSION_PARTS = ("co-facilitator", "feedback", "material")

INNOVATION_KINDS = ("action research", "curriculum", "global connection", "technology", "passion project")
INNOVATION_PHASES = ("plan", "act", "observe", "reflect")

EVIDENCE_KINDS = (
    "student work",
    "lesson plan",
    "photo",
    "video",
    "data",
    "certificate",
    "feedback",
    "document",
    "link",
    "other",
)

INDICATOR_KINDS = (
    "student achievement",
    "instructional practice",
    "student engagement",
    "21st-century skills",
    "other",
)
SHARE_AUDIENCES = ("local", "global")


def stage_number(text: str) -> int:
    """Accept a stage as its number (``3``) or its name in any case (``illuminate``)."""
    cleaned = text.strip().lower()
    if cleaned.isdigit() and int(cleaned) in STAGES:
        return int(cleaned)
    for number, name in STAGES.items():
        if name.lower() == cleaned:
            return number
    raise ValueError(
        f"unknown stage {text!r}: use 1-5 or one of " + ", ".join(n.lower() for n in STAGES.values())
    )

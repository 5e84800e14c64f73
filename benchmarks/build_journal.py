"""Build a large, deterministic ilearn journal (and the same reflections as a jrnl file).

The text is made from seeded sentence templates whose slots are filled from word lists with
Zipf-like weights, so a few words are everywhere and most are rare, as in a real journal.
Everything (ids, dates, time stamps, text) comes from one seeded generator: the same
``entries`` and ``seed`` always give the same records.

    python benchmarks/build_journal.py HOME --entries 50000 [--jrnl FILE] [--seed N]

The journal is written through the app's own ``open_journal`` (which creates the schema) and
the store's bulk-write path, in one transaction; the FTS index is filled by the schema's own
triggers, exactly as when a teacher writes entries one by one.
"""

from __future__ import annotations

import argparse
import bisect
import random
import re
import string
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

from ilearn_tui import locations
from ilearn_tui.dates import school_year_bounds
from ilearn_tui.domain import vocab
from ilearn_tui.store.bulk import bulk_write
from ilearn_tui.store.journal import open_journal

FIRST_SCHOOL_YEAR = 2005  # 20 school years: 2005–06 … 2024–25
SCHOOL_YEARS = 20
DEFAULT_SEED = 20050801

# --- word lists (order = frequency rank: earlier items are drawn far more often) ----------------
# fmt: off
WORDS: dict[str, list[str]] = {
    "time": [
        "today", "this morning", "this afternoon", "yesterday", "on Monday", "after lunch",
        "this week", "on Friday", "before the break", "in the last lesson", "on Tuesday",
        "on Thursday", "on Wednesday", "during the double lesson", "first thing",
    ],
    "period": [
        "period 3", "period 1", "period 2", "period 4", "period 5", "period 6", "first block",
        "second block", "homeroom", "advisory", "tutor time", "the double lesson", "period 7",
        "the last lesson of the day", "the lab session", "the library lesson",
    ],
    "group": [
        "my Year 9 group", "the seventh graders", "the eighth graders", "my tutor group",
        "the top set", "grade 4", "the sixth formers", "my Year 10 class", "the intervention group",
        "the new arrivals", "grade 5", "the exam class", "my Year 8 group", "the ninth graders",
        "the reading group", "the robotics club", "my Year 11 class", "the transition group",
    ],
    "subject": [
        "maths", "English", "science", "history", "algebra", "biology", "geography", "reading",
        "writing", "chemistry", "physics", "Spanish", "French", "art", "music", "civics",
        "economics", "statistics", "computer science", "drama", "geometry", "literature",
        "earth science", "phonics", "PE",
    ],
    "strategy": [
        "wait time", "exit tickets", "think-pair-share", "cold calling", "mini whiteboards",
        "retrieval practice", "success criteria", "peer feedback", "worked examples",
        "low-stakes quizzes", "turn and talk", "sentence stems", "self-assessment", "hinge questions",
        "a gallery walk", "a jigsaw", "station rotation", "a Socratic seminar", "number talks",
        "spaced practice", "interleaving", "learning intentions", "reciprocal teaching",
        "graphic organisers", "choice boards", "a flipped lesson", "project-based learning",
        "inquiry circles", "restorative circles", "round robin", "a fishbowl discussion",
        "four corners", "concept mapping", "dual coding", "entry tickets", "KWL charts",
        "reading conferences", "writing workshop", "student portfolios", "single-point rubrics",
        "standards-based grading", "student-led conferences", "cooperative learning",
        "differentiated tasks", "scaffolded notes", "close reading", "anchor charts", "brain breaks",
        "group roles", "accountable talk", "error analysis", "thinking routines", "see-think-wonder",
        "claim-evidence-reasoning", "modelling", "guided practice", "goal setting",
        "reflection journals", "peer tutoring", "read-alouds", "choral reading", "lab notebooks",
        "vocabulary walls", "the parking lot", "traffic-light cards", "two stars and a wish",
        "whole-class feedback", "silent debate", "think-alouds", "no-hands-up questioning",
    ],
    "topic": [
        "fractions", "photosynthesis", "linear equations", "persuasive writing", "the water cycle",
        "ratio tables", "plate tectonics", "poetry", "probability", "cell division",
        "the French Revolution", "Macbeth", "simultaneous equations", "the Cold War",
        "chemical bonding", "forces and motion", "place value", "long division", "narrative writing",
        "the solar system", "ecosystems", "the Industrial Revolution", "quadratics", "percentages",
        "evaporation", "electric circuits", "Of Mice and Men", "the Romans", "algebraic expressions",
        "volcanoes", "map reading", "the periodic table", "genetics", "area and perimeter",
        "the civil rights movement", "paragraph structure", "spelling patterns", "acids and bases",
        "Pythagoras", "trigonometry", "the First World War", "climate change", "coding loops",
        "sonnets", "the Tudors", "density", "sound waves", "supply and demand", "verb tenses",
        "rivers", "the Great Gatsby", "magnetism", "symmetry", "data handling", "the Renaissance",
        "inheritance", "rates of reaction", "debate skills", "Romeo and Juliet", "migration",
    ],
    "student": [
        "Amira", "Leo", "Sofia", "Noah", "Priya", "Mateo", "Chloe", "Yusuf", "Hana", "Oliver",
        "Zara", "Ethan", "Aisha", "Lucas", "Mei", "Jonah", "Isla", "Tariq", "Freya", "Diego",
        "Nadia", "Samuel", "Ivy", "Kofi", "Elena", "Ravi", "Maya", "Finn", "Leila", "Tomas",
        "Grace", "Omar", "Ruby", "Hugo", "Anya", "Caleb", "Sienna", "Arjun", "Lottie", "Emeka",
        "Poppy", "Felix", "Yara", "Kai", "Ines", "Malik", "Rosa", "Theo", "Fatima", "Jasper",
    ],
    "colleague": [
        "my coach", "the department head", "our principal", "Ms Okafor", "Mr Lindqvist",
        "the assistant head", "my mentor", "Mrs Haddad", "Mr Brennan", "the SENCO",
        "the librarian", "Ms Ferreira", "Mr Nakamura", "the new teacher next door", "Dr Osei",
        "Ms Kowalski", "our instructional coach", "Mr Adeyemi", "the reading specialist",
        "Ms Delacroix", "the counsellor", "Mr Grant", "the curriculum lead",
    ],
    "adj": [
        "engaged", "restless", "quiet", "curious", "confused", "focused", "chatty", "tired",
        "enthusiastic", "anxious", "distracted", "proud", "unsettled", "calm", "frustrated",
        "confident", "hesitant", "excited", "withdrawn", "talkative", "sleepy", "determined",
        "giggly", "cooperative", "argumentative", "thoughtful", "bored", "lively",
    ],
    "feeling": [
        "tired", "encouraged", "frustrated", "hopeful", "surprised", "rushed", "pleased", "unsure",
        "energised", "drained", "optimistic", "relieved", "disappointed", "grateful", "stretched",
        "motivated", "overwhelmed", "satisfied", "curious", "uneasy",
    ],
    "noun": [
        "seating plan", "homework", "rubric", "lab report", "reading log", "unit test", "quiz",
        "project", "essay", "worksheet", "slides", "timer", "textbook", "manipulatives",
        "laptops", "reading corner", "word bank", "planner", "mark scheme", "exemplar",
        "checklist", "starter task", "plenary", "knowledge organiser", "vocabulary list",
        "practice paper", "journal prompt", "feedback sheet", "group contract", "tracker",
    ],
    "result": [
        "more hands went up", "the discussion stalled", "three students finished early",
        "nobody asked for help", "the noise level dropped", "the quieter students spoke up",
        "we ran out of time", "the room went silent", "most answers were still wrong",
        "the questions got deeper", "two groups went off task", "everyone had something to write",
        "the misconceptions came out quickly", "the pace felt right for once",
        "students explained their thinking", "the same five students did all the talking",
        "the transitions were smoother", "the instructions confused half the class",
        "the stronger readers helped the others", "the energy dipped after ten minutes",
        "students asked for more practice", "the exit tickets were mostly correct",
    ],
    "next": [
        "try it again with smaller groups", "model the first example", "give clearer success criteria",
        "shorten the instructions", "check in with {student}", "plan better questions",
        "slow down the first part", "write the steps on the board", "prepare an extension task",
        "ask {colleague} to observe", "revisit {topic} on Monday", "use {strategy} earlier",
        "collect the {noun} at the door", "re-teach {topic}", "build in more wait time",
        "set up {strategy} properly", "share this with the department", "call home about {student}",
        "keep a tally of who answers", "print the {noun} in colour", "start with a retrieval quiz",
    ],
    "book": [
        "Visible Learning", "Teach Like a Champion", "Make It Stick", "Embedded Formative Assessment",
        "The Skillful Teacher", "Mindset", "Understanding by Design", "Why Don't Students Like School",
        "Mindsteps", "Responsive Classroom", "Ambition and Equity", "Rosenshine's Principles in Action",
        "The Art of Coaching", "Reading Reconsidered", "Culturally Responsive Teaching and the Brain",
    ],
    "measure": [
        "participation", "test scores", "homework completion", "attendance", "engagement",
        "the quality of explanations", "reading stamina", "confidence", "written accuracy",
        "attainment in {topic}", "independence", "on-task behaviour",
    ],
    "pattern": [
        "the same gaps in vocabulary", "that students skip the working", "a lot of copying",
        "strong openings and weak conclusions", "confusion about units", "careless sign errors",
        "that feedback was not being read", "real progress since September",
        "that the girls answered less often", "weak use of evidence",
    ],
    "number": [
        "two", "three", "a few", "four", "half the", "most", "five", "six", "several", "ten",
    ],
    "minutes": ["ten", "fifteen", "twenty", "five", "thirty", "forty", "forty-five", "sixty"],
    "seconds": ["three", "five", "four", "seven", "ten"],
    "week": [str(n) for n in range(1, 40)],
}

SENTENCES = [
    "{time} I tried {strategy} with {group} in {period}.",
    "{result}.",
    "{student} seemed {adj} during the work on {topic}.",
    "I need to {next}.",
    "Next time I will {next}.",
    "{colleague} observed {period} and suggested {strategy}.",
    "We spent {minutes} minutes on {topic} and it was not enough.",
    "The {noun} worked better than I expected.",
    "I felt {feeling} after {period}.",
    "{group} responded well to {strategy} but struggled with {topic}.",
    "Exit tickets showed that {number} students still confuse {topic} with {topic2}.",
    "Talked with {colleague} about {strategy}; we agreed to try it in both classes.",
    "Reading {book} this week, and the chapter on {strategy} made me rethink the {noun}.",
    "{student} asked a question about {topic} that I could not answer on the spot.",
    "Our PLC looked at student work on {topic} and noticed {pattern}.",
    "I kept wait time to about {seconds} seconds and {result}.",
    "The lesson on {topic} ran over, so {strategy} got cut.",
    "Behaviour in {period} was {adj}; {result}.",
    "Marking the {noun} took most of the evening.",
    "I want to find out whether {strategy} helps with {topic}.",
    "Question for my research: does {strategy} raise {measure}?",
    "{student} and {student2} worked well together on {topic}.",
    "The fire drill interrupted {period}, so we lost the end of {topic}.",
    "Tried a new {noun} in {subject}; {result}.",
    "{student} was {adj} again, and I am not sure why.",
    "It was a long day.",
    "Not sure this is working yet.",
    "Small win today.",
    "Lots to think about.",
    "I was {feeling} by the end of the week.",
    "Parents of {student} emailed about the {noun}.",
    "In {subject} the class was {adj} and {result}.",
    "{colleague} shared a {noun} for {topic} that I will borrow.",
    "Compared with last year, {group} is ahead on {topic}.",
    "The data on {measure} is starting to move.",
    "I noticed {pattern} in the {noun}.",
    "Used {strategy} as a starter and {result}.",
    "Coaching session with {colleague}: we watched a clip of my {subject} lesson.",
    "Still thinking about what {student} said about {topic}.",
    "My {subject} planning for next week needs {strategy}.",
]

TITLES = [
    "{strategy} in {period}", "{topic} with {group}", "Reflection on {strategy}", "Notes after {period}",
    "PLC on {topic}", "Coaching conversation with {colleague}", "Reading {book}", "A better day in {subject}",
    "Trying {strategy} again", "What went wrong in {period}", "Week {week} notes", "{subject} and {topic}",
    "Thinking about {measure}", "{student} and {topic}", "Feedback from {colleague}", "The {noun} problem",
    "End of term thoughts", "Observation of {period}", "Planning {topic}", "Wait time, week {week}",
]

TAGS = [
    "questioning", "assessment", "feedback", "behaviour", "planning", "differentiation", "literacy",
    "engagement", "wellbeing", "coaching", "PLC", "numeracy", "inclusion", "edtech", "parents",
    "grading", "homework", "collaboration", "reading", "writing", "ActionResearch", "mentoring",
    "routines", "discussion", "vocabulary", "ELL", "SEN", "lab", "transitions", "leadership",
    "attendance", "projects", "observation", "goals", "retrieval", "oracy", "STEM", "fieldtrip",
    "exams", "selfcare",
]
TAG_COUNTS = (0, 1, 2, 3)
TAG_COUNT_WEIGHTS = (35, 35, 20, 10)

GOAL_TITLES = [
    "Better questioning in {subject}", "More student talk with {group}", "Use {strategy} every week",
    "Close the gap in {topic}", "Sharper feedback on the {noun}", "Raise {measure}",
    "Make {strategy} a routine", "Stronger {subject} vocabulary",
]
QUESTIONS = [
    "Does {strategy} raise {measure}?", "How does {strategy} change {measure} for {group}?",
    "Will {strategy} help students remember {topic}?", "Does the {noun} improve {measure}?",
]
ACTIVITY_TITLES = [
    "{book}", "{strategy} workshop", "Instructional rounds in {subject}", "PLC on {topic}",
    "Coaching cycle with {colleague}", "Course: teaching {topic}", "Conference session on {strategy}",
    "Learning walk: {strategy}", "Podcast on {measure}",
]
VENUES = ["staff meeting", "department meeting", "district PD day", "regional conference", "blog post"]
PROVIDERS = ["district", "school", "university", "online", "network", "union", "regional hub"]
# fmt: on


class Zipf:
    """Draw from ``items`` with weight 1/rank**s (the first item is the most common)."""

    def __init__(self, items: Sequence[str], s: float = 1.0) -> None:
        self.items = list(items)
        self.cum = list(accumulate(1 / (rank + 1) ** s for rank in range(len(self.items))))

    def __call__(self, rng: random.Random) -> str:
        return self.items[bisect.bisect(self.cum, rng.random() * self.cum[-1])]


_FORMATTER = string.Formatter()
_TRAILING_DIGITS = re.compile(r"\d+$")


class Writer:
    """Fills templates: ``{topic2}`` is a second, independent draw from ``topic``."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.lists = {name: Zipf(items) for name, items in WORDS.items()}
        self._parsed: dict[str, list[tuple[str, str | None]]] = {}
        self.sentences = Zipf(SENTENCES, s=0.6)
        self.titles = Zipf(TITLES, s=0.8)

    def fill(self, template: str, depth: int = 0) -> str:
        parts = self._parsed.get(template)
        if parts is None:
            parts = [
                (literal, _TRAILING_DIGITS.sub("", name) if name else None)
                for literal, name, _, _ in _FORMATTER.parse(template)
            ]
            self._parsed[template] = parts
        out = []
        for literal, name in parts:
            out.append(literal)
            if name:
                value = self.lists[name](self.rng)
                out.append(self.fill(value, depth + 1) if "{" in value and depth < 2 else value)
        return "".join(out)

    def sentence(self) -> str:
        text = self.fill(self.sentences(self.rng))
        return text[0].upper() + text[1:]

    def title(self) -> str:
        text = re.sub(r"[.?!]", "", self.fill(self.titles(self.rng)))
        return text[0].upper() + text[1:]

    def body(self) -> str:
        rng = self.rng
        count = rng.choices(range(1, 15), weights=(6, 9, 12, 14, 13, 11, 9, 7, 5, 4, 3, 3, 2, 2))[0]
        sentences = [self.sentence() for _ in range(count)]
        paragraphs: list[str] = []
        while sentences:
            take = rng.randint(2, 5)
            paragraphs.append(" ".join(sentences[:take]))
            sentences = sentences[take:]
        if rng.random() < 0.1:
            steps = "\n".join(f"- {self.fill('{next}')}" for _ in range(rng.randint(2, 4)))
            paragraphs.append("Next steps:\n" + steps)
        return "\n\n".join(paragraphs)


@dataclass
class BuildInfo:
    home: Path
    db_path: Path
    jrnl_path: Path | None
    entries: int
    seconds: float
    counts: dict[str, int] = field(default_factory=dict)
    db_bytes: int = 0
    jrnl_bytes: int = 0


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _stamp(day: str, clock: str) -> str:
    return f"{day}T{clock}:00.000000+00:00"


def _school_days(rng: random.Random) -> tuple[list[str], list[float]]:
    """Every day of the 20 school years, weighted: term-time weekdays far above holidays."""
    first = date(FIRST_SCHOOL_YEAR, 8, 1)
    last = date(FIRST_SCHOOL_YEAR + SCHOOL_YEARS, 7, 31)
    days, weights = [], []
    day = first
    while day <= last:
        weight = 10.0 if day.weekday() < 5 else 1.5
        if day.month in (7, 8) or (day.month == 12 and day.day > 20):
            weight = 0.4
        days.append(day.isoformat())
        weights.append(weight)
        day += timedelta(days=1)
    return days, weights


def _clock(rng: random.Random) -> str:
    hour = rng.choices((6, 7, 8, 12, 15, 16, 17, 18, 19, 20, 21, 22), (2, 4, 2, 3, 6, 8, 6, 5, 6, 7, 5, 2))[0]
    return f"{hour:02d}:{rng.randrange(60):02d}"


_STAMPS = ("created_at", "updated_at")
# The fields of each generated row, in the order the generator writes them.
COLUMNS: dict[str, tuple[str, ...]] = {
    "cycles": ("id", "title", "starts_on", "ends_on", *_STAMPS),
    "visions": ("id", "cycle_id", "body", "school_mission", *_STAMPS),
    "outcomes": ("id", "cycle_id", "text", "kind", "position", *_STAMPS),
    "goals": (
        "id", "cycle_id", "title", "why", "skills", "success_indicators", "target_date", "status", *_STAMPS,
    ),
    "questions": ("id", "goal_id", "text", *_STAMPS),
    "activities": (
        "id", "cycle_id", "type", "title", "date", "hours", "credits", "topic", "provider", "collaborators",
        "link", "role", "status", "notes", *_STAMPS,
    ),
    "activity_goals": ("activity_id", "goal_id"),
    "evidence": (
        "id", "cycle_id", "title", "kind", "date", "description", "url", "student_info", "goal_id", *_STAMPS,
    ),
    "checks": ("id", "goal_id", "indicator", "rating", "date", "note", "evidence_id", *_STAMPS),
    "shares": ("id", "cycle_id", "audience", "venue", "title", "date", "link", "notes", *_STAMPS),
    "reflections": (
        "id", "cycle_id", "date", "time", "title", "body", "stage", "private", "starred", *_STAMPS,
    ),
}  # fmt: skip
LINK_COLUMNS = ("reflection_id", "goal_id", "question_id", "activity_id", "evidence_id")


def build_journal(
    home: str | Path,
    entries: int,
    *,
    seed: int = DEFAULT_SEED,
    jrnl_path: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> BuildInfo:
    """Write a journal of ``entries`` reflections (plus goals, activities, evidence) into ``home``.

    ``home`` must not hold a journal yet. With ``jrnl_path``, the same reflections are also
    written there as a plain-text jrnl journal (``[YYYY-MM-DD HH:MM] Title.`` entries).
    """
    started = time.perf_counter()
    home = Path(home)
    where = locations.resolve(home)
    if where.db_path.exists():
        raise SystemExit(f"{where.db_path} already exists; give an empty folder")
    rng = random.Random(seed)
    write = Writer(rng)
    say = progress or (lambda _msg: None)

    # --- cycles: one per school year, titled and bounded by the app's own rule ---------------
    cycles: list[tuple[str, str, str, str]] = []  # id, title, starts_on, ends_on
    for year in range(FIRST_SCHOOL_YEAR, FIRST_SCHOOL_YEAR + SCHOOL_YEARS):
        start, end, title = school_year_bounds(date(year, 9, 1))
        cycles.append((_uuid(rng), title, start.isoformat(), end.isoformat()))
    starts = [c[2] for c in cycles]

    def cycle_of(day: str) -> str:
        return cycles[bisect.bisect_right(starts, day) - 1][0]

    rows: dict[str, list[tuple[object, ...]]] = {
        name: []
        for name in (
            "cycles",
            "visions",
            "outcomes",
            "goals",
            "questions",
            "activities",
            "activity_goals",
            "evidence",
            "checks",
            "shares",
            "tags",
            "reflections",
            "reflection_tags",
            "reflection_links",
        )
    }
    for cid, title, start, end in cycles:
        stamp = _stamp(start, "08:00")
        rows["cycles"].append((cid, title, start, end, stamp, stamp))
        vision = " ".join(write.sentence() for _ in range(3))
        rows["visions"].append(
            (_uuid(rng), cid, vision, "Every learner known, challenged and heard.", stamp, stamp)
        )
        for position in range(3):
            kind = vocab.OUTCOME_KINDS[rng.randrange(len(vocab.OUTCOME_KINDS))]
            text = write.fill("Students gain confidence with {topic} through {strategy}")
            rows["outcomes"].append((_uuid(rng), cid, text, kind, position, stamp, stamp))

    # --- goals and their research questions (~N/200) ------------------------------------------
    goals_by_cycle: dict[str, list[str]] = {c[0]: [] for c in cycles}
    questions_all: list[str] = []
    for n in range(max(1, entries // 200)):
        cid, _, start, end = cycles[n % len(cycles)]
        gid = _uuid(rng)
        stamp = _stamp(start, f"{9 + n % 8:02d}:{n % 60:02d}")
        status = rng.choice(vocab.GOAL_STATUSES)
        rows["goals"].append(
            (
                gid,
                cid,
                write.fill(rng.choice(GOAL_TITLES)),
                write.sentence(),
                write.fill("{strategy}"),
                write.sentence(),
                end,
                status,
                stamp,
                stamp,
            )
        )
        goals_by_cycle[cid].append(gid)
        for _ in range(rng.randint(1, 3)):
            qid = _uuid(rng)
            rows["questions"].append((qid, gid, write.fill(rng.choice(QUESTIONS)), stamp, stamp))
            questions_all.append(qid)

    days, day_weights = _school_days(rng)
    day_cum = list(accumulate(day_weights))

    def some_day() -> str:
        return days[bisect.bisect(day_cum, rng.random() * day_cum[-1])]

    # --- activities (~N/25) --------------------------------------------------------------------
    types = list(vocab.ACTIVITY_TYPES)
    activity_pick = Zipf(types, s=0.7)
    activities: list[tuple[str, str]] = []  # id, cycle
    for _ in range(max(1, entries // 25)):
        day = some_day()
        cid = cycle_of(day)
        aid = _uuid(rng)
        stamp = _stamp(day, _clock(rng))
        rows["activities"].append(
            (
                aid,
                cid,
                activity_pick(rng),
                write.fill(rng.choice(ACTIVITY_TITLES)),
                day,
                rng.choice((0.5, 1, 1, 1.5, 2, 3, 6, 12, 30)),
                rng.choice((0, 0, 0, 0.5, 1, 3)),
                write.fill("{topic}"),
                rng.choice(PROVIDERS),
                write.fill("{colleague}"),
                "",
                "facilitated" if rng.random() < 0.1 else "attended",
                "planned" if rng.random() < 0.05 else "done",
                write.sentence(),
                stamp,
                stamp,
            )
        )
        activities.append((aid, cid))
        if goals_by_cycle[cid] and rng.random() < 0.5:
            rows["activity_goals"].append((aid, rng.choice(goals_by_cycle[cid])))

    # --- evidence links (~N/100) ---------------------------------------------------------------
    evidence: list[str] = []
    for n in range(max(1, entries // 100)):
        day = some_day()
        cid = cycle_of(day)
        eid = _uuid(rng)
        stamp = _stamp(day, _clock(rng))
        goal = rng.choice(goals_by_cycle[cid]) if goals_by_cycle[cid] and rng.random() < 0.6 else None
        kind = rng.choice(("link", "link", "student work", "data", "lesson plan", "video"))
        rows["evidence"].append(
            (
                eid,
                cid,
                write.fill("{noun} for {topic}"),
                kind,
                day,
                write.sentence(),
                f"https://example.org/evidence/{day}/{n}",
                int(rng.random() < 0.1),
                goal,
                stamp,
                stamp,
            )
        )
        evidence.append(eid)
        if goal and rng.random() < 0.5:
            rows["checks"].append(
                (
                    _uuid(rng),
                    goal,
                    rng.choice(vocab.INDICATOR_KINDS),
                    rng.randint(1, 5),
                    day,
                    write.sentence(),
                    eid,
                    stamp,
                    stamp,
                )
            )
    for n in range(max(1, entries // 500)):
        day = some_day()
        stamp = _stamp(day, _clock(rng))
        rows["shares"].append(
            (
                _uuid(rng),
                cycle_of(day),
                rng.choice(vocab.SHARE_AUDIENCES),
                rng.choice(VENUES),
                write.fill("Sharing {strategy} with colleagues"),
                day,
                f"https://example.org/share/{n}",
                write.sentence(),
                stamp,
                stamp,
            )
        )

    # --- tags and reflections --------------------------------------------------------------------
    tag_pick = Zipf(TAGS, s=0.9)
    tags_of: list[tuple[str, list[str]]] = []  # written by the store's one tag writer
    reflection_days = sorted((some_day(), _clock(rng)) for _ in range(entries))
    jrnl_parts: list[str] = []
    for day, clock in reflection_days:
        rid = _uuid(rng)
        cid = cycle_of(day)
        title = write.title()
        body = write.body()
        stamp = _stamp(day, clock)
        stage = rng.choice((None, None, 1, 2, 3, 3, 4, 4, 5))
        rows["reflections"].append(
            (
                rid,
                cid,
                day,
                clock,
                title,
                body,
                stage,
                int(rng.random() < 0.03),
                int(rng.random() < 0.05),
                stamp,
                stamp,
            )
        )
        tags = list(
            dict.fromkeys(tag_pick(rng) for _ in range(rng.choices(TAG_COUNTS, TAG_COUNT_WEIGHTS)[0]))
        )
        tags_of.append((rid, tags))
        rows["reflection_tags"].extend((rid, tag) for tag in tags)
        roll = rng.random()
        if roll < 0.08 and goals_by_cycle[cid]:
            rows["reflection_links"].append((rid, rng.choice(goals_by_cycle[cid]), None, None, None))
        elif roll < 0.10 and evidence:
            rows["reflection_links"].append((rid, None, None, None, rng.choice(evidence)))
        elif roll < 0.13 and activities:
            rows["reflection_links"].append((rid, None, None, rng.choice(activities)[0], None))
        if jrnl_path is not None:
            suffix = (" " + " ".join(f"@{t}" for t in tags)) if tags else ""
            jrnl_parts.append(f"[{day} {clock}] {title}.\n{body}{suffix}\n\n")
    say(f"generated {entries:,} entries in {time.perf_counter() - started:.1f}s")

    journal = open_journal(where)
    try:
        journal.auto_backup = False  # a build is not a teacher's session: no automatic copy
        # Triggers stay on: the index is filled row by row, as when a teacher writes entries.
        with bulk_write(journal) as bulk:
            for table, names in COLUMNS.items():
                bulk.insert_many(table, [dict(zip(names, row, strict=True)) for row in rows[table]])
            for rid, tags in tags_of:
                bulk.set_tags(rid, tags)
            bulk.insert_many(
                "reflection_links",
                [dict(zip(LINK_COLUMNS, row, strict=True)) for row in rows["reflection_links"]],
            )
            for key, value in (
                ("teacher_name", "Sam Rivera"),
                ("teacher_role", "Secondary teacher"),
                ("school", "Northfield Community School"),
            ):
                bulk.set_meta(key, value)
        rows["tags"] = [(tag,) for tag in dict.fromkeys(t for _, tags in tags_of for t in tags)]
        # The app's own rule must find the cycles we wrote (and so create none of its own).
        for _, _, start, end in cycles:
            assert journal.cycle_for(start) == cycle_of(start) == journal.cycle_for(end)
        journal.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        journal.close()
    say(f"wrote {where.db_path} in {time.perf_counter() - started:.1f}s")

    jrnl_file = None
    if jrnl_path is not None:
        jrnl_file = Path(jrnl_path)
        jrnl_file.parent.mkdir(parents=True, exist_ok=True)
        jrnl_file.write_text("".join(jrnl_parts), encoding="utf-8")
    return BuildInfo(
        home=home,
        db_path=where.db_path,
        jrnl_path=jrnl_file,
        entries=entries,
        seconds=time.perf_counter() - started,
        counts={name: len(table) for name, table in rows.items()},
        db_bytes=where.db_path.stat().st_size,
        jrnl_bytes=jrnl_file.stat().st_size if jrnl_file else 0,
    )


def candidate_words() -> list[str]:
    """Plain lowercase content words of the generator's word lists, for picking search terms."""
    found: set[str] = set()
    for text in (w for items in WORDS.values() for w in items):
        found.update(w.lower() for w in re.findall(r"(?<![{\w-])[A-Za-z]{5,}(?![\w}-])", text))
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("home", help="an empty folder for the journal (as for ilearn --home)")
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--jrnl", metavar="FILE", help="also write the reflections as a jrnl journal")
    args = parser.parse_args(argv)
    info = build_journal(
        args.home,
        args.entries,
        seed=args.seed,
        jrnl_path=args.jrnl,
        progress=lambda m: print(m, file=sys.stderr),
    )
    counts = ", ".join(f"{n:,} {name}" for name, n in info.counts.items() if n)
    print(f"{info.db_path}: {counts}; {info.db_bytes / 1e6:.1f} MB in {info.seconds:.1f}s")
    if info.jrnl_path:
        print(f"{info.jrnl_path}: {info.jrnl_bytes / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

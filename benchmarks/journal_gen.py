"""The seeded generator: every record of a benchmark journal, before anything is written.

Everything (ids, dates, time stamps, text) comes from one ``random.Random``: the same
``entries`` and ``seed`` always give the same records. Rows are named by the record model
(``journal_rows``), so only the fields the generator fills appear here. Keeping generation
apart from writing lets a test look at the rows without building a journal.
"""

from __future__ import annotations

import bisect
import random
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate

from ilearn_tui.domain import vocab
from ilearn_tui.domain.text import school_year_bounds
from journal_corpus import (
    ACTIVITY_TITLES,
    GOAL_TITLES,
    PROVIDERS,
    QUESTIONS,
    TAG_COUNT_WEIGHTS,
    TAG_COUNTS,
    TAGS,
    VENUES,
)
from journal_prose import Writer, Zipf
from journal_rows import Rows

FIRST_SCHOOL_YEAR = 2005  # 20 school years: 2005–06 … 2024–25
SCHOOL_YEARS = 20
DEFAULT_SEED = 20050801


@dataclass
class Generated:
    """One build's records: model-named rows, each reflection's tags, and the jrnl text."""

    rows: Rows
    tags_of: list[tuple[str, list[str]]]  # written by the store's one tag writer
    cycles: list[tuple[str, str, str, str]]  # id, title, starts_on, ends_on
    jrnl_parts: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._starts = [c[2] for c in self.cycles]

    def cycle_of(self, day: str) -> str:
        """The id of the generated cycle (school year) that ``day`` falls in."""
        return self.cycles[bisect.bisect_right(self._starts, day) - 1][0]


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _stamp(day: str, clock: str) -> str:
    return f"{day}T{clock}:00.000000+00:00"


def _school_days() -> tuple[list[str], list[float]]:
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


def generate(entries: int, *, seed: int = DEFAULT_SEED, jrnl: bool = False) -> Generated:
    """The records of a journal of ``entries`` reflections; with ``jrnl``, their jrnl text too."""
    rng = random.Random(seed)
    write = Writer(rng)
    rows = Rows()

    # --- cycles: one per school year, titled and bounded by the app's own rule ---------------
    cycles: list[tuple[str, str, str, str]] = []
    for year in range(FIRST_SCHOOL_YEAR, FIRST_SCHOOL_YEAR + SCHOOL_YEARS):
        start, end, title = school_year_bounds(date(year, 9, 1))
        cycles.append((_uuid(rng), title, start.isoformat(), end.isoformat()))
    built = Generated(rows, [], cycles)
    cycle_of = built.cycle_of
    for cid, title, start, end in cycles:
        stamp = _stamp(start, "08:00")
        rows.add(
            "cycles", id=cid, title=title, starts_on=start, ends_on=end, created_at=stamp, updated_at=stamp
        )
        vision = " ".join(write.sentence() for _ in range(3))
        rows.add(
            "visions",
            id=_uuid(rng),
            cycle_id=cid,
            body=vision,
            school_mission="Every learner known, challenged and heard.",
            created_at=stamp,
            updated_at=stamp,
        )
        for position in range(3):
            kind = vocab.OUTCOME_KINDS[rng.randrange(len(vocab.OUTCOME_KINDS))]
            text = write.fill("Students gain confidence with {topic} through {strategy}")
            rows.add(
                "outcomes",
                id=_uuid(rng),
                cycle_id=cid,
                text=text,
                kind=kind,
                position=position,
                created_at=stamp,
                updated_at=stamp,
            )

    # --- goals and their research questions (~N/200) ------------------------------------------
    goals_by_cycle: dict[str, list[str]] = {c[0]: [] for c in cycles}
    for n in range(max(1, entries // 200)):
        cid, _, start, end = cycles[n % len(cycles)]
        gid = _uuid(rng)
        stamp = _stamp(start, f"{9 + n % 8:02d}:{n % 60:02d}")
        rows.add(
            "goals",
            status=rng.choice(vocab.GOAL_STATUSES),
            id=gid,
            cycle_id=cid,
            title=write.fill(rng.choice(GOAL_TITLES)),
            why=write.sentence(),
            skills=write.fill("{strategy}"),
            success_indicators=write.sentence(),
            target_date=end,
            created_at=stamp,
            updated_at=stamp,
        )
        goals_by_cycle[cid].append(gid)
        for _ in range(rng.randint(1, 3)):
            rows.add(
                "questions",
                id=_uuid(rng),
                goal_id=gid,
                text=write.fill(rng.choice(QUESTIONS)),
                created_at=stamp,
                updated_at=stamp,
            )

    days, day_weights = _school_days()
    day_cum = list(accumulate(day_weights))

    def some_day() -> str:
        return days[bisect.bisect(day_cum, rng.random() * day_cum[-1])]

    # --- activities (~N/25) --------------------------------------------------------------------
    activity_pick = Zipf(list(vocab.ACTIVITY_TYPES), s=0.7)
    activities: list[str] = []
    for _ in range(max(1, entries // 25)):
        day = some_day()
        cid = cycle_of(day)
        aid = _uuid(rng)
        stamp = _stamp(day, _clock(rng))
        rows.add(
            "activities",
            id=aid,
            cycle_id=cid,
            type=activity_pick(rng),
            title=write.fill(rng.choice(ACTIVITY_TITLES)),
            date=day,
            hours=rng.choice((0.5, 1, 1, 1.5, 2, 3, 6, 12, 30)),
            credits=rng.choice((0, 0, 0, 0.5, 1, 3)),
            topic=write.fill("{topic}"),
            provider=rng.choice(PROVIDERS),
            collaborators=write.fill("{colleague}"),
            link="",
            role="facilitated" if rng.random() < 0.1 else "attended",
            status="planned" if rng.random() < 0.05 else "done",
            notes=write.sentence(),
            created_at=stamp,
            updated_at=stamp,
        )
        activities.append(aid)
        if goals_by_cycle[cid] and rng.random() < 0.5:
            rows.add("activity_goals", activity_id=aid, goal_id=rng.choice(goals_by_cycle[cid]))

    # --- evidence links (~N/100), progress checks and shares -----------------------------------
    evidence: list[str] = []
    for n in range(max(1, entries // 100)):
        day = some_day()
        cid = cycle_of(day)
        eid = _uuid(rng)
        stamp = _stamp(day, _clock(rng))
        goal = rng.choice(goals_by_cycle[cid]) if goals_by_cycle[cid] and rng.random() < 0.6 else None
        rows.add(
            "evidence",
            kind=rng.choice(("link", "link", "student work", "data", "lesson plan", "video")),
            id=eid,
            cycle_id=cid,
            title=write.fill("{noun} for {topic}"),
            date=day,
            description=write.sentence(),
            url=f"https://example.org/evidence/{day}/{n}",
            student_info=int(rng.random() < 0.1),
            goal_id=goal,
            created_at=stamp,
            updated_at=stamp,
        )
        evidence.append(eid)
        if goal and rng.random() < 0.5:
            rows.add(
                "checks",
                id=_uuid(rng),
                goal_id=goal,
                indicator=rng.choice(vocab.INDICATOR_KINDS),
                rating=rng.randint(1, 5),
                date=day,
                note=write.sentence(),
                evidence_id=eid,
                created_at=stamp,
                updated_at=stamp,
            )
    for n in range(max(1, entries // 500)):
        day = some_day()
        stamp = _stamp(day, _clock(rng))
        rows.add(
            "shares",
            id=_uuid(rng),
            cycle_id=cycle_of(day),
            audience=rng.choice(vocab.SHARE_AUDIENCES),
            venue=rng.choice(VENUES),
            title=write.fill("Sharing {strategy} with colleagues"),
            date=day,
            link=f"https://example.org/share/{n}",
            notes=write.sentence(),
            created_at=stamp,
            updated_at=stamp,
        )

    # --- tags and reflections --------------------------------------------------------------------
    tag_pick = Zipf(TAGS, s=0.9)
    reflection_days = sorted((some_day(), _clock(rng)) for _ in range(entries))
    for day, clock in reflection_days:
        rid = _uuid(rng)
        cid = cycle_of(day)
        title = write.title()
        body = write.body()
        stamp = _stamp(day, clock)
        rows.add(
            "reflections",
            id=rid,
            cycle_id=cid,
            date=day,
            time=clock,
            title=title,
            body=body,
            stage=rng.choice((None, None, 1, 2, 3, 3, 4, 4, 5)),
            private=int(rng.random() < 0.03),
            starred=int(rng.random() < 0.05),
            created_at=stamp,
            updated_at=stamp,
        )
        count = rng.choices(TAG_COUNTS, TAG_COUNT_WEIGHTS)[0]
        tags = list(dict.fromkeys(tag_pick(rng) for _ in range(count)))
        built.tags_of.append((rid, tags))
        roll = rng.random()
        if roll < 0.08 and goals_by_cycle[cid]:
            rows.add("reflection_links", reflection_id=rid, goal_id=rng.choice(goals_by_cycle[cid]))
        elif roll < 0.10 and evidence:
            rows.add("reflection_links", reflection_id=rid, evidence_id=rng.choice(evidence))
        elif roll < 0.13 and activities:
            rows.add("reflection_links", reflection_id=rid, activity_id=rng.choice(activities))
        if jrnl:
            suffix = (" " + " ".join(f"@{t}" for t in tags)) if tags else ""
            built.jrnl_parts.append(f"[{day} {clock}] {title}.\n{body}{suffix}\n\n")
    return built

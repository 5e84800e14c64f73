"""A small journal with fixed dates, so screen snapshots do not change from day to day."""

from __future__ import annotations

from ilearn_tui.store import plan
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.plan import insert_row
from ilearn_tui.store.reflections import add_reflection


def fill(journal: Journal) -> None:
    journal.set_meta("onboarded", "yes")
    journal.set_meta("teacher_name", "Robin Okafor")
    cycle = journal.add_cycle("2024–25", "2024-08-01", "2025-07-31")
    goal = plan.add_goal(
        journal,
        "Raise the quality of student talk in science",
        questions=["Do sentence stems increase evidence-based claims?"],
        why="Talk builds reasoning.",
        target_date="2025-06-01",
        cycle_id=cycle,
    )
    second = plan.add_goal(journal, "Use exit tickets every lesson", cycle_id=cycle)
    with journal.write() as conn:
        insert_row(
            conn,
            "visions",
            {
                "cycle_id": cycle,
                "body": "Students who **argue from evidence** and listen to each other.",
                "school_mission": "Every learner, every day.",
            },
        )
        insert_row(
            conn, "outcomes", {"cycle_id": cycle, "text": "Construct claims from data", "kind": "knowledge"}
        )
        insert_row(conn, "outcomes", {"cycle_id": cycle, "text": "Curiosity", "kind": "disposition"})
        insert_row(conn, "interests", {"cycle_id": cycle, "kind": "learn", "text": "Discourse moves"})
        insert_row(conn, "interests", {"cycle_id": cycle, "kind": "share", "text": "Lab safety routines"})
        for n, rating in enumerate((2, 3, 3, 4)):
            insert_row(
                conn,
                "checks",
                {
                    "goal_id": goal,
                    "indicator": "student engagement",
                    "rating": rating,
                    "date": f"2024-{9 + n:02d}-15",
                    "note": "",
                },
            )
        insert_row(
            conn,
            "checks",
            {"goal_id": second, "indicator": "student achievement", "value": 71.5, "date": "2024-11-20"},
        )
        insert_row(
            conn,
            "innovations",
            {
                "cycle_id": cycle,
                "title": "Sentence stems study",
                "phase": "act",
                "plan": "Two classes, four weeks.",
            },
        )
        insert_row(
            conn,
            "evidence",
            {
                "cycle_id": cycle,
                "title": "Claim cards photo",
                "kind": "photo",
                "date": "2024-10-03",
                "url": "https://example.org/claims",
                "goal_id": goal,
            },
        )
        insert_row(
            conn,
            "evidence",
            {
                "cycle_id": cycle,
                "title": "Class list",
                "kind": "data",
                "date": "2024-09-05",
                "url": "https://example.org/list",
                "student_info": 1,
            },
        )
        insert_row(
            conn,
            "shares",
            {
                "cycle_id": cycle,
                "audience": "local",
                "title": "Talk moves at PLC",
                "venue": "Science PLC",
                "date": "2025-01-22",
            },
        )
    for n, (kind, title, hours) in enumerate(
        (
            ("book", "Talk Science Primer study group", 6.0),
            ("coaching", "Peer coaching with Dana", 3.0),
            ("workshop", "District workshop: discourse", 4.5),
            ("plc", "Science PLC", 10.0),
        )
    ):
        plan.add_activity(
            journal, kind, title, day=f"2024-{9 + n:02d}-10", hours=hours, credits=hours / 2, goal_ids=[goal]
        )
    for n in range(12):
        add_reflection(
            journal,
            f"# Week {n + 1}\nStudents used claim cards today. What worked: pairs. Next: stems.",
            tags=["talk", "science"] if n % 2 else ["exit-tickets"],
            day=f"2024-{9 + n % 4:02d}-{10 + n:02d}",
            time="08:00",
            stage=4 if n % 3 == 0 else None,
        )

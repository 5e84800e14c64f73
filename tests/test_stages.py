"""Stage status rules and the next-step suggestion."""

from __future__ import annotations

from ilearn_tui.domain.stages import CycleCounts, Status, all_statuses, current_stage, next_step
from ilearn_tui.store import plan
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.overview import cycle_counts


def test_an_empty_cycle_starts_at_imagine() -> None:
    counts = CycleCounts()
    assert set(all_statuses(counts).values()) == {Status.NOT_BEGUN}
    assert current_stage(counts) == 1
    assert next_step(counts).startswith("Imagine")


def test_inspire_is_complete_only_with_a_goal_that_has_a_question() -> None:
    assert all_statuses(CycleCounts(goals=1))[2] is Status.BEGUN
    assert all_statuses(CycleCounts(goals=1, goals_with_question=1))[2] is Status.COMPLETE


def test_innovate_needs_a_check_and_some_work() -> None:
    assert all_statuses(CycleCounts(evidence=2))[4] is Status.BEGUN
    assert all_statuses(CycleCounts(checks=1))[4] is Status.BEGUN
    assert all_statuses(CycleCounts(checks=1, innovations=1))[4] is Status.COMPLETE


def test_next_step_follows_the_first_unfinished_stage() -> None:
    counts = CycleCounts(vision=1, goals=1, goals_with_question=1, reflections=3)
    assert current_stage(counts) == 3
    assert next_step(counts).startswith("Illuminate")
    done = CycleCounts(
        vision=1,
        goals=1,
        goals_with_question=1,
        activities=1,
        activities_done=1,
        innovations=1,
        checks=1,
        shares=1,
        reflections=1,
    )
    assert "next cycle" in next_step(done)


def test_counts_come_from_the_store(journal: Journal) -> None:
    goal = plan.add_goal(journal, "A goal", questions=["Q?"])
    plan.add_activity(journal, "plc", "Planned PLC", status="planned")
    cycle = journal.current_cycle()
    assert cycle is not None
    counts = cycle_counts(journal, cycle.id)
    assert counts.goals == counts.goals_with_question == 1
    assert counts.activities == 1 and counts.activities_done == 0
    assert all_statuses(counts)[3] is Status.BEGUN
    assert goal

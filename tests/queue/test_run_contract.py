"""The story run contract: every job store backend keeps runs the same way."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import anyio
import pytest

from pace_app.domain.job_store import JobStore
from pace_app.domain.run import InvalidTransition, RunRecord, RunState
from pace_app.domain.run_store import RunStore
from pace_app.errors import RunConflict, StoreError
from tests.queue.clock import START, FakeClock

pytestmark = pytest.mark.anyio

REPO = "octo/cat"


@pytest.fixture
def runs(store: JobStore) -> RunStore:
    """Return the store under test as a run store."""
    assert isinstance(store, RunStore)
    return store


async def start(runs: RunStore, issue: int = 3, installation: int = 7) -> tuple[RunRecord, bool]:
    """Start a run for ``issue`` of the test repository."""
    return await runs.start_run(repo=REPO, issue_number=issue, installation_id=installation)


async def finish(runs: RunStore, run: RunRecord, **fields: Any) -> RunRecord:
    """Drive ``run`` through every stage to done, recording ``fields`` on the way."""
    for target in (
        RunState.PREPARING,
        RunState.FORGE,
        RunState.PUSHED,
        RunState.GATE,
        RunState.SENTINEL,
        RunState.SCRIBE,
    ):
        run = await runs.update_run(run.moved(target), expected=run.state)
    run = await runs.update_run(replace(run, **fields), expected=run.state)
    return await runs.update_run(run.moved(RunState.DONE, outcome="merged"), expected=run.state)


async def test_start_creates_a_queued_run_found_by_id_and_issue(
    runs: RunStore, clock: FakeClock
) -> None:
    run, started = await start(runs)

    assert started
    assert (run.repo, run.issue_number, run.installation_id) == (REPO, 3, 7)
    assert (run.state, run.attempt, run.details, run.outcome) == (RunState.QUEUED, 1, {}, None)
    assert run.created_at == run.updated_at == START
    assert run.created_at.utcoffset() is not None
    assert run.active
    assert await runs.get_run(run.id) == run
    assert await runs.find_run(REPO, 3) == run
    assert await runs.get_run(run.id + 1000) is None
    assert await runs.find_run(REPO, 4) is None
    assert await runs.find_run("octo/dog", 3) is None


async def test_start_while_active_returns_the_same_run_unchanged(
    runs: RunStore, clock: FakeClock
) -> None:
    first, _ = await start(runs)
    forging = await runs.update_run(first.moved(RunState.PREPARING), expected=first.state)
    clock.advance(5)

    again, started = await start(runs)

    assert not started
    assert again == forging
    assert again.attempt == 1


async def test_start_after_done_queues_the_next_attempt_keeping_what_it_produced(
    runs: RunStore, clock: FakeClock
) -> None:
    first, _ = await start(runs)
    produced = {
        "status_comment_id": 901,
        "branch": "pace/3-cat",
        "pr_number": 12,
        "head_sha": "a" * 40,
        "details": {"turns": 4},
    }
    done = await finish(runs, first, **produced)
    assert (done.state, done.outcome) == (RunState.DONE, "merged")
    assert not done.active
    clock.advance(60)

    second, started = await start(runs, installation=8)

    assert started
    assert second.id == first.id
    assert (second.state, second.attempt, second.outcome) == (RunState.QUEUED, 2, None)
    assert second.installation_id == 8
    assert (second.created_at, second.updated_at) == (START, clock())
    assert {name: getattr(second, name) for name in produced} == produced
    assert await runs.find_run(REPO, 3) == second


@pytest.mark.parametrize("final", [RunState.FAILED, RunState.CANCELLED])
async def test_start_after_failed_or_cancelled_queues_the_next_attempt(
    runs: RunStore, final: RunState
) -> None:
    first, _ = await start(runs)
    await runs.update_run(first.moved(final, outcome="boom"), expected=first.state)

    second, started = await start(runs)

    assert started
    assert (second.id, second.state, second.attempt) == (first.id, RunState.QUEUED, 2)


async def test_update_is_compare_and_set_on_the_stored_state(runs: RunStore) -> None:
    run, _ = await start(runs)
    preparing = await runs.update_run(run.moved(RunState.PREPARING), expected=RunState.QUEUED)

    # A writer still holding the queued record loses: the stored state moved on.
    with pytest.raises(RunConflict, match=f"run {run.id}") as caught:
        await runs.update_run(run.moved(RunState.CANCELLED), expected=RunState.QUEUED)

    assert isinstance(caught.value, StoreError)
    assert await runs.get_run(run.id) == preparing


async def test_update_of_a_missing_run_is_a_conflict(runs: RunStore) -> None:
    run, _ = await start(runs)
    ghost = replace(run, id=run.id + 1000, state=RunState.PREPARING)

    with pytest.raises(RunConflict):
        await runs.update_run(ghost, expected=RunState.QUEUED)


async def test_update_refuses_a_move_the_state_machine_forbids(runs: RunStore) -> None:
    run, _ = await start(runs)

    with pytest.raises(InvalidTransition, match="from queued to pushed"):
        await runs.update_run(replace(run, state=RunState.PUSHED), expected=RunState.QUEUED)

    assert await runs.get_run(run.id) == run


async def test_same_state_update_records_progress(runs: RunStore, clock: FakeClock) -> None:
    run, _ = await start(runs)
    forge = await runs.update_run(run.moved(RunState.PREPARING), expected=run.state)
    forge = await runs.update_run(forge.moved(RunState.FORGE), expected=forge.state)
    clock.advance(30)

    progressed = await runs.update_run(
        replace(forge, details={"turns": 3, "tokens": 1200}, branch="pace/3-cat"),
        expected=RunState.FORGE,
    )

    assert progressed.state is RunState.FORGE
    assert progressed.details == {"turns": 3, "tokens": 1200}
    assert progressed.branch == "pace/3-cat"
    assert progressed.updated_at == clock()
    assert progressed.created_at == START
    assert await runs.get_run(run.id) == progressed


async def test_update_keeps_identity_and_attempt_as_stored(runs: RunStore) -> None:
    run, _ = await start(runs)
    forged = replace(run, repo="evil/repo", issue_number=99, attempt=42, created_at=START.max)

    stored = await runs.update_run(forged, expected=RunState.QUEUED)

    assert (stored.repo, stored.issue_number, stored.attempt) == (REPO, 3, 1)
    assert stored.created_at == START


async def test_cancel_moves_the_active_run_to_cancelled_with_the_reason(
    runs: RunStore, clock: FakeClock
) -> None:
    run, _ = await start(runs)
    clock.advance(10)

    cancelled = await runs.cancel_run(REPO, 3, reason="label removed")

    assert cancelled is not None
    assert (cancelled.id, cancelled.state) == (run.id, RunState.CANCELLED)
    assert (cancelled.outcome, cancelled.updated_at) == ("label removed", clock())
    assert await runs.find_run(REPO, 3) == cancelled
    assert await runs.cancel_run(REPO, 3, reason="again") is None
    assert (await runs.find_run(REPO, 3)) == cancelled


async def test_cancel_without_a_run_or_after_done_finds_nothing_active(runs: RunStore) -> None:
    assert await runs.cancel_run(REPO, 3, reason="nothing here") is None
    run, _ = await start(runs)
    done = await finish(runs, run)

    assert await runs.cancel_run(REPO, 3, reason="too late") is None
    assert await runs.get_run(run.id) == done


async def test_find_run_by_pr(runs: RunStore) -> None:
    run, _ = await start(runs)
    other, _ = await start(runs, issue=4)
    await finish(runs, other, pr_number=21)
    run = await runs.update_run(run.moved(RunState.PREPARING), expected=run.state)
    run = await runs.update_run(run.moved(RunState.FORGE), expected=run.state)
    run = await runs.update_run(run.moved(RunState.PUSHED, pr_number=20), expected=run.state)

    found = await runs.find_run_by_pr(REPO, 20)

    assert found == run
    by_other = await runs.find_run_by_pr(REPO, 21)
    assert by_other is not None
    assert by_other.id == other.id
    assert await runs.find_run_by_pr(REPO, 22) is None
    assert await runs.find_run_by_pr("octo/dog", 20) is None


async def test_list_runs_newest_update_first(runs: RunStore, clock: FakeClock) -> None:
    assert await runs.list_runs() == []
    first, _ = await start(runs, issue=1)
    clock.advance(1)
    await start(runs, issue=2)
    clock.advance(1)
    await start(runs, issue=3)
    clock.advance(1)
    first = await runs.update_run(first.moved(RunState.PREPARING), expected=first.state)

    listed = await runs.list_runs()

    assert [run.issue_number for run in listed] == [1, 3, 2]
    assert listed[0] == first
    assert [run.issue_number for run in await runs.list_runs(limit=2)] == [1, 3]
    assert await runs.list_runs(limit=0) == []


async def test_details_round_trip_nested_json(runs: RunStore) -> None:
    run, _ = await start(runs)
    details = {
        "turns": 7,
        "cost_usd": 0.125,
        "ok": True,
        "nothing": None,
        "files": ["src/a.py", "tests/é✓.py"],
        "gate": {"checks": [{"name": "pytest", "passed": False, "lines": [1, 2]}]},
    }

    stored = await runs.update_run(replace(run, details=details), expected=RunState.QUEUED)

    assert stored.details == details
    fetched = await runs.get_run(run.id)
    assert fetched is not None
    assert fetched.details == details


async def test_concurrent_starts_for_one_issue_start_exactly_once(runs: RunStore) -> None:
    results: list[tuple[RunRecord, bool]] = []

    async def one() -> None:
        results.append(await start(runs))

    async with anyio.create_task_group() as group:
        for _ in range(20):
            group.start_soon(one)

    assert len(results) == 20
    assert sum(started for _, started in results) == 1
    assert len({run.id for run, _ in results}) == 1
    assert {run.attempt for run, _ in results} == {1}


async def test_concurrent_restarts_of_a_finished_run_start_exactly_once(runs: RunStore) -> None:
    run, _ = await start(runs)
    await runs.cancel_run(REPO, 3, reason="stop")
    results: list[tuple[RunRecord, bool]] = []

    async def one() -> None:
        results.append(await start(runs))

    async with anyio.create_task_group() as group:
        for _ in range(20):
            group.start_soon(one)

    assert sum(started for _, started in results) == 1
    assert {(found.id, found.attempt) for found, _ in results} == {(run.id, 2)}


@pytest.mark.parametrize(
    "details",
    [{"when": START}, {"ratio": float("nan")}, ["not", "an", "object"]],
    ids=["not-json", "nan", "list"],
)
async def test_details_that_are_not_a_json_object_are_refused(runs: RunStore, details: Any) -> None:
    run, _ = await start(runs)

    with pytest.raises(StoreError, match="run details"):
        await runs.update_run(replace(run, details=details), expected=RunState.QUEUED)

    assert await runs.get_run(run.id) == run

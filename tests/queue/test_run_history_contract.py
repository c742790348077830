"""Run history and spend: every backend records states and charges, and answers queries."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from pace_app.domain.job_store import JobStore
from pace_app.domain.run import RunRecord, RunState
from pace_app.domain.run_history import RepoSpend, StateChange
from pace_app.domain.run_store import RunStore
from tests.queue.clock import START, FakeClock

pytestmark = pytest.mark.anyio

REPO = "octo/cat"


@pytest.fixture
def runs(store: JobStore) -> RunStore:
    """Return the store under test as a run store."""
    assert isinstance(store, RunStore)
    return store


def ledger(**costs: float) -> dict[str, object]:
    """Return run details whose usage ledger charged each agent ``costs[agent]``."""
    agents = {name: {"cost_usd": cost, "calls": 1} for name, cost in costs.items()}
    return {"ledger": {"budget_usd": 3.0, "agents": agents}}


async def move(runs: RunStore, run: RunRecord, state: RunState, **fields: object) -> RunRecord:
    """Move ``run`` to ``state`` with ``fields`` through the compare-and-set update."""
    return await runs.update_run(run.moved(state, **fields), expected=run.state)


async def charge(runs: RunStore, run: RunRecord, **costs: float) -> RunRecord:
    """Write a progress update whose ledger now records ``costs``."""
    return await runs.update_run(replace(run, details=ledger(**costs)), expected=run.state)


def rounded(spend: list[RepoSpend]) -> list[RepoSpend]:
    """Return ``spend`` with costs rounded to a millionth of a dollar, for comparing sums."""
    return [replace(each, cost_usd=round(each.cost_usd, 6)) for each in spend]


async def test_history_records_each_state_attempt_and_head(
    runs: RunStore, clock: FakeClock
) -> None:
    run, _ = await runs.start_run(repo=REPO, issue_number=1, installation_id=7)
    clock.advance(10)
    run = await move(runs, run, RunState.PREPARING)
    run = await charge(runs, run, forge=0.1)  # a progress update is not a state change
    clock.advance(10)
    run = await move(runs, run, RunState.FORGE)
    clock.advance(10)
    run = await move(runs, run, RunState.PUSHED, head_sha="a" * 40)
    clock.advance(10)
    await runs.cancel_run(REPO, 1, reason="label removed")
    clock.advance(10)
    again, started = await runs.start_run(repo=REPO, issue_number=1, installation_id=7)

    history = await runs.run_history(run.id)

    assert started
    at = [START + timedelta(seconds=s) for s in (0, 10, 20, 30, 40, 50)]
    assert history == [
        StateChange(1, RunState.QUEUED, at[0]),
        StateChange(1, RunState.PREPARING, at[1]),
        StateChange(1, RunState.FORGE, at[2]),
        StateChange(1, RunState.PUSHED, at[3], "a" * 40),
        StateChange(1, RunState.CANCELLED, at[4], "a" * 40),
        StateChange(2, RunState.QUEUED, at[5], "a" * 40),
    ]
    assert history[0].at.utcoffset() is not None
    assert await runs.run_history(again.id + 100) == []


async def test_cost_column_follows_the_ledger_and_never_drops(runs: RunStore) -> None:
    run, _ = await runs.start_run(repo=REPO, issue_number=1, installation_id=7)
    assert run.cost_usd == 0.0

    run = await charge(runs, run, forge=0.25, gate=0.5)
    assert run.cost_usd == pytest.approx(0.75)
    stale = await charge(runs, run, forge=0.25)

    assert stale.cost_usd == pytest.approx(0.75)
    fetched = await runs.get_run(run.id)
    assert fetched is not None
    assert fetched.cost_usd == pytest.approx(0.75)


async def test_spend_sums_charges_since_a_time_per_repository(
    runs: RunStore, clock: FakeClock
) -> None:
    one, _ = await runs.start_run(repo=REPO, issue_number=1, installation_id=7)
    two, _ = await runs.start_run(repo=REPO, issue_number=2, installation_id=7)
    dog, _ = await runs.start_run(repo="octo/dog", issue_number=1, installation_id=8)
    one = await charge(runs, one, forge=1.0)  # charged at START
    clock.advance(3600)
    one = await charge(runs, one, forge=1.5)  # 0.5 more, an hour later
    two = await charge(runs, two, forge=0.25, gate=0.25)
    dog = await charge(runs, dog, sentinel=2.0)
    later = START + timedelta(seconds=1800)

    everything = rounded(await runs.spend(since=START))
    recent = rounded(await runs.spend(since=later))

    assert everything == [RepoSpend("octo/cat", 2, 2.0), RepoSpend("octo/dog", 1, 2.0)]
    assert recent == [RepoSpend("octo/cat", 2, 1.0), RepoSpend("octo/dog", 1, 2.0)]
    assert await runs.spend(since=START, repo="octo/dog") == [RepoSpend("octo/dog", 1, 2.0)]
    # Repository names ignore case on GitHub.
    assert await runs.spend(since=START, repo="Octo/Dog") == [RepoSpend("octo/dog", 1, 2.0)]
    assert await runs.spend(since=START, installation_id=8) == [RepoSpend("octo/dog", 1, 2.0)]
    assert await runs.spend(since=START, installation_id=9) == []
    assert await runs.spend(since=START + timedelta(days=1)) == []


async def test_list_runs_filters_by_repository_and_time(runs: RunStore, clock: FakeClock) -> None:
    await runs.start_run(repo=REPO, issue_number=1, installation_id=7)
    clock.advance(60)
    await runs.start_run(repo="octo/dog", issue_number=1, installation_id=7)
    clock.advance(60)
    await runs.start_run(repo=REPO, issue_number=2, installation_id=7)

    cats = await runs.list_runs(repo=REPO)
    recent = await runs.list_runs(since=START + timedelta(seconds=60))
    recent_cats = await runs.list_runs(repo=REPO, since=START + timedelta(seconds=60))

    assert [(r.repo, r.issue_number) for r in cats] == [(REPO, 2), (REPO, 1)]
    assert [(r.repo, r.issue_number) for r in recent] == [(REPO, 2), ("octo/dog", 1)]
    assert [(r.repo, r.issue_number) for r in recent_cats] == [(REPO, 2)]
    assert await runs.list_runs(repo="octo/none") == []
    assert [r.issue_number for r in await runs.list_runs(repo=REPO.upper())] == [2, 1]
    assert len(await runs.list_runs(repo=REPO, limit=1)) == 1

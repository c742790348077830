"""The worker against a real SQLite store, with short intervals."""

from __future__ import annotations

import logging
import os
import signal
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

import anyio
import anyio.abc
import pytest

from pace_app.domain.job_store import Job, JobState, NewJob, RetryPolicy
from pace_app.errors import StoreError
from pace_app.queue.sqlite import SQLiteJobStore
from pace_app.queue.worker import JobHandler, Worker, default_worker_id, install_signal_handlers

pytestmark = pytest.mark.anyio

FAST_RETRY = RetryPolicy(base=timedelta(seconds=0.05), cap=timedelta(seconds=0.2))


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SQLiteJobStore]:
    """Open a SQLite store with quick, jitter-free backoff."""
    opened = SQLiteJobStore(tmp_path / "worker.db", retry=FAST_RETRY, jitter=lambda: 1.0)
    await opened.open()
    yield opened
    await opened.close()


def make_worker(
    store: SQLiteJobStore, handlers: Mapping[str, JobHandler], **options: Any
) -> Worker:
    """Return a worker with intervals short enough for tests."""
    settings: dict[str, Any] = {
        "lease": timedelta(seconds=2),
        "heartbeat_every": 0.05,
        "poll_every": 0.02,
        "maintenance_every": 0.05,
        "drain_deadline": 2.0,
    }
    settings.update(options)
    return Worker(store, handlers, **settings)


async def wait_until(check: Callable[[], Awaitable[bool]], seconds: float = 5.0) -> None:
    """Poll ``check`` until it holds, failing the test after ``seconds``."""
    with anyio.fail_after(seconds):
        while not await check():  # noqa: ASYNC110 - the state lives in the database
            await anyio.sleep(0.01)


async def state_of(store: SQLiteJobStore, job_id: int) -> JobState:
    """Return a job's current state."""
    job = await store.get(job_id)
    assert job is not None
    return job.state


def job(key: str, kind: str = "work", **extra: Any) -> NewJob:
    """Return a job keyed ``key``."""
    return NewJob(kind=kind, payload={"key": key}, idempotency_key=key, **extra)


class Running:
    """A worker running in the background of a test."""

    def __init__(self, worker: Worker, group: anyio.abc.TaskGroup) -> None:
        self.worker = worker
        self.stop = anyio.Event()
        self.finished = anyio.Event()
        group.start_soon(self._run)

    async def _run(self) -> None:
        await self.worker.run(self.stop)
        self.finished.set()

    async def shutdown(self, seconds: float = 5.0) -> float:
        """Stop the worker, wait for it to return and say how long that took."""
        started = time.monotonic()
        self.stop.set()
        with anyio.fail_after(seconds):
            await self.finished.wait()
        return time.monotonic() - started


async def test_runs_jobs_with_at_most_concurrency_at_once(store: SQLiteJobStore) -> None:
    active = 0
    peak = 0
    seen: list[str] = []

    async def handler(claimed: Job) -> None:
        nonlocal active, peak
        active += 1
        peak = max(peak, active)
        await anyio.sleep(0.1)
        seen.append(claimed.payload["key"])
        active -= 1

    created = [await store.enqueue(job(f"j{n}")) for n in range(5)]
    async with anyio.create_task_group() as group:
        running = Running(make_worker(store, {"work": handler}, concurrency=2), group)
        await wait_until(
            lambda: _all_in(store, [c.id for c in created], JobState.SUCCEEDED), seconds=10
        )
        await running.shutdown()
    assert peak == 2
    assert sorted(seen) == [f"j{n}" for n in range(5)]


async def _all_in(store: SQLiteJobStore, ids: list[int], state: JobState) -> bool:
    return all([await state_of(store, job_id) is state for job_id in ids])


async def test_retries_with_backoff_until_success(store: SQLiteJobStore) -> None:
    attempts: list[float] = []

    async def flaky(claimed: Job) -> None:
        attempts.append(time.monotonic())
        if len(attempts) < 3:
            raise RuntimeError(f"boom {len(attempts)}")

    queued = await store.enqueue(job("flaky"))
    async with anyio.create_task_group() as group:
        running = Running(make_worker(store, {"work": flaky}), group)
        await wait_until(lambda: _all_in(store, [queued.id], JobState.SUCCEEDED))
        await running.shutdown()
    done = await store.get(queued.id)
    assert done is not None
    assert done.attempts == 3
    assert done.last_error == "RuntimeError: boom 2"
    # With jitter fixed at 1 the waits are exactly the ceilings: 0.05 s, then 0.1 s.
    assert attempts[1] - attempts[0] >= 0.05
    assert attempts[2] - attempts[1] >= 0.1


async def test_dead_after_max_attempts(
    store: SQLiteJobStore, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(claimed: Job) -> None:
        raise ValueError("nope")

    queued = await store.enqueue(job("broken", max_attempts=2))
    caplog.set_level(logging.INFO, logger="pace_app.queue.worker")
    async with anyio.create_task_group() as group:
        running = Running(make_worker(store, {"work": broken}), group)
        await wait_until(lambda: _all_in(store, [queued.id], JobState.DEAD))
        await running.shutdown()
    dead = await store.get(queued.id)
    assert dead is not None
    assert dead.attempts == 2
    assert dead.last_error == "ValueError: nope"
    failures = [record for record in caplog.records if record.getMessage() == "job failed"]
    assert [record.__dict__["state"] for record in failures] == ["queued", "dead"]
    assert all(record.__dict__["job_id"] == queued.id for record in failures)
    assert all(record.__dict__["job_kind"] == "work" for record in failures)
    finished = [record for record in caplog.records if record.getMessage() == "job started"]
    assert len(finished) == 2


async def test_cancel_stops_a_running_handler_within_a_heartbeat(store: SQLiteJobStore) -> None:
    started = anyio.Event()
    stopped_at: list[float] = []

    async def slow(claimed: Job) -> None:
        started.set()
        try:
            await anyio.sleep(30)
        finally:
            stopped_at.append(time.monotonic())

    queued = await store.enqueue(job("slow"))
    async with anyio.create_task_group() as group:
        running = Running(make_worker(store, {"work": slow}, heartbeat_every=0.1), group)
        with anyio.fail_after(5):
            await started.wait()
        cancelled_at = time.monotonic()
        assert await store.cancel(queued.id) is True
        await wait_until(lambda: _true(bool(stopped_at)))
        await running.shutdown()
    assert stopped_at[0] - cancelled_at < 1.0
    assert await state_of(store, queued.id) is JobState.CANCELLED


async def _true(value: bool) -> bool:
    return value


async def test_drain_finishes_short_jobs_and_releases_long_ones(store: SQLiteJobStore) -> None:
    started: list[str] = []

    async def sleeper(claimed: Job) -> None:
        started.append(claimed.payload["key"])
        await anyio.sleep(claimed.payload["seconds"])

    short = await store.enqueue(NewJob("work", {"key": "short", "seconds": 0.2}, "short"))
    long = await store.enqueue(NewJob("work", {"key": "long", "seconds": 30}, "long"))
    async with anyio.create_task_group() as group:
        running = Running(
            make_worker(store, {"work": sleeper}, concurrency=2, drain_deadline=0.5), group
        )
        await wait_until(lambda: _true(len(started) == 2))
        took = await running.shutdown()
    assert 0.4 < took < 2.0
    assert await state_of(store, short.id) is JobState.SUCCEEDED
    released = await store.get(long.id)
    assert released is not None
    assert released.state is JobState.QUEUED
    assert released.attempts == 0
    assert released.locked_by is None


async def test_an_idle_worker_stops_at_once(store: SQLiteJobStore) -> None:
    async with anyio.create_task_group() as group:
        running = Running(make_worker(store, {}, poll_every=30), group)
        await anyio.sleep(0.05)
        assert await running.shutdown() < 0.5
    assert await store.last_worker_beat() is not None


async def test_a_dead_workers_expired_lease_is_picked_up(store: SQLiteJobStore) -> None:
    runs: list[int] = []

    async def handler(claimed: Job) -> None:
        runs.append(claimed.attempts)

    queued = await store.enqueue(job("orphan"))
    ghost = await store.claim("ghost", timedelta(milliseconds=100))
    assert ghost is not None
    async with anyio.create_task_group() as group:
        running = Running(make_worker(store, {"work": handler}), group)
        await wait_until(lambda: _all_in(store, [queued.id], JobState.SUCCEEDED))
        await running.shutdown()
    assert runs == [2]


async def test_a_job_whose_leases_always_expire_ends_dead(store: SQLiteJobStore) -> None:
    calls: list[Job] = []

    async def handler(claimed: Job) -> None:
        calls.append(claimed)

    queued = await store.enqueue(job("poison", max_attempts=1))
    assert await store.claim("ghost", timedelta(milliseconds=50)) is not None
    async with anyio.create_task_group() as group:
        running = Running(make_worker(store, {"work": handler}), group)
        await wait_until(lambda: _all_in(store, [queued.id], JobState.DEAD))
        await running.shutdown()
    dead = await store.get(queued.id)
    assert dead is not None
    assert dead.last_error is not None
    assert dead.last_error.startswith("JobNotRunnable: every one of 1 attempts")
    assert calls == []


async def test_a_lease_kept_alive_by_heartbeats_is_not_stolen(store: SQLiteJobStore) -> None:
    runs: list[str] = []

    async def longer_than_the_lease(claimed: Job) -> None:
        runs.append(claimed.locked_by or "")
        await anyio.sleep(0.8)

    queued = await store.enqueue(job("long"))
    async with anyio.create_task_group() as group:
        first = Running(
            make_worker(
                store, {"work": longer_than_the_lease}, lease=timedelta(seconds=0.3), worker_id="a"
            ),
            group,
        )
        await wait_until(lambda: _true(len(runs) == 1))
        second = Running(
            make_worker(
                store, {"work": longer_than_the_lease}, lease=timedelta(seconds=0.3), worker_id="b"
            ),
            group,
        )
        await wait_until(lambda: _all_in(store, [queued.id], JobState.SUCCEEDED))
        await first.shutdown()
        await second.shutdown()
    assert runs == ["a"]


async def test_an_unknown_kind_fails_with_a_clear_error(store: SQLiteJobStore) -> None:
    queued = await store.enqueue(job("mystery", kind="mystery", max_attempts=1))
    async with anyio.create_task_group() as group:
        running = Running(make_worker(store, {"work": _nothing}), group)
        await wait_until(lambda: _all_in(store, [queued.id], JobState.DEAD))
        await running.shutdown()
    dead = await store.get(queued.id)
    assert dead is not None
    assert dead.last_error == "JobNotRunnable: no handler for job kind 'mystery'"


async def _nothing(claimed: Job) -> None:
    return None


async def test_wake_skips_the_poll_interval(store: SQLiteJobStore) -> None:
    async with anyio.create_task_group() as group:
        worker = make_worker(store, {"work": _nothing}, poll_every=30)
        running = Running(worker, group)
        await anyio.sleep(0.1)
        queued = await store.enqueue(job("now"))
        worker.wake()
        await wait_until(lambda: _all_in(store, [queued.id], JobState.SUCCEEDED), seconds=2)
        await running.shutdown()
    worker.wake()


class StoppingStore(SQLiteJobStore):
    """A store whose first successful claim also sets the worker's stop event."""

    stop: anyio.Event | None = None

    async def claim(self, worker_id: str, lease: timedelta, kinds: Any = None) -> Job | None:
        claimed = await super().claim(worker_id, lease, kinds)
        if claimed is not None and self.stop is not None:
            self.stop.set()
        return claimed


async def test_a_job_claimed_as_stop_arrives_is_given_back(tmp_path: Path) -> None:
    store = StoppingStore(tmp_path / "stopping.db")
    await store.open()
    queued = await store.enqueue(job("late"))
    stop = anyio.Event()
    store.stop = stop
    await make_worker(store, {"work": _nothing}).run(stop)
    released = await store.get(queued.id)
    assert released is not None
    assert released.state is JobState.QUEUED
    assert released.attempts == 0
    await store.close()


class FlakyStore(SQLiteJobStore):
    """A store whose named methods fail a set number of times before working."""

    def __init__(self, path: Path, failures: dict[str, int]) -> None:
        super().__init__(path)
        self.failures = failures

    def _maybe_fail(self, name: str) -> None:
        if self.failures.get(name, 0) > 0:
            self.failures[name] -= 1
            raise StoreError(f"{name} is unavailable")

    async def claim(self, worker_id: str, lease: timedelta, kinds: Any = None) -> Job | None:
        self._maybe_fail("claim")
        return await super().claim(worker_id, lease, kinds)

    async def heartbeat(self, job_id: int, worker_id: str, lease: timedelta) -> bool:
        self._maybe_fail("heartbeat")
        return await super().heartbeat(job_id, worker_id, lease)

    async def complete(self, job_id: int, worker_id: str) -> None:
        self._maybe_fail("complete")
        await super().complete(job_id, worker_id)

    async def fail(self, job_id: int, worker_id: str, error: str) -> Job:
        self._maybe_fail("fail")
        return await super().fail(job_id, worker_id, error)

    async def release(self, job_id: int, worker_id: str) -> None:
        self._maybe_fail("release")
        await super().release(job_id, worker_id)

    async def beat_worker(self, worker_id: str) -> None:
        self._maybe_fail("beat_worker")
        await super().beat_worker(worker_id)


async def test_store_outages_are_survived(tmp_path: Path) -> None:
    store = FlakyStore(
        tmp_path / "flaky.db",
        {"claim": 2, "heartbeat": 2, "complete": 1, "fail": 1, "beat_worker": 1},
    )
    await store.open()
    calls: list[int] = []

    async def handler(claimed: Job) -> None:
        calls.append(claimed.attempts)
        await anyio.sleep(0.2)
        if claimed.payload["key"] == "bad":
            raise RuntimeError("bad job")

    good = await store.enqueue(job("good"))
    bad = await store.enqueue(job("bad", max_attempts=1))
    async with anyio.create_task_group() as group:
        running = Running(
            make_worker(store, {"work": handler}, lease=timedelta(seconds=0.5)), group
        )
        # complete and fail are lost once each; the lease expires and the job runs again.
        await wait_until(lambda: _all_in(store, [good.id], JobState.SUCCEEDED), seconds=10)
        await wait_until(lambda: _all_in(store, [bad.id], JobState.DEAD), seconds=10)
        await running.shutdown()
    assert store.failures == dict.fromkeys(store.failures, 0)
    assert await store.last_worker_beat() is not None
    await store.close()


async def test_a_failed_release_leaves_the_job_to_its_lease(tmp_path: Path) -> None:
    store = FlakyStore(tmp_path / "release.db", {"release": 1})
    await store.open()
    started = anyio.Event()

    async def forever(claimed: Job) -> None:
        started.set()
        await anyio.sleep(30)

    queued = await store.enqueue(job("forever"))
    async with anyio.create_task_group() as group:
        running = Running(make_worker(store, {"work": forever}, drain_deadline=0.1), group)
        with anyio.fail_after(5):
            await started.wait()
        await running.shutdown()
    held = await store.get(queued.id)
    assert held is not None
    assert held.state is JobState.RUNNING
    await store.close()


async def test_a_result_for_a_job_cancelled_meanwhile_is_dropped(store: SQLiteJobStore) -> None:
    async def cancels_itself(claimed: Job) -> None:
        await store.cancel(claimed.id)

    queued = await store.enqueue(job("self-cancel"))
    async with anyio.create_task_group() as group:
        running = Running(make_worker(store, {"work": cancels_itself}, heartbeat_every=1), group)
        await wait_until(lambda: _all_in(store, [queued.id], JobState.CANCELLED))
        await anyio.sleep(0.1)
        await running.shutdown()
    assert await state_of(store, queued.id) is JobState.CANCELLED


def test_settings_are_checked(tmp_path: Path) -> None:
    store = SQLiteJobStore(tmp_path / "unused.db")
    with pytest.raises(ValueError, match="concurrency"):
        Worker(store, {}, concurrency=0)
    with pytest.raises(ValueError, match="heartbeat"):
        Worker(store, {}, lease=timedelta(seconds=5), heartbeat_every=5)
    assert Worker(store, {}, worker_id="named").worker_id == "named"


def test_default_worker_ids_name_the_process() -> None:
    first, second = default_worker_id(), default_worker_id()
    assert first != second
    assert f":{os.getpid()}:" in first


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
async def test_signals_set_the_stop_event(signum: signal.Signals) -> None:
    import asyncio

    stop = anyio.Event()
    install_signal_handlers(stop)
    loop = asyncio.get_running_loop()
    try:
        os.kill(os.getpid(), signum)
        with anyio.fail_after(5):
            await stop.wait()
    finally:
        loop.remove_signal_handler(signal.SIGTERM)
        loop.remove_signal_handler(signal.SIGINT)
    assert stop.is_set()

"""Idle workers on PostgreSQL wake on NOTIFY instead of waiting out the poll interval."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from datetime import timedelta

import anyio
import pytest

from pace_app.domain.job_store import Job, JobState, NewJob
from pace_app.queue.postgres import PostgresJobStore
from pace_app.queue.worker import AnnouncesJobs, Worker
from tests.queue.postgres_fixtures import (
    drop_schema,
    postgres_url,  # noqa: F401 - a fixture
    unique_schema,
)

pytestmark = [pytest.mark.anyio, pytest.mark.postgres]

POLL_EVERY = 5.0


@pytest.fixture
async def schema(postgres_url: str) -> AsyncIterator[str]:  # noqa: F811
    """Return a schema of this test's own, dropped afterwards."""
    name = unique_schema()
    yield name
    drop_schema(postgres_url, name)


async def open_store(url: str, schema: str) -> PostgresJobStore:
    """Open a store on ``schema``."""
    store = PostgresJobStore(url, schema=schema)
    await store.open()
    return store


def job(key: str) -> NewJob:
    """Return a job keyed ``key``."""
    return NewJob(kind="work", payload={"key": key}, idempotency_key=key)


def worker(store: PostgresJobStore, done: dict[int, float]) -> Worker:
    """Return a worker that polls rarely and records when each job ran."""

    async def handler(claimed: Job) -> None:
        done[claimed.id] = time.monotonic()

    return Worker(
        store,
        {"work": handler},
        lease=timedelta(seconds=10),
        heartbeat_every=1.0,
        poll_every=POLL_EVERY,
        maintenance_every=POLL_EVERY,
    )


async def until_done(done: dict[int, float], job_id: int) -> float:
    """Wait until ``job_id`` ran and return when it did."""
    with anyio.fail_after(POLL_EVERY):
        while job_id not in done:  # noqa: ASYNC110 - the handler fills ``done``
            await anyio.sleep(0.005)
    return done[job_id]


async def test_a_job_enqueued_elsewhere_wakes_an_idle_worker(
    postgres_url: str,  # noqa: F811
    schema: str,
) -> None:
    store = await open_store(postgres_url, schema)
    producer = await open_store(postgres_url, schema)
    done: dict[int, float] = {}
    running = worker(store, done)
    assert isinstance(store, AnnouncesJobs)
    stop = anyio.Event()
    try:
        async with anyio.create_task_group() as group:
            group.start_soon(running.run, stop)
            # Let the worker find the queue empty and settle into its idle wait.
            await anyio.sleep(0.3)
            for key in ("first", "second"):
                sent = time.monotonic()
                queued = await producer.enqueue(job(key))
                assert await until_done(done, queued.id) - sent < 1.0
                await anyio.sleep(0.2)
            stop.set()
        finished = await store.get(queued.id)
        assert finished is not None
        assert finished.state is JobState.SUCCEEDED
    finally:
        await producer.close()
        await store.close()


async def test_wake_still_ends_the_idle_wait(
    postgres_url: str,  # noqa: F811
    schema: str,
) -> None:
    store = await open_store(postgres_url, schema)
    running = worker(store, {})
    stop = anyio.Event()
    try:
        async with anyio.create_task_group() as group:
            group.start_soon(running.run, stop)
            await anyio.sleep(0.3)
            # Stopping wakes the worker: it must not sit out the rest of its poll interval.
            started = time.monotonic()
            stop.set()
        assert time.monotonic() - started < 1.0
        assert await store.counts() == dict.fromkeys(JobState, 0)
    finally:
        await store.close()

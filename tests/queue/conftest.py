"""Job store fixtures: every backend built by a named factory, all on a fake clock.

A backend joins the contract suite by adding a factory to ``STORE_FACTORIES`` and its
name to ``BACKENDS`` (with marks, e.g. one that skips without a server).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from pace_app.domain.job_store import JobStore, RetryPolicy
from pace_app.queue.sqlite import SQLiteJobStore
from tests.queue.clock import FakeClock, FixedJitter
from tests.queue.postgres_fixtures import postgres_store


@dataclass(frozen=True)
class StoreOptions:
    """What every backend factory gets: a scratch directory and the injected policies."""

    tmp_path: Path
    clock: FakeClock
    retry: RetryPolicy
    jitter: FixedJitter


StoreFactory = Callable[[StoreOptions], AbstractAsyncContextManager[JobStore]]


@asynccontextmanager
async def sqlite_store(options: StoreOptions) -> AsyncIterator[JobStore]:
    """Open a SQLite store in a fresh file."""
    store = SQLiteJobStore(
        options.tmp_path / "jobs.db",
        clock=options.clock,
        retry=options.retry,
        jitter=options.jitter,
    )
    await store.open()
    try:
        yield store
    finally:
        await store.close()


STORE_FACTORIES: dict[str, StoreFactory] = {"sqlite": sqlite_store, "postgres": postgres_store}
BACKENDS: list[Any] = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Name the backend under test."""
    name: str = request.param
    return name


@pytest.fixture
def clock() -> FakeClock:
    """Give the store a clock the test moves."""
    return FakeClock()


@pytest.fixture
def jitter() -> FixedJitter:
    """Give the store a jitter value the test chooses."""
    return FixedJitter()


@pytest.fixture
def retry() -> RetryPolicy:
    """Use a backoff small enough to reason about in tests."""
    return RetryPolicy(base=timedelta(seconds=10), cap=timedelta(minutes=5))


@pytest.fixture
def store_options(
    tmp_path: Path, clock: FakeClock, jitter: FixedJitter, retry: RetryPolicy
) -> StoreOptions:
    """Bundle what a backend factory needs."""
    return StoreOptions(tmp_path=tmp_path, clock=clock, retry=retry, jitter=jitter)


@pytest.fixture
async def store(backend: str, store_options: StoreOptions) -> AsyncIterator[JobStore]:
    """Open a fresh, empty store of the backend under test."""
    async with STORE_FACTORIES[backend](store_options) as opened:
        yield opened

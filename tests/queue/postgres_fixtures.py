"""PostgreSQL fixtures shared by the backend tests and the contract suite.

Every store lives in a schema of its own, so parallel xdist workers never meet: the
contract suite migrates a fresh schema per test (the strictest isolation, about a
tenth of a second each); the backend tests share one schema per worker session and
empty its tables before each test.
"""

from __future__ import annotations

import functools
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

import psycopg
import pytest
from psycopg import sql

from pace_app.domain.job_store import JobStore
from pace_app.queue.postgres import PostgresJobStore
from pace_app.queue.postgres.schema import redacted_dsn

if TYPE_CHECKING:
    from tests.queue.conftest import StoreOptions

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test"
TABLES = (
    "pace_jobs",
    "pace_deliveries",
    "pace_installations",
    "pace_worker_beats",
)


def postgres_test_url() -> str:
    """Return the server the tests use: ``PACE_TEST_POSTGRES_URL`` or the local default."""
    return os.environ.get("PACE_TEST_POSTGRES_URL") or DEFAULT_URL


def unique_schema() -> str:
    """Return a fresh schema name that no other test run uses."""
    return f"pace_test_{uuid.uuid4().hex[:16]}"


def drop_schema(url: str, schema: str) -> None:
    """Drop a test schema and everything in it."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


@functools.cache
def _unreachable(url: str) -> str | None:
    # Asked once per process: a missing server should not cost a timeout per test.
    try:
        with psycopg.connect(url, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        first_line = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        return f"PostgreSQL not reachable at {redacted_dsn(url)}: {first_line}"
    return None


def require_postgres() -> str:
    """Return the test server's URL; skip without one, or fail when CI requires it."""
    url = postgres_test_url()
    reason = _unreachable(url)
    if reason is not None:
        if os.environ.get("PACE_TEST_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return url


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """Return a reachable server's URL; skip (or fail when CI requires it) otherwise."""
    return require_postgres()


@pytest.fixture(scope="session")
def postgres_schema(postgres_url: str) -> Iterator[str]:
    """Return this worker's schema for the session and drop it afterwards."""
    schema = unique_schema()
    yield schema
    drop_schema(postgres_url, schema)


async def open_postgres_store(url: str, schema: str, **options: Any) -> PostgresJobStore:
    """Open a store on ``schema`` (migrating it) and empty its tables."""
    store = PostgresJobStore(url, schema=schema, **options)
    await store.open()
    async with await psycopg.AsyncConnection.connect(url, autocommit=True) as conn:
        await conn.execute(
            sql.SQL("TRUNCATE {} RESTART IDENTITY").format(
                sql.SQL(", ").join(sql.Identifier(schema, table) for table in TABLES)
            )
        )
    return store


@asynccontextmanager
async def postgres_store(options: StoreOptions) -> AsyncIterator[JobStore]:
    """Open a PostgreSQL store on a freshly migrated schema; drop the schema afterwards."""
    url = require_postgres()
    schema = unique_schema()
    store = PostgresJobStore(
        url, schema=schema, clock=options.clock, retry=options.retry, jitter=options.jitter
    )
    try:
        await store.open()
        yield store
    finally:
        await store.close()
        drop_schema(url, schema)

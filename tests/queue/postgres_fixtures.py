"""PostgreSQL fixtures shared by the backend tests and the contract suite.

Each xdist worker gets its own schema for the session (created by the store's own
migrations, dropped at the end); each test starts from empty tables.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from psycopg import sql

from pace_app.queue.postgres import PostgresJobStore
from pace_app.queue.postgres.schema import redacted_dsn

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test"
TABLES = ("pace_jobs", "pace_deliveries", "pace_installations", "pace_worker_beats")


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


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """Return a reachable server's URL; skip (or fail when CI requires it) otherwise."""
    url = postgres_test_url()
    try:
        with psycopg.connect(url, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        reason = f"PostgreSQL not reachable at {redacted_dsn(url)}: {type(exc).__name__}"
        if os.environ.get("PACE_TEST_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return url


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

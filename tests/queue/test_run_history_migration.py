"""The migration that adds run history loads the runs stored before it, on both backends."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from pace_app.domain.run import RunState
from pace_app.domain.run_history import StateChange
from pace_app.queue.postgres import PostgresJobStore
from pace_app.queue.sql import load_migrations
from pace_app.queue.sqlite import SQLiteJobStore
from pace_app.queue.sqlite_database import from_db_time, split_statements
from tests.queue.clock import START
from tests.queue.postgres_fixtures import drop_schema, require_postgres, unique_schema

pytestmark = pytest.mark.anyio

HISTORY = 5
OLD_DETAILS = {
    "version": 1,
    "ledger": {
        "budget_usd": 3.0,
        "agents": {"forge": {"cost_usd": 0.5}, "gate": {"cost_usd": 0.25}, "odd": {}},
    },
}
UPDATED = "2026-01-01T12:30:00.000000Z"


async def test_sqlite_migration_loads_old_runs(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:
        conn.execute(
            "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
            " applied_at TEXT NOT NULL)"
        )
        for migration in load_migrations("sqlite"):
            if migration.version < HISTORY:
                for statement in split_statements(migration.sql):
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_version VALUES (?, ?, ?)",
                    (migration.version, migration.name, UPDATED),
                )
        insert = (
            "INSERT INTO runs (repo, issue_number, installation_id, state, attempt, head_sha,"
            " details, created_at, updated_at) VALUES (?, ?, 7, ?, ?, ?, ?, ?, ?)"
        )
        conn.execute(
            insert,
            ("octo/cat", 1, "done", 2, "b" * 40, json.dumps(OLD_DETAILS), UPDATED, UPDATED),
        )
        conn.execute(insert, ("octo/cat", 2, "forge", 1, None, "{}", UPDATED, UPDATED))

    store = SQLiteJobStore(path)
    await store.open()
    try:
        await _assert_loaded(store)
    finally:
        await store.close()


async def test_postgres_migration_loads_old_runs() -> None:
    url = require_postgres()
    schema = unique_schema()
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
            conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema)))
            conn.execute(
                "CREATE TABLE pace_schema_version (version integer PRIMARY KEY,"
                " name text NOT NULL, applied_at timestamptz NOT NULL)"
            )
            for migration in load_migrations("postgres"):
                if migration.version < HISTORY:
                    conn.execute(migration.sql)
                    conn.execute(
                        "INSERT INTO pace_schema_version VALUES (%s, %s, %s)",
                        (migration.version, migration.name, START),
                    )
            insert = (
                "INSERT INTO pace_runs (repo, issue_number, installation_id, state, attempt,"
                " head_sha, details, created_at, updated_at)"
                " VALUES (%s, %s, 7, %s, %s, %s, %s::jsonb, %s, %s)"
            )
            at = from_db_time(UPDATED)
            conn.execute(
                insert, ("octo/cat", 1, "done", 2, "b" * 40, json.dumps(OLD_DETAILS), at, at)
            )
            conn.execute(insert, ("octo/cat", 2, "forge", 1, None, "{}", at, at))
        store = PostgresJobStore(url, schema=schema)
        await store.open()
        try:
            await _assert_loaded(store)
        finally:
            await store.close()
    finally:
        drop_schema(url, schema)


async def _assert_loaded(store: SQLiteJobStore | PostgresJobStore) -> None:
    at = from_db_time(UPDATED)
    spent = await store.find_run("octo/cat", 1)
    idle = await store.find_run("octo/cat", 2)
    assert spent is not None
    assert idle is not None
    assert spent.cost_usd == pytest.approx(0.75)
    assert idle.cost_usd == 0.0
    assert await store.run_history(spent.id) == [StateChange(2, RunState.DONE, at, "b" * 40)]
    assert await store.run_history(idle.id) == [StateChange(1, RunState.FORGE, at)]
    [spend] = await store.spend(since=START)
    assert (spend.repo, spend.runs, round(spend.cost_usd, 6)) == ("octo/cat", 1, 0.75)
    # The triggers work on migrated rows: a retry of the old run is recorded.
    again, started = await store.start_run(repo="octo/cat", issue_number=1, installation_id=7)
    assert started
    assert (await store.run_history(again.id))[-1].attempt == 3

"""Measure the job queue: jobs claimed and completed per second, per backend.

In-process stores and a no-op handler: each of N concurrent workers loops claim →
complete until the queue is empty, so the figure is the store's own cost per job (two
write transactions), not any handler's.

    uv run python bench/jobs.py [--jobs 2000] [--workers 1 4 16]

PostgreSQL comes from ``PACE_TEST_POSTGRES_URL`` (default: the local test server) and
uses a schema of its own, dropped afterwards; pass ``--skip-postgres`` without one.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path

import psycopg
from psycopg import sql

from pace_app.queue.postgres import PostgresJobStore
from pace_app.queue.sqlite import SQLiteJobStore
from pace_app.domain.job_store import JobStore, NewJob

DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
LEASE = timedelta(seconds=60)


@asynccontextmanager
async def sqlite_store(workers: int) -> AsyncIterator[JobStore]:
    """Open a SQLite store in a scratch file."""
    del workers
    with tempfile.TemporaryDirectory(prefix="pace-bench-") as scratch:
        store = SQLiteJobStore(Path(scratch) / "queue.db")
        await store.open()
        try:
            yield store
        finally:
            await store.close()


@asynccontextmanager
async def postgres_store(workers: int) -> AsyncIterator[JobStore]:
    """Open a PostgreSQL store on a fresh schema with a connection per worker."""
    url = os.environ.get("PACE_TEST_POSTGRES_URL") or DEFAULT_POSTGRES
    schema = f"pace_bench_{uuid.uuid4().hex[:12]}"
    store = PostgresJobStore(url, schema=schema, max_size=max(2, workers))
    await store.open()
    try:
        yield store
    finally:
        await store.close()
        async with await psycopg.AsyncConnection.connect(url, autocommit=True) as conn:
            await conn.execute(
                sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema))
            )


async def drain(store: JobStore, worker_id: str) -> int:
    """Claim and complete jobs until none is left; return how many."""
    done = 0
    while (job := await store.claim(worker_id, LEASE)) is not None:
        await store.complete(job.id, worker_id)
        done += 1
    return done


async def measure(store: JobStore, jobs: int, workers: int) -> float:
    """Enqueue ``jobs``, drain them with ``workers`` loops; return jobs per second."""
    run = uuid.uuid4().hex[:8]
    for number in range(jobs):
        await store.enqueue(NewJob(kind="noop", payload={}, idempotency_key=f"{run}-{number}"))
    started = time.perf_counter()
    done = await asyncio.gather(*(drain(store, f"bench-{n}") for n in range(workers)))
    seconds = time.perf_counter() - started
    assert sum(done) == jobs, f"{sum(done)} of {jobs} jobs completed"
    return jobs / seconds


async def main() -> None:
    """Run the queue benchmark and print a Markdown table."""
    parser = argparse.ArgumentParser(description="Measure job claims and completions per second.")
    parser.add_argument("--jobs", type=int, default=2000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    backends = {"SQLite": sqlite_store}
    if not args.skip_postgres:
        backends["PostgreSQL"] = postgres_store
    print(f"{args.jobs} jobs per run, {os.cpu_count()} CPU(s)")
    print("| backend | " + " | ".join(f"{n} worker(s)" for n in args.workers) + " |")
    print("|---|" + "---:|" * len(args.workers))
    for name, opener in backends.items():
        rates = []
        for workers in args.workers:
            async with opener(workers) as store:
                rates.append(await measure(store, args.jobs, workers))
        print(f"| {name} | " + " | ".join(f"{rate:,.0f} jobs/s" for rate in rates) + " |")


if __name__ == "__main__":
    asyncio.run(main())

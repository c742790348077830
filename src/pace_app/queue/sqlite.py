"""The embedded job store: one SQLite file in WAL mode, shared by several processes.

The SQL lives in ``sql/sqlite/queries.sql``; ``SQLiteDatabase`` runs every write as one
``BEGIN IMMEDIATE`` transaction, which is what makes ``claim`` atomic across processes.
"""

from __future__ import annotations

import functools
import json
import random
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from pace_app.domain.job_store import (
    DEFAULT_REPLAY_WINDOW,
    Delivery,
    DeliveryWrite,
    Installation,
    Job,
    JobState,
    NewJob,
    RetryPolicy,
    check_new_jobs,
    first_in_batch,
)
from pace_app.errors import LeaseLost, StoreError
from pace_app.queue.clock import utc_now
from pace_app.queue.sql import load_queries
from pace_app.queue.sqlite_database import SQLiteDatabase, from_db_time, to_db_time
from pace_app.queue.sqlite_runs import SQLiteRuns
from pace_app.types import Clock

MAX_ERROR_CHARS = 4000
# Beats older than this belong to workers long gone; pruning keeps the table small.
BEAT_RETENTION = timedelta(days=1)
# How often digests older than the replay window are cleared: the window's precision.
DIGEST_FORGET_EVERY = timedelta(minutes=1)


@functools.cache
def _sql() -> dict[str, str]:
    # Read on first use, not at import.
    return load_queries("sqlite")


def truncate_error(error: str) -> str:
    """Return ``error`` cut to the stored bound, marking the cut."""
    if len(error) <= MAX_ERROR_CHARS:
        return error
    marker = " …[truncated]"
    return error[: MAX_ERROR_CHARS - len(marker)] + marker


def _json_list(values: Sequence[str] | None) -> str | None:
    return None if values is None else json.dumps(list(values))


def _job(row: sqlite3.Row) -> Job:
    lease = row["lease_expires_at"]
    return Job(
        id=row["id"],
        kind=row["kind"],
        payload=json.loads(row["payload"]),
        idempotency_key=row["idempotency_key"],
        group_key=row["group_key"],
        state=JobState(row["state"]),
        attempts=row["attempts"],
        max_attempts=row["max_attempts"],
        run_at=from_db_time(row["run_at"]),
        locked_by=row["locked_by"],
        lease_expires_at=from_db_time(lease) if lease is not None else None,
        last_error=row["last_error"],
        created_at=from_db_time(row["created_at"]),
        updated_at=from_db_time(row["updated_at"]),
    )


def _lost(job_id: int) -> LeaseLost:
    return LeaseLost(f"job {job_id} is not running under this worker")


class SQLiteJobStore(SQLiteRuns):
    """A ``JobStore`` and ``RunStore`` kept in one SQLite file."""

    def __init__(
        self,
        path: Path,
        *,
        clock: Clock = utc_now,
        retry: RetryPolicy = RetryPolicy(),  # noqa: B008 - frozen, so sharing it is safe
        jitter: Callable[[], float] = random.random,
        replay_window: timedelta = DEFAULT_REPLAY_WINDOW,
        synchronous: str = "NORMAL",
    ) -> None:
        self._db = SQLiteDatabase(Path(path), clock, synchronous=synchronous)
        self._clock = clock
        self._retry = retry
        self._jitter = jitter
        self._replay_window = replay_window
        self._forget_due: datetime | None = None

    def __repr__(self) -> str:
        return f"SQLiteJobStore({str(self._db.path)!r})"

    def _now(self) -> str:
        return to_db_time(self._clock())

    async def open(self) -> None:
        """Connect and apply pending schema migrations."""
        await self._db.open()

    async def close(self) -> None:
        """Release connections."""
        await self._db.close()

    async def ping(self) -> None:
        """Raise ``StoreError`` unless the database answers."""
        await self._db.call(lambda conn: conn.execute("SELECT 1").fetchone())

    async def schema_version(self) -> int:
        """Return the newest applied migration number."""
        return await self._db.schema_version()

    # -- deliveries -------------------------------------------------------------------

    async def record_delivery(self, delivery: Delivery, jobs: Sequence[NewJob]) -> bool:
        """Store a delivery and its jobs in one transaction; False if it was seen."""
        [recorded] = await self.record_deliveries([(delivery, jobs)])
        return recorded

    async def record_deliveries(self, batch: Sequence[DeliveryWrite]) -> list[bool]:
        """Store many deliveries and their jobs in one transaction, all or nothing."""
        for _delivery, jobs in batch:
            check_new_jobs(jobs)
        first = first_in_batch(batch)

        def write(conn: sqlite3.Connection) -> list[bool]:
            now = self._clock()
            stamp = to_db_time(now)
            with self._db.write(conn):
                if self._forget_due is None or now >= self._forget_due:
                    before = to_db_time(now - self._replay_window)
                    conn.execute(_sql()["forget_digests"], {"before": before})
                    self._forget_due = now + DIGEST_FORGET_EVERY
                recorded = [
                    is_first and self._insert_delivery(conn, delivery)
                    for (delivery, _jobs), is_first in zip(batch, first, strict=True)
                ]
                rows = [
                    self._job_row(job, delivery.id, stamp)
                    for (delivery, jobs), new in zip(batch, recorded, strict=True)
                    if new
                    for job in jobs
                ]
                if rows:
                    conn.executemany(_sql()["insert_job"], rows)
            return recorded

        return await self._db.call_inline(write)

    @staticmethod
    def _insert_delivery(conn: sqlite3.Connection, delivery: Delivery) -> bool:
        """Insert one delivery row; False when its id or remembered digest is known."""
        row = {
            "id": delivery.id,
            "event": delivery.event,
            "action": delivery.action,
            "installation_id": delivery.installation_id,
            "outcome": delivery.outcome.value,
            "reason": delivery.reason,
            "received_at": to_db_time(delivery.received_at),
            "digest": delivery.digest,
        }
        return bool(conn.execute(_sql()["insert_delivery"], row).rowcount)

    async def known_deliveries(self, ids: Sequence[str]) -> set[str]:
        """Return those of ``ids`` already recorded."""

        def read(conn: sqlite3.Connection) -> set[str]:
            rows = conn.execute(_sql()["known_deliveries"], {"ids": json.dumps(list(ids))})
            return {row["id"] for row in rows}

        return await self._db.call(read)

    # -- jobs -------------------------------------------------------------------------

    def _job_row(self, job: NewJob, delivery_id: str | None, now: str) -> dict[str, Any]:
        if job.max_attempts < 1:
            raise StoreError("max_attempts must be at least 1")
        return {
            "kind": job.kind,
            "payload": json.dumps(job.payload, separators=(",", ":"), sort_keys=True),
            "idempotency_key": job.idempotency_key,
            "group_key": job.group_key,
            "max_attempts": job.max_attempts,
            "run_at": to_db_time(job.run_at) if job.run_at is not None else now,
            "delivery_id": delivery_id,
            "now": now,
        }

    async def enqueue(self, job: NewJob) -> Job:
        """Store a job, or return the existing one with the same idempotency key."""

        def write(conn: sqlite3.Connection) -> Job:
            with self._db.write(conn):
                conn.execute(_sql()["insert_job"], self._job_row(job, None, self._now()))
                key = {"idempotency_key": job.idempotency_key}
                return _job(conn.execute(_sql()["job_by_key"], key).fetchone())

        return await self._db.call(write)

    async def claim(
        self, worker_id: str, lease: timedelta, kinds: Sequence[str] | None = None
    ) -> Job | None:
        """Lease the oldest due queued job to ``worker_id`` and count an attempt."""

        def write(conn: sqlite3.Connection) -> Job | None:
            now = self._clock()
            params = {
                "worker_id": worker_id,
                "lease_expires_at": to_db_time(now + lease),
                "now": to_db_time(now),
                "kinds": _json_list(kinds),
            }
            with self._db.write(conn):
                row = conn.execute(_sql()["claim"], params).fetchone()
            return _job(row) if row is not None else None

        return await self._db.call(write)

    async def heartbeat(self, job_id: int, worker_id: str, lease: timedelta) -> bool:
        """Extend the lease; False when the job was cancelled or the lease lost."""

        def write(conn: sqlite3.Connection) -> bool:
            now = self._clock()
            params = {
                "id": job_id,
                "worker_id": worker_id,
                "lease_expires_at": to_db_time(now + lease),
                "now": to_db_time(now),
            }
            with self._db.write(conn):
                return conn.execute(_sql()["heartbeat"], params).rowcount == 1

        return await self._db.call(write)

    async def complete(self, job_id: int, worker_id: str) -> None:
        """Mark a leased job succeeded; ``LeaseLost`` if it is not ours any more."""
        await self._held_update("complete", job_id, worker_id)

    async def release(self, job_id: int, worker_id: str) -> None:
        """Give a leased job back unfinished, without counting the attempt."""
        await self._held_update("release", job_id, worker_id)

    async def _held_update(self, query: str, job_id: int, worker_id: str) -> None:
        def write(conn: sqlite3.Connection) -> None:
            params = {"id": job_id, "worker_id": worker_id, "now": self._now()}
            with self._db.write(conn):
                if conn.execute(_sql()[query], params).rowcount != 1:
                    raise _lost(job_id)

        await self._db.call(write)

    async def fail(self, job_id: int, worker_id: str, error: str) -> Job:
        """Record a failure: requeue with backoff, or dead once attempts are used up."""

        def write(conn: sqlite3.Connection) -> Job:
            now = self._clock()
            with self._db.write(conn):
                held = conn.execute(
                    _sql()["held_attempts"], {"id": job_id, "worker_id": worker_id}
                ).fetchone()
                if held is None:
                    raise _lost(job_id)
                attempts = held["attempts"]
                if attempts >= held["max_attempts"]:
                    state, run_at = JobState.DEAD, None
                else:
                    state = JobState.QUEUED
                    run_at = to_db_time(now + self._retry.delay(attempts, self._jitter()))
                params = {
                    "id": job_id,
                    "state": state.value,
                    "run_at": run_at,
                    "error": truncate_error(error),
                    "now": to_db_time(now),
                }
                return _job(conn.execute(_sql()["record_failure"], params).fetchone())

        return await self._db.call(write)

    async def requeue_expired(self) -> int:
        """Put running jobs whose lease expired back in the queue; return how many."""
        return await self._count_update("requeue_expired", {})

    async def cancel(self, job_id: int) -> bool:
        """Cancel a queued or running job; False if it had already finished."""
        return await self._count_update("cancel", {"id": job_id}) == 1

    async def cancel_group(self, group_key: str, kinds: Sequence[str] | None = None) -> int:
        """Cancel the unfinished jobs of a group (optionally only some kinds)."""
        return await self._count_update(
            "cancel_group", {"group_key": group_key, "kinds": _json_list(kinds)}
        )

    async def _count_update(self, query: str, params: dict[str, Any]) -> int:
        def write(conn: sqlite3.Connection) -> int:
            with self._db.write(conn):
                return conn.execute(_sql()[query], {**params, "now": self._now()}).rowcount

        return await self._db.call(write)

    async def get(self, job_id: int) -> Job | None:
        """Return a job by id."""

        def read(conn: sqlite3.Connection) -> Job | None:
            row = conn.execute(_sql()["job_by_id"], {"id": job_id}).fetchone()
            return _job(row) if row is not None else None

        return await self._db.call(read)

    async def list_jobs(
        self, *, state: JobState | None = None, kind: str | None = None, limit: int = 100
    ) -> list[Job]:
        """Return jobs, newest first, optionally filtered."""
        params = {
            "state": state.value if state is not None else None,
            "kind": kind,
            "limit": max(limit, 0),
        }

        def read(conn: sqlite3.Connection) -> list[Job]:
            return [_job(row) for row in conn.execute(_sql()["list_jobs"], params)]

        return await self._db.call(read)

    async def counts(self) -> Mapping[JobState, int]:
        """Return how many jobs are in each state."""

        def read(conn: sqlite3.Connection) -> dict[JobState, int]:
            totals = dict.fromkeys(JobState, 0)
            for row in conn.execute(_sql()["counts"]):
                totals[JobState(row["state"])] = row["n"]
            return totals

        return await self._db.call(read)

    # -- installations and workers ----------------------------------------------------

    async def upsert_installation(self, installation: Installation) -> None:
        """Record an installation's current account, repositories and status."""

        def write(conn: sqlite3.Connection) -> None:
            params = {
                "id": installation.id,
                "account_login": installation.account_login,
                "repositories": json.dumps(list(installation.repositories)),
                "suspended": int(installation.suspended),
                "deleted": int(installation.deleted),
                "now": self._now(),
            }
            with self._db.write(conn):
                conn.execute(_sql()["upsert_installation"], params)

        await self._db.call(write)

    async def list_installations(self) -> list[Installation]:
        """Return the known installations that are not deleted."""

        def read(conn: sqlite3.Connection) -> list[Installation]:
            return [
                Installation(
                    id=row["id"],
                    account_login=row["account_login"],
                    repositories=tuple(json.loads(row["repositories"])),
                    suspended=bool(row["suspended"]),
                    deleted=bool(row["deleted"]),
                )
                for row in conn.execute(_sql()["list_installations"])
            ]

        return await self._db.call(read)

    async def beat_worker(self, worker_id: str) -> None:
        """Record that a worker process is alive."""

        def write(conn: sqlite3.Connection) -> None:
            now = self._clock()
            with self._db.write(conn):
                conn.execute(
                    _sql()["beat_worker"], {"worker_id": worker_id, "now": to_db_time(now)}
                )
                conn.execute(
                    _sql()["prune_worker_beats"], {"before": to_db_time(now - BEAT_RETENTION)}
                )

        await self._db.call(write)

    async def last_worker_beat(self) -> datetime | None:
        """Return when any worker last said it was alive."""

        def read(conn: sqlite3.Connection) -> datetime | None:
            value = conn.execute(_sql()["last_worker_beat"]).fetchone()[0]
            return from_db_time(value) if value is not None else None

        return await self._db.call(read)

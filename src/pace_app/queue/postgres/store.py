"""The PostgreSQL job store: many workers on many machines share one queue.

Claims use ``FOR UPDATE SKIP LOCKED`` so workers never wait on each other; leases
live in the database; migrations run under an advisory lock (see ``schema``);
``NOTIFY pace_jobs`` wakes idle workers (see ``listener``) while polling stays the
fallback. Every time the store writes or compares comes from the injected clock,
never from the server's ``now()``, so tests drive time the same way on every backend.
"""

from __future__ import annotations

import contextlib
import json
import random
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import DictRow, dict_row
from psycopg.types.json import Jsonb
from psycopg_pool import AsyncConnectionPool

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
from pace_app.queue.postgres.listener import JobListener
from pace_app.queue.postgres.runs import PostgresRuns
from pace_app.queue.postgres.schema import (
    current_version,
    migrate,
    queries,
    redacted_dsn,
    schema_from_url,
    url_password,
)
from pace_app.types import Clock

_Conn = psycopg.AsyncConnection[DictRow]


MAX_ERROR_CHARS = 4000
# How often digests older than the replay window are cleared: the window's precision.
DIGEST_FORGET_EVERY = timedelta(minutes=1)


def truncate_error(error: str) -> str:
    """Return ``error`` cut to the stored bound, marking the cut."""
    if len(error) <= MAX_ERROR_CHARS:
        return error
    marker = " …[truncated]"
    return error[: MAX_ERROR_CHARS - len(marker)] + marker


def _job(row: Mapping[str, Any]) -> Job:
    return Job(
        id=row["id"],
        kind=row["kind"],
        payload=row["payload"],
        idempotency_key=row["idempotency_key"],
        group_key=row["group_key"],
        state=JobState(row["state"]),
        attempts=row["attempts"],
        max_attempts=row["max_attempts"],
        run_at=row["run_at"],
        locked_by=row["locked_by"],
        lease_expires_at=row["lease_expires_at"],
        last_error=row["last_error"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def _time(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _batch_params(batch: Sequence[DeliveryWrite], now: datetime) -> dict[str, Any]:
    """Return ``record_deliveries``'s parameters: deliveries and jobs as JSON arrays."""
    deliveries = [
        {
            "id": d.id,
            "event": d.event,
            "action": d.action,
            "installation_id": d.installation_id,
            "outcome": d.outcome.value,
            "reason": d.reason,
            "received_at": _time(d.received_at),
            "digest": d.digest,
        }
        for d, _jobs in batch
    ]
    jobs = [
        {
            "delivery_id": d.id,
            "kind": job.kind,
            "payload": job.payload,
            "idempotency_key": job.idempotency_key,
            "group_key": job.group_key,
            "max_attempts": job.max_attempts,
            "run_at": _time(job.run_at),
        }
        for d, new_jobs in batch
        for job in new_jobs
    ]
    return {"deliveries": _json(deliveries), "jobs": _json(jobs), "now": now}


def _json(value: object) -> str:
    # Sent as text and cast by the statement: one parameter instead of an array each.
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise StoreError(f"a job payload is not JSON: {exc}") from None


class PostgresJobStore(PostgresRuns):
    """A ``JobStore`` and ``RunStore`` on PostgreSQL, shared by any number of workers."""

    def __init__(
        self,
        url: str,
        *,
        clock: Clock | None = None,
        retry: RetryPolicy = RetryPolicy(),  # noqa: B008 - frozen, safe to share
        jitter: Callable[[], float] = random.random,
        min_size: int = 1,
        max_size: int = 10,
        schema: str | None = None,
        open_timeout: float = 10.0,
        relisten_delay: float = 1.0,
        replay_window: timedelta = DEFAULT_REPLAY_WINDOW,
    ) -> None:
        try:
            self._where = redacted_dsn(url)
            self._schema = schema or schema_from_url(url)
            self._password = url_password(url)
        except psycopg.Error:
            # The parser's message may quote the URL, password included.
            raise StoreError("PostgreSQL store: the database URL is malformed") from None
        self._url = url
        self._clock = clock or utc_now
        self._retry = retry
        self._jitter = jitter
        self._min_size = min_size
        self._max_size = max_size
        self._open_timeout = open_timeout
        self._pool: AsyncConnectionPool[_Conn] | None = None
        self._replay_window = replay_window
        self._forget_due: datetime | None = None
        self._listener = JobListener(url, self._schema, relisten_delay=relisten_delay)

    def __repr__(self) -> str:
        return f"PostgresJobStore({self._where!r}, schema={self._schema!r})"

    @property
    def schema(self) -> str:
        """Return the schema the store's tables live in."""
        return self._schema

    async def open(self) -> None:
        """Connect, apply pending schema migrations and start listening for new jobs."""
        if self._pool is not None:
            return
        pool: AsyncConnectionPool[_Conn] = AsyncConnectionPool(
            self._url,
            min_size=self._min_size,
            max_size=self._max_size,
            open=False,
            kwargs={"row_factory": dict_row},
            configure=self._configure,
            check=AsyncConnectionPool.check_connection,
            name=f"pace-{self._schema}",
        )
        try:
            with self._translated("open"):
                await pool.open(wait=True, timeout=self._open_timeout)
                self._pool = pool
                async with self._transaction("migrate") as conn:
                    await migrate(conn, self._schema, self._clock())
                await self._listener.start()
        except BaseException:
            self._pool = None
            await pool.close()
            raise

    async def close(self) -> None:
        """Stop listening and release every connection."""
        await self._listener.stop()
        if self._pool is not None:
            await self._pool.close()
            self._pool = None

    async def wait_for_jobs(self, timeout: float) -> None:  # noqa: ASYNC109 - a poll interval
        """Sleep up to ``timeout`` seconds, returning early when new jobs are announced."""
        await self._listener.wait(timeout)

    async def _configure(self, conn: _Conn) -> None:
        # Pin the schema and return timestamps in UTC whatever the server's default.
        await conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(self._schema)))
        await conn.execute("SET TIME ZONE 'UTC'")
        await conn.commit()

    @contextlib.contextmanager
    def _translated(self, operation: str) -> Iterator[None]:
        try:
            yield
        except psycopg.Error as exc:
            lines = str(exc).strip().splitlines()
            detail = lines[0] if lines else type(exc).__name__
            if self._password:
                detail = detail.replace(self._password, "***")
            message = f"PostgreSQL store ({self._where}): {operation} failed: {detail}"
            raise StoreError(message) from exc

    @contextlib.asynccontextmanager
    async def _transaction(self, operation: str) -> AsyncIterator[_Conn]:
        if self._pool is None:
            raise StoreError(f"PostgreSQL store: {operation} called while not open")
        with self._translated(operation):
            async with self._pool.connection() as conn, conn.transaction():
                yield conn

    async def _rows(self, operation: str, params: Mapping[str, Any]) -> list[DictRow]:
        async with self._transaction(operation) as conn:
            return await (await conn.execute(queries()[operation], params)).fetchall()

    async def _single_statement(self, operation: str, params: Mapping[str, Any]) -> list[DictRow]:
        """Run one statement as its own transaction, in one round trip (no BEGIN, COMMIT)."""
        if self._pool is None:
            raise StoreError(f"PostgreSQL store: {operation} called while not open")
        with self._translated(operation):
            async with self._pool.connection() as conn:
                # Client-side only; set back before the connection returns to the pool.
                await conn.set_autocommit(True)
                try:
                    return await (await conn.execute(queries()[operation], params)).fetchall()
                finally:
                    await conn.set_autocommit(False)

    async def _notify(self, conn: _Conn) -> None:
        # Delivered at commit, so a woken worker always finds the new jobs.
        await conn.execute(queries()["notify"], {"schema": self._schema})

    # -- the JobStore contract ---------------------------------------------------------

    async def ping(self) -> None:
        """Raise ``StoreError`` unless the database answers."""
        await self._rows("ping", {})

    async def schema_version(self) -> int:
        """Return the number of the newest applied migration."""
        async with self._transaction("schema_version") as conn:
            return await current_version(conn)

    def pool_stats(self) -> dict[str, int | bool | str]:
        """Return a few pool figures for ``pace doctor``."""
        stats: dict[str, int | bool | str] = {"schema": self._schema, "open": False}
        if self._pool is not None:
            figures = self._pool.get_stats()
            stats.update(
                open=True,
                min_size=figures.get("pool_min", self._min_size),
                max_size=figures.get("pool_max", self._max_size),
                size=figures.get("pool_size", 0),
                available=figures.get("pool_available", 0),
                waiting=figures.get("requests_waiting", 0),
            )
        stats["listening"] = self._listener.backend_pid is not None
        stats["listener_pid"] = self._listener.backend_pid or 0
        return stats

    async def record_delivery(self, delivery: Delivery, jobs: Sequence[NewJob]) -> bool:
        """Store a delivery and its jobs in one transaction; False if it was seen."""
        [recorded] = await self.record_deliveries([(delivery, jobs)])
        return recorded

    async def record_deliveries(self, batch: Sequence[DeliveryWrite]) -> list[bool]:
        """Store many deliveries and their jobs in one transaction, all or nothing.

        One statement writes the batch; one ``NOTIFY`` announces its jobs.
        """
        for _delivery, jobs in batch:
            check_new_jobs(jobs)
        first = first_in_batch(batch)
        # In digest order: two processes writing batches that share bodies then take the
        # unique-index locks in the same order, so they wait for each other, never deadlock.
        candidates = sorted(
            (write for write, is_first in zip(batch, first, strict=True) if is_first),
            key=lambda write: (write[0].digest or "", write[0].id),
        )
        if not candidates:
            return [False] * len(batch)
        now = self._clock()
        params = _batch_params(candidates, now)
        params["schema"] = self._schema
        if self._forget_due is None or now >= self._forget_due:
            # A transaction of its own: forgetting a digest early or late harms nothing.
            async with self._transaction("record_deliveries") as conn:
                await conn.execute(
                    queries()["forget_digests"], {"before": now - self._replay_window}
                )
            self._forget_due = now + DIGEST_FORGET_EVERY
        rows = await self._single_statement("record_deliveries", params)
        recorded = {row["id"] for row in rows}
        return [
            is_first and delivery.id in recorded
            for (delivery, _jobs), is_first in zip(batch, first, strict=True)
        ]

    async def known_deliveries(self, ids: Sequence[str]) -> set[str]:
        """Return those of ``ids`` already recorded."""
        rows = await self._rows("known_deliveries", {"ids": list(ids)})
        return {row["id"] for row in rows}

    def _job_params(
        self, job: NewJob, now: datetime, delivery_id: str | None = None
    ) -> dict[str, Any]:
        return {
            "kind": job.kind,
            "payload": Jsonb(job.payload),
            "idempotency_key": job.idempotency_key,
            "group_key": job.group_key,
            "max_attempts": job.max_attempts,
            "run_at": job.run_at or now,
            "delivery_id": delivery_id,
            "now": now,
        }

    async def enqueue(self, job: NewJob) -> Job:
        """Store a job, or return the existing one with the same idempotency key."""
        async with self._transaction("enqueue") as conn:
            cursor = await conn.execute(
                queries()["insert_job"], self._job_params(job, self._clock())
            )
            row = await cursor.fetchone()
            if row is not None:
                await self._notify(conn)
                return _job(row)
            # The conflicting row is committed (ON CONFLICT waited for it), so it is visible.
            cursor = await conn.execute(
                queries()["job_by_key"], {"idempotency_key": job.idempotency_key}
            )
            existing = await cursor.fetchone()
        if existing is None:  # pragma: no cover - a delete raced the insert
            raise StoreError(f"job {job.idempotency_key!r} vanished while enqueueing")
        return _job(existing)

    async def claim(
        self, worker_id: str, lease: timedelta, kinds: Sequence[str] | None = None
    ) -> Job | None:
        """Lease the oldest due queued job to ``worker_id`` and count an attempt."""
        now = self._clock()
        params = {
            "now": now,
            "expires": now + lease,
            "worker_id": worker_id,
            "kinds": None if kinds is None else list(kinds),
        }
        rows = await self._rows("claim", params)
        return _job(rows[0]) if rows else None

    async def heartbeat(self, job_id: int, worker_id: str, lease: timedelta) -> bool:
        """Extend the lease; False when the job was cancelled or the lease lost."""
        now = self._clock()
        params = {"id": job_id, "worker_id": worker_id, "now": now, "expires": now + lease}
        return bool(await self._rows("heartbeat", params))

    async def complete(self, job_id: int, worker_id: str) -> None:
        """Mark a leased job succeeded; ``LeaseLost`` if it is not ours any more."""
        params = {"id": job_id, "worker_id": worker_id, "now": self._clock()}
        if not await self._rows("complete", params):
            raise LeaseLost(f"job {job_id} is not leased to {worker_id}")

    async def fail(self, job_id: int, worker_id: str, error: str) -> Job:
        """Record a failure: requeue with backoff, or dead once attempts are used up."""
        now = self._clock()
        async with self._transaction("fail") as conn:
            cursor = await conn.execute(
                queries()["lock_leased"], {"id": job_id, "worker_id": worker_id}
            )
            row = await cursor.fetchone()
            if row is None:
                raise LeaseLost(f"job {job_id} is not leased to {worker_id}")
            attempts = int(row["attempts"])
            if attempts >= int(row["max_attempts"]):
                state, run_at = JobState.DEAD, row["run_at"]
            else:
                state = JobState.QUEUED
                run_at = now + self._retry.delay(attempts, self._jitter())
            params = {
                "id": job_id,
                "state": str(state),
                "run_at": run_at,
                "error": truncate_error(error),
                "now": now,
            }
            cursor = await conn.execute(queries()["record_failure"], params)
            updated = await cursor.fetchone()
        assert updated is not None  # the row is locked by this transaction
        return _job(updated)

    async def release(self, job_id: int, worker_id: str) -> None:
        """Give a leased job back unfinished, without counting the attempt."""
        async with self._transaction("release") as conn:
            params = {"id": job_id, "worker_id": worker_id, "now": self._clock()}
            cursor = await conn.execute(queries()["release"], params)
            if await cursor.fetchone() is None:
                raise LeaseLost(f"job {job_id} is not leased to {worker_id}")
            await self._notify(conn)

    async def requeue_expired(self) -> int:
        """Put running jobs whose lease expired back in the queue; return how many."""
        async with self._transaction("requeue_expired") as conn:
            cursor = await conn.execute(queries()["requeue_expired"], {"now": self._clock()})
            if cursor.rowcount > 0:
                await self._notify(conn)
            return max(cursor.rowcount, 0)

    async def cancel(self, job_id: int) -> bool:
        """Cancel a queued or running job; False if it had already finished."""
        return bool(await self._rows("cancel", {"id": job_id, "now": self._clock()}))

    async def cancel_group(self, group_key: str, kinds: Sequence[str] | None = None) -> int:
        """Cancel the unfinished jobs of a group (optionally only some kinds)."""
        params = {
            "group_key": group_key,
            "kinds": None if kinds is None else list(kinds),
            "now": self._clock(),
        }
        async with self._transaction("cancel_group") as conn:
            cursor = await conn.execute(queries()["cancel_group"], params)
            return max(cursor.rowcount, 0)

    async def get(self, job_id: int) -> Job | None:
        """Return a job by id."""
        rows = await self._rows("job_by_id", {"id": job_id})
        return _job(rows[0]) if rows else None

    async def list_jobs(
        self, *, state: JobState | None = None, kind: str | None = None, limit: int = 100
    ) -> list[Job]:
        """Return jobs, newest first, optionally filtered."""
        params = {"state": None if state is None else str(state), "kind": kind, "limit": limit}
        return [_job(row) for row in await self._rows("list_jobs", params)]

    async def counts(self) -> Mapping[JobState, int]:
        """Return how many jobs are in each state."""
        found = {JobState(row["state"]): int(row["n"]) for row in await self._rows("counts", {})}
        return {state: found.get(state, 0) for state in JobState}

    async def upsert_installation(self, installation: Installation) -> None:
        """Record an installation's current account, repositories and status."""
        params = {
            "id": installation.id,
            "account_login": installation.account_login,
            "repositories": list(installation.repositories),
            "suspended": installation.suspended,
            "deleted": installation.deleted,
            "now": self._clock(),
        }
        async with self._transaction("upsert_installation") as conn:
            await conn.execute(queries()["upsert_installation"], params)

    async def list_installations(self) -> list[Installation]:
        """Return the known installations that are not deleted."""
        return [
            Installation(
                id=row["id"],
                account_login=row["account_login"],
                repositories=tuple(row["repositories"]),
                suspended=row["suspended"],
                deleted=row["deleted"],
            )
            for row in await self._rows("list_installations", {})
        ]

    async def beat_worker(self, worker_id: str) -> None:
        """Record that a worker process is alive."""
        async with self._transaction("beat_worker") as conn:
            await conn.execute(
                queries()["beat_worker"], {"worker_id": worker_id, "now": self._clock()}
            )

    async def last_worker_beat(self) -> datetime | None:
        """Return when any worker last said it was alive."""
        rows = await self._rows("last_worker_beat", {})
        beat: datetime | None = rows[0]["beat_at"]
        return beat

"""The embedded job store: one SQLite file in WAL mode, shared by several processes.

Every write is one short ``BEGIN IMMEDIATE`` transaction, which takes SQLite's single
write lock up front; that makes ``claim``'s select-then-update atomic across processes
and threads, and turns contention into a bounded wait (the busy timeout) instead of a
deadlock. Calls run on a worker thread so the event loop never blocks on the file.
"""

from __future__ import annotations

import json
import random
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import anyio.to_thread

from pace_app.errors import LeaseLost, StoreError
from pace_app.queue.clock import utc_now
from pace_app.queue.sql import load_migrations
from pace_app.queue.store import (
    Delivery,
    Installation,
    Job,
    JobState,
    NewJob,
    RetryPolicy,
)
from pace_app.types import Clock

T = TypeVar("T")

MAX_ERROR_CHARS = 4000
BUSY_TIMEOUT_SECONDS = 10.0
# Beats older than this belong to workers long gone; pruning keeps the table small.
BEAT_RETENTION = timedelta(days=1)
# Well under SQLite's bound-parameter limit.
_CHUNK = 500

_JOB_COLUMNS = (
    "id, kind, payload, idempotency_key, group_key, state, attempts, max_attempts, run_at, "
    "locked_by, lease_expires_at, last_error, created_at, updated_at"
)
_INSERT_JOB = (
    "INSERT INTO jobs (kind, payload, idempotency_key, group_key, state, attempts, "
    "max_attempts, run_at, delivery_id, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, 'queued', 0, ?, ?, ?, ?, ?) "
    "ON CONFLICT (idempotency_key) DO NOTHING"
)
_UNFINISHED = "state IN ('queued', 'running')"


def to_db_time(moment: datetime) -> str:
    """Return ``moment`` as sortable UTC text; naive datetimes are refused."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise StoreError("the job store needs timezone-aware datetimes")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def from_db_time(text: str) -> datetime:
    """Return the aware UTC datetime stored as ``text``."""
    return datetime.fromisoformat(text)


def truncate_error(error: str) -> str:
    """Return ``error`` cut to the stored bound, marking the cut."""
    if len(error) <= MAX_ERROR_CHARS:
        return error
    marker = " …[truncated]"
    return error[: MAX_ERROR_CHARS - len(marker)] + marker


def _placeholders(count: int) -> str:
    return ", ".join("?" * count)


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


def split_statements(script: str) -> list[str]:
    """Split a migration script into statements, refusing an unfinished last one."""
    # executescript() would commit the surrounding transaction, so statements run one by one.
    statements: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    leftover = [line for line in pending.splitlines() if line.strip()]
    if any(not line.strip().startswith("--") for line in leftover):
        raise StoreError("a migration ends with an incomplete SQL statement")
    return statements


class SQLiteJobStore:
    """A ``JobStore`` kept in one SQLite file."""

    def __init__(
        self,
        path: Path,
        *,
        clock: Clock = utc_now,
        retry: RetryPolicy = RetryPolicy(),  # noqa: B008 - frozen, so sharing it is safe
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self._path = Path(path)
        self._clock = clock
        self._retry = retry
        self._jitter = jitter
        self._conn: sqlite3.Connection | None = None
        # One connection per store; the lock keeps its transactions from interleaving.
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"SQLiteJobStore({str(self._path)!r})"

    # -- plumbing ---------------------------------------------------------------------

    async def _call(self, func: Callable[[sqlite3.Connection], T]) -> T:
        return await anyio.to_thread.run_sync(self._locked, func)

    def _locked(self, func: Callable[[sqlite3.Connection], T]) -> T:
        with self._lock:
            if self._conn is None:
                raise StoreError("the job store is not open")
            try:
                return func(self._conn)
            except sqlite3.Error as exc:
                raise StoreError(f"SQLite error: {exc}") from exc

    @contextmanager
    def _write(self, conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.rollback()
            raise
        conn.commit()

    def _now(self) -> str:
        return to_db_time(self._clock())

    # -- lifecycle --------------------------------------------------------------------

    async def open(self) -> None:
        """Connect and apply pending schema migrations."""
        await anyio.to_thread.run_sync(self._open)

    def _open(self) -> None:
        with self._lock:
            if self._conn is not None:
                return
            try:
                conn = sqlite3.connect(
                    self._path,
                    timeout=BUSY_TIMEOUT_SECONDS,
                    isolation_level=None,
                    check_same_thread=False,
                )
            except sqlite3.Error as exc:
                raise StoreError(f"cannot open SQLite database {self._path}: {exc}") from exc
            try:
                conn.row_factory = sqlite3.Row
                conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
                conn.execute("PRAGMA foreign_keys = ON")
                self._migrate(conn)
            except StoreError:
                conn.close()
                raise
            except sqlite3.Error as exc:
                conn.close()
                raise StoreError(f"cannot prepare SQLite database {self._path}: {exc}") from exc
            self._conn = conn

    def _migrate(self, conn: sqlite3.Connection) -> None:
        # BEGIN IMMEDIATE serialises two processes opening a new file at the same moment:
        # the second waits, then sees the versions the first recorded and applies nothing.
        with self._write(conn):
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version ("
                "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            current = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version")
            applied: int = current.fetchone()[0]
            for migration in load_migrations("sqlite"):
                if migration.version <= applied:
                    continue
                for statement in split_statements(migration.sql):
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                    (migration.version, migration.name, self._now()),
                )

    async def close(self) -> None:
        """Release connections."""
        await anyio.to_thread.run_sync(self._close)

    def _close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    async def ping(self) -> None:
        """Raise ``StoreError`` unless the database answers."""
        await self._call(lambda conn: conn.execute("SELECT 1").fetchone())

    async def schema_version(self) -> int:
        """Return the newest applied migration number."""

        def read(conn: sqlite3.Connection) -> int:
            row = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version")
            return int(row.fetchone()[0])

        return await self._call(read)

    # -- deliveries -------------------------------------------------------------------

    async def record_delivery(self, delivery: Delivery, jobs: Sequence[NewJob]) -> bool:
        """Store a delivery and its jobs in one transaction; False if the id was seen."""

        def write(conn: sqlite3.Connection) -> bool:
            now = self._now()
            with self._write(conn):
                inserted = conn.execute(
                    "INSERT INTO deliveries (id, event, action, installation_id, outcome, "
                    "reason, received_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (id) DO NOTHING",
                    (
                        delivery.id,
                        delivery.event,
                        delivery.action,
                        delivery.installation_id,
                        delivery.outcome.value,
                        delivery.reason,
                        to_db_time(delivery.received_at),
                    ),
                )
                if inserted.rowcount == 0:
                    return False
                for job in jobs:
                    conn.execute(_INSERT_JOB, self._job_params(job, delivery.id, now))
                return True

        return await self._call(write)

    async def known_deliveries(self, ids: Sequence[str]) -> set[str]:
        """Return those of ``ids`` already recorded."""

        def read(conn: sqlite3.Connection) -> set[str]:
            wanted = list(dict.fromkeys(ids))
            found: set[str] = set()
            for start in range(0, len(wanted), _CHUNK):
                chunk = wanted[start : start + _CHUNK]
                rows = conn.execute(
                    f"SELECT id FROM deliveries WHERE id IN ({_placeholders(len(chunk))})",  # noqa: S608 - placeholders only
                    chunk,
                )
                found.update(row["id"] for row in rows)
            return found

        return await self._call(read)

    # -- jobs -------------------------------------------------------------------------

    def _job_params(self, job: NewJob, delivery_id: str | None, now: str) -> tuple[Any, ...]:
        if job.max_attempts < 1:
            raise StoreError("max_attempts must be at least 1")
        run_at = to_db_time(job.run_at) if job.run_at is not None else now
        payload = json.dumps(job.payload, separators=(",", ":"), sort_keys=True)
        return (
            job.kind,
            payload,
            job.idempotency_key,
            job.group_key,
            job.max_attempts,
            run_at,
            delivery_id,
            now,
            now,
        )

    async def enqueue(self, job: NewJob) -> Job:
        """Store a job, or return the existing one with the same idempotency key."""

        def write(conn: sqlite3.Connection) -> Job:
            with self._write(conn):
                conn.execute(_INSERT_JOB, self._job_params(job, None, self._now()))
                row = conn.execute(
                    f"SELECT {_JOB_COLUMNS} FROM jobs WHERE idempotency_key = ?",  # noqa: S608 - constant columns
                    (job.idempotency_key,),
                ).fetchone()
            return _job(row)

        return await self._call(write)

    async def claim(
        self, worker_id: str, lease: timedelta, kinds: Sequence[str] | None = None
    ) -> Job | None:
        """Lease the oldest due queued job to ``worker_id`` and count an attempt."""
        if kinds is not None and not kinds:
            return None

        def write(conn: sqlite3.Connection) -> Job | None:
            now = self._clock()
            kind_filter = "" if kinds is None else f"AND kind IN ({_placeholders(len(kinds))})"
            with self._write(conn):
                row = conn.execute(
                    "UPDATE jobs SET state = 'running', attempts = attempts + 1, "  # noqa: S608 - placeholders only
                    "locked_by = ?, lease_expires_at = ?, updated_at = ? "
                    "WHERE id = (SELECT id FROM jobs WHERE state = 'queued' AND run_at <= ? "
                    f"{kind_filter} ORDER BY run_at, id LIMIT 1) "
                    f"RETURNING {_JOB_COLUMNS}",
                    (
                        worker_id,
                        to_db_time(now + lease),
                        to_db_time(now),
                        to_db_time(now),
                        *(kinds or ()),
                    ),
                ).fetchone()
            return _job(row) if row is not None else None

        return await self._call(write)

    async def heartbeat(self, job_id: int, worker_id: str, lease: timedelta) -> bool:
        """Extend the lease; False when the job was cancelled or the lease lost."""

        def write(conn: sqlite3.Connection) -> bool:
            now = self._clock()
            with self._write(conn):
                cursor = conn.execute(
                    "UPDATE jobs SET lease_expires_at = ?, updated_at = ? "
                    "WHERE id = ? AND state = 'running' AND locked_by = ?",
                    (to_db_time(now + lease), to_db_time(now), job_id, worker_id),
                )
            return cursor.rowcount == 1

        return await self._call(write)

    async def complete(self, job_id: int, worker_id: str) -> None:
        """Mark a leased job succeeded; ``LeaseLost`` if it is not ours any more."""

        def write(conn: sqlite3.Connection) -> None:
            with self._write(conn):
                cursor = conn.execute(
                    "UPDATE jobs SET state = 'succeeded', locked_by = NULL, "
                    "lease_expires_at = NULL, updated_at = ? "
                    "WHERE id = ? AND state = 'running' AND locked_by = ?",
                    (self._now(), job_id, worker_id),
                )
                if cursor.rowcount != 1:
                    raise LeaseLost(f"job {job_id} is not running under this worker")

        await self._call(write)

    async def fail(self, job_id: int, worker_id: str, error: str) -> Job:
        """Record a failure: requeue with backoff, or dead once attempts are used up."""

        def write(conn: sqlite3.Connection) -> Job:
            now = self._clock()
            with self._write(conn):
                held = conn.execute(
                    "SELECT attempts, max_attempts FROM jobs "
                    "WHERE id = ? AND state = 'running' AND locked_by = ?",
                    (job_id, worker_id),
                ).fetchone()
                if held is None:
                    raise LeaseLost(f"job {job_id} is not running under this worker")
                attempts, max_attempts = held["attempts"], held["max_attempts"]
                if attempts >= max_attempts:
                    state, run_at = JobState.DEAD, None
                else:
                    state = JobState.QUEUED
                    run_at = to_db_time(now + self._retry.delay(attempts, self._jitter()))
                row = conn.execute(
                    "UPDATE jobs SET state = ?, run_at = COALESCE(?, run_at), locked_by = NULL, "  # noqa: S608 - constant columns
                    "lease_expires_at = NULL, last_error = ?, updated_at = ? WHERE id = ? "
                    f"RETURNING {_JOB_COLUMNS}",
                    (state.value, run_at, truncate_error(error), to_db_time(now), job_id),
                ).fetchone()
            return _job(row)

        return await self._call(write)

    async def release(self, job_id: int, worker_id: str) -> None:
        """Give a leased job back unfinished, without counting the attempt."""

        def write(conn: sqlite3.Connection) -> None:
            with self._write(conn):
                # run_at is kept, so the job goes back to its place at the head of the queue.
                cursor = conn.execute(
                    "UPDATE jobs SET state = 'queued', attempts = MAX(attempts - 1, 0), "
                    "locked_by = NULL, lease_expires_at = NULL, updated_at = ? "
                    "WHERE id = ? AND state = 'running' AND locked_by = ?",
                    (self._now(), job_id, worker_id),
                )
                if cursor.rowcount != 1:
                    raise LeaseLost(f"job {job_id} is not running under this worker")

        await self._call(write)

    async def requeue_expired(self) -> int:
        """Put running jobs whose lease expired back in the queue; return how many."""

        def write(conn: sqlite3.Connection) -> int:
            now = self._now()
            with self._write(conn):
                cursor = conn.execute(
                    "UPDATE jobs SET state = 'queued', locked_by = NULL, "
                    "lease_expires_at = NULL, updated_at = ? "
                    "WHERE state = 'running' AND lease_expires_at <= ?",
                    (now, now),
                )
            return cursor.rowcount

        return await self._call(write)

    async def cancel(self, job_id: int) -> bool:
        """Cancel a queued or running job; False if it had already finished."""

        def write(conn: sqlite3.Connection) -> bool:
            with self._write(conn):
                cursor = conn.execute(
                    "UPDATE jobs SET state = 'cancelled', locked_by = NULL, "  # noqa: S608 - constant condition
                    "lease_expires_at = NULL, updated_at = ? "
                    f"WHERE id = ? AND {_UNFINISHED}",
                    (self._now(), job_id),
                )
            return cursor.rowcount == 1

        return await self._call(write)

    async def cancel_group(self, group_key: str, kinds: Sequence[str] | None = None) -> int:
        """Cancel the unfinished jobs of a group (optionally only some kinds)."""
        if kinds is not None and not kinds:
            return 0

        def write(conn: sqlite3.Connection) -> int:
            kind_filter = "" if kinds is None else f"AND kind IN ({_placeholders(len(kinds))})"
            with self._write(conn):
                cursor = conn.execute(
                    "UPDATE jobs SET state = 'cancelled', locked_by = NULL, "  # noqa: S608 - placeholders only
                    "lease_expires_at = NULL, updated_at = ? "
                    f"WHERE group_key = ? AND {_UNFINISHED} {kind_filter}",
                    (self._now(), group_key, *(kinds or ())),
                )
            return cursor.rowcount

        return await self._call(write)

    async def get(self, job_id: int) -> Job | None:
        """Return a job by id."""

        def read(conn: sqlite3.Connection) -> Job | None:
            row = conn.execute(
                f"SELECT {_JOB_COLUMNS} FROM jobs WHERE id = ?",  # noqa: S608 - constant columns
                (job_id,),
            ).fetchone()
            return _job(row) if row is not None else None

        return await self._call(read)

    async def list_jobs(
        self, *, state: JobState | None = None, kind: str | None = None, limit: int = 100
    ) -> list[Job]:
        """Return jobs, newest first, optionally filtered."""

        state_text = state.value if state is not None else None

        def read(conn: sqlite3.Connection) -> list[Job]:
            rows = conn.execute(
                f"SELECT {_JOB_COLUMNS} FROM jobs "  # noqa: S608 - constant columns
                "WHERE (? IS NULL OR state = ?) AND (? IS NULL OR kind = ?) "
                "ORDER BY created_at DESC, id DESC LIMIT ?",
                (state_text, state_text, kind, kind, max(limit, 0)),
            )
            return [_job(row) for row in rows]

        return await self._call(read)

    async def counts(self) -> Mapping[JobState, int]:
        """Return how many jobs are in each state."""

        def read(conn: sqlite3.Connection) -> dict[JobState, int]:
            totals = dict.fromkeys(JobState, 0)
            for row in conn.execute("SELECT state, COUNT(*) AS n FROM jobs GROUP BY state"):
                totals[JobState(row["state"])] = row["n"]
            return totals

        return await self._call(read)

    # -- installations and workers ----------------------------------------------------

    async def upsert_installation(self, installation: Installation) -> None:
        """Record an installation's current account, repositories and status."""

        def write(conn: sqlite3.Connection) -> None:
            with self._write(conn):
                conn.execute(
                    "INSERT INTO installations (id, account_login, repositories, suspended, "
                    "deleted, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (id) DO UPDATE SET account_login = excluded.account_login, "
                    "repositories = excluded.repositories, suspended = excluded.suspended, "
                    "deleted = excluded.deleted, updated_at = excluded.updated_at",
                    (
                        installation.id,
                        installation.account_login,
                        json.dumps(list(installation.repositories)),
                        int(installation.suspended),
                        int(installation.deleted),
                        self._now(),
                    ),
                )

        await self._call(write)

    async def list_installations(self) -> list[Installation]:
        """Return the known installations that are not deleted."""

        def read(conn: sqlite3.Connection) -> list[Installation]:
            rows = conn.execute(
                "SELECT id, account_login, repositories, suspended, deleted "
                "FROM installations WHERE deleted = 0 ORDER BY id"
            )
            return [
                Installation(
                    id=row["id"],
                    account_login=row["account_login"],
                    repositories=tuple(json.loads(row["repositories"])),
                    suspended=bool(row["suspended"]),
                    deleted=bool(row["deleted"]),
                )
                for row in rows
            ]

        return await self._call(read)

    async def beat_worker(self, worker_id: str) -> None:
        """Record that a worker process is alive."""

        def write(conn: sqlite3.Connection) -> None:
            now = self._clock()
            with self._write(conn):
                conn.execute(
                    "INSERT INTO worker_beats (worker_id, beat_at) VALUES (?, ?) "
                    "ON CONFLICT (worker_id) DO UPDATE SET beat_at = excluded.beat_at",
                    (worker_id, to_db_time(now)),
                )
                conn.execute(
                    "DELETE FROM worker_beats WHERE beat_at < ?",
                    (to_db_time(now - BEAT_RETENTION),),
                )

        await self._call(write)

    async def last_worker_beat(self) -> datetime | None:
        """Return when any worker last said it was alive."""

        def read(conn: sqlite3.Connection) -> datetime | None:
            value = conn.execute("SELECT MAX(beat_at) FROM worker_beats").fetchone()[0]
            return from_db_time(value) if value is not None else None

        return await self._call(read)

"""The job store: a semantic interface every backend implements exactly.

A job moves through these states::

    queued ──claim──▶ running ──complete──▶ succeeded
      ▲                 │  │
      │  fail (attempts │  └─fail (attempts = max)──▶ dead
      │  left; run_at = │
      │  now + backoff) │   lease expired ─▶ queued (requeue_expired)
      └─────────────────┘   release (shutdown) ─▶ queued, attempt not counted
    queued | running ──cancel──▶ cancelled

``claim`` counts an attempt. Deliveries are recorded together with the jobs they
produce in one transaction, several deliveries at once (group commit); a delivery id
seen before creates nothing, and neither does a delivery whose digest (event name and
raw body) was recorded within the store's replay window.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from pace_app.errors import StoreError
from pace_app.types import JSONObject

# GitHub redelivers for days at most; a signed body re-sent later than this is new again.
DEFAULT_REPLAY_WINDOW = timedelta(days=7)


class JobState(enum.StrEnum):
    """Where a job is in its life."""

    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    DEAD = "dead"
    CANCELLED = "cancelled"


FINAL_STATES = frozenset({JobState.SUCCEEDED, JobState.DEAD, JobState.CANCELLED})


@dataclass(frozen=True)
class NewJob:
    """A job to enqueue; ``idempotency_key`` makes enqueueing it twice a no-op."""

    kind: str
    payload: JSONObject
    idempotency_key: str
    group_key: str | None = None
    max_attempts: int = 5
    run_at: datetime | None = None


@dataclass(frozen=True)
class Job:
    """A job as stored."""

    id: int
    kind: str
    payload: JSONObject
    idempotency_key: str
    group_key: str | None
    state: JobState
    attempts: int
    max_attempts: int
    run_at: datetime
    locked_by: str | None
    lease_expires_at: datetime | None
    last_error: str | None
    created_at: datetime
    updated_at: datetime


class DeliveryOutcome(enum.StrEnum):
    """What the app did with a verified delivery."""

    ACCEPTED = "accepted"
    IGNORED = "ignored"


@dataclass(frozen=True)
class Delivery:
    """A verified webhook delivery, recorded once per ``X-GitHub-Delivery`` and digest."""

    id: str
    event: str
    action: str | None
    installation_id: int | None
    outcome: DeliveryOutcome
    reason: str | None
    received_at: datetime
    digest: str | None = None


# One delivery and the jobs it produces, as written by ``record_deliveries``.
DeliveryWrite = tuple[Delivery, Sequence[NewJob]]


def check_new_jobs(jobs: Sequence[NewJob]) -> None:
    """Raise ``StoreError`` for a job no backend may store."""
    for job in jobs:
        if job.max_attempts < 1:
            raise StoreError("max_attempts must be at least 1")


def first_in_batch(batch: Sequence[DeliveryWrite]) -> list[bool]:
    """Say, per delivery, whether no earlier one in the batch has its id or digest."""
    ids: set[str] = set()
    digests: set[str] = set()
    first: list[bool] = []
    for delivery, _jobs in batch:
        replayed = delivery.digest is not None and delivery.digest in digests
        first.append(delivery.id not in ids and not replayed)
        ids.add(delivery.id)
        if delivery.digest is not None:
            digests.add(delivery.digest)
    return first


@dataclass(frozen=True)
class Installation:
    """An installation of the App, kept current from installation events."""

    id: int
    account_login: str
    repositories: tuple[str, ...] = field(default_factory=tuple)
    suspended: bool = False
    deleted: bool = False


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with full jitter for failed jobs."""

    base: timedelta = timedelta(seconds=5)
    cap: timedelta = timedelta(minutes=30)

    def delay(self, attempts: int, jitter: float) -> timedelta:
        """Return the wait after ``attempts`` failed attempts; ``jitter`` is in [0, 1]."""
        ceiling: timedelta = min(self.cap, self.base * (2 ** max(attempts - 1, 0)))
        return ceiling * jitter


class JobStore(Protocol):
    """Durable jobs and deliveries; every method is atomic."""

    async def open(self) -> None:
        """Connect and apply pending schema migrations."""

    async def close(self) -> None:
        """Release connections."""

    async def ping(self) -> None:
        """Raise ``StoreError`` unless the database answers."""

    async def schema_version(self) -> int:
        """Return the newest applied schema migration."""

    async def record_delivery(self, delivery: Delivery, jobs: Sequence[NewJob]) -> bool:
        """Store a delivery and its jobs in one transaction; False if it was seen."""

    async def record_deliveries(self, batch: Sequence[DeliveryWrite]) -> list[bool]:
        """Store many deliveries and their jobs in one transaction, all or nothing.

        Returns, per delivery, False when it was seen before: its id is recorded, its
        digest was recorded within the replay window, or an earlier delivery of the
        batch has the same id or digest. Such a delivery stores none of its jobs.
        """

    async def known_deliveries(self, ids: Sequence[str]) -> set[str]:
        """Return those of ``ids`` already recorded."""

    async def enqueue(self, job: NewJob) -> Job:
        """Store a job, or return the existing one with the same idempotency key."""

    async def claim(
        self, worker_id: str, lease: timedelta, kinds: Sequence[str] | None = None
    ) -> Job | None:
        """Lease the oldest due queued job to ``worker_id`` and count an attempt."""

    async def heartbeat(self, job_id: int, worker_id: str, lease: timedelta) -> bool:
        """Extend the lease; False when the job was cancelled or the lease lost."""

    async def complete(self, job_id: int, worker_id: str) -> None:
        """Mark a leased job succeeded; ``LeaseLost`` if it is not ours any more."""

    async def fail(self, job_id: int, worker_id: str, error: str) -> Job:
        """Record a failure: requeue with backoff, or dead once attempts are used up."""

    async def release(self, job_id: int, worker_id: str) -> None:
        """Give a leased job back unfinished, without counting the attempt."""

    async def requeue_expired(self) -> int:
        """Put running jobs whose lease expired back in the queue; return how many."""

    async def cancel(self, job_id: int) -> bool:
        """Cancel a queued or running job; False if it had already finished."""

    async def cancel_group(self, group_key: str, kinds: Sequence[str] | None = None) -> int:
        """Cancel the unfinished jobs of a group (optionally only some kinds)."""

    async def get(self, job_id: int) -> Job | None:
        """Return a job by id."""

    async def list_jobs(
        self, *, state: JobState | None = None, kind: str | None = None, limit: int = 100
    ) -> list[Job]:
        """Return jobs, newest first, optionally filtered."""

    async def counts(self) -> Mapping[JobState, int]:
        """Return how many jobs are in each state."""

    async def upsert_installation(self, installation: Installation) -> None:
        """Record an installation's current account, repositories and status."""

    async def list_installations(self) -> list[Installation]:
        """Return the known installations that are not deleted."""

    async def beat_worker(self, worker_id: str) -> None:
        """Record that a worker process is alive."""

    async def last_worker_beat(self) -> datetime | None:
        """Return when any worker last said it was alive."""

"""The worker: claims jobs, runs their handlers under a heartbeat, drains on stop.

Execution is at least once: a job whose worker dies is run again once its lease
expires, so handlers must be idempotent. A job whose lease is lost or that is
cancelled has its handler cancelled at the next heartbeat.

A job of a kind this worker has no handler for fails like any other error, so it is
retried with backoff and ends dead: during a rolling upgrade a newer worker that
knows the kind may pick it up in between, and otherwise the dead job stays visible.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import signal
import socket
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Protocol, runtime_checkable

import anyio
import anyio.abc

from pace_app.domain.job_store import Job, JobState, JobStore
from pace_app.errors import JobNotRunnable, LeaseLost, StoreError

JobHandler = Callable[[Job], Awaitable[None]]
# Told how each attempt ended (succeeded, failed, lost, released) and how long it took.
OnFinished = Callable[[Job, str, float], None]
OnDead = Callable[[Job, str], Awaitable[None]]


@runtime_checkable
class AnnouncesJobs(Protocol):
    """A store that can wake idle workers when new jobs arrive (PostgreSQL's NOTIFY)."""

    async def wait_for_jobs(self, timeout: float) -> None:  # noqa: ASYNC109 - a poll interval
        """Sleep up to ``timeout`` seconds, returning early when new jobs are announced."""


logger = logging.getLogger(__name__)


def default_worker_id() -> str:
    """Return an id unique to this process: host, pid and a random suffix."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"


@dataclass
class _Running:
    job: Job
    scope: anyio.CancelScope = field(default_factory=anyio.CancelScope)
    lost: bool = False
    released: bool = False


class Worker:
    """Run jobs from a store with bounded concurrency, leases and heartbeats."""

    def __init__(
        self,
        store: JobStore,
        handlers: Mapping[str, JobHandler],
        *,
        concurrency: int = 2,
        lease: timedelta = timedelta(seconds=60),
        heartbeat_every: float = 5.0,
        poll_every: float = 1.0,
        drain_deadline: float = 25.0,
        maintenance_every: float = 5.0,
        worker_id: str | None = None,
        on_finished: OnFinished | None = None,
        on_dead: OnDead | None = None,
    ) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        if heartbeat_every >= lease.total_seconds():
            raise ValueError("heartbeat_every must be shorter than the lease")
        self.worker_id = worker_id or default_worker_id()
        self._store = store
        self._handlers = dict(handlers)
        self._concurrency = concurrency
        self._lease = lease
        self._heartbeat_every = heartbeat_every
        self._poll_every = poll_every
        self._drain_deadline = drain_deadline
        self._maintenance_every = maintenance_every
        self._running: dict[int, _Running] = {}
        self._nudge = anyio.Event()
        self._on_finished = on_finished
        # Told when a job will not run again, so its owner can say so where users look.
        self._on_dead = on_dead
        self._announcer = store if isinstance(store, AnnouncesJobs) else None

    def wake(self) -> None:
        """Look for work now instead of at the next poll; call from the worker's loop."""
        self._nudge.set()

    async def run(self, stop: anyio.Event) -> None:
        """Run jobs until ``stop`` is set, then drain and return."""
        self._nudge = anyio.Event()
        logger.info(
            "worker started",
            extra={"worker_id": self.worker_id, "concurrency": self._concurrency},
        )
        # Job tasks outlive the side tasks: they still release their jobs after the drain.
        async with anyio.create_task_group() as jobs, anyio.create_task_group() as side:
            side.start_soon(self._relay_stop, stop)
            side.start_soon(self._maintain)
            await self._claim_until(stop, jobs)
            await self._drain()
            side.cancel_scope.cancel()
        logger.info("worker stopped", extra={"worker_id": self.worker_id})

    # -- the loops --------------------------------------------------------------------

    async def _relay_stop(self, stop: anyio.Event) -> None:
        await stop.wait()
        self.wake()

    async def _wait(self, seconds: float | None) -> None:
        with anyio.move_on_after(seconds):
            await self._nudge.wait()
        # A fresh event per wait: a nudge that arrives while claiming is not lost,
        # it just makes the next wait return at once.
        self._nudge = anyio.Event()

    async def _idle(self) -> None:
        announcer = self._announcer
        if announcer is None:
            await self._wait(self._poll_every)
            return

        async def relay() -> None:
            await announcer.wait_for_jobs(self._poll_every)
            self.wake()

        # Whichever comes first ends the wait: an announcement, a nudge, or the poll
        # interval, which stays the fallback for announcements lost in between.
        async with anyio.create_task_group() as group:
            group.start_soon(relay)
            await self._wait(self._poll_every)
            group.cancel_scope.cancel()

    async def _claim_until(self, stop: anyio.Event, jobs: anyio.abc.TaskGroup) -> None:
        while not stop.is_set():
            if len(self._running) >= self._concurrency:
                await self._wait(None)
                continue
            try:
                job = await self._store.claim(self.worker_id, self._lease)
            except StoreError as exc:
                logger.warning(
                    "claim failed", extra={"worker_id": self.worker_id, "error": str(exc)}
                )
                job = None
            if job is None:
                await self._idle()
                continue
            if stop.is_set():
                await self._give_back(job)
                return
            running = _Running(job)
            self._running[job.id] = running
            jobs.start_soon(self._execute, running)

    async def _maintain(self) -> None:
        while True:
            try:
                await self._store.beat_worker(self.worker_id)
                requeued = await self._store.requeue_expired()
            except StoreError as exc:
                logger.warning(
                    "store maintenance failed",
                    extra={"worker_id": self.worker_id, "error": str(exc)},
                )
            else:
                if requeued:
                    logger.info(
                        "expired leases requeued",
                        extra={"worker_id": self.worker_id, "jobs": requeued},
                    )
                    self.wake()
            await anyio.sleep(self._maintenance_every)

    async def _drain(self) -> None:
        if self._running:
            logger.info(
                "worker draining",
                extra={"worker_id": self.worker_id, "jobs": len(self._running)},
            )
        with anyio.move_on_after(self._drain_deadline):
            while self._running:
                await self._wait(None)
        for running in list(self._running.values()):
            running.released = True
            running.scope.cancel()

    # -- one job ----------------------------------------------------------------------

    def _context(self, job: Job) -> dict[str, Any]:
        return {
            "worker_id": self.worker_id,
            "job_id": job.id,
            "job_kind": job.kind,
            "attempt": job.attempts,
        }

    async def _execute(self, running: _Running) -> None:
        job = running.job
        started = time.monotonic()
        logger.info("job started", extra=self._context(job))
        error: Exception | None = None
        try:
            async with anyio.create_task_group() as beat:
                beat.start_soon(self._heartbeat, running)
                try:
                    with running.scope:
                        await self._handle(job)
                except Exception as exc:
                    error = exc
                finally:
                    beat.cancel_scope.cancel()
            seconds = time.monotonic() - started
            await self._settle(running, error, seconds)
            if self._on_finished is not None:
                self._on_finished(job, _outcome(running, error), seconds)
        finally:
            del self._running[job.id]
            self.wake()

    async def _handle(self, job: Job) -> None:
        if job.attempts > job.max_attempts:
            # Only leases that expired can push attempts past the maximum: whatever
            # this job does keeps killing its worker, so it must not run again.
            raise JobNotRunnable(
                f"every one of {job.max_attempts} attempts ended with an expired lease"
            )
        handler = self._handlers.get(job.kind)
        if handler is None:
            raise JobNotRunnable(f"no handler for job kind {job.kind!r}")
        await handler(job)

    async def _heartbeat(self, running: _Running) -> None:
        job = running.job
        while True:
            await anyio.sleep(self._heartbeat_every)
            try:
                alive = await self._store.heartbeat(job.id, self.worker_id, self._lease)
            except StoreError as exc:
                # Keep going: the lease outlasts several missed beats.
                logger.warning("heartbeat failed", extra={**self._context(job), "error": str(exc)})
                continue
            if not alive:
                running.lost = True
                running.scope.cancel()
                return

    async def _settle(self, running: _Running, error: Exception | None, seconds: float) -> None:
        job = running.job
        context = {**self._context(job), "duration_s": round(seconds, 3)}
        if running.lost:
            logger.warning("job stopped: cancelled or lease lost", extra=context)
        elif running.released:
            await self._give_back(job)
            logger.info("job released unfinished at the drain deadline", extra=context)
        elif error is None:
            try:
                await self._store.complete(job.id, self.worker_id)
            except StoreError as exc:
                logger.warning("job result not recorded", extra={**context, "error": str(exc)})
            else:
                logger.info("job succeeded", extra=context)
        else:
            message = f"{type(error).__name__}: {error}"
            try:
                failed = await self._store.fail(job.id, self.worker_id, message)
            except StoreError as exc:
                logger.warning("job result not recorded", extra={**context, "error": str(exc)})
            else:
                logger.warning(
                    "job failed",
                    exc_info=error,
                    extra={
                        **context,
                        "error": message,
                        "state": failed.state.value,
                        "run_at": failed.run_at.isoformat(),
                    },
                )
                if failed.state is JobState.DEAD:
                    await self._dead(failed, message)

    async def _dead(self, job: Job, reason: str) -> None:
        if self._on_dead is None:
            return
        try:
            await self._on_dead(job, reason)
        except Exception as exc:
            # The job stays dead and visible in the store either way.
            logger.warning("dead job not reported", extra={**self._context(job), "error": str(exc)})

    async def _give_back(self, job: Job) -> None:
        try:
            await self._store.release(job.id, self.worker_id)
        except StoreError as exc:
            # Not fatal: the lease expires and the job is requeued anyway.
            level = logging.INFO if isinstance(exc, LeaseLost) else logging.WARNING
            logger.log(level, "job not released", extra={**self._context(job), "error": str(exc)})


def _outcome(running: _Running, error: Exception | None) -> str:
    if running.lost:
        return "lost"
    if running.released:
        return "released"
    return "succeeded" if error is None else "failed"


def install_signal_handlers(stop: anyio.Event) -> None:
    """Set ``stop`` on SIGTERM or SIGINT; call from inside the running event loop."""
    loop = asyncio.get_running_loop()

    def request_stop(signum: signal.Signals) -> None:
        logger.info("stop requested", extra={"signal": signum.name})
        stop.set()

    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, request_stop, signum)

"""``pace receive``: run one delivery from a file locally, as Probot's ``receive`` does.

The delivery goes through the same intake as the web (routing, deduplication, the
store), then a worker in this process runs the jobs it created until each has had its
attempt. With ``--queue-only`` the jobs are only stored, for a ``pace worker`` to run.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import anyio

from pace_app.config.settings import Settings
from pace_app.domain.job_store import FINAL_STATES, Job, JobState
from pace_app.domain.store import Store
from pace_app.errors import MalformedDelivery
from pace_app.handlers.intake import Intake, check_headers, parse_body
from pace_app.handlers.routing import decide
from pace_app.queue.connect import open_store

SETTLE_POLL_SECONDS = 0.2
# Jobs of one delivery are few; look this far back in the newest jobs to find them.
LOOKUP_LIMIT = 500


def read_payload(path: Path) -> bytes:
    """Read a payload file, turning an unreadable file into a clear error."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise MalformedDelivery(f"cannot read {path}: {exc.strerror}") from None


async def receive(
    settings: Settings, event: str, body: bytes, delivery_id: str, *, queue_only: bool = False
) -> int:
    """Store one delivery and its jobs, run them unless ``queue_only``; print what happened."""
    event, delivery_id = check_headers(event, delivery_id)
    payload = parse_body(body)
    decision = await decide(event, delivery_id, payload, settings.github_app_id)
    keys = [job.idempotency_key for job in decision.jobs]
    if keys and not queue_only:
        # Fail before storing anything: a stored job nobody runs would surprise.
        settings.require_app_id()
        settings.private_key_pem()
    async with open_store(settings) as store:
        result = await Intake(store, app_id=settings.github_app_id).accept(
            event, delivery_id, payload
        )
        if not result.jobs:
            print(f"{delivery_id}: {result.outcome}: {result.reason or ''}")
            return 0
        if queue_only:
            print(f"{delivery_id}: {result.outcome}: {result.jobs} job(s) queued")
            return 0
        print(f"{delivery_id}: {result.outcome}: running {result.jobs} job(s)")
        jobs = await _run_jobs(settings, store, keys)
    for job in jobs:
        print(f"  job {job.id} {job.kind}: {_describe(job)}")
    return 0 if all(job.state is JobState.SUCCEEDED for job in jobs) else 1


async def _run_jobs(settings: Settings, store: Store, keys: Sequence[str]) -> list[Job]:
    """Run a worker in this process until every job with one of ``keys`` has settled."""
    from pace_app.service import build_worker, open_services

    wanted = set(keys)
    recent = await store.list_jobs(limit=LOOKUP_LIMIT)
    ids = [job.id for job in recent if job.idempotency_key in wanted]
    async with open_services(settings, store) as services:
        worker = build_worker(settings, store, services)
        stop = anyio.Event()
        settled: list[Job] = []

        async def watch() -> None:
            while True:
                jobs = [job for job in [await store.get(id_) for id_ in ids] if job is not None]
                if all(_settled(job) for job in jobs):
                    settled.extend(jobs)
                    stop.set()
                    return
                await anyio.sleep(SETTLE_POLL_SECONDS)

        async with anyio.create_task_group() as group:
            group.start_soon(worker.run, stop)
            group.start_soon(watch)
    return settled


def _settled(job: Job) -> bool:
    """Say whether a job has finished, or failed once and waits for its retry."""
    if job.state in FINAL_STATES:
        return True
    return job.state is JobState.QUEUED and job.attempts > 0


def _describe(job: Job) -> str:
    if job.state is JobState.SUCCEEDED:
        return "succeeded"
    if job.state is JobState.QUEUED:
        return f"failed, retried at {job.run_at.isoformat()}: {job.last_error or ''}"
    return f"{job.state.value}: {job.last_error or ''}"

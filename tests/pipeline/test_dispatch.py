"""Job handlers: installations are recorded and cancels reach the issue's story jobs."""

import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pace_app.handlers import jobs
from pace_app.pipeline.dispatch import Dispatch
from pace_app.queue.sqlite import SQLiteJobStore
from pace_app.queue.store import Installation, Job, JobState

pytestmark = pytest.mark.anyio

REPO = jobs.RepoRef(1, "octo-org/widgets", "https://git.example/octo-org/widgets.git", "main")


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SQLiteJobStore]:
    """Open a fresh SQLite store."""
    store = SQLiteJobStore(tmp_path / "pace.db")
    await store.open()
    yield store
    await store.close()


def job_of(payload: jobs.JobPayload) -> Job:
    """Wrap a payload as a stored job would carry it."""
    now = datetime(2026, 11, 22, tzinfo=UTC)
    new = jobs.to_new_job(payload)
    return Job(
        1,
        new.kind,
        new.payload,
        new.idempotency_key,
        None,
        JobState.RUNNING,
        1,
        5,
        now,
        "w",
        now,
        None,
        now,
        now,
    )


def sync(
    action: str,
    *,
    repos: tuple[str, ...] = (),
    removed: tuple[str, ...] = (),
    suspended: bool = False,
) -> Job:
    return job_of(jobs.InstallationSync(77, action, "octo-org", suspended, repos, removed, "d"))


async def installations(store: SQLiteJobStore) -> list[Installation]:
    return await store.list_installations()


async def test_installation_lifecycle_is_recorded(store: SQLiteJobStore) -> None:
    dispatch = Dispatch(store)
    await dispatch.installation_sync(sync("created", repos=("octo-org/a", "octo-org/b")))
    assert await installations(store) == [
        Installation(77, "octo-org", ("octo-org/a", "octo-org/b"))
    ]
    await dispatch.installation_sync(sync("added", repos=("octo-org/c",), removed=("octo-org/a",)))
    [installation] = await installations(store)
    assert installation.repositories == ("octo-org/b", "octo-org/c")
    await dispatch.installation_sync(sync("suspend", suspended=True))
    [installation] = await installations(store)
    assert installation.suspended
    assert installation.repositories == ("octo-org/b", "octo-org/c")
    await dispatch.installation_sync(sync("unsuspend", suspended=True))
    [installation] = await installations(store)
    assert not installation.suspended
    await dispatch.installation_sync(sync("deleted"))
    assert await installations(store) == []


async def test_cancel_stops_the_issues_story_jobs_only(store: SQLiteJobStore) -> None:
    group = jobs.story_group(REPO.full_name, 12)
    start = await store.enqueue(
        jobs.to_new_job(jobs.StoryStart(77, REPO, 12, "t", "alice", "d1"), group_key=group)
    )
    other = await store.enqueue(
        jobs.to_new_job(
            jobs.StoryStart(77, REPO, 13, "t", "alice", "d2"),
            group_key=jobs.story_group(REPO.full_name, 13),
        )
    )
    await Dispatch(store).story_cancel(
        job_of(jobs.StoryCancel(77, REPO, 12, "label removed", "alice", "d3"))
    )
    cancelled = await store.get(start.id)
    untouched = await store.get(other.id)
    assert cancelled is not None
    assert untouched is not None
    assert (cancelled.state, untouched.state) == (JobState.CANCELLED, JobState.QUEUED)


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (jobs.StoryStart(77, REPO, 12, "t", "alice", "d1"), "story start received"),
        (jobs.Command(77, REPO, 12, True, 5, "/pace status", "alice", "d2"), "command received"),
        (
            jobs.CheckRerun(77, REPO, 9, "PACE / GATE", "a" * 40, "rerequested", None, "b", "d3"),
            "check rerun received",
        ),
    ],
)
async def test_story_jobs_are_received_for_their_repository(
    store: SQLiteJobStore,
    payload: jobs.JobPayload,
    message: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="pace_app.pipeline.dispatch")
    await Dispatch(store).handlers()[payload.kind](job_of(payload))
    [record] = [r for r in caplog.records if r.getMessage() == message]
    assert record.__dict__["repo"] == "octo-org/widgets"

"""Redelivery picks exactly the failed deliveries the store lacks, across pages."""

import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import anyio
import httpx2
import pytest

from pace_app.domain.job_store import Delivery, DeliveryOutcome
from pace_app.github.auth import AppAuth
from pace_app.github.client import GitHubApp, GitHubClient
from pace_app.queue.sqlite import SQLiteJobStore
from pace_app.redeliver import (
    Attempt,
    describe,
    failed_guids,
    redeliver_missing,
    redeliver_periodically,
)
from tests.fakes.fake_github import FakeGitHub
from tests.fakes.github.state import HookDelivery

NOW = datetime(2030, 1, 1, 12, tzinfo=UTC)


def attempt(id: int, guid: str, status_code: int, minutes_ago: int = 0) -> Attempt:
    return Attempt(
        id=id,
        guid=guid,
        event="issues",
        action=None,
        status_code=status_code,
        status="OK" if status_code < 400 else "Invalid HTTP Response",
        delivered_at=NOW - timedelta(minutes=minutes_ago),
    )


def test_a_guid_with_any_successful_attempt_is_skipped() -> None:
    attempts = [
        attempt(3, "a", 200, 1),
        attempt(2, "a", 500, 2),
        attempt(5, "b", 502, 1),
        attempt(4, "b", 500, 3),
        attempt(1, "c", 0, 9),
    ]
    failed = failed_guids(attempts)
    assert {guid: a.id for guid, a in failed.items()} == {"b": 5, "c": 1}
    assert failed["c"].name == "issues"


@pytest.fixture
def github() -> FakeGitHub:
    """A fake GitHub whose clock is NOW."""
    return FakeGitHub(clock=lambda: NOW.timestamp())


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SQLiteJobStore]:
    """A fresh store."""
    store = SQLiteJobStore(tmp_path / "pace.db")
    await store.open()
    yield store
    await store.close()


@pytest.fixture
async def client(github: FakeGitHub) -> AsyncIterator[GitHubClient]:
    """A JWT client for the fake App."""
    async with httpx2.AsyncClient(transport=github.transport(), base_url="http://gh") as http:
        auth = AppAuth(github.state.app.id, github.private_key_pem, clock=time.time)
        yield GitHubApp(http, auth=auth, base_url="http://gh").app_client()


def seed(github: FakeGitHub, guid: str, status_code: int, minutes_ago: int) -> HookDelivery:
    delivery = HookDelivery(
        id=github.state.next_id(),
        guid=guid,
        event="issues",
        action="labeled",
        status_code=status_code,
        delivered_at=(NOW - timedelta(minutes=minutes_ago)).timestamp(),
    )
    github.state.deliveries.append(delivery)
    return delivery


@pytest.mark.anyio
async def test_only_failed_missing_recent_deliveries_are_redelivered_across_pages(
    github: FakeGitHub, store: SQLiteJobStore, client: GitHubClient
) -> None:
    old = seed(github, "old", 500, 600)
    missing = [seed(github, f"lost-{n}", 500, 300 - n) for n in range(3)]
    stored = seed(github, "stored", 500, 100)
    for n in range(230):
        seed(github, f"ok-{n}", 200, 90)
    await store.record_delivery(
        Delivery("stored", "issues", "labeled", 1, DeliveryOutcome.IGNORED, None, NOW), []
    )
    report = await redeliver_missing(
        client, store, since=timedelta(hours=6), dry_run=False, clock=lambda: NOW
    )
    assert github.state.redelivered == [d.id for d in missing]
    assert old.id not in github.state.redelivered
    assert stored.id not in github.state.redelivered
    assert (report.seen, report.failed, report.already_stored) == (234, 4, 1)
    pages = github.requests_to("GET", "/app/hook/deliveries")
    assert len(pages) == 3
    lines = describe(report, dry_run=False)
    assert lines[0] == "redelivered lost-0 (issues.labeled, status 500)"
    assert lines[-1] == "3 redelivered; 234 deliveries seen, 4 failed, 1 of those already stored"


@pytest.mark.anyio
async def test_a_dry_run_changes_nothing(
    github: FakeGitHub, store: SQLiteJobStore, client: GitHubClient
) -> None:
    seed(github, "lost", 500, 5)
    report = await redeliver_missing(
        client, store, since=timedelta(hours=1), dry_run=True, clock=lambda: NOW
    )
    assert github.state.redelivered == []
    assert describe(report, dry_run=True)[0].startswith("would redeliver lost ")


async def run_passes(client: GitHubClient, store: SQLiteJobStore, seconds: float) -> None:
    """Run the periodic redelivery every 50 ms for ``seconds``, then stop it."""
    stop = anyio.Event()
    with anyio.fail_after(10):
        async with anyio.create_task_group() as group:
            group.start_soon(
                partial(
                    redeliver_periodically,
                    client,
                    store,
                    every=timedelta(milliseconds=50),
                    stop=stop,
                    clock=lambda: NOW,
                )
            )
            await anyio.sleep(seconds)
            stop.set()


@pytest.mark.anyio
async def test_the_periodic_pass_redelivers_then_stops_when_asked(
    github: FakeGitHub, store: SQLiteJobStore, client: GitHubClient
) -> None:
    lost = seed(github, "lost", 500, 0)
    await run_passes(client, store, 0.5)
    assert set(github.state.redelivered) == {lost.id}


@pytest.mark.anyio
async def test_a_failing_periodic_pass_is_logged_and_the_next_one_still_runs(
    github: FakeGitHub,
    store: SQLiteJobStore,
    client: GitHubClient,
    caplog: pytest.LogCaptureFixture,
) -> None:
    lost = seed(github, "lost", 500, 0)
    github.faults.unprocessable("GET", "/app/hook/deliveries", times=1)
    await run_passes(client, store, 0.5)
    assert any(r.getMessage() == "periodic redelivery failed" for r in caplog.records)
    assert set(github.state.redelivered) == {lost.id}

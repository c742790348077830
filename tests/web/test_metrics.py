"""``GET /metrics`` exposes deliveries, queue depth and job durations as Prometheus text."""

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import anyio
import httpx2
import pytest
from prometheus_client.parser import text_string_to_metric_families

from pace_app.domain.job_store import Job, NewJob
from pace_app.handlers.intake import Intake
from pace_app.observability.metrics import Metrics
from pace_app.queue.sqlite import SQLiteJobStore
from pace_app.queue.worker import Worker
from pace_app.web.app import create_app
from pace_app.web.dashboard import DashboardSettings
from tests.fakes import payloads
from tests.web.conftest import SECRET
from tests.web.test_webhooks import signed

pytestmark = pytest.mark.anyio

ADMIN_TOKEN = "metrics-scraper-token-0123"
Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SQLiteJobStore]:
    """Open a fresh SQLite store."""
    store = SQLiteJobStore(tmp_path / "pace.db")
    await store.open()
    yield store
    await store.close()


@pytest.fixture
async def client(store: SQLiteJobStore) -> AsyncIterator[httpx2.AsyncClient]:
    """Serve the app with metrics over the store."""
    metrics = Metrics()
    intake = Intake(store, app_id=payloads.APP_ID, metrics=metrics)
    app = create_app(
        intake,
        store,
        webhook_secret=SECRET,
        metrics=metrics,
        dashboard=DashboardSettings(admin_token=ADMIN_TOKEN),
    )
    transport = httpx2.ASGITransport(app=app)
    async with httpx2.AsyncClient(transport=transport, base_url="http://pace.test") as client:
        yield client


async def scrape(client: httpx2.AsyncClient) -> Samples:
    response = await client.get("/metrics", headers={"authorization": f"Bearer {ADMIN_TOKEN}"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    found: Samples = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def delivered(samples: Samples, event: str, outcome: str) -> float:
    key = ("pace_webhook_deliveries_total", (("event", event), ("outcome", outcome)))
    return samples.get(key, 0.0)


async def test_the_delivery_counter_moves_after_a_signed_delivery(
    client: httpx2.AsyncClient,
) -> None:
    before = await scrape(client)
    assert delivered(before, "issues", "accepted") == 0
    body, headers = signed("issues", payloads.issues_event("labeled"))
    assert (await client.post("/webhooks/github", content=body, headers=headers)).is_success
    again = await client.post("/webhooks/github", content=body, headers=headers)
    assert again.json()["outcome"] == "duplicate"
    body, headers = signed("issues", payloads.issues_event("opened"), "d-2")
    assert (await client.post("/webhooks/github", content=body, headers=headers)).is_success
    after = await scrape(client)
    assert delivered(after, "issues", "accepted") == 1
    assert delivered(after, "issues", "duplicate") == 1
    assert delivered(after, "issues", "ignored") == 1
    assert after[("pace_jobs", (("state", "queued"),))] == 1


async def test_rejected_deliveries_count_without_trusting_the_event_header(
    client: httpx2.AsyncClient,
) -> None:
    body, headers = signed("made_up_event", {"x": 1}, secret="wrong")
    answer = await client.post("/webhooks/github", content=body, headers=headers)
    assert answer.status_code == 401
    samples = await scrape(client)
    assert delivered(samples, "unverified", "rejected") == 1
    assert not any(labels and ("event", "made_up_event") in labels for _, labels in samples)


async def test_queue_depth_is_read_at_scrape_time(
    client: httpx2.AsyncClient, store: SQLiteJobStore
) -> None:
    assert (await scrape(client))[("pace_jobs", (("state", "queued"),))] == 0
    await store.enqueue(NewJob("story", {}, "k-1"))
    await store.enqueue(NewJob("story", {}, "k-2"))
    assert (await scrape(client))[("pace_jobs", (("state", "queued"),))] == 2


async def test_the_worker_reports_job_durations_by_kind_and_outcome(
    store: SQLiteJobStore,
) -> None:
    metrics = Metrics()
    await store.enqueue(NewJob("fine", {}, "k-1"))
    await store.enqueue(NewJob("broken", {}, "k-2", max_attempts=1))

    async def fine(job: Job) -> None:
        del job

    async def broken(job: Job) -> None:
        raise RuntimeError("no")

    finished: list[str] = []
    both = anyio.Event()

    def record(job: Job, outcome: str, seconds: float) -> None:
        metrics.job_finished(job.kind, outcome, seconds)
        finished.append(job.kind)
        if len(finished) == 2:
            both.set()

    worker = Worker(
        store,
        {"fine": fine, "broken": broken},
        lease=timedelta(seconds=10),
        poll_every=0.01,
        maintenance_every=0.05,
        on_finished=record,
    )
    stop = anyio.Event()
    async with anyio.create_task_group() as group:
        group.start_soon(worker.run, stop)
        with anyio.fail_after(10):
            await both.wait()
        stop.set()
    body, _ = metrics.render()
    counts = {
        tuple(sorted(s.labels.items())): s.value
        for family in text_string_to_metric_families(body.decode())
        for s in family.samples
        if s.name == "pace_job_duration_seconds_count"
    }
    assert counts == {
        (("kind", "fine"), ("outcome", "succeeded")): 1,
        (("kind", "broken"), ("outcome", "failed")): 1,
    }

"""Health and readiness endpoints."""

from datetime import datetime, timedelta

import httpx2
import pytest

from pace_app.handlers.intake import Intake
from pace_app.types import Clock
from pace_app.web.app import create_app
from tests.web.conftest import SECRET, Web

pytestmark = pytest.mark.anyio


def frozen(now: datetime) -> Clock:
    """Return a clock that always answers ``now``."""
    return lambda: now


async def test_healthz_answers_while_the_process_runs(web: Web) -> None:
    response = await web.client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


async def test_readyz_is_503_until_a_worker_has_beaten(web: Web) -> None:
    response = await web.client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["worker_last_seen"] is None


async def test_readyz_follows_the_worker_heartbeat(web: Web) -> None:
    await web.store.beat_worker("worker-1")
    beat = await web.store.last_worker_beat()
    assert beat is not None
    for age, expected in [(timedelta(seconds=5), 200), (timedelta(seconds=31), 503)]:
        app = create_app(
            Intake(web.store, app_id=None),
            web.store,
            webhook_secret=SECRET,
            clock=frozen(beat + age),
        )
        transport = httpx2.ASGITransport(app=app)
        async with httpx2.AsyncClient(transport=transport, base_url="http://t") as client:
            response = await client.get("/readyz")
        assert response.status_code == expected


async def test_readyz_is_503_when_the_database_fails(web: Web) -> None:
    await web.store.close()
    response = await web.client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"

"""A web application over a real SQLite job store, driven through httpx2's ASGI transport."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx2
import pytest

from pace_app.handlers.intake import Intake
from pace_app.queue.sqlite import SQLiteJobStore
from pace_app.web.app import create_app
from tests.fakes import payloads

SECRET = "webhook-secret-for-tests"


@dataclass
class Web:
    """The app under test, its store and a client speaking to it."""

    store: SQLiteJobStore
    client: httpx2.AsyncClient
    woken: list[bool]


@pytest.fixture
async def web(tmp_path: Path) -> AsyncIterator[Web]:
    """Serve the app over a fresh store with a 1 MiB body limit."""
    store = SQLiteJobStore(tmp_path / "pace.db")
    await store.open()
    woken: list[bool] = []
    intake = Intake(store, app_id=payloads.APP_ID, on_jobs=lambda: woken.append(True))
    app = create_app(intake, store, webhook_secret=SECRET, max_body=1024 * 1024)
    transport = httpx2.ASGITransport(app=app)
    async with httpx2.AsyncClient(transport=transport, base_url="http://pace.test") as client:
        yield Web(store, client, woken)
    await store.close()

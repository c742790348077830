"""Intake stores concurrent deliveries together, once each, and says what it did."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from pace_app.errors import MalformedDelivery, StoreError
from pace_app.handlers.intake import Intake, delivery_digest, parse_body
from pace_app.observability.metrics import Metrics
from pace_app.queue.sqlite import SQLiteJobStore
from tests.fakes import payloads as p

pytestmark = pytest.mark.anyio


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SQLiteJobStore]:
    """Open a fresh SQLite store."""
    opened = SQLiteJobStore(tmp_path / "pace.db")
    await opened.open()
    yield opened
    await opened.close()


def labelled(number: int) -> dict[str, object]:
    """Return a story-label payload for issue ``number``."""
    payload = p.issues_event("labeled")
    payload["issue"] = {**payload["issue"], "number": number}
    return payload


async def test_concurrent_deliveries_are_stored_in_one_batch(
    store: SQLiteJobStore, caplog: pytest.LogCaptureFixture
) -> None:
    woken: list[bool] = []
    intake = Intake(store, app_id=p.APP_ID, on_jobs=lambda: woken.append(True))
    with caplog.at_level(logging.INFO, logger="pace_app.handlers.intake"):
        results = await asyncio.gather(
            *(intake.accept("issues", f"d{n}", labelled(n + 1)) for n in range(5)),
            intake.accept("ping", "d-ping", p.ping_event()),
        )
    assert [result.status for result in results] == [202] * 5 + [200]
    assert len(await store.list_jobs()) == 5
    assert woken == [True]
    [line] = [record for record in caplog.records if record.message == "deliveries stored"]
    assert line.__dict__["delivery_ids"] == ["d0", "d1", "d2", "d3", "d4", "d-ping"]
    assert (line.__dict__["accepted"], line.__dict__["ignored"], line.__dict__["jobs"]) == (5, 1, 5)


async def test_a_replayed_digest_is_a_duplicate_and_counted(store: SQLiteJobStore) -> None:
    metrics = Metrics()
    intake = Intake(store, app_id=p.APP_ID, metrics=metrics)
    body = json.dumps(labelled(3)).encode()
    digest = delivery_digest("issues", body)
    first = await intake.accept("issues", "d1", parse_body(body), digest=digest)
    again = await intake.accept("issues", "d2", parse_body(body), digest=digest)
    assert (first.outcome, again.outcome, again.status, again.jobs) == (
        "accepted",
        "duplicate",
        202,
        0,
    )
    assert len(await store.list_jobs()) == 1
    exposition = metrics.render()[0].decode()
    assert 'pace_webhook_deliveries_total{event="issues",outcome="duplicate"} 1.0' in exposition


async def test_each_delivery_is_logged_at_debug(
    store: SQLiteJobStore, caplog: pytest.LogCaptureFixture
) -> None:
    intake = Intake(store, app_id=p.APP_ID)
    with caplog.at_level(logging.DEBUG, logger="pace_app.handlers.intake"):
        await intake.accept("issues", "d1", labelled(1))
        await intake.accept("issues", "d1", labelled(1))
    messages = [(r.message, r.__dict__.get("delivery_id")) for r in caplog.records]
    assert ("delivery recorded", "d1") in messages
    assert ("duplicate delivery ignored", "d1") in messages


async def test_a_failed_batch_fails_its_deliveries_and_is_logged(
    store: SQLiteJobStore, caplog: pytest.LogCaptureFixture
) -> None:
    intake = Intake(store, app_id=p.APP_ID)
    await store.close()
    with pytest.raises(StoreError), caplog.at_level(logging.ERROR):
        await intake.accept("issues", "d1", labelled(1))
    [line] = [record for record in caplog.records if record.message == "deliveries not stored"]
    assert line.__dict__["delivery_ids"] == ["d1"]


def test_the_digest_covers_the_event_and_the_body() -> None:
    body = b'{"action": "labeled"}'
    assert delivery_digest("issues", body) == delivery_digest("issues", body)
    assert delivery_digest("issues", body) != delivery_digest("issue_comment", body)
    assert delivery_digest("issues", body) != delivery_digest("issues", body + b" ")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"[" * 100_000, "nested too deeply"),
        # Past what the fast parser refuses first, the standard library's own bound holds.
        (b'{"zen": "\\ud800", "deep": ' + b"[" * 100_000, "nested too deeply"),
        (b'{"zen": "\\ud800", "broken": ', "not valid JSON"),
        (b'"\\ud800"', "not a JSON object"),
    ],
)
def test_bodies_the_parser_refuses(body: bytes, message: str) -> None:
    with pytest.raises(MalformedDelivery, match=message):
        parse_body(body)

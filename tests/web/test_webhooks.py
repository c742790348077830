"""The webhook endpoint answers each kind of delivery with the right status."""

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx2
import pytest

from pace_app.domain.job_store import JobState
from pace_app.errors import MalformedDelivery
from pace_app.github.signature import sign
from pace_app.handlers.intake import Intake
from pace_app.queue.sqlite import SQLiteJobStore
from pace_app.web.app import create_app
from pace_app.web.webhooks import read_limited, wanted_headers
from tests.fakes import payloads as p
from tests.web.conftest import SECRET, Web

pytestmark = pytest.mark.anyio


def signed(
    event: str, payload: Any, delivery: str = "d-1", *, secret: str = SECRET
) -> tuple[bytes, dict[str, str]]:
    body = json.dumps(payload).encode()
    headers = {
        "x-github-event": event,
        "x-github-delivery": delivery,
        "x-hub-signature-256": sign(body, secret),
        "content-type": "application/json",
    }
    return body, headers


async def post(web: Web, body: bytes, headers: dict[str, str]) -> tuple[int, dict[str, Any]]:
    response = await web.client.post("/webhooks/github", content=body, headers=headers)
    return response.status_code, response.json()


async def nothing_stored(web: Web) -> bool:
    counts = await web.store.counts()
    return sum(counts.values()) == 0 and not await web.store.known_deliveries(["d-1"])


async def test_a_story_label_is_accepted_and_its_job_stored(web: Web) -> None:
    status, answer = await post(web, *signed("issues", p.issues_event("labeled")))
    assert (status, answer) == (202, {"outcome": "accepted", "reason": None, "jobs": 1})
    [job] = await web.store.list_jobs()
    assert (job.kind, job.state) == ("story.start", JobState.QUEUED)
    assert web.woken == [True]


async def test_a_redelivery_creates_nothing_new(web: Web) -> None:
    await post(web, *signed("issues", p.issues_event("labeled")))
    status, answer = await post(web, *signed("issues", p.issues_event("labeled")))
    assert (status, answer["outcome"]) == (202, "duplicate")
    assert len(await web.store.list_jobs()) == 1


async def test_ignored_deliveries_answer_202_with_the_reason(web: Web) -> None:
    bot = p.issues_event("labeled", sender=p.account("pace", bot=True))
    status, answer = await post(web, *signed("issues", bot))
    assert (status, answer["outcome"]) == (202, "ignored")
    assert "bot" in answer["reason"]
    assert await web.store.known_deliveries(["d-1"]) == {"d-1"}
    assert await web.store.list_jobs() == []


async def test_ping_answers_200(web: Web) -> None:
    status, answer = await post(web, *signed("ping", p.ping_event()))
    assert (status, answer["reason"]) == (200, "ping")


@pytest.mark.parametrize(
    "tamper",
    [
        lambda h: h.pop("x-hub-signature-256"),
        lambda h: h.update({"x-hub-signature-256": "sha256=" + "0" * 64}),
        lambda h: h.update({"x-hub-signature-256": sign(b"other", SECRET)}),
    ],
)
async def test_bad_signatures_are_401_and_store_nothing(web: Web, tamper: Any) -> None:
    body, headers = signed("issues", p.issues_event("labeled"))
    tamper(headers)
    status, answer = await post(web, body, headers)
    assert status == 401
    assert "X-Hub-Signature-256" in answer["error"]
    assert await nothing_stored(web)


async def test_a_signature_made_with_another_secret_is_401(web: Web) -> None:
    status, _ = await post(web, *signed("issues", p.issues_event("labeled"), secret="guess"))
    assert status == 401
    assert await nothing_stored(web)


@pytest.mark.parametrize(
    ("header", "value", "message"),
    [
        ("x-github-event", None, "missing X-GitHub-Event"),
        ("x-github-delivery", None, "missing X-GitHub-Delivery"),
        ("x-github-event", "Issues!", "not an event name"),
        ("x-github-delivery", "a b", "not a delivery id"),
    ],
)
async def test_bad_headers_are_400(web: Web, header: str, value: str | None, message: str) -> None:
    body, headers = signed("issues", p.issues_event("labeled"))
    if value is None:
        headers.pop(header)
    else:
        headers[header] = value
    status, answer = await post(web, body, headers)
    assert status == 400
    assert message in answer["error"]


@pytest.mark.parametrize(
    ("body", "message"),
    [(b"[1, 2]", "not a JSON object"), (b"{nope", "not valid JSON"), (b"\xff", "not valid")],
)
async def test_bodies_that_are_not_json_objects_are_400(
    web: Web, body: bytes, message: str
) -> None:
    headers = {
        "x-github-event": "issues",
        "x-github-delivery": "d-1",
        "x-hub-signature-256": sign(body, SECRET),
    }
    status, answer = await post(web, body, headers)
    assert status == 400
    assert message in answer["error"]
    assert await nothing_stored(web)


async def test_a_routed_payload_missing_fields_is_400_and_stores_nothing(web: Web) -> None:
    payload = p.issues_event("labeled")
    del payload["repository"]
    status, answer = await post(web, *signed("issues", payload))
    assert status == 400
    assert "repository" in answer["error"]
    assert await nothing_stored(web)


async def test_a_declared_oversized_body_is_413_before_reading(web: Web) -> None:
    _body, headers = signed("issues", p.issues_event("labeled"))
    headers["content-length"] = str(2 * 1024 * 1024)

    async def never_sent() -> AsyncIterator[bytes]:
        raise AssertionError("the body must not be read")
        yield b""  # pragma: no cover

    response = await web.client.post("/webhooks/github", content=never_sent(), headers=headers)
    assert response.status_code == 413


async def test_a_streamed_oversized_body_is_413(web: Web) -> None:
    sent: list[int] = []

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(64):
            sent.append(1)
            yield b"x" * 65536

    headers = {"x-github-event": "issues", "x-github-delivery": "d-1"}
    response = await web.client.post("/webhooks/github", content=chunks(), headers=headers)
    assert response.status_code == 413
    assert len(sent) < 64
    assert await nothing_stored(web)


async def test_a_non_numeric_content_length_is_400(web: Web) -> None:
    response = await web.client.post(
        "/webhooks/github", content=b"{}", headers={"content-length": "ten"}
    )
    assert response.status_code == 400


async def test_only_post_is_allowed(web: Web) -> None:
    response = await web.client.get("/webhooks/github")
    assert response.status_code == 405


async def test_a_replayed_body_under_a_new_delivery_id_is_a_duplicate(web: Web) -> None:
    body, headers = signed("issues", p.issues_event("labeled"), "d-1")
    assert (await post(web, body, headers))[0] == 202
    status, answer = await post(web, body, headers | {"x-github-delivery": "d-2"})
    assert (status, answer["outcome"], answer["jobs"]) == (202, "duplicate", 0)
    assert len(await web.store.list_jobs()) == 1
    assert await web.store.known_deliveries(["d-1", "d-2"]) == {"d-1"}


async def test_the_same_body_for_another_event_is_not_a_replay(web: Web) -> None:
    body, headers = signed("ping", p.ping_event(), "d-1")
    assert (await post(web, body, headers))[0] == 200
    status, answer = await post(
        web, body, headers | {"x-github-delivery": "d-2", "x-github-event": "issues"}
    )
    assert (status, answer["outcome"]) == (202, "ignored")
    assert await web.store.known_deliveries(["d-2"]) == {"d-2"}


@pytest.mark.parametrize("opener", [b"[", b'{"a":'])
async def test_deeply_nested_json_is_400(web: Web, opener: bytes) -> None:
    body = opener * 100_000
    headers = {
        "x-github-event": "issues",
        "x-github-delivery": "d-1",
        "x-hub-signature-256": sign(body, SECRET),
    }
    status, answer = await post(web, body, headers)
    assert (status, answer["error"]) == (400, "body is nested too deeply")
    assert await nothing_stored(web)


async def test_json_the_fast_parser_refuses_is_still_json(web: Web) -> None:
    # A lone surrogate escape: the standard library accepts it, so the endpoint does.
    body = b'{"zen": "\\ud800", "hook_id": 1}'
    headers = {
        "x-github-event": "ping",
        "x-github-delivery": "d-1",
        "x-hub-signature-256": sign(body, SECRET),
    }
    status, answer = await post(web, body, headers)
    assert (status, answer["reason"]) == (200, "ping")


async def test_a_store_failure_is_503_and_names_no_internals(web: Web) -> None:
    await web.store.close()
    status, answer = await post(web, *signed("issues", p.issues_event("labeled")))
    assert (status, answer) == (503, {"error": "the delivery could not be stored"})


async def test_a_stalled_body_is_408_and_closes_the_connection(tmp_path: Path) -> None:
    store = SQLiteJobStore(tmp_path / "pace.db")
    await store.open()
    app = create_app(Intake(store, app_id=None), store, webhook_secret=SECRET, body_timeout=0.2)

    async def stalls() -> AsyncIterator[bytes]:
        yield b'{"zen": '
        await asyncio.sleep(5)
        yield b"1}"  # pragma: no cover - the server gives up first

    transport = httpx2.ASGITransport(app=app)
    try:
        async with httpx2.AsyncClient(transport=transport, base_url="http://pace.test") as client:
            headers = {"x-github-event": "ping", "x-github-delivery": "d-1"}
            response = await client.post("/webhooks/github", content=stalls(), headers=headers)
    finally:
        await store.close()
    assert response.status_code == 408
    assert response.headers["connection"] == "close"
    assert "not received within 0.2 s" in response.json()["error"]


async def test_a_client_gone_mid_body_is_refused() -> None:
    async def receive() -> dict[str, Any]:
        return {"type": "http.disconnect"}

    with pytest.raises(MalformedDelivery, match="went away"):
        await read_limited(receive, None, 1024)


async def test_answers_carry_their_type_and_length(web: Web) -> None:
    body, headers = signed("issues", p.issues_event("labeled"))
    response = await web.client.post("/webhooks/github", content=body, headers=headers)
    assert response.status_code == 202
    assert response.headers["content-type"] == "application/json"
    assert int(response.headers["content-length"]) == len(response.content)
    assert "connection" not in response.headers
    refused = await web.client.post("/webhooks/github", content=body, headers={})
    assert refused.status_code == 401
    assert refused.headers["content-type"] == "application/json"
    assert int(refused.headers["content-length"]) == len(refused.content)


def test_only_the_headers_read_are_taken_the_first_of_each() -> None:
    scope = {
        "headers": [
            (b"x-github-event", b"issues"),
            (b"x-github-event", b"push"),
            (b"x-github-delivery", "d-\xe9".encode("latin-1")),
            (b"cookie", b"not-read"),
        ]
    }
    assert wanted_headers(scope) == {"x-github-event": "issues", "x-github-delivery": "d-\xe9"}

"""The fake Messages API: scripted answers, request checks, and real HTTP."""

import json
import socket
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import anyio
import httpx2
import pytest
import uvicorn

from pace_app.llm.anthropic_provider import AnthropicProvider
from pace_app.llm.provider import Message
from tests.fakes.fake_model import (
    FakeModel,
    InvalidRequest,
    app_from_env,
    check_request,
    error_turn,
    text_turn,
    turn_from_json,
)
from tests.llm.conftest import API_KEY

HEADERS = {"x-api-key": API_KEY, "anthropic-version": "2023-06-01"}
USER = {"role": "user", "content": "Hi."}


def body(**changes: Any) -> dict[str, Any]:
    """Return a valid request body with some fields replaced (None removes one)."""
    base: dict[str, Any] = {"model": "claude-haiku-4-5", "max_tokens": 16, "messages": [USER]}
    base.update(changes)
    return {key: value for key, value in base.items() if value is not None}


@pytest.fixture
async def client(fake: FakeModel) -> AsyncIterator[httpx2.AsyncClient]:
    """Return a plain HTTP client on the fake."""
    transport = httpx2.ASGITransport(app=fake.app)
    async with httpx2.AsyncClient(transport=transport, base_url="http://fake") as client:
        yield client


@pytest.mark.anyio
async def test_a_scripted_reply_has_the_messages_api_shape(
    fake: FakeModel, client: httpx2.AsyncClient
) -> None:
    fake.add(text_turn("Hello."))

    response = await client.post("/v1/messages", json=body(), headers=HEADERS)

    assert response.status_code == 200
    answer = response.json()
    assert answer["id"].startswith("msg_fake_")
    assert answer | {"id": None} == {
        "id": None,
        "type": "message",
        "role": "assistant",
        "model": "claude-haiku-4-5",
        "content": [{"type": "text", "text": "Hello."}],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {
            "input_tokens": 12,
            "output_tokens": 9,
            "cache_creation_input_tokens": 0,
            "cache_read_input_tokens": 0,
            "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 0},
        },
    }
    assert fake.requests == [body()]


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("headers", "status", "message"),
    [
        ({"anthropic-version": "2023-06-01"}, 401, "x-api-key header is required"),
        ({"x-api-key": "sk-wrong", "anthropic-version": "2023-06-01"}, 401, "invalid x-api-key"),
        ({"authorization": f"Bearer {API_KEY}"}, 400, "anthropic-version"),
    ],
)
async def test_requests_without_credentials_or_version_are_refused(
    client: httpx2.AsyncClient, headers: dict[str, str], status: int, message: str
) -> None:
    response = await client.post("/v1/messages", json=body(), headers=headers)

    assert response.status_code == status
    assert message in response.json()["error"]["message"]


@pytest.mark.anyio
async def test_a_body_that_is_not_json_is_refused(client: httpx2.AsyncClient) -> None:
    response = await client.post("/v1/messages", content=b"{", headers=HEADERS)

    assert response.status_code == 400
    assert response.json()["error"] == {
        "type": "invalid_request_error",
        "message": "body: not valid JSON",
    }


TOOL = {"name": "read_file", "input_schema": {"type": "object"}}
CALL = {"type": "tool_use", "id": "toolu_1", "name": "read_file", "input": {}}
RESULT = {"type": "tool_result", "tool_use_id": "toolu_1", "content": "x"}
MARK = {"type": "ephemeral"}


def text(value: str, **extra: Any) -> dict[str, Any]:
    """Return a text block."""
    return {"type": "text", "text": value, **extra}


@pytest.mark.parametrize(
    ("request_body", "message"),
    [
        ([], "body: must be a JSON object"),
        (body(model=""), "model: Field required"),
        (body(max_tokens=0), "max_tokens"),
        (body(max_tokens=True), "max_tokens"),
        (body(stream=True), "does not stream"),
        (body(system=7), "system: must be"),
        (body(system=[{"type": "image"}]), "system.0: must be a text block"),
        (body(system=[text("")]), "text content blocks must be non-empty"),
        (body(tools={}), "tools: must be a list"),
        (body(tools=["x"]), "tools.0: must be an object"),
        (body(tools=[{"name": "a b", "input_schema": {}}]), "tools.0.name"),
        (body(tools=[TOOL, TOOL]), "Tool names must be unique"),
        (body(tools=[{"name": "t"}]), "tools.0.input_schema.type"),
        (body(tool_choice={"type": "some"}), "tool_choice.type"),
        (body(tools=[TOOL], tool_choice={"type": "tool", "name": "x"}), "no tool named 'x'"),
        (body(messages=[]), "at least one message"),
        (body(messages=[{"role": "system", "content": "x"}]), "messages.0.role"),
        (body(messages=[{"role": "assistant", "content": "x"}]), "roles must alternate"),
        (body(messages=[USER, USER]), "expected 'assistant'"),
        (body(messages=[{"role": "user", "content": []}]), "non-empty list of blocks"),
        (body(messages=[{"role": "user", "content": ""}]), "must be non-empty"),
        (body(messages=[{"role": "user", "content": [{"text": "x"}]}]), "a content block"),
        (body(messages=[{"role": "user", "content": [CALL]}]), "not accepted in a user message"),
        (
            body(messages=[USER, {"role": "assistant", "content": [RESULT]}]),
            "not accepted in a assistant message",
        ),
        (
            body(messages=[USER, {"role": "assistant", "content": [{"type": "tool_use"}]}]),
            "tool_use needs an id and a name",
        ),
        (
            body(messages=[USER, {"role": "assistant", "content": [{**CALL, "input": []}]}]),
            ".input: must be an object",
        ),
        (
            body(messages=[{"role": "user", "content": [{"type": "tool_result"}]}]),
            "tool_use_id: Field required",
        ),
        (
            body(messages=[{"role": "user", "content": [{**RESULT, "content": 1}]}]),
            "must be a string or a list",
        ),
        (
            body(messages=[{"role": "user", "content": [{**RESULT, "is_error": "no"}]}]),
            "is_error: must be a boolean",
        ),
        (
            body(messages=[{"role": "user", "content": [RESULT]}]),
            "unexpected tool_use_id found in tool_result blocks: ['toolu_1']",
        ),
        (
            body(messages=[USER, {"role": "assistant", "content": [CALL]}, USER]),
            "tool_use ids were found without tool_result blocks immediately after: ['toolu_1']",
        ),
        (body(system=[text("s", cache_control={"type": "other"})]), "type must be 'ephemeral'"),
        (
            body(system=[text("s", cache_control={"type": "ephemeral", "ttl": "2h"})]),
            "ttl: must be '5m' or '1h'",
        ),
        (
            body(
                system=[text("a", cache_control=MARK), text("b", cache_control=MARK)],
                tools=[{**TOOL, "cache_control": MARK}],
                messages=[{"role": "user", "content": [text("x", cache_control=MARK)] * 2}],
            ),
            "A maximum of 4 blocks with cache_control may be provided. Found 5.",
        ),
    ],
)
def test_requests_the_real_api_would_refuse_are_refused(request_body: object, message: str) -> None:
    with pytest.raises(InvalidRequest) as caught:
        check_request(request_body)

    assert message in str(caught.value)


def test_a_complete_tool_exchange_passes_the_checks() -> None:
    check_request(
        body(
            system=[text("s", cache_control=MARK)],
            tools=[{**TOOL, "cache_control": {"type": "ephemeral", "ttl": "1h"}}],
            tool_choice={"type": "auto"},
            messages=[
                USER,
                {"role": "assistant", "content": [text("Reading."), CALL]},
                {"role": "user", "content": [RESULT, text("Go on.", cache_control=MARK)]},
                {"role": "assistant", "content": [CALL]},
            ],
        )
    )


@pytest.mark.anyio
async def test_a_refused_request_is_recorded_and_keeps_the_script(
    fake: FakeModel, client: httpx2.AsyncClient
) -> None:
    fake.add(text_turn("Kept."))

    response = await client.post("/v1/messages", json=body(max_tokens=0), headers=HEADERS)

    assert response.status_code == 400
    assert fake.remaining == 1
    assert len(fake.requests) == 1
    assert fake.rejections == ["max_tokens: must be a positive integer"]


@pytest.mark.anyio
async def test_errors_and_script_exhaustion_carry_retry_headers(
    fake: FakeModel, client: httpx2.AsyncClient
) -> None:
    fake.add(error_turn(529, retry_after=0.25))

    overloaded = await client.post("/v1/messages", json=body(), headers=HEADERS)
    exhausted = await client.post("/v1/messages", json=body(), headers=HEADERS)

    assert overloaded.status_code == 529
    assert overloaded.json()["error"]["type"] == "overloaded_error"
    assert overloaded.headers["retry-after-ms"] == "250"
    assert exhausted.status_code == 500
    assert exhausted.headers["x-should-retry"] == "false"
    assert exhausted.json()["error"]["message"] == "fake model: script exhausted after 1 turns"


def test_turns_load_from_json() -> None:
    reply = turn_from_json(
        {
            "content": [
                {"type": "text", "text": "Let me look."},
                {"type": "tool_use", "name": "list_files", "input": {"path": "."}},
            ],
            "usage": {"input_tokens": 7},
        }
    )
    failure = turn_from_json({"error": 429, "message": "slow down"})

    assert reply.stop_reason == "tool_use"  # type: ignore[union-attr]
    assert reply.content[1]["id"].startswith("toolu_fake_")  # type: ignore[union-attr]
    assert reply.usage == {"input_tokens": 7}  # type: ignore[union-attr]
    assert failure == error_turn(429, "slow down")


@pytest.mark.anyio
async def test_the_script_and_the_record_are_reachable_over_http(
    fake: FakeModel, client: httpx2.AsyncClient
) -> None:
    added = await client.post("/_fake/script", json=[{"content": [text("Hi there.")]}])
    answer = await client.post("/v1/messages", json=body(), headers=HEADERS)
    recorded = await client.get("/_fake/requests")

    assert added.json() == {"remaining": 1}
    assert answer.json()["content"] == [text("Hi there.")]
    assert recorded.json() == [body()]


@pytest.mark.anyio
async def test_the_factory_loads_a_script_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / "script.json"
    script.write_text(json.dumps([{"content": [text("From a file.")]}]), encoding="utf-8")
    monkeypatch.setenv("FAKE_MODEL_SCRIPT", str(script))
    transport = httpx2.ASGITransport(app=app_from_env())

    async with httpx2.AsyncClient(transport=transport, base_url="http://fake") as client:
        answer = await client.post("/v1/messages", json=body(), headers=HEADERS)

    assert answer.json()["content"] == [text("From a file.")]
    monkeypatch.delenv("FAKE_MODEL_SCRIPT")
    assert app_from_env() is not None


@pytest.mark.anyio
async def test_the_sdk_reaches_the_fake_over_real_http(fake: FakeModel) -> None:
    fake.add(text_turn("Over the wire."))
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()  # connections wait in the backlog until uvicorn starts accepting
    port = sock.getsockname()[1]
    # No log_config or log_level: uvicorn would otherwise reconfigure logging process-wide.
    config = uvicorn.Config(fake.app, log_config=None, log_level=None, lifespan="off")
    server = uvicorn.Server(config)
    provider = AnthropicProvider(api_key=API_KEY, base_url=f"http://127.0.0.1:{port}")

    async with anyio.create_task_group() as tasks:
        tasks.start_soon(server.serve, [sock])
        result = await provider.step(
            model="claude-haiku-4-5", system="", tools=(), messages=[Message.user("Hi.")]
        )
        await provider.aclose()
        server.should_exit = True

    sock.close()
    assert result.text == "Over the wire."
    assert fake.requests[0]["messages"][0]["content"][0]["text"] == "Hi."

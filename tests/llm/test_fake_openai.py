"""The fake OpenAI-compatible API refuses what the real one refuses, and caches prefixes."""

from collections.abc import AsyncIterator
from typing import Any

import httpx2
import pytest

from tests.fakes.fake_model import error_turn, text_turn
from tests.fakes.fake_openai import FakeOpenAI, InvalidRequest, check_request

USER = {"role": "user", "content": "Hi"}
CALL = {"id": "c1", "type": "function", "function": {"name": "t", "arguments": "{}"}}
TOOL = {"type": "function", "function": {"name": "t", "parameters": {"type": "object"}}}


def body(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"model": "gpt-5-mini", "messages": [USER]}
    base.update(changes)
    return {key: value for key, value in base.items() if value is not None}


@pytest.mark.parametrize(
    ("request_body", "problem"),
    [
        ([], "must be a JSON object"),
        (body(model=None), "model parameter"),
        (body(stream=True), "does not stream"),
        (body(max_tokens=5, max_completion_tokens=5), "cannot both be set"),
        (body(max_completion_tokens=0), "positive integer"),
        (body(tools=[]), "non-empty array"),
        (body(tools=[{"type": "custom"}]), "function tool"),
        (body(tools=[{"type": "function", "function": {"name": "a b"}}]), "name: must match"),
        (
            body(tools=[{"type": "function", "function": {"name": "t", "parameters": []}}]),
            "object schema",
        ),
        (body(tools=[TOOL], tool_choice="sometimes"), "tool_choice"),
        (
            body(tools=[TOOL], tool_choice={"type": "function", "function": {"name": "x"}}),
            "no function named 'x'",
        ),
        (body(messages=[]), "non-empty array"),
        (body(messages=[{"role": "robot", "content": "x"}]), "role: must be one of"),
        (body(messages=[USER, {"role": "tool", "tool_call_id": "c9", "content": "x"}]), "response"),
        (
            body(messages=[USER, {"role": "assistant", "tool_calls": [CALL]}, USER]),
            "must be followed by tool messages",
        ),
        (body(messages=[USER, {"role": "assistant", "tool_calls": [CALL]}]), "Missing: ['c1']"),
        (
            body(
                messages=[
                    USER,
                    {"role": "assistant", "tool_calls": [CALL]},
                    {"role": "tool", "tool_call_id": "c1", "content": None},
                ]
            ),
            "content: must be a string",
        ),
        (
            body(messages=[USER, {"role": "assistant", "tool_calls": [{"id": "c1"}]}]),
            "needs an id and arguments",
        ),
        (body(messages=[{"role": "user", "content": ""}]), "non-empty string"),
    ],
)
def test_invalid_requests_are_refused(request_body: Any, problem: str) -> None:
    with pytest.raises(InvalidRequest, match=problem.replace("[", r"\[").replace("(", r"\(")):
        check_request(request_body)


def test_a_valid_tool_exchange_passes() -> None:
    check_request(
        body(
            tools=[TOOL],
            tool_choice={"type": "function", "function": {"name": "t"}},
            messages=[
                USER,
                {"role": "assistant", "content": None, "tool_calls": [CALL]},
                {"role": "tool", "tool_call_id": "c1", "content": "ok"},
                {"role": "user", "content": "Go on."},
            ],
        )
    )


@pytest.fixture
async def client() -> AsyncIterator[tuple[FakeOpenAI, httpx2.AsyncClient]]:
    fake = FakeOpenAI(api_key="sk-test")
    transport = httpx2.ASGITransport(app=fake.app)
    async with httpx2.AsyncClient(transport=transport, base_url="http://fake") as http:
        yield fake, http


@pytest.mark.anyio
async def test_keys_bodies_script_and_cache(client: tuple[FakeOpenAI, httpx2.AsyncClient]) -> None:
    fake, http = client
    auth = {"authorization": "Bearer sk-test"}
    long = body(messages=[{"role": "system", "content": "x" * 8000}, USER])
    fake.add(text_turn("One."), text_turn("Two."), error_turn(429))

    assert (await http.post("/v1/chat/completions", json=long)).status_code == 401
    refused = await http.post("/v1/chat/completions", content=b"{", headers=auth)
    assert refused.status_code == 400
    assert (await http.post("/v1/chat/completions", json=body(stream=True), headers=auth)).json()[
        "error"
    ]["type"] == "invalid_request_error"
    first = (await http.post("/v1/chat/completions", json=long, headers=auth)).json()
    second = (await http.post("/v1/chat/completions", json=long, headers=auth)).json()
    limited = await http.post("/v1/chat/completions", json=long, headers=auth)
    exhausted = await http.post("/v1/chat/completions", json=long, headers=auth)

    assert first["choices"][0]["message"] == {"role": "assistant", "content": "One."}
    assert first["usage"]["prompt_tokens_details"]["cached_tokens"] == 0
    cached = second["usage"]["prompt_tokens_details"]["cached_tokens"]
    assert cached >= 1024
    assert cached % 128 == 0
    assert limited.status_code == 429
    assert exhausted.status_code == 500
    assert exhausted.headers["x-should-retry"] == "false"
    assert fake.remaining == 0
    assert fake.rejections == ["stream: the fake does not stream"]

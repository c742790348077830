"""The OpenAI-compatible provider: the real ``openai`` SDK against the fake server."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from typing import Any

import httpx2
import pytest

from pace_app.errors import ModelError
from pace_app.llm.openai_provider import OpenAIProvider, describe, messages_param, usage_of
from pace_app.llm.pricing import ModelPrice, PriceTable
from pace_app.llm.provider import (
    Message,
    MissingToolUse,
    TextBlock,
    ToolResult,
    ToolSpec,
    ToolUse,
    Usage,
)
from tests.fakes.fake_model import error_turn, reply, text_block, text_turn, tool_turn
from tests.fakes.fake_openai import FakeOpenAI, check_request
from tests.fakes.servers import serve

API_KEY = "sk-openai-test-0123456789"
MODEL = "gpt-5-mini"
TOOLS = (
    ToolSpec("read_file", "Read a file.", {"type": "object", "properties": {}}),
    ToolSpec("run_tests", "Run the tests.", {"type": "object", "properties": {}}),
)
VERDICT = ToolSpec(
    "record_verdict",
    "Record the verdict.",
    {"type": "object", "properties": {"verdict": {"type": "string"}}, "required": ["verdict"]},
)
LONG_SYSTEM = "You implement one story. " * 400  # over the 1024-token caching minimum


def provider_for(fake: FakeOpenAI, **options: Any) -> OpenAIProvider:
    client = httpx2.AsyncClient(transport=httpx2.ASGITransport(app=fake.app))
    return OpenAIProvider(
        api_key=API_KEY, base_url="http://fake-openai/v1", http_client=client, **options
    )


@pytest.fixture
def fake() -> FakeOpenAI:
    return FakeOpenAI(api_key=API_KEY)


@pytest.fixture
async def provider(fake: FakeOpenAI) -> AsyncIterator[OpenAIProvider]:
    provider = provider_for(fake, max_retries=2)
    yield provider
    await provider.aclose()


@pytest.mark.anyio
async def test_a_tool_loop_round_trips_and_reads_the_cached_prefix(
    fake: FakeOpenAI, provider: OpenAIProvider
) -> None:
    fake.add(
        tool_turn("read_file", {"path": "a.py"}, id="call_1", text="Reading."),
        reply(
            text_block("Both at once."),
            {"type": "tool_use", "id": "call_2", "name": "run_tests", "input": {}},
            {"type": "tool_use", "id": "call_3", "name": "read_file", "input": {"path": "b"}},
        ),
        text_turn("Done."),
    )
    conversation = [Message.user("Implement the story.")]

    first = await provider.step(model=MODEL, system=LONG_SYSTEM, tools=TOOLS, messages=conversation)
    conversation += [first.as_message(), Message.user(ToolResult("call_1", "x = 1"), "Go on.")]
    second = await provider.step(
        model=MODEL, system=LONG_SYSTEM, tools=TOOLS, messages=conversation
    )
    conversation += [
        second.as_message(),
        Message.user(ToolResult("call_2", "ok"), ToolResult("call_3", "missing", True)),
    ]
    last = await provider.step(model=MODEL, system=LONG_SYSTEM, tools=TOOLS, messages=conversation)

    assert first.content == (
        TextBlock("Reading."),
        ToolUse("call_1", "read_file", {"path": "a.py"}),
    )
    assert first.stop_reason == "tool_use"
    assert [use.id for use in second.tool_uses] == ["call_2", "call_3"]
    assert last.text == "Done."
    assert last.stop_reason == "end_turn"
    assert fake.rejections == []
    body = fake.requests[2]
    assert body["messages"][0] == {"role": "system", "content": LONG_SYSTEM}
    assert body["messages"][2]["tool_calls"][0]["function"] == {
        "name": "read_file",
        "arguments": json.dumps({"path": "a.py"}),
    }
    assert body["messages"][3] == {"role": "tool", "tool_call_id": "call_1", "content": "x = 1"}
    assert body["messages"][4] == {"role": "user", "content": "Go on."}
    assert body["messages"][-1]["content"] == "Error: missing"
    assert body["tools"][0]["function"]["name"] == "read_file"
    assert body["max_completion_tokens"] == 8192
    # The prompt only grows, so the server's automatic cache serves the earlier prefix.
    assert first.usage.cache_read_input_tokens == 0
    assert second.usage.cache_read_input_tokens >= 1024
    cached = fake.usages[1]["prompt_tokens_details"]["cached_tokens"]
    assert second.usage.input_tokens == fake.usages[1]["prompt_tokens"] - cached
    price = PriceTable().price(MODEL)
    assert second.cost_usd == pytest.approx(
        (
            second.usage.input_tokens * price.input
            + second.usage.output_tokens * price.output
            + cached * price.cache_read
        )
        / 1e6
    )


@pytest.mark.anyio
async def test_complete_forces_the_function_and_prices_with_the_table(fake: FakeOpenAI) -> None:
    fake.add(tool_turn("record_verdict", {"verdict": "SHIP"}), text_turn("No tool."))
    table = PriceTable({"local-model": ModelPrice(0.0, 0.0)})
    provider = provider_for(fake, prices=table)
    try:
        data, result = await provider.complete(
            model="local-model", system="Judge.", prompt="Did it pass?", output_tool=VERDICT
        )
        with pytest.raises(MissingToolUse) as missing:
            await provider.complete(
                model="local-model", system="", prompt="Again?", output_tool=VERDICT
            )
    finally:
        await provider.aclose()

    assert data == {"verdict": "SHIP"}
    assert result.cost_usd == 0.0
    assert missing.value.result.text == "No tool."
    assert fake.requests[0]["tool_choice"] == {
        "type": "function",
        "function": {"name": "record_verdict"},
    }
    assert fake.requests[1]["messages"] == [{"role": "user", "content": "Again?"}]


@pytest.mark.anyio
async def test_errors_become_model_errors_without_the_key(
    fake: FakeOpenAI, caplog: pytest.LogCaptureFixture
) -> None:
    fake.add(error_turn(429), error_turn(400, f"bad key {API_KEY}"))
    provider = provider_for(fake, max_retries=1)
    try:
        with pytest.raises(ModelError, match=r"answered 400 \(invalid_request_error\)") as caught:
            await provider.step(model=MODEL, system="", tools=(), messages=[Message.user("Q?")])
    finally:
        await provider.aclose()

    assert API_KEY not in str(caught.value)
    assert "[redacted]" in str(caught.value)
    assert len(fake.requests) == 2  # the 429 was retried
    assert "sk-openai" not in repr(provider)


@pytest.mark.anyio
async def test_a_refused_request_and_transport_failures_are_phrased() -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        raise httpx2.ConnectError("refused")

    client = httpx2.AsyncClient(transport=httpx2.MockTransport(handler))
    provider = OpenAIProvider(
        api_key=API_KEY, base_url="http://nowhere/v1", http_client=client, max_retries=0
    )
    try:
        with pytest.raises(ModelError, match="model API unreachable"):
            await provider.step(model=MODEL, system="", tools=(), messages=[Message.user("Q?")])
    finally:
        await provider.aclose()


@pytest.mark.anyio
async def test_over_real_http_with_odd_arguments(caplog: pytest.LogCaptureFixture) -> None:
    fake = FakeOpenAI(
        [
            reply({"type": "tool_use", "id": "c1", "name": "read_file", "input": {}}),
        ]
    )
    with serve(fake.app) as url:
        provider = OpenAIProvider(api_key="any", base_url=url + "/v1", max_retries=0)
        try:
            with caplog.at_level(logging.INFO, logger="pace_app.llm.openai_provider"):
                result = await provider.step(
                    model="gpt-4o", system="S", tools=TOOLS, messages=[Message.user("Q?")]
                )
        finally:
            await provider.aclose()

    assert result.tool_uses == (ToolUse("c1", "read_file", {}),)
    assert [r.message for r in caplog.records] == ["model call finished"]


def test_usage_without_details_and_arguments_that_are_not_objects() -> None:
    from openai.types.chat import ChatCompletion

    from pace_app.llm.openai_provider import step_result

    response = ChatCompletion.model_validate(
        {
            "id": "x",
            "object": "chat.completion",
            "created": 1,
            "model": "gpt-4o-mini",
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "length",
                    "message": {
                        "role": "assistant",
                        "content": None,
                        "tool_calls": [
                            {
                                "id": "a",
                                "type": "function",
                                "function": {"name": "t", "arguments": "[1]"},
                            },
                            {
                                "id": "b",
                                "type": "function",
                                "function": {"name": "t", "arguments": "{not json"},
                            },
                            {
                                "id": "c",
                                "type": "function",
                                "function": {"name": "t", "arguments": ""},
                            },
                        ],
                    },
                }
            ],
            "usage": {"prompt_tokens": 10, "completion_tokens": 2, "total_tokens": 12},
        }
    )

    result = step_result(response)

    assert [use.input for use in result.tool_uses] == [{}, {}, {}]
    assert result.stop_reason == "max_tokens"
    assert usage_of(response) == Usage(10, 2)
    assert usage_of(response.model_copy(update={"usage": None})) == Usage()
    with pytest.raises(ModelError, match="without a choice"):
        step_result(response.model_copy(update={"choices": []}))


def test_cache_writes_reported_by_the_server_are_kept_apart() -> None:
    from openai.types.chat import ChatCompletion

    response = ChatCompletion.model_validate(
        {
            "id": "x",
            "object": "chat.completion",
            "created": 1,
            "model": "gpt-5.5",
            "choices": [],
            "usage": {
                "prompt_tokens": 5000,
                "completion_tokens": 10,
                "total_tokens": 5010,
                "prompt_tokens_details": {"cached_tokens": 3000, "cache_write_tokens": 1500},
            },
        }
    )

    assert usage_of(response) == Usage(500, 10, 1500, 3000)


def test_messages_map_to_chat_roles() -> None:
    messages = [
        Message.user("Start."),
        Message.assistant(ToolUse("c1", "run_tests", {})),
        Message.user(ToolResult("c1", "ok")),
        Message.assistant("Finished."),
    ]

    params = messages_param("", messages)

    assert params == [
        {"role": "user", "content": "Start."},
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": "c1",
                    "type": "function",
                    "function": {"name": "run_tests", "arguments": "{}"},
                }
            ],
        },
        {"role": "tool", "tool_call_id": "c1", "content": "ok"},
        {"role": "assistant", "content": "Finished."},
    ]
    check_request({"model": "m", "messages": params})


def test_describe_other_failures() -> None:
    import openai

    assert describe(openai.OpenAIError("x")) == "model client failed (OpenAIError)"

"""The Anthropic provider, driven through the real SDK against the fake Messages API."""

import time
from typing import Any

import anthropic
import httpx2
import pytest

from pace_app.errors import ModelError
from pace_app.llm.anthropic_provider import AnthropicProvider, describe
from pace_app.llm.provider import (
    Message,
    MissingToolUse,
    TextBlock,
    ToolResult,
    ToolSpec,
    ToolUse,
    Usage,
)
from pace_app.llm.usage import MeteredProvider, UsageLedger
from tests.fakes.fake_model import (
    FakeModel,
    error_turn,
    reply,
    text_block,
    text_turn,
    tool_turn,
    tool_use_block,
    usage,
)
from tests.llm.conftest import API_KEY, provider_for

MODEL = "claude-sonnet-4-6"
SYSTEM = "You implement one story."
SCHEMA: dict[str, Any] = {"type": "object", "properties": {"path": {"type": "string"}}}
TOOLS = (
    ToolSpec("list_files", "List a directory.", SCHEMA),
    ToolSpec("read_file", "Read a file.", SCHEMA),
    ToolSpec("complete_handoff", "Finish.", {"type": "object"}),
)
VERDICT = ToolSpec(
    "record_verdict",
    "Record the verdict.",
    {"type": "object", "properties": {"verdict": {"type": "string"}}, "required": ["verdict"]},
)


def cache_marks(body: dict[str, Any]) -> list[str]:
    """Return where a request body carries cache_control, as dotted paths."""
    marks = [f"system.{i}" for i, b in enumerate(body.get("system", [])) if "cache_control" in b]
    marks += [f"tools.{i}" for i, t in enumerate(body.get("tools", [])) if "cache_control" in t]
    for m, message in enumerate(body["messages"]):
        for b, block in enumerate(message["content"]):
            if "cache_control" in block:
                marks.append(f"messages.{m}.content.{b}")
    return marks


@pytest.mark.anyio
async def test_a_tool_loop_sends_results_back_and_accounts_for_every_turn(
    fake: FakeModel, provider: AnthropicProvider
) -> None:
    fake.add(
        tool_turn(
            "read_file",
            {"path": "app.py"},
            id="toolu_read",
            text="Reading.",
            usage=usage(100, 20, cache_creation_input_tokens=2000),
        ),
        text_turn("All done.", usage=usage(40, 10, cache_read_input_tokens=2000)),
    )
    ledger = UsageLedger(budget_usd=1.0)
    metered = MeteredProvider(provider, ledger, "forge")
    conversation = [Message.user("Implement the story.")]

    first = await metered.step(model=MODEL, system=SYSTEM, tools=TOOLS, messages=conversation)
    assert first.stop_reason == "tool_use"
    assert first.text == "Reading."
    assert first.tool_uses == (ToolUse("toolu_read", "read_file", {"path": "app.py"}),)
    conversation += [
        first.as_message(),
        Message.user(ToolResult("toolu_read", "print('hi')")),
    ]
    second = await metered.step(model=MODEL, system=SYSTEM, tools=TOOLS, messages=conversation)

    assert second.content == (TextBlock("All done."),)
    assert second.stop_reason == "end_turn"
    assert second.model == MODEL
    assert fake.requests[1]["messages"][1]["content"] == [
        {"type": "text", "text": "Reading."},
        {"type": "tool_use", "id": "toolu_read", "name": "read_file", "input": {"path": "app.py"}},
    ]
    assert fake.requests[1]["messages"][2]["content"] == [
        {
            "type": "tool_result",
            "tool_use_id": "toolu_read",
            "content": "print('hi')",
            "is_error": False,
            "cache_control": {"type": "ephemeral"},
        }
    ]
    # Sonnet 4.6: $3 in, $15 out, $3.75 cache write, $0.30 cache read per million tokens.
    assert first.cost_usd == pytest.approx((100 * 3 + 20 * 15 + 2000 * 3.75) / 1e6)
    assert second.cost_usd == pytest.approx((40 * 3 + 10 * 15 + 2000 * 0.3) / 1e6)
    spend = ledger.agent("forge")
    assert spend.calls == 2
    assert spend.usage == Usage(140, 30, 2000, 2000)
    assert spend.cost_usd == pytest.approx(first.cost_usd + second.cost_usd)
    assert ledger.remaining_usd == pytest.approx(1.0 - spend.cost_usd)


@pytest.mark.anyio
async def test_cache_breakpoints_sit_on_system_last_tool_and_the_last_two_user_turns(
    fake: FakeModel, provider: AnthropicProvider
) -> None:
    fake.add(
        tool_turn("list_files", {"path": "."}, id="toolu_1"),
        tool_turn("read_file", {"path": "a.py"}, id="toolu_2"),
        text_turn("Finished."),
    )
    conversation = [Message.user("Context.", "Implement the story.")]
    for call_id, output in (("toolu_1", "a.py"), ("toolu_2", "x = 1")):
        result = await provider.step(model=MODEL, system=SYSTEM, tools=TOOLS, messages=conversation)
        conversation += [
            result.as_message(),
            Message.user(ToolResult(call_id, output), "Keep going."),
        ]
    await provider.step(model=MODEL, system=SYSTEM, tools=TOOLS, messages=conversation)

    assert [cache_marks(body) for body in fake.requests] == [
        ["system.0", "tools.2", "messages.0.content.1"],
        ["system.0", "tools.2", "messages.0.content.1", "messages.2.content.1"],
        ["system.0", "tools.2", "messages.2.content.1", "messages.4.content.1"],
    ]
    for body in fake.requests:
        assert body["system"] == [
            {"type": "text", "text": SYSTEM, "cache_control": {"type": "ephemeral"}}
        ]
        assert body["tools"][-1]["cache_control"] == {"type": "ephemeral"}
        assert "tool_choice" not in body
    assert fake.rejections == []


@pytest.mark.anyio
async def test_complete_forces_the_output_tool_and_returns_its_input(
    fake: FakeModel, provider: AnthropicProvider
) -> None:
    fake.add(tool_turn("record_verdict", {"verdict": "SHIP"}, usage=usage(10, 5)))

    data, result = await provider.complete(
        model="claude-haiku-4-5", system="Judge.", prompt="Did it pass?", output_tool=VERDICT
    )

    assert data == {"verdict": "SHIP"}
    assert result.cost_usd == pytest.approx((10 * 1 + 5 * 5) / 1e6)
    body = fake.requests[0]
    assert body["tool_choice"] == {"type": "tool", "name": "record_verdict"}
    assert body["tools"] == [
        {
            "name": "record_verdict",
            "description": "Record the verdict.",
            "input_schema": VERDICT.input_schema,
        }
    ]
    # A one-off prompt is never read back, so writing it to the cache would only cost.
    assert body["system"] == [{"type": "text", "text": "Judge."}]
    assert body["max_tokens"] == 4096
    assert body["messages"] == [
        {"role": "user", "content": [{"type": "text", "text": "Did it pass?"}]}
    ]


@pytest.mark.anyio
async def test_complete_without_the_tool_call_raises_and_the_spend_is_still_charged(
    fake: FakeModel, provider: AnthropicProvider
) -> None:
    fake.add(text_turn("I would say SHIP.", usage=usage(1000, 100)))
    ledger = UsageLedger()

    with pytest.raises(ModelError, match="did not call the record_verdict tool") as caught:
        await MeteredProvider(provider, ledger, "gate").complete(
            model=MODEL, system="Judge.", prompt="Did it pass?", output_tool=VERDICT
        )

    assert isinstance(caught.value, MissingToolUse)
    assert caught.value.result.text == "I would say SHIP."
    assert ledger.agent("gate").calls == 1
    assert ledger.cost_usd == pytest.approx((1000 * 3 + 100 * 15) / 1e6)


@pytest.mark.anyio
async def test_an_overloaded_answer_is_retried_by_the_sdk(
    fake: FakeModel, provider: AnthropicProvider
) -> None:
    fake.add(error_turn(529), error_turn(429), text_turn("Back."))
    started = time.monotonic()

    result = await provider.step(
        model=MODEL, system=SYSTEM, tools=TOOLS, messages=[Message.user("Hi.")]
    )

    assert result.text == "Back."
    assert len(fake.requests) == 3
    assert fake.remaining == 0
    assert time.monotonic() - started < 2


@pytest.mark.anyio
async def test_retries_give_up_with_a_model_error() -> None:
    fake = FakeModel([error_turn(429), error_turn(429), text_turn("Too late.")])
    provider = provider_for(fake, max_retries=1)

    with pytest.raises(ModelError, match=r"429 \(rate_limit_error\)"):
        await provider.step(model=MODEL, system="", tools=(), messages=[Message.user("Hi.")])
    await provider.aclose()

    assert len(fake.requests) == 2


@pytest.mark.anyio
async def test_a_bad_request_becomes_a_model_error_without_the_api_key(
    fake: FakeModel, provider: AnthropicProvider
) -> None:
    fake.add(error_turn(400, f"header x-api-key={API_KEY} is not allowed here"))

    with pytest.raises(ModelError) as caught:
        await provider.step(model=MODEL, system=SYSTEM, tools=TOOLS, messages=[Message.user("x")])

    assert API_KEY not in str(caught.value)
    assert "400 (invalid_request_error)" in str(caught.value)
    assert "[redacted]" in str(caught.value)
    assert isinstance(caught.value.__cause__, anthropic.BadRequestError)
    assert len(fake.requests) == 1
    assert API_KEY not in repr(provider)


@pytest.mark.anyio
async def test_a_malformed_conversation_is_refused_by_the_fake_like_the_api(
    fake: FakeModel, provider: AnthropicProvider
) -> None:
    fake.add(text_turn("unused"))
    dangling = [
        Message.user("Go."),
        Message.assistant(ToolUse("toolu_x", "read_file", {"path": "a"})),
        Message.user("No result."),
    ]

    with pytest.raises(ModelError, match="without tool_result blocks"):
        await provider.step(model=MODEL, system=SYSTEM, tools=TOOLS, messages=dangling)

    assert fake.remaining == 1


@pytest.mark.anyio
async def test_an_exhausted_script_fails_at_once_without_retries(
    fake: FakeModel, provider: AnthropicProvider
) -> None:
    with pytest.raises(ModelError, match="script exhausted after 0 turns"):
        await provider.step(model=MODEL, system="", tools=(), messages=[Message.user("Hi.")])

    assert len(fake.requests) == 1


@pytest.mark.anyio
async def test_an_empty_system_prompt_and_no_tools_are_left_out(
    fake: FakeModel, provider: AnthropicProvider
) -> None:
    fake.add(text_turn("Hello."))

    await provider.step(
        model=MODEL, system="", tools=(), messages=[Message.user("Hi.")], max_tokens=64
    )

    assert "system" not in fake.requests[0]
    assert "tools" not in fake.requests[0]
    assert fake.requests[0]["max_tokens"] == 64


@pytest.mark.anyio
async def test_unknown_blocks_are_dropped_and_missing_cache_counts_are_zero(
    fake: FakeModel, provider: AnthropicProvider
) -> None:
    thinking = {"type": "thinking", "thinking": "Hmm.", "signature": "sig"}
    fake.add(
        reply(
            thinking,
            text_block("Answer."),
            usage={
                "input_tokens": 10,
                "output_tokens": 5,
                "cache_creation_input_tokens": None,
                "cache_read_input_tokens": None,
            },
        )
    )

    result = await provider.step(model=MODEL, system="", tools=(), messages=[Message.user("Q?")])

    assert result.content == (TextBlock("Answer."),)
    assert result.stop_reason == "end_turn"
    assert result.usage == Usage(10, 5, 0, 0)
    assert result.cost_usd == pytest.approx((10 * 3 + 5 * 15) / 1e6)


def failing_provider(error: Exception) -> AnthropicProvider:
    """Return a provider whose every request fails with ``error`` at the transport."""

    def handler(request: httpx2.Request) -> httpx2.Response:
        raise error

    client = httpx2.AsyncClient(transport=httpx2.MockTransport(handler))
    return AnthropicProvider(
        api_key=API_KEY, base_url="http://fake-model", max_retries=0, http_client=client
    )


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("error", "message"),
    [
        (httpx2.ConnectError("refused"), "model API unreachable"),
        (httpx2.ReadTimeout("slow"), "model API timed out"),
    ],
)
async def test_transport_failures_become_model_errors(error: Exception, message: str) -> None:
    provider = failing_provider(error)

    with pytest.raises(ModelError, match=message) as caught:
        await provider.step(model=MODEL, system="", tools=(), messages=[Message.user("Hi.")])
    await provider.aclose()

    assert isinstance(caught.value.__cause__, anthropic.APIConnectionError)


def test_other_sdk_errors_are_described_by_kind() -> None:
    request = httpx2.Request("POST", "http://fake-model/v1/messages")
    invalid = anthropic.APIResponseValidationError(httpx2.Response(200, request=request), body=None)

    assert describe(invalid) == "model API answered in an unexpected shape"
    assert describe(anthropic.AnthropicError("boom")) == "model client failed (AnthropicError)"


@pytest.mark.anyio
async def test_a_turn_of_many_parallel_calls_still_reads_the_previous_turn(
    fake: FakeModel, provider: AnthropicProvider
) -> None:
    calls = [tool_use_block("read_file", {"path": f"f{n}.py"}, id=f"toolu_{n}") for n in range(30)]
    fake.add(text_turn("Looking."), reply(*calls), text_turn("Done."))
    system = "You implement one story. " * 300  # past the 1,024-token minimum
    conversation = [Message.user("Implement the story.")]
    first = await provider.step(model=MODEL, system=system, tools=TOOLS, messages=conversation)
    conversation += [first.as_message(), Message.user("Read them all.")]
    second = await provider.step(model=MODEL, system=system, tools=TOOLS, messages=conversation)
    conversation += [
        second.as_message(),
        Message.user(*(ToolResult(f"toolu_{n}", f"x = {n}") for n in range(30))),
    ]

    third = await provider.step(model=MODEL, system=system, tools=TOOLS, messages=conversation)

    # 60 new blocks lie between the two ends, far past the 20-block lookback; the
    # previous turn's own breakpoint is what finds its entry.
    written_before = second.usage.cache_read_input_tokens + second.usage.cache_creation_input_tokens
    assert third.usage.cache_read_input_tokens == written_before
    assert third.usage.input_tokens == 0


@pytest.mark.anyio
async def test_the_last_turn_reads_the_cache_and_writes_nothing_new(
    fake: FakeModel, provider: AnthropicProvider
) -> None:
    fake.add(text_turn("Looking."), text_turn("Done."))
    system = "You implement one story. " * 300  # past the 1,024-token minimum
    conversation = [Message.user("Implement the story.")]
    first = await provider.step(model=MODEL, system=system, tools=TOOLS, messages=conversation)
    conversation += [first.as_message(), Message.user("Carry on. " * 50)]

    last = await provider.step(
        model=MODEL, system=system, tools=TOOLS, messages=conversation, last=True
    )

    # Only the previous turn's end is marked: it reads what the first call wrote.
    assert cache_marks(fake.requests[1]) == ["system.0", "tools.2", "messages.0.content.0"]
    written = first.usage.cache_read_input_tokens + first.usage.cache_creation_input_tokens
    assert last.usage.cache_read_input_tokens == written
    assert last.usage.cache_creation_input_tokens == 0
    assert last.usage.input_tokens > 100  # the new turn is paid once, at the input price

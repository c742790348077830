"""``ModelProvider`` on OpenAI-compatible chat completions with tool calls.

Works with OpenAI, Azure OpenAI (through its OpenAI-compatible ``/openai/v1`` base
URL), vLLM, Ollama and a LiteLLM proxy: anything that serves ``POST
/chat/completions`` with ``tools`` and answers ``tool_calls``. Conversation values map
one to one: the system prompt is the first (``system``) message, each ``ToolResult``
becomes a ``tool`` message right after the assistant turn that called it, and any text
of the same user turn follows as a ``user`` message.

Caching is the server's own (OpenAI caches long prompt prefixes automatically); the
append-only conversation FORGE keeps is what makes it hit. Where the answer reports it,
``usage.prompt_tokens_details.cached_tokens`` is recorded as cache reads and
``cache_write_tokens`` as cache writes, both taken out of the uncached input.

Retries on 429, 5xx and connection errors are the SDK's own, honouring
``retry-after``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import Any

import httpx2
import openai
from openai.types.chat import ChatCompletion, ChatCompletionMessageParam

from pace_app.errors import ModelError
from pace_app.llm.pricing import PriceTable
from pace_app.llm.provider import (
    Message,
    StepResult,
    TextBlock,
    ToolResult,
    ToolSpec,
    ToolUse,
    Usage,
    forced_tool_input,
    log_call,
    without_key,
)
from pace_app.types import JSONObject

logger = logging.getLogger(__name__)

DEFAULT_MAX_RETRIES = 4
DEFAULT_TIMEOUT = 600.0
# OpenAI's finish reasons in the Messages API's words, which the agents log and test.
STOP_REASONS = {"tool_calls": "tool_use", "stop": "end_turn", "length": "max_tokens"}


def tools_param(tools: Sequence[ToolSpec]) -> list[dict[str, Any]]:
    """Return the tool definitions as function tools."""
    return [
        {
            "type": "function",
            "function": {
                "name": tool.name,
                "description": tool.description,
                "parameters": tool.input_schema,
            },
        }
        for tool in tools
    ]


def messages_param(system: str, messages: Sequence[Message]) -> list[ChatCompletionMessageParam]:
    """Return the system prompt and the conversation as chat messages."""
    params: list[dict[str, Any]] = [{"role": "system", "content": system}] if system else []
    for message in messages:
        if message.role == "assistant":
            params.append(_assistant(message))
            continue
        for block in message.content:
            if isinstance(block, ToolResult):
                content = f"Error: {block.content}" if block.is_error else block.content
                params.append(
                    {"role": "tool", "tool_call_id": block.tool_use_id, "content": content}
                )
        texts = [block.text for block in message.content if isinstance(block, TextBlock)]
        if texts:
            params.append({"role": "user", "content": "\n\n".join(texts)})
    return params  # type: ignore[return-value]


def _assistant(message: Message) -> dict[str, Any]:
    texts = [block.text for block in message.content if isinstance(block, TextBlock)]
    calls = [
        {
            "id": block.id,
            "type": "function",
            "function": {"name": block.name, "arguments": json.dumps(block.input)},
        }
        for block in message.content
        if isinstance(block, ToolUse)
    ]
    param: dict[str, Any] = {"role": "assistant", "content": "\n\n".join(texts) or None}
    if calls:
        param["tool_calls"] = calls
    return param


def step_result(response: ChatCompletion, prices: PriceTable | None = None) -> StepResult:
    """Turn a chat completion into a ``StepResult`` priced by the answering model."""
    if not response.choices:
        raise ModelError("model API answered without a choice")
    choice = response.choices[0]
    content: list[TextBlock | ToolUse] = []
    if choice.message.content:
        content.append(TextBlock(choice.message.content))
    for call in choice.message.tool_calls or ():
        if call.type != "function":
            logger.debug("ignored a model tool call", extra={"call_type": call.type})
            continue
        content.append(ToolUse(call.id, call.function.name, _arguments(call.function.arguments)))
    usage = usage_of(response)
    reason = choice.finish_reason or "unknown"
    return StepResult(
        content=tuple(content),
        stop_reason=STOP_REASONS.get(reason, reason),
        usage=usage,
        cost_usd=usage.cost_usd(response.model, prices),
        model=response.model,
    )


def usage_of(response: ChatCompletion) -> Usage:
    """Return a completion's token counts, cached prompt tokens apart."""
    raw = response.usage
    if raw is None:
        return Usage()
    details = raw.prompt_tokens_details
    read = (details.cached_tokens or 0) if details else 0
    written = (details.cache_write_tokens or 0) if details else 0
    return Usage(
        input_tokens=max(0, (raw.prompt_tokens or 0) - read - written),
        output_tokens=raw.completion_tokens or 0,
        cache_creation_input_tokens=written,
        cache_read_input_tokens=read,
    )


def _arguments(text: str) -> JSONObject:
    """Parse a call's JSON arguments; anything but an object becomes no arguments."""
    try:
        value = json.loads(text) if text.strip() else {}
    except ValueError:
        # The tool's input check then tells the model what is missing.
        return {}
    return value if isinstance(value, dict) else {}


class OpenAIProvider:
    """A ``ModelProvider`` backed by ``openai.AsyncOpenAI`` chat completions."""

    def __init__(
        self,
        *,
        api_key: str,
        base_url: str | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        timeout: float = DEFAULT_TIMEOUT,
        http_client: httpx2.AsyncClient | None = None,
        prices: PriceTable | None = None,
    ) -> None:
        self._secret = api_key
        self.base_url = base_url
        self.prices = prices
        self._client = openai.AsyncOpenAI(
            api_key=api_key,
            base_url=base_url,
            max_retries=max_retries,
            timeout=timeout,
            http_client=http_client,
        )

    def __repr__(self) -> str:
        return f"OpenAIProvider(base_url={self.base_url!r})"

    async def aclose(self) -> None:
        """Close the HTTP connections."""
        await self._client.close()

    async def step(
        self,
        *,
        model: str,
        system: str,
        tools: Sequence[ToolSpec],
        messages: Sequence[Message],
        max_tokens: int = 8192,
        last: bool = False,
    ) -> StepResult:
        """Send the conversation and return the model's next turn (``last`` changes nothing)."""
        return await self._create(model, system, tools, messages, max_tokens, None)

    async def complete(
        self,
        *,
        model: str,
        system: str,
        prompt: str,
        output_tool: ToolSpec,
        max_tokens: int = 4096,
    ) -> tuple[JSONObject, StepResult]:
        """Ask once, force the answer through ``output_tool``, and return its input."""
        choice = {"type": "function", "function": {"name": output_tool.name}}
        result = await self._create(
            model, system, [output_tool], [Message.user(prompt)], max_tokens, choice
        )
        return forced_tool_input(output_tool, result), result

    async def _create(
        self,
        model: str,
        system: str,
        tools: Sequence[ToolSpec],
        messages: Sequence[Message],
        max_tokens: int,
        tool_choice: dict[str, Any] | None,
    ) -> StepResult:
        extra: dict[str, Any] = {}
        if tools:
            extra["tools"] = tools_param(tools)
        if tool_choice is not None:
            extra["tool_choice"] = tool_choice
        try:
            response = await self._client.chat.completions.create(
                model=model,
                messages=messages_param(system, messages),
                max_completion_tokens=max_tokens,
                **extra,
            )
        except openai.OpenAIError as exc:
            raise ModelError(without_key(describe(exc), self._secret)) from exc
        result = step_result(response, self.prices)
        log_call(logger, result)
        return result


def describe(exc: openai.OpenAIError) -> str:
    """Phrase an SDK error for logs and comments, without headers or request bodies."""
    if isinstance(exc, openai.APIStatusError):
        kind = exc.type or exc.code or "error"
        detail = _message_of(exc.body) or "no message"
        return f"model API answered {exc.status_code} ({kind}): {detail}"
    if isinstance(exc, openai.APITimeoutError):
        return "model API timed out"
    if isinstance(exc, openai.APIConnectionError):
        return "model API unreachable"
    if isinstance(exc, openai.APIResponseValidationError):
        return "model API answered in an unexpected shape"
    return f"model client failed ({type(exc).__name__})"


def _message_of(body: object) -> str | None:
    if isinstance(body, dict):
        message = body.get("message")
        if isinstance(message, str):
            return message[:2000]
    return None

"""``ModelProvider`` on Anthropic's Messages API, with tool use and prompt caching.

Caching: the system prompt and the last tool definition carry a cache breakpoint, so
the fixed prefix (tools, then system) is written once and read on every later turn; the
last block of the last user message carries a moving breakpoint, so each turn of a
tool loop reads the conversation so far from the cache and pays full price only for
what is new. Requests are built afresh from immutable values on every call, so older
breakpoints never pile up: at most three of the API's four are used.

Retries on 429, 5xx and overload (529) are the SDK's own, honouring ``retry-after``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import anthropic
import httpx2
from anthropic.types import (
    CacheControlEphemeralParam,
    MessageParam,
    TextBlockParam,
    ToolChoiceToolParam,
    ToolParam,
    ToolResultBlockParam,
    ToolUseBlockParam,
)
from anthropic.types import Message as ApiMessage

from pace_app.errors import ModelError
from pace_app.llm.provider import (
    ContentBlock,
    Message,
    StepResult,
    TextBlock,
    ToolSpec,
    ToolUse,
    Usage,
    forced_tool_input,
)
from pace_app.types import JSONObject

logger = logging.getLogger(__name__)

DEFAULT_MAX_RETRIES = 4
DEFAULT_TIMEOUT = 600.0
_REDACTED = "[redacted]"

BlockParam = TextBlockParam | ToolUseBlockParam | ToolResultBlockParam


def _ephemeral() -> CacheControlEphemeralParam:
    return {"type": "ephemeral"}


def system_param(system: str) -> list[TextBlockParam]:
    """Return the system prompt as one cached text block (none if it is empty)."""
    if not system:
        return []
    return [{"type": "text", "text": system, "cache_control": _ephemeral()}]


def tools_param(tools: Sequence[ToolSpec]) -> list[ToolParam]:
    """Return the tool definitions, the last one marked as the end of the cached prefix."""
    params: list[ToolParam] = [
        {"name": tool.name, "description": tool.description, "input_schema": tool.input_schema}
        for tool in tools
    ]
    if params:
        params[-1]["cache_control"] = _ephemeral()
    return params


def block_param(block: ContentBlock, *, cached: bool = False) -> BlockParam:
    """Return one content block in the API's shape, optionally as a cache breakpoint."""
    param: BlockParam
    if isinstance(block, TextBlock):
        param = {"type": "text", "text": block.text}
    elif isinstance(block, ToolUse):
        param = {"type": "tool_use", "id": block.id, "name": block.name, "input": block.input}
    else:
        param = {
            "type": "tool_result",
            "tool_use_id": block.tool_use_id,
            "content": block.content,
            "is_error": block.is_error,
        }
    if cached:
        param["cache_control"] = _ephemeral()
    return param


def messages_param(messages: Sequence[Message]) -> list[MessageParam]:
    """Return the conversation, with a cache breakpoint on the last user block only."""
    last_user = max(
        (index for index, message in enumerate(messages) if message.role == "user"), default=-1
    )
    params: list[MessageParam] = []
    for index, message in enumerate(messages):
        last_block = len(message.content) - 1
        content = [
            block_param(block, cached=index == last_user and position == last_block)
            for position, block in enumerate(message.content)
        ]
        if message.role == "user":
            params.append({"role": "user", "content": content})
        else:
            params.append({"role": "assistant", "content": content})
    return params


def step_result(response: ApiMessage) -> StepResult:
    """Turn an API response into a ``StepResult`` priced by the answering model."""
    content: list[TextBlock | ToolUse] = []
    for block in response.content:
        if block.type == "text":
            content.append(TextBlock(block.text))
        elif block.type == "tool_use":
            content.append(ToolUse(block.id, block.name, dict(block.input)))
        else:
            # Only text and client tools are requested; anything else is not ours to act on.
            logger.debug("ignored a model content block", extra={"block_type": block.type})
    raw = response.usage
    usage = Usage(
        input_tokens=raw.input_tokens or 0,
        output_tokens=raw.output_tokens or 0,
        cache_creation_input_tokens=raw.cache_creation_input_tokens or 0,
        cache_read_input_tokens=raw.cache_read_input_tokens or 0,
    )
    return StepResult(
        content=tuple(content),
        stop_reason=response.stop_reason or "unknown",
        usage=usage,
        cost_usd=usage.cost_usd(response.model),
        model=response.model,
    )


class AnthropicProvider:
    """A ``ModelProvider`` backed by ``anthropic.AsyncAnthropic``."""

    def __init__(
        self,
        *,
        api_key: str,
        base_url: str | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        timeout: float = DEFAULT_TIMEOUT,
        http_client: httpx2.AsyncClient | None = None,
    ) -> None:
        self._secret = api_key
        self.base_url = base_url
        self._client = anthropic.AsyncAnthropic(
            api_key=api_key,
            base_url=base_url,
            max_retries=max_retries,
            timeout=timeout,
            http_client=http_client,
        )

    def __repr__(self) -> str:
        return f"AnthropicProvider(base_url={self.base_url!r})"

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
    ) -> StepResult:
        """Send the conversation and return the model's next turn."""
        return await self._create(
            model=model,
            system=system,
            tools=tools,
            messages=messages,
            max_tokens=max_tokens,
            tool_choice=None,
        )

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
        result = await self._create(
            model=model,
            system=system,
            tools=[output_tool],
            messages=[Message.user(prompt)],
            max_tokens=max_tokens,
            tool_choice={"type": "tool", "name": output_tool.name},
        )
        return forced_tool_input(output_tool, result), result

    async def _create(
        self,
        *,
        model: str,
        system: str,
        tools: Sequence[ToolSpec],
        messages: Sequence[Message],
        max_tokens: int,
        tool_choice: ToolChoiceToolParam | None,
    ) -> StepResult:
        try:
            response = await self._client.messages.create(
                model=model,
                max_tokens=max_tokens,
                system=system_param(system) or anthropic.omit,
                tools=tools_param(tools) or anthropic.omit,
                tool_choice=tool_choice or anthropic.omit,
                messages=messages_param(messages),
            )
        except anthropic.AnthropicError as exc:
            raise ModelError(self._redact(describe(exc))) from exc
        result = step_result(response)
        logger.info(
            "model call finished",
            extra={
                "model": result.model,
                "stop_reason": result.stop_reason,
                "input_tokens": result.usage.input_tokens,
                "output_tokens": result.usage.output_tokens,
                "cache_creation_input_tokens": result.usage.cache_creation_input_tokens,
                "cache_read_input_tokens": result.usage.cache_read_input_tokens,
                "cost_usd": result.cost_usd,
            },
        )
        return result

    def _redact(self, text: str) -> str:
        return text.replace(self._secret, _REDACTED) if self._secret else text


def describe(exc: anthropic.AnthropicError) -> str:
    """Phrase an SDK error for logs and comments, without headers or request bodies."""
    if isinstance(exc, anthropic.APIStatusError):
        kind = exc.type or "error"
        detail = exc.api_message or "no message"
        return f"model API answered {exc.status_code} ({kind}): {detail}"
    if isinstance(exc, anthropic.APITimeoutError):
        return "model API timed out"
    if isinstance(exc, anthropic.APIConnectionError):
        return "model API unreachable"
    if isinstance(exc, anthropic.APIResponseValidationError):
        return "model API answered in an unexpected shape"
    return f"model client failed ({type(exc).__name__})"

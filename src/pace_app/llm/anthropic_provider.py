"""``ModelProvider`` on Anthropic's Messages API, with tool use and prompt caching.

Caching (``step`` only): the last tool definition and the system prompt carry a cache
breakpoint, so the fixed prefix (tools, then system) is written once and read on every
later turn. The last block of the last user message carries a moving breakpoint that
writes the conversation so far, and the last block of the user message before it
carries one too: that is exactly where the previous turn wrote, so the next turn reads
it whatever the number of blocks in between (the API looks back only 20 blocks from a
breakpoint for an entry, and one turn of parallel tool calls can add more). That is the
API's maximum of four. On a conversation's last turn (``last``) the moving breakpoint
is left out: nothing would read what it writes. ``complete`` is a one-off prompt and
carries no breakpoint: a cache write costs 1.25 times the input price and would never
be read.

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
from pace_app.llm.pricing import PriceTable
from pace_app.llm.provider import (
    ContentBlock,
    Message,
    StepResult,
    TextBlock,
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

BlockParam = TextBlockParam | ToolUseBlockParam | ToolResultBlockParam


def _ephemeral() -> CacheControlEphemeralParam:
    return {"type": "ephemeral"}


def system_param(system: str, *, cached: bool = True) -> list[TextBlockParam]:
    """Return the system prompt as one text block, a breakpoint if ``cached`` (none if empty)."""
    if not system:
        return []
    block: TextBlockParam = {"type": "text", "text": system}
    if cached:
        block["cache_control"] = _ephemeral()
    return [block]


def tools_param(tools: Sequence[ToolSpec], *, cached: bool = True) -> list[ToolParam]:
    """Return the tool definitions, the last one a breakpoint if ``cached``."""
    params: list[ToolParam] = [
        {"name": tool.name, "description": tool.description, "input_schema": tool.input_schema}
        for tool in tools
    ]
    if params and cached:
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


def messages_param(
    messages: Sequence[Message], *, cached: bool = True, write: bool = True
) -> list[MessageParam]:
    """Return the conversation; if ``cached``, the last two user turns end in a breakpoint.

    Without ``write`` only the one before the last is marked: it reads what the previous
    turn wrote, and nothing new is written.
    """
    users = [index for index, message in enumerate(messages) if message.role == "user"]
    marked = set(users[-2:] if write else users[-2:-1]) if cached else set()
    params: list[MessageParam] = []
    for index, message in enumerate(messages):
        last_block = len(message.content) - 1
        content = [
            block_param(block, cached=index in marked and position == last_block)
            for position, block in enumerate(message.content)
        ]
        if message.role == "user":
            params.append({"role": "user", "content": content})
        else:
            params.append({"role": "assistant", "content": content})
    return params


def step_result(response: ApiMessage, prices: PriceTable | None = None) -> StepResult:
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
        cost_usd=usage.cost_usd(response.model, prices),
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
        prices: PriceTable | None = None,
    ) -> None:
        self._secret = api_key
        self.base_url = base_url
        self.prices = prices
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
        last: bool = False,
    ) -> StepResult:
        """Send the conversation and return the model's next turn.

        On the ``last`` turn the conversation gets no new breakpoint: it would write
        1.25 times the price of what no later call reads.
        """
        return await self._create(
            model=model,
            system=system,
            tools=tools,
            messages=messages,
            max_tokens=max_tokens,
            tool_choice=None,
            cached=True,
            write=not last,
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
            cached=False,
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
        cached: bool,
        write: bool = True,
    ) -> StepResult:
        try:
            response = await self._client.messages.create(
                model=model,
                max_tokens=max_tokens,
                system=system_param(system, cached=cached) or anthropic.omit,
                tools=tools_param(tools, cached=cached) or anthropic.omit,
                tool_choice=tool_choice or anthropic.omit,
                messages=messages_param(messages, cached=cached, write=write),
            )
        except anthropic.AnthropicError as exc:
            raise ModelError(without_key(describe(exc), self._secret)) from exc
        result = step_result(response, self.prices)
        log_call(logger, result)
        return result


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

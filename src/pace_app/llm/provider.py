"""The model provider interface and the plain values that cross it.

Agents talk to a model only through ``ModelProvider``: ``step`` is one turn of a
tool-calling loop, ``complete`` is one call forced to answer through a given tool.
Nothing from a vendor SDK appears here, so agents and their tests stay SDK-free.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol, TypeAlias

from pace_app.errors import ModelError
from pace_app.llm import pricing
from pace_app.types import JSONObject

REDACTED = "[redacted]"


@dataclass(frozen=True, slots=True)
class ToolSpec:
    """A tool the model may call: its name, what it does, and its input's JSON schema."""

    name: str
    description: str
    input_schema: JSONObject


@dataclass(frozen=True, slots=True)
class TextBlock:
    """Plain text in a message."""

    text: str


@dataclass(frozen=True, slots=True)
class ToolUse:
    """The model's request to call a tool."""

    id: str
    name: str
    input: JSONObject


@dataclass(frozen=True, slots=True)
class ToolResult:
    """The answer to a ``ToolUse``, sent back in the next user message."""

    tool_use_id: str
    content: str
    is_error: bool = False


ContentBlock: TypeAlias = TextBlock | ToolUse | ToolResult
Role: TypeAlias = Literal["user", "assistant"]


@dataclass(frozen=True, slots=True)
class Message:
    """One conversation turn."""

    role: Role
    content: tuple[ContentBlock, ...]

    @classmethod
    def user(cls, *content: ContentBlock | str) -> Message:
        """Build a user message; plain strings become text blocks."""
        return cls("user", tuple(TextBlock(c) if isinstance(c, str) else c for c in content))

    @classmethod
    def assistant(cls, *content: ContentBlock | str) -> Message:
        """Build an assistant message; plain strings become text blocks."""
        return cls("assistant", tuple(TextBlock(c) if isinstance(c, str) else c for c in content))


@dataclass(frozen=True, slots=True)
class Usage:
    """Token counts of one call or of many calls added together."""

    input_tokens: int = 0
    output_tokens: int = 0
    cache_creation_input_tokens: int = 0
    cache_read_input_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        """Return the sum of two usages."""
        return Usage(
            input_tokens=self.input_tokens + other.input_tokens,
            output_tokens=self.output_tokens + other.output_tokens,
            cache_creation_input_tokens=(
                self.cache_creation_input_tokens + other.cache_creation_input_tokens
            ),
            cache_read_input_tokens=self.cache_read_input_tokens + other.cache_read_input_tokens,
        )

    @property
    def total_tokens(self) -> int:
        """Return every input token (cached or not) plus the output tokens."""
        return (
            self.input_tokens
            + self.output_tokens
            + self.cache_creation_input_tokens
            + self.cache_read_input_tokens
        )

    def cost_usd(self, model: str, prices: pricing.PriceTable | None = None) -> float:
        """Return what these tokens cost on the given model, in USD."""
        return (prices or pricing.DEFAULT_TABLE).cost_usd(
            model,
            input_tokens=self.input_tokens,
            output_tokens=self.output_tokens,
            cache_creation_input_tokens=self.cache_creation_input_tokens,
            cache_read_input_tokens=self.cache_read_input_tokens,
        )


@dataclass(frozen=True, slots=True)
class StepResult:
    """The model's answer to one call, with what it cost."""

    content: tuple[TextBlock | ToolUse, ...]
    stop_reason: str
    usage: Usage = field(default_factory=Usage)
    cost_usd: float = 0.0
    model: str = ""

    @property
    def tool_uses(self) -> tuple[ToolUse, ...]:
        """Return the tool calls the model asked for, in order."""
        return tuple(block for block in self.content if isinstance(block, ToolUse))

    @property
    def text(self) -> str:
        """Return the answer's text blocks joined by blank lines."""
        return "\n\n".join(block.text for block in self.content if isinstance(block, TextBlock))

    def as_message(self) -> Message:
        """Return the answer as the assistant turn to append to the conversation."""
        return Message("assistant", self.content)


class MissingToolUse(ModelError):
    """A call forced to use a tool came back without using it; the spend is kept."""

    def __init__(self, tool_name: str, result: StepResult) -> None:
        super().__init__(
            f"the model did not call the {tool_name} tool (stop reason: {result.stop_reason})"
        )
        self.tool_name = tool_name
        self.result = result


class ModelProvider(Protocol):
    """Access to a model that can call tools."""

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

        ``last`` says no further turn will follow (the turn limit), so nothing needs
        caching for one; a provider may use it to skip a cache write.
        """
        ...

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
        ...


def forced_tool_input(output_tool: ToolSpec, result: StepResult) -> JSONObject:
    """Return the input of the answer's call to ``output_tool``, or raise ``MissingToolUse``."""
    for use in result.tool_uses:
        if use.name == output_tool.name:
            return use.input
    raise MissingToolUse(output_tool.name, result)


def log_call(log: logging.Logger, result: StepResult) -> None:
    """Log one finished model call: model, stop reason, token counts and cost."""
    log.info(
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


def without_key(text: str, api_key: str) -> str:
    """Return an SDK error's text with the provider's API key replaced."""
    return text.replace(api_key, REDACTED) if api_key else text

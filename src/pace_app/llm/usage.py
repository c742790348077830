"""Token and cost accounting per run and per agent, with a USD budget.

A ``UsageLedger`` belongs to one run. Each agent gets a ``MeteredProvider`` that wraps
the shared provider, refuses to call once the budget is spent and records every answer,
including answers that cost money but came back in the wrong shape. The budget is
checked before a call, so a run can overshoot it by at most the cost of one call.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pace_app.errors import BudgetExceeded
from pace_app.llm.provider import (
    Message,
    MissingToolUse,
    ModelProvider,
    StepResult,
    ToolSpec,
    Usage,
)
from pace_app.types import JSONObject


@dataclass(frozen=True, slots=True)
class Spend:
    """What some calls used and cost."""

    usage: Usage = field(default_factory=Usage)
    cost_usd: float = 0.0
    calls: int = 0

    def add(self, usage: Usage, cost_usd: float) -> Spend:
        """Return this spend plus one more call."""
        return Spend(self.usage + usage, self.cost_usd + cost_usd, self.calls + 1)

    def to_json(self) -> JSONObject:
        """Return the spend as plain JSON, for the run's persisted state."""
        return {
            "input_tokens": self.usage.input_tokens,
            "output_tokens": self.usage.output_tokens,
            "cache_creation_input_tokens": self.usage.cache_creation_input_tokens,
            "cache_read_input_tokens": self.usage.cache_read_input_tokens,
            "cost_usd": self.cost_usd,
            "calls": self.calls,
        }

    @classmethod
    def from_json(cls, data: JSONObject) -> Spend:
        """Rebuild a spend written by ``to_json``."""
        return cls(
            Usage(
                input_tokens=int(data.get("input_tokens", 0)),
                output_tokens=int(data.get("output_tokens", 0)),
                cache_creation_input_tokens=int(data.get("cache_creation_input_tokens", 0)),
                cache_read_input_tokens=int(data.get("cache_read_input_tokens", 0)),
            ),
            cost_usd=float(data.get("cost_usd", 0.0)),
            calls=int(data.get("calls", 0)),
        )


class UsageLedger:
    """The tokens and cost of one run, per agent, against an optional USD budget."""

    def __init__(self, budget_usd: float | None = None) -> None:
        if budget_usd is not None and budget_usd < 0:
            raise ValueError("budget_usd must not be negative")
        self.budget_usd = budget_usd
        self._agents: dict[str, Spend] = {}
        self._models: dict[str, Spend] = {}

    def record(self, agent: str, usage: Usage, cost_usd: float, *, model: str = "") -> None:
        """Add one call made by ``agent`` (to ``model``, when the answer named it)."""
        self._agents[agent] = self._agents.get(agent, Spend()).add(usage, cost_usd)
        if model:
            self._models[model] = self._models.get(model, Spend()).add(usage, cost_usd)

    def record_step(self, agent: str, result: StepResult) -> None:
        """Add the usage and cost of one model answer."""
        self.record(agent, result.usage, result.cost_usd, model=result.model)

    @property
    def total(self) -> Spend:
        """Return the spend of every agent together."""
        usage, cost, calls = Usage(), 0.0, 0
        for spend in self._agents.values():
            usage, cost, calls = usage + spend.usage, cost + spend.cost_usd, calls + spend.calls
        return Spend(usage, cost, calls)

    @property
    def cost_usd(self) -> float:
        """Return the run's total cost so far."""
        return sum(spend.cost_usd for spend in self._agents.values())

    def by_agent(self) -> dict[str, Spend]:
        """Return each agent's spend, in the order agents first called."""
        return dict(self._agents)

    def by_model(self) -> dict[str, Spend]:
        """Return each model's spend, in the order models first answered."""
        return dict(self._models)

    def agent(self, name: str) -> Spend:
        """Return one agent's spend (empty if it has made no call)."""
        return self._agents.get(name, Spend())

    @property
    def remaining_usd(self) -> float | None:
        """Return what is left of the budget (never below zero), or None without one."""
        if self.budget_usd is None:
            return None
        return max(0.0, self.budget_usd - self.cost_usd)

    @property
    def exhausted(self) -> bool:
        """Say whether the budget is spent."""
        return self.budget_usd is not None and self.cost_usd >= self.budget_usd

    def check(self) -> None:
        """Raise ``BudgetExceeded`` if the budget is spent."""
        if self.budget_usd is not None and self.exhausted:
            raise BudgetExceeded(self.cost_usd, self.budget_usd)

    def summary(self) -> str:
        """Return a one-line account for status comments, e.g. ``12,345 tokens · $0.42``."""
        total = self.total
        line = f"{total.usage.total_tokens:,} tokens · ${total.cost_usd:.2f}"
        if self.budget_usd is not None:
            line += f" of ${self.budget_usd:.2f}"
        return line

    def to_json(self) -> JSONObject:
        """Return the ledger as plain JSON, for the run's persisted state."""
        return {
            "budget_usd": self.budget_usd,
            "agents": {name: spend.to_json() for name, spend in self._agents.items()},
            "models": {name: spend.to_json() for name, spend in self._models.items()},
        }

    @classmethod
    def from_json(cls, data: JSONObject) -> UsageLedger:
        """Rebuild a ledger written by ``to_json`` (after a crash and a re-claim)."""
        budget = data.get("budget_usd")
        ledger = cls(None if budget is None else float(budget))
        agents: dict[str, Any] = data.get("agents") or {}
        models: dict[str, Any] = data.get("models") or {}
        ledger._agents = {name: Spend.from_json(spend) for name, spend in agents.items()}
        ledger._models = {name: Spend.from_json(spend) for name, spend in models.items()}
        return ledger


class MeteredProvider:
    """A provider that charges every call to one agent in a ledger and enforces its budget."""

    def __init__(
        self,
        inner: ModelProvider,
        ledger: UsageLedger,
        agent: str,
        *,
        after_call: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self.inner = inner
        self.ledger = ledger
        self.agent = agent
        # Persists the ledger after every paid call, so a crash cannot forget the spend.
        self._after_call = after_call

    async def _recorded(self, result: StepResult) -> None:
        self.ledger.record_step(self.agent, result)
        if self._after_call is not None:
            await self._after_call()

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
        """Check the budget, take one turn, and record what it cost."""
        self.ledger.check()
        result = await self.inner.step(
            model=model,
            system=system,
            tools=tools,
            messages=messages,
            max_tokens=max_tokens,
            last=last,
        )
        await self._recorded(result)
        return result

    async def complete(
        self,
        *,
        model: str,
        system: str,
        prompt: str,
        output_tool: ToolSpec,
        max_tokens: int = 4096,
    ) -> tuple[JSONObject, StepResult]:
        """Check the budget, make one forced-tool call, and record what it cost."""
        self.ledger.check()
        try:
            data, result = await self.inner.complete(
                model=model,
                system=system,
                prompt=prompt,
                output_tool=output_tool,
                max_tokens=max_tokens,
            )
        except MissingToolUse as exc:
            await self._recorded(exc.result)
            raise
        await self._recorded(result)
        return data, result

"""Model prices and the cost of a call, in US dollars.

Prices are per million tokens, as the vendors publish them (Anthropic's and OpenAI's
price pages, checked in 2026). Anthropic bills a five-minute prompt-cache write at 1.25
times the input price and a cache read at 0.1 times; OpenAI bills cached input at a
per-model rate and, for older models, nothing extra for writes. A model whose cache
rates differ from Anthropic's lists them explicitly.

A ``PriceTable`` is the built-in table, optionally extended or overridden by the
service settings (``MODEL_PRICES``), plus the price charged for a model it does not
list (``UNKNOWN_MODEL_PRICE``, by default Sonnet's rates); an unknown model is logged
once per table with a warning that names both settings.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass

logger = logging.getLogger(__name__)

CACHE_WRITE_FACTOR = 1.25
CACHE_READ_FACTOR = 0.1
_PER_TOKEN = 1 / 1_000_000

# A dated snapshot ("-20250929", "-2025-08-07") or the "-latest" alias of a listed model
# costs the same; anything else after a listed id is a different model.
_SUFFIX = re.compile(r"(-\d{8}|-\d{4}-\d{2}-\d{2}|-latest)?")


@dataclass(frozen=True, slots=True)
class ModelPrice:
    """What one model charges, in USD per million tokens.

    ``cached_input`` and ``cache_write_input`` default to Anthropic's factors of the
    input price when None.
    """

    input: float
    output: float
    cached_input: float | None = None
    cache_write_input: float | None = None

    @property
    def cache_write(self) -> float:
        """Return the price of writing a prompt-cache entry."""
        if self.cache_write_input is not None:
            return self.cache_write_input
        return self.input * CACHE_WRITE_FACTOR

    @property
    def cache_read(self) -> float:
        """Return the price of reading from the prompt cache."""
        if self.cached_input is not None:
            return self.cached_input
        return self.input * CACHE_READ_FACTOR

    def cost(
        self,
        *,
        input_tokens: int,
        output_tokens: int,
        cache_creation_input_tokens: int = 0,
        cache_read_input_tokens: int = 0,
    ) -> float:
        """Return the USD cost of the given token counts."""
        return _PER_TOKEN * (
            input_tokens * self.input
            + output_tokens * self.output
            + cache_creation_input_tokens * self.cache_write
            + cache_read_input_tokens * self.cache_read
        )


def _openai(input: float, cached: float, output: float) -> ModelPrice:
    # Writes cost nothing extra on these models; reads have their own rate.
    return ModelPrice(input=input, output=output, cached_input=cached, cache_write_input=input)


PRICES: dict[str, ModelPrice] = {
    # Anthropic
    "claude-opus-4-6": ModelPrice(input=5.0, output=25.0),
    "claude-opus-4-5": ModelPrice(input=5.0, output=25.0),
    "claude-opus-4-1": ModelPrice(input=15.0, output=75.0),
    "claude-opus-4-0": ModelPrice(input=15.0, output=75.0),
    "claude-opus-4": ModelPrice(input=15.0, output=75.0),
    "claude-sonnet-4-6": ModelPrice(input=3.0, output=15.0),
    "claude-sonnet-4-5": ModelPrice(input=3.0, output=15.0),
    "claude-sonnet-4-0": ModelPrice(input=3.0, output=15.0),
    "claude-sonnet-4": ModelPrice(input=3.0, output=15.0),
    "claude-3-7-sonnet": ModelPrice(input=3.0, output=15.0),
    "claude-haiku-4-5": ModelPrice(input=1.0, output=5.0),
    "claude-3-5-haiku": ModelPrice(input=0.8, output=4.0),
    # OpenAI
    "gpt-5.5": _openai(5.0, 0.5, 30.0),
    "gpt-5.4": _openai(2.5, 0.25, 15.0),
    "gpt-5.4-mini": _openai(0.75, 0.075, 4.5),
    "gpt-5.4-nano": _openai(0.2, 0.02, 1.25),
    "gpt-5.1": _openai(1.25, 0.125, 10.0),
    "gpt-5": _openai(1.25, 0.125, 10.0),
    "gpt-5-mini": _openai(0.25, 0.025, 2.0),
    "gpt-5-nano": _openai(0.05, 0.005, 0.4),
    "gpt-4.1": _openai(2.0, 0.5, 8.0),
    "gpt-4.1-mini": _openai(0.4, 0.1, 1.6),
    "gpt-4.1-nano": _openai(0.1, 0.025, 0.4),
    "gpt-4o": _openai(2.5, 1.25, 10.0),
    "gpt-4o-mini": _openai(0.15, 0.075, 0.6),
    "o3": _openai(2.0, 0.5, 8.0),
    "o4-mini": _openai(1.1, 0.275, 4.4),
}
# Charged for a model the table does not list, unless the settings say otherwise.
DEFAULT_UNKNOWN_PRICE = ModelPrice(input=3.0, output=15.0)


def known_price(model: str, table: Mapping[str, ModelPrice] = PRICES) -> ModelPrice | None:
    """Return the listed price for a model id (dated snapshots included), or None."""
    for name in sorted(table, key=len, reverse=True):
        if model.startswith(name) and _SUFFIX.fullmatch(model[len(name) :]):
            return table[name]
    return None


class PriceTable:
    """The prices a process charges: the built-in table, overrides, and an unknown rate."""

    def __init__(
        self,
        overrides: Mapping[str, ModelPrice] | None = None,
        *,
        unknown: ModelPrice | None = None,
        base: Mapping[str, ModelPrice] = PRICES,
    ) -> None:
        self.prices: dict[str, ModelPrice] = {**base, **(overrides or {})}
        self.unknown = unknown or DEFAULT_UNKNOWN_PRICE
        self._warned: set[str] = set()

    def price(self, model: str) -> ModelPrice:
        """Return a model's price, or the unknown-model price with a warning (once)."""
        price = known_price(model, self.prices)
        if price is not None:
            return price
        if model not in self._warned:
            self._warned.add(model)
            logger.warning(
                "model has no listed price; charging UNKNOWN_MODEL_PRICE "
                "(add it to MODEL_PRICES to charge its own)",
                extra={
                    "model": model[:200],
                    "input_usd_per_mtok": self.unknown.input,
                    "output_usd_per_mtok": self.unknown.output,
                },
            )
        return self.unknown

    def cost_usd(
        self,
        model: str,
        *,
        input_tokens: int,
        output_tokens: int,
        cache_creation_input_tokens: int = 0,
        cache_read_input_tokens: int = 0,
    ) -> float:
        """Return the USD cost of a call to the given model."""
        return self.price(model).cost(
            input_tokens=input_tokens,
            output_tokens=output_tokens,
            cache_creation_input_tokens=cache_creation_input_tokens,
            cache_read_input_tokens=cache_read_input_tokens,
        )


DEFAULT_TABLE = PriceTable()


def price_for(model: str) -> ModelPrice:
    """Return a model's price from the built-in table (the unknown rate if not listed)."""
    return DEFAULT_TABLE.price(model)


def cost_usd(
    model: str,
    *,
    input_tokens: int,
    output_tokens: int,
    cache_creation_input_tokens: int = 0,
    cache_read_input_tokens: int = 0,
) -> float:
    """Return the USD cost of a call to the given model, at the built-in prices."""
    return DEFAULT_TABLE.cost_usd(
        model,
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        cache_creation_input_tokens=cache_creation_input_tokens,
        cache_read_input_tokens=cache_read_input_tokens,
    )

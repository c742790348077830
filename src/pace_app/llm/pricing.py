"""Model prices and the cost of a call, in US dollars.

Prices are per million tokens. Prompt-cache writes (five-minute lifetime) cost 1.25 times
the input price and cache reads 0.1 times; the provider only writes five-minute entries.
A model id the table does not know is priced at the most expensive known rate, so a
budget never treats an unknown model as free.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

logger = logging.getLogger(__name__)

CACHE_WRITE_FACTOR = 1.25
CACHE_READ_FACTOR = 0.1
_PER_TOKEN = 1 / 1_000_000

# A dated snapshot ("-20250929") or the "-latest" alias of a listed model costs the same;
# anything else after a listed id is a different model and must not borrow its price.
_SUFFIX = re.compile(r"(-\d{8}|-latest)?")


@dataclass(frozen=True, slots=True)
class ModelPrice:
    """What one model charges, in USD per million tokens."""

    input: float
    output: float

    @property
    def cache_write(self) -> float:
        """Return the price of writing a five-minute prompt-cache entry."""
        return self.input * CACHE_WRITE_FACTOR

    @property
    def cache_read(self) -> float:
        """Return the price of reading from the prompt cache."""
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


PRICES: dict[str, ModelPrice] = {
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
}


def most_expensive(table: dict[str, ModelPrice] = PRICES) -> ModelPrice:
    """Return the highest input and output rates found in the table."""
    return ModelPrice(
        input=max(price.input for price in table.values()),
        output=max(price.output for price in table.values()),
    )


def known_price(model: str, table: dict[str, ModelPrice] = PRICES) -> ModelPrice | None:
    """Return the listed price for a model id (dated snapshots included), or None."""
    for name in sorted(table, key=len, reverse=True):
        if model.startswith(name) and _SUFFIX.fullmatch(model[len(name) :]):
            return table[name]
    return None


def price_for(model: str, table: dict[str, ModelPrice] = PRICES) -> ModelPrice:
    """Return the price of a model, the most expensive known rate if it is not listed."""
    price = known_price(model, table)
    if price is None:
        logger.warning(
            "model has no listed price; charging the highest rate", extra={"model": model}
        )
        return most_expensive(table)
    return price


def cost_usd(
    model: str,
    *,
    input_tokens: int,
    output_tokens: int,
    cache_creation_input_tokens: int = 0,
    cache_read_input_tokens: int = 0,
) -> float:
    """Return the USD cost of a call to the given model."""
    return price_for(model).cost(
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        cache_creation_input_tokens=cache_creation_input_tokens,
        cache_read_input_tokens=cache_read_input_tokens,
    )

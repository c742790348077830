"""Model prices: the table, snapshot ids, overrides and the rate for unknown models."""

import logging

import pytest

from pace_app.llm.pricing import (
    DEFAULT_UNKNOWN_PRICE,
    PRICES,
    ModelPrice,
    PriceTable,
    cost_usd,
    known_price,
    price_for,
)


@pytest.mark.parametrize(
    ("model", "rates"),
    [
        ("claude-sonnet-4-6", (3.0, 15.0)),
        ("claude-sonnet-4-5", (3.0, 15.0)),
        ("claude-haiku-4-5", (1.0, 5.0)),
        ("claude-opus-4-1", (15.0, 75.0)),
        ("claude-opus-4-5", (5.0, 25.0)),
        ("claude-opus-4-6", (5.0, 25.0)),
    ],
)
def test_listed_models_have_their_rates(model: str, rates: tuple[float, float]) -> None:
    price = price_for(model)

    assert (price.input, price.output) == rates
    assert price.cache_write == pytest.approx(rates[0] * 1.25)
    assert price.cache_read == pytest.approx(rates[0] * 0.1)


@pytest.mark.parametrize(
    ("model", "listed"),
    [
        ("claude-sonnet-4-5-20250929", "claude-sonnet-4-5"),
        ("claude-haiku-4-5-20251001", "claude-haiku-4-5"),
        ("claude-opus-4-5-20251101", "claude-opus-4-5"),
        ("claude-opus-4-1-20250805", "claude-opus-4-1"),
        ("claude-opus-4-20250514", "claude-opus-4"),
        ("claude-3-7-sonnet-latest", "claude-3-7-sonnet"),
        ("gpt-5-2025-08-07", "gpt-5"),
        ("gpt-5-mini", "gpt-5-mini"),
        ("gpt-4o-mini-2024-07-18", "gpt-4o-mini"),
    ],
)
def test_dated_snapshots_and_aliases_take_the_listed_price(model: str, listed: str) -> None:
    assert known_price(model) == PRICES[listed]


@pytest.mark.parametrize(
    "model", ["claude-sonnet-4-7", "claude-opus-4-10", "claude-haiku-4-5x", "llama3.1:8b", ""]
)
def test_an_unknown_model_is_charged_the_configured_rate_with_one_warning(
    model: str, caplog: pytest.LogCaptureFixture
) -> None:
    table = PriceTable(unknown=ModelPrice(0.5, 1.5))
    with caplog.at_level(logging.WARNING, logger="pace_app.llm.pricing"):
        price = table.price(model)
        table.price(model)

    assert known_price(model) is None
    assert price == ModelPrice(0.5, 1.5)
    [warning] = caplog.records
    assert warning.model == model  # type: ignore[attr-defined]
    assert "UNKNOWN_MODEL_PRICE" in warning.getMessage()
    assert "MODEL_PRICES" in warning.getMessage()


def test_the_default_unknown_rate_is_sonnets_not_the_highest() -> None:
    assert PriceTable().price("some-local-model") == DEFAULT_UNKNOWN_PRICE
    assert PRICES["claude-sonnet-4-6"] == DEFAULT_UNKNOWN_PRICE
    assert price_for("another-local-model") == DEFAULT_UNKNOWN_PRICE


def test_overrides_extend_and_replace_the_table() -> None:
    table = PriceTable({"llama3.1": ModelPrice(0.0, 0.0), "gpt-5": ModelPrice(1.0, 2.0)})

    assert table.price("llama3.1") == ModelPrice(0.0, 0.0)
    assert table.price("gpt-5-2025-08-07") == ModelPrice(1.0, 2.0)
    assert table.price("claude-haiku-4-5") == PRICES["claude-haiku-4-5"]
    assert PriceTable().price("gpt-5") == PRICES["gpt-5"]


def test_openai_models_have_their_own_cached_input_rate() -> None:
    price = PRICES["gpt-4o"]

    assert (price.cache_read, price.cache_write) == (1.25, 2.5)
    cost = PriceTable().cost_usd(
        "gpt-4o", input_tokens=1_000_000, output_tokens=0, cache_read_input_tokens=1_000_000
    )
    assert cost == pytest.approx(2.5 + 1.25)


def test_cost_adds_every_kind_of_token() -> None:
    cost = cost_usd(
        "claude-haiku-4-5",
        input_tokens=1_000_000,
        output_tokens=200_000,
        cache_creation_input_tokens=400_000,
        cache_read_input_tokens=2_000_000,
    )

    assert cost == pytest.approx(1.0 + 1.0 + 0.5 + 0.2)

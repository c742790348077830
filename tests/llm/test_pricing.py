"""Model prices: the table, snapshot ids, and the safe rate for unknown models."""

import logging

import pytest

from pace_app.llm.pricing import (
    PRICES,
    ModelPrice,
    cost_usd,
    known_price,
    most_expensive,
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
    ],
)
def test_dated_snapshots_and_aliases_take_the_listed_price(model: str, listed: str) -> None:
    assert known_price(model) == PRICES[listed]


@pytest.mark.parametrize(
    "model", ["claude-sonnet-4-7", "claude-opus-4-10", "claude-haiku-4-5x", "gpt-5", ""]
)
def test_an_unknown_model_is_charged_the_highest_rate_with_a_warning(
    model: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="pace_app.llm.pricing"):
        price = price_for(model)

    assert known_price(model) is None
    assert price == ModelPrice(input=15.0, output=75.0)
    assert [record.model for record in caplog.records] == [model]  # type: ignore[attr-defined]


def test_most_expensive_takes_the_highest_input_and_output_rates_apart() -> None:
    table = {"a": ModelPrice(1.0, 50.0), "b": ModelPrice(10.0, 20.0)}

    assert most_expensive(table) == ModelPrice(10.0, 50.0)


def test_cost_adds_every_kind_of_token() -> None:
    cost = cost_usd(
        "claude-haiku-4-5",
        input_tokens=1_000_000,
        output_tokens=200_000,
        cache_creation_input_tokens=400_000,
        cache_read_input_tokens=2_000_000,
    )

    assert cost == pytest.approx(1.0 + 1.0 + 0.5 + 0.2)

"""Per-run and per-agent accounting against a USD budget."""

import pytest

from pace_app.errors import BudgetExceeded
from pace_app.llm.anthropic_provider import AnthropicProvider
from pace_app.llm.provider import Message, ToolSpec, Usage
from pace_app.llm.usage import MeteredProvider, Spend, UsageLedger
from tests.fakes.fake_model import FakeModel, text_turn, tool_turn, usage

MODEL = "claude-haiku-4-5"


def test_the_ledger_adds_up_per_agent_and_in_total() -> None:
    ledger = UsageLedger(budget_usd=2.0)

    ledger.record("forge", Usage(100, 10), 0.5)
    ledger.record("gate", Usage(50, 5, 0, 20), 0.25)
    ledger.record("forge", Usage(200, 20, 30), 0.75)

    assert ledger.agent("forge") == Spend(Usage(300, 30, 30, 0), 1.25, 2)
    assert ledger.agent("gate") == Spend(Usage(50, 5, 0, 20), 0.25, 1)
    assert ledger.agent("scribe") == Spend()
    assert list(ledger.by_agent()) == ["forge", "gate"]
    assert ledger.total == Spend(Usage(350, 35, 30, 20), 1.5, 3)
    assert ledger.cost_usd == pytest.approx(1.5)
    assert ledger.remaining_usd == pytest.approx(0.5)
    assert not ledger.exhausted
    assert ledger.summary() == "435 tokens · $1.50 of $2.00"


def test_the_budget_is_exhausted_once_spend_reaches_it() -> None:
    ledger = UsageLedger(budget_usd=1.0)
    ledger.record("forge", Usage(1, 1), 0.6)
    ledger.check()

    ledger.record("forge", Usage(1, 1), 0.6)

    assert ledger.exhausted
    assert ledger.remaining_usd == 0.0
    with pytest.raises(BudgetExceeded, match=r"\$1\.2000 reached the budget of \$1\.00") as caught:
        ledger.check()
    assert caught.value.spent_usd == pytest.approx(1.2)
    assert caught.value.budget_usd == 1.0


def test_without_a_budget_nothing_is_ever_refused() -> None:
    ledger = UsageLedger()
    ledger.record("forge", Usage(1_000_000, 0), 1_000.0)

    ledger.check()

    assert ledger.remaining_usd is None
    assert not ledger.exhausted
    assert ledger.summary() == "1,000,000 tokens · $1000.00"


def test_a_negative_budget_is_refused() -> None:
    with pytest.raises(ValueError, match="must not be negative"):
        UsageLedger(budget_usd=-1)


def test_the_ledger_survives_a_json_round_trip() -> None:
    ledger = UsageLedger(budget_usd=3.5)
    ledger.record("forge", Usage(1, 2, 3, 4), 0.125)
    ledger.record("sentinel", Usage(5, 6), 0.5)

    restored = UsageLedger.from_json(ledger.to_json())

    assert restored.budget_usd == 3.5
    assert restored.by_agent() == ledger.by_agent()
    assert UsageLedger.from_json({}).by_agent() == {}
    assert UsageLedger.from_json({}).budget_usd is None


@pytest.mark.anyio
async def test_a_metered_provider_stops_calling_once_the_budget_is_spent(
    fake: FakeModel, provider: AnthropicProvider
) -> None:
    # Each turn costs 1M input tokens on Haiku 4.5: $1.00.
    fake.add(
        tool_turn("list_files", {"path": "."}, usage=usage(1_000_000, 0)),
        text_turn("Done.", usage=usage(1_000_000, 0)),
        text_turn("Never sent.", usage=usage(1_000_000, 0)),
    )
    ledger = UsageLedger(budget_usd=1.5)
    metered = MeteredProvider(provider, ledger, "forge")
    tools = [ToolSpec("list_files", "List.", {"type": "object"})]
    verdict = ToolSpec("record_verdict", "Record.", {"type": "object"})

    await metered.step(model=MODEL, system="s", tools=tools, messages=[Message.user("Go.")])
    await metered.step(model=MODEL, system="s", tools=[], messages=[Message.user("Go.")])
    with pytest.raises(BudgetExceeded):
        await metered.step(model=MODEL, system="s", tools=tools, messages=[Message.user("Go.")])
    with pytest.raises(BudgetExceeded):
        await metered.complete(model=MODEL, system="s", prompt="p", output_tool=verdict)

    assert len(fake.requests) == 2
    assert fake.remaining == 1
    assert ledger.agent("forge").calls == 2
    assert ledger.cost_usd == pytest.approx(2.0)


@pytest.mark.anyio
async def test_a_metered_complete_charges_its_agent(
    fake: FakeModel, provider: AnthropicProvider
) -> None:
    fake.add(tool_turn("record_verdict", {"verdict": "HOLD"}, usage=usage(1000, 200)))
    ledger = UsageLedger()
    verdict = ToolSpec("record_verdict", "Record.", {"type": "object"})

    data, result = await MeteredProvider(provider, ledger, "sentinel").complete(
        model=MODEL, system="s", prompt="Audit.", output_tool=verdict
    )

    assert data == {"verdict": "HOLD"}
    assert ledger.by_agent() == {"sentinel": Spend(Usage(1000, 200), result.cost_usd, 1)}
    assert result.cost_usd == pytest.approx((1000 * 1 + 200 * 5) / 1e6)


def test_the_ledger_adds_up_per_model_and_keeps_it_across_a_reload() -> None:
    ledger = UsageLedger(budget_usd=2.0)
    ledger.record("forge", Usage(100, 10), 0.5, model="big")
    ledger.record("gate", Usage(50, 5), 0.25, model="small")
    ledger.record("forge", Usage(10, 1), 0.1, model="small")
    ledger.record("scribe", Usage(1, 1), 0.0)  # an answer that named no model

    reloaded = UsageLedger.from_json(ledger.to_json())

    assert reloaded.by_model() == {
        "big": Spend(Usage(100, 10), 0.5, 1),
        "small": Spend(Usage(60, 6), 0.35, 2),
    }
    assert reloaded.by_agent() == ledger.by_agent()
    assert UsageLedger.from_json({"agents": {}}).by_model() == {}

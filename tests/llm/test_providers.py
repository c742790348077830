"""The process's providers: chosen by ``llm.provider``, made once, closed together."""

import logging
import subprocess
import sys

import pytest
from pydantic import SecretStr

from pace_app.config.settings import PriceSetting, Settings
from pace_app.errors import ModelError
from pace_app.llm.anthropic_provider import AnthropicProvider
from pace_app.llm.openai_provider import OpenAIProvider
from pace_app.llm.pricing import ModelPrice
from pace_app.llm.providers import NO_KEY, ProviderPool, ProviderSettings, price_table


def settings(**values: object) -> Settings:
    return Settings.model_validate(values)


@pytest.mark.anyio
async def test_each_provider_is_made_once_and_closed() -> None:
    pool = ProviderPool(
        ProviderSettings(
            anthropic_api_key="sk-ant-x",
            anthropic_base_url="http://127.0.0.1:9",
            openai_api_key="sk-openai-x",
            openai_base_url="http://127.0.0.1:9/v1",
        )
    )

    anthropic = pool.get("anthropic")
    openai = pool.get("openai")

    assert isinstance(anthropic, AnthropicProvider)
    assert isinstance(openai, OpenAIProvider)
    assert pool.get() is anthropic
    assert pool.get("openai") is openai
    assert openai.prices is pool.prices
    await pool.aclose()
    assert pool.get("openai") is not openai
    await pool.aclose()


@pytest.mark.anyio
async def test_a_local_openai_compatible_server_needs_no_key() -> None:
    pool = ProviderPool(ProviderSettings(openai_base_url="http://127.0.0.1:11434/v1"))
    provider = pool.get("openai")
    assert isinstance(provider, OpenAIProvider)
    assert provider._secret == NO_KEY
    await pool.aclose()


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("anthropic", "ANTHROPIC_API_KEY is not set"),
        ("openai", "neither OPENAI_API_KEY nor OPENAI_BASE_URL is set"),
        ("gemini", "llm.provider 'gemini' is not supported; use one of anthropic, openai"),
    ],
)
def test_a_provider_that_cannot_be_made_says_why(name: str, problem: str) -> None:
    with pytest.raises(ModelError, match=problem):
        ProviderPool(ProviderSettings()).get(name)


def test_settings_carry_keys_without_showing_them() -> None:
    taken = ProviderSettings.from_settings(
        settings(
            anthropic_api_key=SecretStr("sk-ant-secret"),
            openai_api_key=SecretStr("sk-openai-secret"),
            openai_base_url="http://127.0.0.1:8000/v1",
        )
    )

    assert taken.anthropic_api_key == "sk-ant-secret"
    assert taken.openai_api_key == "sk-openai-secret"
    assert "secret" not in repr(taken)
    assert ProviderSettings.from_settings(settings()).openai_api_key is None


def test_the_price_table_takes_the_settings(caplog: pytest.LogCaptureFixture) -> None:
    table = price_table(
        settings(
            model_prices={"llama3.1": PriceSetting(input=0, output=0)},
            unknown_model_price=PriceSetting(input=1, output=2, cached_input=0.5),
        )
    )

    assert table.price("llama3.1") == ModelPrice(0.0, 0.0)
    with caplog.at_level(logging.WARNING):
        assert table.price("mystery") == ModelPrice(1.0, 2.0, cached_input=0.5)
    assert price_table(settings()).price("claude-opus-4-6") == ModelPrice(5.0, 25.0)


def test_preload_imports_only_the_sdks_that_have_settings() -> None:
    # In a child interpreter: this test process has imported both SDKs long ago.
    probe = (
        "import sys\n"
        "from pace_app.llm.providers import ProviderPool, ProviderSettings\n"
        "ProviderPool(ProviderSettings(anthropic_api_key='k')).preload()\n"
        "print('anthropic' in sys.modules, 'openai' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "False"]

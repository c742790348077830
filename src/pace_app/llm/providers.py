"""The model providers of one process, made on first use by name and closed together.

A repository chooses its provider with ``llm.provider`` in ``pace.config.yaml``; the
service settings hold the keys and base URLs (``ANTHROPIC_API_KEY`` /
``ANTHROPIC_BASE_URL``, ``OPENAI_API_KEY`` / ``OPENAI_BASE_URL``) and the prices
(``MODEL_PRICES``, ``UNKNOWN_MODEL_PRICE``). Each provider holds one connection pool
and is shared by every run in the process.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pace_app.config.settings import PriceSetting, Settings
from pace_app.errors import ModelError
from pace_app.llm.pricing import ModelPrice, PriceTable
from pace_app.llm.provider import ModelProvider

if TYPE_CHECKING:
    from pace_app.llm.anthropic_provider import AnthropicProvider
    from pace_app.llm.openai_provider import OpenAIProvider

PROVIDERS = ("anthropic", "openai")
# A self-hosted OpenAI-compatible server (vLLM, Ollama) may need no key; the SDK needs one.
NO_KEY = "no-key-needed"


@dataclass(frozen=True)
class ProviderSettings:
    """What the providers need from the service settings, secrets included."""

    anthropic_api_key: str | None = None
    anthropic_base_url: str | None = None
    openai_api_key: str | None = None
    openai_base_url: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> ProviderSettings:
        """Take the model settings out of the service settings."""
        return cls(
            anthropic_api_key=_secret(settings.anthropic_api_key),
            anthropic_base_url=settings.anthropic_base_url,
            openai_api_key=_secret(settings.openai_api_key),
            openai_base_url=settings.openai_base_url,
        )

    def __repr__(self) -> str:
        return (
            f"ProviderSettings(anthropic_base_url={self.anthropic_base_url!r}, "
            f"openai_base_url={self.openai_base_url!r})"
        )


def price_table(settings: Settings) -> PriceTable:
    """Return the built-in prices extended by ``MODEL_PRICES`` and ``UNKNOWN_MODEL_PRICE``."""
    overrides = {model: _price(entry) for model, entry in settings.model_prices.items()}
    unknown = _price(settings.unknown_model_price) if settings.unknown_model_price else None
    return PriceTable(overrides, unknown=unknown)


class ProviderPool:
    """Make each named provider once, on first use; close them all at the end."""

    def __init__(self, settings: ProviderSettings, prices: PriceTable | None = None) -> None:
        self._settings = settings
        self.prices = prices or PriceTable()
        self._made: dict[str, AnthropicProvider | OpenAIProvider] = {}

    def preload(self) -> None:
        """Import the SDKs of the providers that have settings; blocking, so off the loop.

        A worker calls it at start on a thread: imported on first use instead, an SDK
        would hold the event loop for about a second in the middle of a run.
        """
        settings = self._settings
        if settings.anthropic_api_key:
            importlib.import_module("pace_app.llm.anthropic_provider")
        if settings.openai_api_key or settings.openai_base_url:
            importlib.import_module("pace_app.llm.openai_provider")

    def get(self, name: str = "anthropic") -> ModelProvider:
        """Return the provider ``llm.provider`` names, or raise ``ModelError`` saying why not."""
        if name not in self._made:
            self._made[name] = self._make(name)
        return self._made[name]

    def _make(self, name: str) -> AnthropicProvider | OpenAIProvider:
        # The SDKs are imported here, or earlier by ``preload``: they take about a second
        # to import, which `pace web`, `pace doctor` and every other start would pay.
        settings = self._settings
        if name == "anthropic":
            if not settings.anthropic_api_key:
                raise ModelError("ANTHROPIC_API_KEY is not set, so FORGE cannot run")
            from pace_app.llm.anthropic_provider import AnthropicProvider

            return AnthropicProvider(
                api_key=settings.anthropic_api_key,
                base_url=settings.anthropic_base_url,
                prices=self.prices,
            )
        if name == "openai":
            key = settings.openai_api_key
            if not key and not settings.openai_base_url:
                raise ModelError(
                    "llm.provider is openai but neither OPENAI_API_KEY nor OPENAI_BASE_URL "
                    "is set, so FORGE cannot run"
                )
            from pace_app.llm.openai_provider import OpenAIProvider

            return OpenAIProvider(
                api_key=key or NO_KEY, base_url=settings.openai_base_url, prices=self.prices
            )
        raise ModelError(
            f"llm.provider {name[:50]!r} is not supported; use one of {', '.join(PROVIDERS)}"
        )

    async def aclose(self) -> None:
        """Close every provider made so far."""
        made, self._made = self._made, {}
        for provider in made.values():
            await provider.aclose()


def _secret(value: object) -> str | None:
    get = getattr(value, "get_secret_value", None)
    return str(get()) if callable(get) else None


def _price(entry: PriceSetting) -> ModelPrice:
    return ModelPrice(
        input=entry.input,
        output=entry.output,
        cached_input=entry.cached_input,
        cache_write_input=entry.cache_write_input,
    )

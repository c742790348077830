"""Fixtures for the model provider tests: the real SDK against the fake Messages API."""

from collections.abc import AsyncIterator

import httpx2
import pytest

from pace_app.llm.anthropic_provider import AnthropicProvider
from tests.fakes.fake_model import FakeModel

API_KEY = "sk-ant-test-0123456789abcdef"


@pytest.fixture
def fake() -> FakeModel:
    """Return an empty fake Messages API that expects the test key."""
    return FakeModel(api_key=API_KEY)


def provider_for(fake: FakeModel, *, max_retries: int = 4) -> AnthropicProvider:
    """Return a provider whose SDK client reaches ``fake`` through the ASGI transport."""
    client = httpx2.AsyncClient(transport=httpx2.ASGITransport(app=fake.app))
    return AnthropicProvider(
        api_key=API_KEY, base_url="http://fake-model", max_retries=max_retries, http_client=client
    )


@pytest.fixture
async def provider(fake: FakeModel) -> AsyncIterator[AnthropicProvider]:
    """Return a provider wired to the ``fake`` fixture, closed after the test."""
    provider = provider_for(fake)
    yield provider
    await provider.aclose()

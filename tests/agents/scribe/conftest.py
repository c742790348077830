"""Fixtures for the SCRIBE tests: the real SDK against the fake model, real worktrees."""

from collections.abc import AsyncIterator

import pytest

from pace_app.llm.anthropic_provider import AnthropicProvider
from tests.fakes.fake_model import FakeModel
from tests.llm.conftest import API_KEY, provider_for
from tests.workspace.conftest import origin, spawn, workspace

__all__ = ["origin", "spawn", "workspace"]


@pytest.fixture
def fake() -> FakeModel:
    """Return an empty fake Messages API."""
    return FakeModel(api_key=API_KEY)


@pytest.fixture
async def provider(fake: FakeModel) -> AsyncIterator[AnthropicProvider]:
    """Return a provider wired to ``fake``, closed after the test."""
    provider = provider_for(fake)
    yield provider
    await provider.aclose()

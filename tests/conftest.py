"""Fixtures shared by every test package."""

import pytest


@pytest.fixture
def anyio_backend() -> str:
    """Run async tests on asyncio only: the service runs on uvicorn's asyncio loop."""
    return "asyncio"

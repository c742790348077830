"""A GitHub installation client talking to a fresh fake GitHub, for pipeline tests."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import httpx2

from pace_app.github.auth import AppAuth
from pace_app.github.client import GitHubApp, GitHubClient
from tests.fakes.fake_github import FakeGitHub

REPO = "octo/widgets"
INSTALLATION_ID = 77


async def no_sleep(seconds: float) -> None:
    """Return at once: retries in these tests need not wait."""


@asynccontextmanager
async def installation_client(
    permissions: dict[str, str] | None = None,
    wrap: Callable[[httpx2.AsyncBaseTransport], httpx2.AsyncBaseTransport] | None = None,
) -> AsyncIterator[tuple[FakeGitHub, GitHubClient]]:
    """Yield a fake GitHub with one repository and one issue, and a client for it."""
    fake = FakeGitHub()
    fake.state.add_repo(REPO, installation_id=INSTALLATION_ID, permissions=permissions or {})
    fake.state.add_issue(REPO, "Add a widget", "## Acceptance criteria\n- [ ] works")
    transport: httpx2.AsyncBaseTransport = fake.transport()
    async with httpx2.AsyncClient(transport=wrap(transport) if wrap else transport) as http:
        app = GitHubApp(
            http,
            auth=AppAuth(fake.app_id, fake.private_key_pem),
            base_url="http://fake-github",
            sleep=no_sleep,
        )
        client = await app.for_installation(INSTALLATION_ID)
        fake.requests.clear()  # tests count only their own requests
        yield fake, client

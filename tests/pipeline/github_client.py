"""A GitHub installation client talking to a fresh fake GitHub, for pipeline tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx2

from pace_app.github.auth import AppAuth
from pace_app.github.client import GitHubApp, GitHubClient
from tests.fakes.fake_github import FakeGitHub

REPO = "octo/widgets"
INSTALLATION_ID = 77


@asynccontextmanager
async def installation_client(
    permissions: dict[str, str] | None = None,
) -> AsyncIterator[tuple[FakeGitHub, GitHubClient]]:
    """Yield a fake GitHub with one repository and one issue, and a client for it."""
    fake = FakeGitHub()
    fake.state.add_repo(REPO, installation_id=INSTALLATION_ID, permissions=permissions or {})
    fake.state.add_issue(REPO, "Add a widget", "## Acceptance criteria\n- [ ] works")
    async with httpx2.AsyncClient(transport=fake.transport()) as http:
        app = GitHubApp(
            http, auth=AppAuth(fake.app_id, fake.private_key_pem), base_url="http://fake-github"
        )
        client = await app.for_installation(INSTALLATION_ID)
        fake.requests.clear()  # tests count only their own requests
        yield fake, client

"""The App's bot identity: the slug from ``GET /app`` (JWT), the user with an installation token."""

from __future__ import annotations

import pytest

from pace_app.errors import GitHubError
from pace_app.github.client import GitHubApp
from pace_app.github.identity import AppIdentity
from pace_app.workspace import bot_identity
from tests.fakes.fake_github import FakeGitHub
from tests.fakes.github.state import user_json
from tests.github.conftest import INSTALLATION_ID

pytestmark = pytest.mark.anyio
BOT = "pace-app[bot]"


async def test_the_bot_user_is_looked_up_with_a_metadata_only_token(
    app: GitHubApp, fake: FakeGitHub
) -> None:
    identity = await AppIdentity(app).get(INSTALLATION_ID)
    assert identity == bot_identity("pace-app", int(user_json(BOT)["id"]))
    assert [r.auth_scheme for r in fake.requests_to("GET", "/app")] == ["bearer"]
    assert [r.auth_scheme for r in fake.requests_to("GET", f"/users/{BOT}")] == ["token"]
    mint = fake.requests_to("POST", f"/app/installations/{INSTALLATION_ID}/access_tokens")
    assert [r.body for r in mint] == [{"permissions": {"metadata": "read"}}]


async def test_without_an_installation_the_first_one_is_used_and_the_answer_kept(
    app: GitHubApp, fake: FakeGitHub
) -> None:
    identity = AppIdentity(app)
    first = await identity.get()
    assert await identity.get() is first
    assert len(fake.requests_to("GET", "/app/installations")) == 1
    assert len(fake.requests_to("GET", f"/users/{BOT}")) == 1


async def test_an_app_without_installations_says_so(app: GitHubApp, fake: FakeGitHub) -> None:
    fake.state.installations.clear()
    with pytest.raises(GitHubError, match="no installation"):
        await AppIdentity(app).get()

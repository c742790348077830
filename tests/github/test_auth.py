"""App JWTs and the installation token cache."""

from __future__ import annotations

from typing import Any

import anyio
import httpx2
import jwt as pyjwt
import pytest

from pace_app.errors import GitHubError
from pace_app.github.auth import (
    METADATA_READ,
    STORY_RUN,
    AppAuth,
    InstallationToken,
    InstallationTokens,
    TokenScope,
)
from pace_app.github.client import GitHubApp, GitHubClient
from tests.fakes.fake_github import FakeGitHub
from tests.github.conftest import INSTALLATION_ID, REPO, FakeClock

MINT = f"/app/installations/{INSTALLATION_ID}/access_tokens"


def test_jwt_is_reused_then_refreshed(fake: FakeGitHub, clock: FakeClock) -> None:
    auth = AppAuth(fake.app_id, fake.private_key_pem, clock=clock)
    first = auth.jwt()
    clock.advance(5 * 60)
    assert auth.jwt() == first
    clock.advance(2 * 60)
    second = auth.jwt()
    assert second != first
    claims = pyjwt.decode(
        second,
        fake.private_key_pem,
        algorithms=["RS256"],
        options={"verify_signature": False},
    )
    assert claims["iss"] == str(fake.app_id)
    assert claims["iat"] == int(clock.now) - 60
    assert claims["exp"] - claims["iat"] <= 600


def test_auth_repr_hides_the_key(fake: FakeGitHub) -> None:
    auth = AppAuth(fake.app_id, fake.private_key_pem)
    assert repr(auth) == f"AppAuth(app_id={fake.app_id})"


def test_token_repr_hides_the_value() -> None:
    token = InstallationToken(value="ghs_secret", expires_at=1.0)
    assert "ghs_secret" not in repr(token)
    assert "ghs_secret" not in str(token)


@pytest.mark.anyio
async def test_tokens_are_reused_then_refreshed_near_expiry(
    app: GitHubApp, fake: FakeGitHub, clock: FakeClock
) -> None:
    first = await app.tokens.get(INSTALLATION_ID)
    assert first.expires_at == clock.now + 3600
    clock.advance(3600 - 5 * 60 - 1)
    assert await app.tokens.get(INSTALLATION_ID) is first
    clock.advance(2)
    second = await app.tokens.get(INSTALLATION_ID)
    assert second.value != first.value
    assert len(fake.requests_to("POST", MINT)) == 2


@pytest.mark.anyio
async def test_concurrent_jobs_mint_once(app: GitHubApp, fake: FakeGitHub) -> None:
    clients: list[GitHubClient] = []

    async def job() -> None:
        clients.append(await app.for_installation(INSTALLATION_ID))

    async with anyio.create_task_group() as group:
        for _ in range(5):
            group.start_soon(job)
    assert len(clients) == 5
    assert len(fake.requests_to("POST", MINT)) == 1


@pytest.mark.anyio
async def test_an_unknown_installation_fails_cleanly(app: GitHubApp) -> None:
    with pytest.raises(GitHubError) as raised:
        await app.for_installation(999)
    assert raised.value.status == 404


class _Answers:
    """A minting client that answers what the test says."""

    def __init__(self, answer: Any) -> None:
        self.answer = answer

    async def post(self, url: str, url_vars: Any = None, *, data: Any) -> Any:
        return self.answer


@pytest.mark.anyio
@pytest.mark.parametrize(
    "answer",
    [
        {},
        None,
        {"token": "t", "expires_at": "not a time"},
        {"token": "", "expires_at": "2030-01-01T00:00:00Z"},
        {"token": 5, "expires_at": "2030-01-01T00:00:00Z"},
    ],
)
async def test_an_unusable_token_answer_is_an_error(answer: Any) -> None:
    tokens = InstallationTokens(_Answers(answer))
    with pytest.raises(GitHubError, match="token"):
        await tokens.get(1)


@pytest.mark.anyio
async def test_tokens_go_through_the_real_client_over_a_mock_transport() -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        assert request.headers["authorization"] == "bearer app-jwt"
        return httpx2.Response(201, json={"token": "tok", "expires_at": "2030-01-01T00:00:00Z"})

    async def bearer() -> str:
        return "bearer app-jwt"

    async with httpx2.AsyncClient(transport=httpx2.MockTransport(handler)) as http:
        tokens = InstallationTokens(GitHubClient(http, base_url="http://m", authorization=bearer))
        token = await tokens.get(3)
    assert token.value == "tok"
    assert "3" in repr(tokens)


@pytest.mark.anyio
async def test_a_scoped_token_is_minted_for_its_repository_and_permissions(
    app: GitHubApp, fake: FakeGitHub
) -> None:
    scope = TokenScope.of([REPO], STORY_RUN)
    token = await app.tokens.get(INSTALLATION_ID, scope)
    assert [r.body for r in fake.requests_to("POST", MINT)] == [
        {"repositories": ["widgets"], "permissions": dict(STORY_RUN)}
    ]
    issued = fake.state.tokens[token.value]
    assert issued.repositories == (REPO,)
    assert issued.permissions == {"metadata": "read", **STORY_RUN}
    # One token per (installation, scope): the same scope reuses it, another mints anew.
    assert await app.tokens.get(INSTALLATION_ID, TokenScope.of([REPO], dict(STORY_RUN))) is token
    assert await app.tokens.get(INSTALLATION_ID) is not token
    assert len(fake.requests_to("POST", MINT)) == 2


@pytest.mark.anyio
async def test_forgetting_one_scope_keeps_the_others(app: GitHubApp, fake: FakeGitHub) -> None:
    narrow = TokenScope.of(permissions=METADATA_READ)
    whole = await app.tokens.get(INSTALLATION_ID)
    metadata = await app.tokens.get(INSTALLATION_ID, narrow)
    app.tokens.forget(INSTALLATION_ID, narrow)
    assert await app.tokens.get(INSTALLATION_ID) is whole
    assert await app.tokens.get(INSTALLATION_ID, narrow) is not metadata
    app.tokens.forget(INSTALLATION_ID)
    assert await app.tokens.get(INSTALLATION_ID) is not whole


@pytest.mark.anyio
async def test_a_token_reaches_only_its_repository_and_permissions(
    app: GitHubApp, fake: FakeGitHub
) -> None:
    fake.state.add_repo("octo/gadgets", installation_id=INSTALLATION_ID)
    gh = await app.for_installation(INSTALLATION_ID, repositories=[REPO], permissions=METADATA_READ)
    assert (await gh.getitem(f"/repos/{REPO}"))["full_name"] == REPO
    assert await gh.getstatus("/repos/octo/gadgets") == 404
    with pytest.raises(GitHubError, match="Resource not accessible by integration") as raised:
        await gh.post(f"/repos/{REPO}/issues/1/comments", data={"body": "hi"})
    assert raised.value.status == 403
    if fake.validates:
        reasons = [v.reason for v in fake.take_violations()]
        assert len(reasons) == 2
        assert "minted without octo/gadgets" in reasons[0]
        assert "needs issues: write or pull_requests: write" in reasons[1]


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("scope", "message"),
    [
        (TokenScope.of(["octo/nowhere"]), "not accessible to the parent installation"),
        (TokenScope.of(permissions={"administration": "write"}), "not granted"),
        (TokenScope.of(permissions={"metadata": "write"}), "not granted"),
    ],
)
async def test_a_scope_beyond_the_installation_is_refused(
    app: GitHubApp, scope: TokenScope, message: str
) -> None:
    with pytest.raises(GitHubError, match=message) as raised:
        await app.tokens.get(INSTALLATION_ID, scope)
    assert raised.value.status == 422

"""App JWTs and the installation token cache."""

from __future__ import annotations

from typing import Any

import anyio
import httpx2
import jwt as pyjwt
import pytest

from pace_app.errors import GitHubError
from pace_app.github.auth import AppAuth, InstallationToken, InstallationTokens
from pace_app.github.client import GitHubApp, GitHubClient
from tests.fakes.fake_github import FakeGitHub
from tests.github.conftest import INSTALLATION_ID, FakeClock

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

"""The OAuth web flow against the fake GitHub: the code exchange and who may write where."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx2
import pytest

from pace_app.errors import GitHubError, GitHubUnavailable
from pace_app.github.oauth import authorize_url, can_write, exchange_code, writable_repositories
from tests.fakes.fake_github import FakeGitHub
from tests.fakes.github.routes_oauth import CLIENT_SECRET, client_id

pytestmark = pytest.mark.anyio
BASE = "http://github.test"
CALLBACK = "http://pace.test/login/callback"


def seeded() -> FakeGitHub:
    """Two installations; alice writes to one repository of each, reads a third."""
    fake = FakeGitHub()
    fake.state.add_repo("acme/a", installation_id=1, permissions={"alice": "write"})
    fake.state.add_repo("acme/b", installation_id=1, permissions={"alice": "read"})
    fake.state.add_repo("other/c", installation_id=2, permissions={"alice": "admin"})
    fake.state.add_repo("other/d", installation_id=2, permissions={"bob": "maintain"})
    fake.state.add_repo("third/e", installation_id=3, permissions={"bob": "write"})
    return fake


def client(fake: FakeGitHub) -> httpx2.AsyncClient:
    return httpx2.AsyncClient(transport=fake.transport())


async def sign_in(fake: FakeGitHub, http: httpx2.AsyncClient, login: str) -> str:
    """Walk the authorize page as ``login`` and return the code it hands back."""
    fake.state.signed_in = login
    url = authorize_url(
        BASE, client_id=client_id(fake.state.app), state="s1", redirect_uri=CALLBACK
    )
    answer = await http.get(url)
    assert answer.status_code == 302
    target = urlsplit(answer.headers["location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == CALLBACK
    query = parse_qs(target.query)
    assert query["state"] == ["s1"]
    return query["code"][0]


@pytest.mark.parametrize(
    ("permissions", "writer"),
    [
        ({"push": True, "pull": True}, True),
        ({"maintain": True}, True),
        ({"admin": True}, True),
        ({"triage": True, "pull": True}, False),
        ({"push": "true"}, False),
        ({}, False),
        (None, False),
        ("push", False),
    ],
)
def test_who_counts_as_a_writer(permissions: object, writer: bool) -> None:
    assert can_write(permissions) is writer


def test_the_authorize_address_carries_client_state_and_callback() -> None:
    url = authorize_url(
        "https://ghe.example/", client_id="Iv1.x", state="a b", redirect_uri=CALLBACK
    )
    parts = urlsplit(url)
    assert (parts.netloc, parts.path) == ("ghe.example", "/login/oauth/authorize")
    assert parse_qs(parts.query) == {
        "client_id": ["Iv1.x"],
        "state": ["a b"],
        "redirect_uri": [CALLBACK],
    }


async def test_a_code_becomes_a_token_that_lists_only_writable_repositories() -> None:
    fake = seeded()
    async with client(fake) as http:
        code = await sign_in(fake, http, "alice")
        token = await exchange_code(
            http,
            BASE,
            client_id=client_id(fake.state.app),
            client_secret=CLIENT_SECRET,
            code=code,
            redirect_uri=CALLBACK,
        )
        login, repos = await writable_repositories(http, BASE, token)
    assert login == "alice"
    assert repos == {"acme/a", "other/c"}
    assert fake.take_violations() == []
    # The token went to GitHub only as a bearer credential, never in a query.
    assert all(token not in r.query for r in fake.requests)


async def test_a_code_is_single_use() -> None:
    fake = seeded()
    async with client(fake) as http:
        code = await sign_in(fake, http, "bob")
        arguments = {
            "client_id": client_id(fake.state.app),
            "client_secret": CLIENT_SECRET,
            "code": code,
            "redirect_uri": CALLBACK,
        }
        await exchange_code(http, BASE, **arguments)
        with pytest.raises(GitHubError, match=r"refused the login code \(bad_verification_code\)"):
            await exchange_code(http, BASE, **arguments)


async def test_a_wrong_client_secret_is_refused_without_echoing_it() -> None:
    fake = seeded()
    async with client(fake) as http:
        code = await sign_in(fake, http, "bob")
        with pytest.raises(GitHubError) as caught:
            await exchange_code(
                http,
                BASE,
                client_id=client_id(fake.state.app),
                client_secret="not-the-secret",
                code=code,
                redirect_uri=CALLBACK,
            )
    assert "incorrect_client_credentials" in str(caught.value)
    assert "not-the-secret" not in str(caught.value)


async def test_many_repositories_are_read_page_by_page() -> None:
    fake = FakeGitHub()
    for index in range(130):
        fake.state.add_repo(f"big/r{index}", installation_id=9, permissions={"carol": "write"})
    fake.state.user_tokens["ghu_carol"] = "carol"
    async with client(fake) as http:
        login, repos = await writable_repositories(http, BASE, "ghu_carol")
    assert login == "carol"
    assert len(repos) == 130
    pages = [r.query for r in fake.requests if r.path == "/user/installations/9/repositories"]
    assert pages == ["per_page=100&page=1", "per_page=100&page=2"]


async def test_an_unknown_token_is_a_github_error() -> None:
    fake = seeded()
    async with client(fake) as http:
        with pytest.raises(GitHubError, match="answered 401 to GET /user"):
            await writable_repositories(http, BASE, "ghu_forged")


async def test_a_user_token_reaches_nothing_but_the_user_endpoints() -> None:
    fake = seeded()
    fake.state.user_tokens["ghu_alice"] = "alice"
    async with client(fake) as http:
        answer = await http.get(
            BASE + "/repos/acme/a", headers={"authorization": "Bearer ghu_alice"}
        )
    assert answer.status_code == 403
    assert [v.status for v in fake.take_violations()] == [403]


async def test_github_out_of_reach_is_unavailable() -> None:
    def refuse(request: httpx2.Request) -> httpx2.Response:
        raise httpx2.ConnectError("refused", request=request)

    async with httpx2.AsyncClient(transport=httpx2.MockTransport(refuse)) as http:
        with pytest.raises(GitHubUnavailable, match="could not be reached"):
            await writable_repositories(http, BASE, "ghu_x")
        with pytest.raises(GitHubUnavailable, match="could not be reached"):
            await exchange_code(
                http, BASE, client_id="c", client_secret="s", code="x", redirect_uri=CALLBACK
            )


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (httpx2.Response(200, content=b"<html>"), "is not JSON"),
        (httpx2.Response(200, json=[1]), "is not a JSON object"),
        (httpx2.Response(200, json={"id": 1}), "lacks the login"),
    ],
)
async def test_malformed_answers_are_github_errors(answer: httpx2.Response, message: str) -> None:
    async with httpx2.AsyncClient(transport=httpx2.MockTransport(lambda r: answer)) as http:
        with pytest.raises(GitHubError, match=message):
            await writable_repositories(http, BASE, "ghu_x")


async def test_a_listing_without_its_key_is_a_github_error() -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        if request.url.path == "/user":
            return httpx2.Response(200, json={"login": "alice"})
        return httpx2.Response(200, json={"total_count": 1})

    async with httpx2.AsyncClient(transport=httpx2.MockTransport(handler)) as http:
        with pytest.raises(GitHubError, match="lacks installations"):
            await writable_repositories(http, BASE, "ghu_x")

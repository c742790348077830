"""The client's retries, rate-limit waits and error translation, against the fake GitHub."""

from __future__ import annotations

import logging
from collections.abc import Callable

import httpx2
import pytest
from pydantic import SecretStr

from pace_app.config.settings import Settings
from pace_app.errors import GitHubError, GitHubUnavailable, RateLimited
from pace_app.github.auth import AppAuth
from pace_app.github.client import GitHubApp, GitHubClient, rate_limit_wait
from tests.fakes.fake_github import FakeGitHub
from tests.github.conftest import INSTALLATION_ID, REPO, START, FakeClock, RecordingSleep

pytestmark = pytest.mark.anyio
ISSUE = f"/repos/{REPO}/issues/1"


async def test_reads_an_issue_as_the_installation(app: GitHubApp, fake: FakeGitHub) -> None:
    gh = await app.for_installation(INSTALLATION_ID)
    issue = await gh.getitem(ISSUE)
    assert issue["title"] == "Add a widget"
    assert fake.requests_to("GET", ISSUE)[0].auth_scheme == "token"
    assert fake.requests_to("GET", ISSUE)[0].headers["user-agent"] == "pace-app"
    assert gh.remaining_rate_limit() == 5000 - len(fake.requests)


async def test_app_client_authenticates_with_the_jwt(app: GitHubApp, fake: FakeGitHub) -> None:
    about = await app.app_client().getitem("/app")
    assert about["id"] == fake.app_id
    assert fake.requests_to("GET", "/app")[0].auth_scheme == "bearer"


async def test_no_rate_limit_is_known_before_the_first_request(app: GitHubApp) -> None:
    assert app.app_client().remaining_rate_limit() is None


async def test_retries_server_errors_then_succeeds(
    app: GitHubApp, fake: FakeGitHub, sleep: RecordingSleep
) -> None:
    fake.faults.server_error("GET", ISSUE, times=2)
    gh = await app.for_installation(INSTALLATION_ID)
    assert (await gh.getitem(ISSUE))["number"] == 1
    assert len(fake.requests_to("GET", ISSUE)) == 3
    assert len(sleep.waits) == 2
    first, second = sleep.waits
    # Exponential backoff with up to 100 % jitter.
    assert 1 <= first <= 2
    assert 2 <= second <= 4


async def test_gives_up_after_the_bound(
    app: GitHubApp, fake: FakeGitHub, sleep: RecordingSleep
) -> None:
    fake.faults.server_error("GET", ISSUE, times=5, status=503)
    gh = await app.for_installation(INSTALLATION_ID)
    with pytest.raises(GitHubUnavailable) as raised:
        await gh.getitem(ISSUE)
    assert raised.value.status == 503
    assert ISSUE in str(raised.value)
    assert len(fake.requests_to("GET", ISSUE)) == 3
    assert len(fake.faults.pending) == 1


async def test_retries_a_dropped_connection(app: GitHubApp, fake: FakeGitHub) -> None:
    fake.faults.drop("GET", ISSUE)
    gh = await app.for_installation(INSTALLATION_ID)
    assert (await gh.getitem(ISSUE))["number"] == 1


async def test_network_errors_end_as_unavailable_with_the_cause(
    app: GitHubApp, fake: FakeGitHub
) -> None:
    fake.faults.drop("GET", ISSUE, times=3)
    gh = await app.for_installation(INSTALLATION_ID)
    with pytest.raises(GitHubUnavailable, match="could not be reached") as raised:
        await gh.getitem(ISSUE)
    assert isinstance(raised.value.__cause__, httpx2.TransportError)


async def test_waits_retry_after_on_a_secondary_rate_limit(
    app: GitHubApp, fake: FakeGitHub, sleep: RecordingSleep
) -> None:
    fake.faults.secondary_rate_limit("POST", f"{ISSUE}/comments", retry_after=42)
    gh = await app.for_installation(INSTALLATION_ID)
    await gh.post(f"{ISSUE}/comments", data={"body": "hello"})
    assert sleep.waits == [42.0]
    assert [c.body for c in fake.state.comments.values()] == ["hello"]


async def test_waits_until_the_reset_without_retry_after(
    app: GitHubApp, fake: FakeGitHub, sleep: RecordingSleep
) -> None:
    fake.faults.primary_rate_limit("GET", ISSUE, reset_in=120)
    gh = await app.for_installation(INSTALLATION_ID)
    await gh.getitem(ISSUE)
    assert sleep.waits == [121.0]


async def test_secondary_limit_without_a_time_waits_a_minute(
    app: GitHubApp, fake: FakeGitHub, sleep: RecordingSleep
) -> None:
    fake.faults.secondary_rate_limit("GET", ISSUE, retry_after=None)
    gh = await app.for_installation(INSTALLATION_ID)
    await gh.getitem(ISSUE)
    assert sleep.waits == [60.0]


async def test_a_429_secondary_limit_waits_its_retry_after(
    app: GitHubApp, fake: FakeGitHub, sleep: RecordingSleep
) -> None:
    fake.faults.secondary_rate_limit("GET", ISSUE, status=429, retry_after=17)
    gh = await app.for_installation(INSTALLATION_ID)
    assert (await gh.getitem(ISSUE))["number"] == 1
    assert sleep.waits == [17.0]


async def test_a_repeated_secondary_limit_without_a_time_backs_off_from_a_minute(
    app: GitHubApp, fake: FakeGitHub, sleep: RecordingSleep
) -> None:
    fake.faults.secondary_rate_limit("GET", ISSUE, times=3, retry_after=None)
    gh = await app.for_installation(INSTALLATION_ID)
    assert (await gh.getitem(ISSUE))["number"] == 1
    assert sleep.waits == [60.0, 120.0, 240.0]


async def test_a_secondary_limit_backoff_stops_at_the_cap(
    fake: FakeGitHub, http: httpx2.AsyncClient, clock: FakeClock, sleep: RecordingSleep
) -> None:
    fake.faults.secondary_rate_limit("GET", ISSUE, times=5, retry_after=None)
    auth = AppAuth(fake.app_id, fake.private_key_pem)
    app = GitHubApp(
        http, auth=auth, base_url="http://fake-github", clock=clock, sleep=sleep, max_wait=150.0
    )
    gh = await app.for_installation(INSTALLATION_ID)
    with pytest.raises(RateLimited, match="would exceed the 150 s cap") as raised:
        await gh.getitem(ISSUE)
    assert raised.value.status == 403
    assert sleep.waits == [60.0, 120.0]


async def test_gives_up_when_the_wait_exceeds_the_cap(
    app: GitHubApp, fake: FakeGitHub, sleep: RecordingSleep
) -> None:
    fake.faults.primary_rate_limit("GET", ISSUE, reset_in=3000)
    gh = await app.for_installation(INSTALLATION_ID)
    with pytest.raises(RateLimited) as raised:
        await gh.getitem(ISSUE)
    assert sleep.waits == []
    assert raised.value.status == 403
    assert "2027-01-15T08:50:01+00:00" in str(raised.value)  # START + 3000 + 1
    assert "900 s cap" in str(raised.value)


async def test_gives_up_when_the_limit_outlasts_the_attempts(
    app: GitHubApp, fake: FakeGitHub, sleep: RecordingSleep
) -> None:
    fake.faults.secondary_rate_limit("GET", ISSUE, times=10, retry_after=5)
    gh = await app.for_installation(INSTALLATION_ID)
    with pytest.raises(RateLimited, match="after 4 attempts"):
        await gh.getitem(ISSUE)
    assert sleep.waits == [5.0, 5.0, 5.0]


def _mock_client(
    handler: Callable[[httpx2.Request], httpx2.Response], sleep: RecordingSleep
) -> GitHubClient:
    http = httpx2.AsyncClient(transport=httpx2.MockTransport(handler))
    return GitHubClient(http, base_url="http://mock", sleep=sleep, clock=sleep.clock)


async def test_a_permission_403_is_not_retried(sleep: RecordingSleep) -> None:
    calls: list[httpx2.Request] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        calls.append(request)
        return httpx2.Response(
            403,
            json={"message": "Resource not accessible by integration"},
            headers={"x-ratelimit-remaining": "4000", "x-ratelimit-limit": "5000"},
        )

    gh = _mock_client(handler, sleep)
    with pytest.raises(GitHubError, match="Resource not accessible") as raised:
        await gh.getitem("/repos/a/b")
    assert type(raised.value) is GitHubError
    assert raised.value.status == 403
    assert len(calls) == 1
    assert sleep.waits == []


async def test_a_429_waits_as_told(sleep: RecordingSleep) -> None:
    answers = [httpx2.Response(429, json={"message": "slow down"}), httpx2.Response(200, json={})]
    gh = _mock_client(lambda request: answers.pop(0), sleep)
    assert await gh.getitem("/x") == {}
    assert sleep.waits == [60.0]


async def test_422_keeps_githubs_message(app: GitHubApp, fake: FakeGitHub) -> None:
    gh = await app.for_installation(INSTALLATION_ID)
    with pytest.raises(
        GitHubError, match=r"'summary' is a required|output\.summary is required"
    ) as raised:
        await gh.post(
            f"/repos/{REPO}/check-runs",
            data={"name": "PACE / GATE", "head_sha": "a" * 40, "output": {"title": "t"}},
        )
    assert raised.value.status == 422
    assert len(fake.take_violations()) == int(fake.validates)


async def test_422_with_field_errors_names_the_field(app: GitHubApp, fake: FakeGitHub) -> None:
    gh = await app.for_installation(INSTALLATION_ID)
    with pytest.raises(GitHubError, match="'title'") as raised:
        await gh.post(f"/repos/{REPO}/issues", data={"body": "no title"})
    assert raised.value.status == 422
    assert len(fake.take_violations()) == int(fake.validates)


async def test_getstatus_answers_error_statuses(app: GitHubApp, fake: FakeGitHub) -> None:
    gh = await app.for_installation(INSTALLATION_ID)
    assert await gh.getstatus(f"/repos/{REPO}/issues/99") == 404
    assert await gh.getstatus(ISSUE) == 200
    fake.faults.server_error("GET", ISSUE, times=3)
    with pytest.raises(GitHubUnavailable):
        await gh.getstatus(ISSUE)


async def test_a_revoked_token_is_minted_again(app: GitHubApp, fake: FakeGitHub) -> None:
    gh = await app.for_installation(INSTALLATION_ID)
    fake.state.tokens.clear()
    with pytest.raises(GitHubError) as raised:
        await gh.getitem(ISSUE)
    assert raised.value.status == 401
    assert (await gh.getitem(ISSUE))["number"] == 1
    assert len(fake.requests_to("POST", f"/app/installations/{INSTALLATION_ID}/access_tokens")) == 2


async def test_secrets_never_reach_errors_reprs_or_logs(
    app: GitHubApp, fake: FakeGitHub, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    gh = await app.for_installation(INSTALLATION_ID)
    token = (await app.tokens.get(INSTALLATION_ID)).value
    jwt = app.auth.jwt()
    fake.faults.server_error("GET", ISSUE, times=3)
    fake.faults.primary_rate_limit("POST", "/app/installations/*", reset_in=5000)
    failures: list[BaseException] = []
    mint = app.app_client().post(f"/app/installations/{INSTALLATION_ID}/access_tokens", data={})
    for call in (gh.getitem(ISSUE), mint):
        with pytest.raises(GitHubError) as raised:
            await call
        failures.append(raised.value)
    app.tokens.forget(INSTALLATION_ID)
    shown = " ".join(
        [caplog.text, repr(app), repr(app.tokens), repr(gh), repr(app.auth)]
        + [f"{exc!s} {exc!r} {exc.__cause__!s} {exc.__cause__!r}" for exc in failures]
    )
    assert token not in shown
    assert jwt not in shown
    assert fake.private_key_pem.splitlines()[1] not in shown


def test_from_settings_points_at_the_configured_api(fake: FakeGitHub) -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        github_app_id=fake.app_id,
        github_private_key=SecretStr(fake.private_key_pem),
        github_webhook_secret=SecretStr("s"),
        github_api_url="https://ghe.example/api/v3",
    )
    app = GitHubApp.from_settings(settings, httpx2.AsyncClient())
    assert app.app_client().base_url == "https://ghe.example/api/v3"
    assert app.auth.app_id == fake.app_id


@pytest.mark.parametrize(
    ("status", "headers", "message", "wait"),
    [
        (403, {"retry-after": "7"}, "", 7.0),
        (403, {"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(START) + 10)}, "", 11.0),
        (403, {"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(START) - 10)}, "", 1.0),
        (403, {}, "You have exceeded a secondary rate limit", 60.0),
        (429, {}, "", 60.0),
        (429, {"retry-after": "3"}, "", 3.0),
        (403, {"x-ratelimit-remaining": "10"}, "Resource not accessible", None),
        (404, {"retry-after": "7"}, "", None),
    ],
)
def test_rate_limit_wait(
    status: int, headers: dict[str, str], message: str, wait: float | None
) -> None:
    assert rate_limit_wait(status, headers, message, now=START) == wait


@pytest.mark.parametrize(("attempt", "wait"), [(1, 60.0), (2, 120.0), (3, 240.0)])
def test_a_secondary_limit_without_a_time_doubles_per_attempt(attempt: int, wait: float) -> None:
    message = "You have exceeded a secondary rate limit"
    assert rate_limit_wait(403, {}, message, now=START, attempt=attempt) == wait
    assert rate_limit_wait(403, {"retry-after": "9"}, message, now=START, attempt=attempt) == 9.0


def test_a_real_sleep_is_the_default(clock: FakeClock) -> None:
    gh = GitHubClient(httpx2.AsyncClient(), clock=clock)
    assert gh.base_url == "https://api.github.com"
    assert "api.github.com" in repr(gh)


async def test_an_app_without_sleep_uses_anyio(fake: FakeGitHub, http: httpx2.AsyncClient) -> None:
    app = GitHubApp(http, auth=AppAuth(fake.app_id, fake.private_key_pem), base_url="http://f")
    gh = await app.for_installation(INSTALLATION_ID)
    fake.faults.secondary_rate_limit("GET", ISSUE, retry_after=0)
    assert (await gh.getitem(ISSUE))["number"] == 1

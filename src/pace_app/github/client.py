"""The GitHub REST client: gidgethub over httpx2, with retries and rate-limit waits.

Network errors and 5xx answers are retried a few times with exponential backoff and
jitter, then raised as ``GitHubUnavailable``. Rate limits (429, or a 403 that says so,
such as "You have exceeded a secondary rate limit") are waited out as GitHub's docs
ask — ``retry-after``, else ``x-ratelimit-reset`` when nothing remains, else a minute,
doubled for each further attempt — up to ``max_wait`` per wait and a few attempts;
beyond that ``RateLimited`` says when the limit resets. Every other error answer
becomes ``GitHubError`` with its status. Credentials are added to each attempt just
before it is sent, so a long wait never sends an expired JWT or token, and they never
reach an exception message or a log line.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import anyio
import gidgethub
import gidgethub.abc
import httpx2
from gidgethub import sansio
from uritemplate import variable

from pace_app.config.settings import PUBLIC_API_URL, Settings
from pace_app.errors import GitHubError, GitHubUnavailable, RateLimited
from pace_app.github.auth import AppAuth, InstallationTokens, TokenScope
from pace_app.observability.scrub import Redactor, secrets_from_settings
from pace_app.types import Sleep

logger = logging.getLogger(__name__)

REQUESTER = "pace-app"
DEFAULT_MAX_WAIT = 900.0
# GitHub asks to wait at least a minute after a secondary limit that names no time.
MIN_RATE_LIMIT_WAIT = 60.0
# x-ratelimit-reset has one-second resolution; wait just past it.
RESET_MARGIN = 1.0

Authorization = Callable[[], Awaitable[str]]


def rate_limit_wait(
    status: int, headers: Mapping[str, str], message: str, *, now: float, attempt: int = 1
) -> float | None:
    """Return how long GitHub asks us to wait, or None if the answer is no rate limit.

    ``attempt`` counts the answers so far that were limited; without a time from
    GitHub the wait starts at a minute and doubles, as GitHub's docs ask.
    """
    remaining = headers.get("x-ratelimit-remaining")
    retry_after = headers.get("retry-after")
    is_limit = status == 429 or (
        status == 403
        and (retry_after is not None or remaining == "0" or "rate limit" in message.lower())
    )
    if not is_limit:
        return None
    if retry_after is not None and retry_after.strip().isdigit():
        return float(retry_after)
    reset = headers.get("x-ratelimit-reset")
    if remaining == "0" and reset is not None and reset.strip().isdigit():
        return max(float(reset) - now, 0.0) + RESET_MARGIN
    return MIN_RATE_LIMIT_WAIT * float(2 ** max(attempt - 1, 0))


class GitHubClient(gidgethub.abc.GitHubAPI):
    """Call GitHub's REST API, retrying what is worth retrying and translating errors."""

    def __init__(
        self,
        http: httpx2.AsyncClient,
        *,
        base_url: str = PUBLIC_API_URL,
        authorization: Authorization | None = None,
        on_unauthorized: Callable[[], None] | None = None,
        sleep: Sleep | None = None,
        clock: Callable[[], float] = time.time,
        max_wait: float = DEFAULT_MAX_WAIT,
        max_attempts: int = 3,
        rate_limit_attempts: int = 4,
        backoff: float = 1.0,
        jitter: Callable[[], float] = random.random,
        redactor: Redactor | None = None,
    ) -> None:
        super().__init__(REQUESTER, base_url=base_url)
        # Every body sent to GitHub passes through it: comments, checks, reviews, PRs.
        self._redactor = redactor or Redactor()
        self._http = http
        self._authorization = authorization
        self._on_unauthorized = on_unauthorized
        self._sleep: Sleep = sleep or anyio.sleep
        self._clock = clock
        self._max_wait = max_wait
        self._max_attempts = max_attempts
        self._rate_limit_attempts = rate_limit_attempts
        self._backoff = backoff
        self._jitter = jitter

    def __repr__(self) -> str:
        return f"GitHubClient(base_url={self.base_url!r})"

    def remaining_rate_limit(self) -> int | None:
        """Return the requests left in the current rate-limit window, if known."""
        return None if self.rate_limit is None else self.rate_limit.remaining

    async def sleep(self, seconds: float) -> None:
        """Sleep through the injected sleep, so tests never wait for real."""
        await self._sleep(seconds)

    async def _request(
        self, method: str, url: str, headers: Mapping[str, str], body: bytes = b""
    ) -> tuple[int, Mapping[str, str], bytes]:
        """Send one request, retrying network errors and 5xx answers with backoff."""
        headers = dict(headers)
        if self._authorization is not None and "authorization" not in headers:
            headers["authorization"] = await self._authorization()
        path = urlsplit(url).path
        attempt = 1
        while True:
            try:
                response = await self._http.request(method, url, headers=headers, content=body)
            except httpx2.TransportError as exc:
                if attempt >= self._max_attempts:
                    raise GitHubUnavailable(
                        f"GitHub could not be reached for {method} {path} after "
                        f"{attempt} attempts ({type(exc).__name__})"
                    ) from exc
                logger.warning(
                    "github request failed, retrying",
                    extra={"method": method, "path": path, "error": type(exc).__name__},
                )
            else:
                if response.status_code == 401 and self._on_unauthorized is not None:
                    self._on_unauthorized()
                if response.status_code < 500 or attempt >= self._max_attempts:
                    return response.status_code, response.headers, response.content
                logger.warning(
                    "github answered a server error, retrying",
                    extra={"method": method, "path": path, "status": response.status_code},
                )
            await self.sleep(self._backoff * 2 ** (attempt - 1) * (1 + self._jitter()))
            attempt += 1

    async def handle_rate_limit_error(
        self, *, method: str, url: str, exception: gidgethub.HTTPException, attempt: int
    ) -> bool:
        """Wait out a rate limit and ask for a retry, or raise ``RateLimited``."""
        now = self._clock()
        wait = rate_limit_wait(
            int(exception.status_code), exception.headers, str(exception), now=now, attempt=attempt
        )
        if wait is None:
            return False
        path = urlsplit(url).path
        resets_at = datetime.fromtimestamp(now + wait, UTC).isoformat(timespec="seconds")
        if wait > self._max_wait or attempt >= self._rate_limit_attempts:
            reason = (
                f"waiting {wait:.0f} s would exceed the {self._max_wait:.0f} s cap"
                if wait > self._max_wait
                else f"still limited after {attempt} attempts"
            )
            raise RateLimited(
                f"GitHub rate limit on {method} {path} is in force until {resets_at}; {reason}",
                status=int(exception.status_code),
            ) from exception
        logger.warning(
            "github rate limit, waiting",
            extra={"method": method, "path": path, "wait_seconds": wait, "attempt": attempt},
        )
        await self.sleep(wait)
        return True

    async def _make_request(
        self,
        method: str,
        url: str,
        url_vars: Mapping[str, variable.VariableValue] | None,
        data: Any,
        accept: str,
        jwt: str | None = None,
        oauth_token: str | None = None,
        content_type: str = gidgethub.abc.JSON_CONTENT_TYPE,
        extra_headers: dict[str, str] | None = None,
    ) -> tuple[bytes, str | None, int]:
        """Make the request through gidgethub and translate its errors at this boundary."""
        path = urlsplit(sansio.format_url(url, url_vars, base_url=self.base_url)).path
        if data != b"":
            data = self._redactor.strings(data)
        try:
            result = await super()._make_request(
                method,
                url,
                url_vars,
                data,
                accept,
                jwt=jwt,
                oauth_token=oauth_token,
                content_type=content_type,
                extra_headers=extra_headers,
            )
        except gidgethub.HTTPException as exc:
            raise _translate(exc, method, path) from exc
        logger.debug(
            "github request",
            extra={
                "method": method,
                "path": path,
                "status": result[2],
                "rate_limit_remaining": self.remaining_rate_limit(),
            },
        )
        return result

    async def getstatus(
        self,
        url: str,
        url_vars: Mapping[str, variable.VariableValue] | None = None,
        *,
        accept: str = sansio.accept_format(),
        jwt: str | None = None,
        oauth_token: str | None = None,
    ) -> int:
        """Return the status code of a GET, answering error statuses instead of raising."""
        try:
            _, _, status = await self._make_request(
                "GET", url, url_vars or {}, b"", accept, jwt=jwt, oauth_token=oauth_token
            )
        except GitHubError as exc:
            if exc.status is None or isinstance(exc, GitHubUnavailable | RateLimited):
                raise
            return exc.status
        return status


def _translate(exc: gidgethub.HTTPException, method: str, path: str) -> GitHubError:
    status = int(exc.status_code)
    detail = str(exc) or exc.status_code.phrase
    if isinstance(exc, gidgethub.GitHubBroken):
        return GitHubUnavailable(
            f"GitHub answered {status} to {method} {path} after retries: {detail}", status=status
        )
    return GitHubError(f"GitHub answered {status} to {method} {path}: {detail}", status=status)


class GitHubApp:
    """Hand out GitHub clients for one App: as the App itself, or as an installation."""

    def __init__(
        self,
        http: httpx2.AsyncClient,
        *,
        auth: AppAuth,
        base_url: str = PUBLIC_API_URL,
        clock: Callable[[], float] = time.time,
        sleep: Sleep | None = None,
        max_wait: float = DEFAULT_MAX_WAIT,
        redactor: Redactor | None = None,
    ) -> None:
        self.http = http
        self.auth = auth
        self._redactor = redactor
        self.base_url = base_url
        self._clock = clock
        self._sleep = sleep
        self._max_wait = max_wait
        self.tokens = InstallationTokens(self.app_client(), clock=clock)

    @classmethod
    def from_settings(
        cls, settings: Settings, http: httpx2.AsyncClient, **options: Any
    ) -> GitHubApp:
        """Build the App from validated service settings."""
        settings.require_app()
        assert settings.github_app_id is not None  # require_app checked it
        auth = AppAuth(settings.github_app_id, settings.private_key_pem())
        redactor = Redactor(secrets_from_settings(settings))
        return cls(http, auth=auth, base_url=settings.github_api_url, redactor=redactor, **options)

    def __repr__(self) -> str:
        return f"GitHubApp(app_id={self.auth.app_id}, base_url={self.base_url!r})"

    def app_client(self) -> GitHubClient:
        """Return a client authenticated as the App (JWT), e.g. for ``GET /app``."""

        async def bearer() -> str:
            return f"bearer {self.auth.jwt()}"

        return self._client(bearer, on_unauthorized=None)

    async def for_installation(
        self,
        installation_id: int,
        *,
        repositories: Iterable[str] | None = None,
        permissions: Mapping[str, str] | None = None,
    ) -> GitHubClient:
        """Return a client for the installation, limited to these repositories and permissions.

        None means the whole installation, or every permission the App holds.
        """
        scope = TokenScope.of(repositories, permissions)
        await self.tokens.get(installation_id, scope)

        async def token() -> str:
            return f"token {(await self.tokens.get(installation_id, scope)).value}"

        return self._client(
            token, on_unauthorized=lambda: self.tokens.forget(installation_id, scope)
        )

    def _client(
        self, authorization: Authorization, *, on_unauthorized: Callable[[], None] | None
    ) -> GitHubClient:
        return GitHubClient(
            self.http,
            base_url=self.base_url,
            authorization=authorization,
            on_unauthorized=on_unauthorized,
            sleep=self._sleep,
            clock=self._clock,
            max_wait=self._max_wait,
            redactor=self._redactor,
        )

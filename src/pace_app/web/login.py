"""Logging in to the dashboard with GitHub: ``/login``, ``/login/callback``, ``/logout``.

``/login`` sends the browser to GitHub's authorize page with a random ``state`` that
is also put in a signed, short-lived cookie; the callback accepts the ``code`` only
when the query's state matches that cookie and was not used before. The user token
is used once, to list the repositories the user may write to, and then dropped: the
session cookie holds the login and that list until it expires, after which the user
logs in again and the list is read afresh.
"""

from __future__ import annotations

import hmac
import logging
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx2
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from pace_app.errors import GitHubError
from pace_app.github.manifest import LOGIN_CALLBACK_PATH
from pace_app.github.oauth import authorize_url, exchange_code, writable_repositories
from pace_app.web.pages import error_page, layout
from pace_app.web.session import (
    MAX_COOKIE_VALUE,
    SESSION_COOKIE,
    SESSION_LIFETIME_SECONDS,
    STATE_COOKIE,
    STATE_LIFETIME_SECONDS,
    Session,
    sign,
    unsign,
)

logger = logging.getLogger(__name__)

HttpFactory = Callable[[], httpx2.AsyncClient]
# States redeemed recently, so one callback URL cannot be replayed with its cookie.
REMEMBERED_STATES = 4096


@dataclass(frozen=True)
class OAuthClient:
    """The App's OAuth client and where GitHub serves its web pages and its API."""

    client_id: str
    client_secret: str = field(repr=False)
    web_url: str
    api_url: str


def safe_next(target: str | None) -> str:
    """Return ``target`` if it is a path on this server, else ``/`` (no open redirects)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    if any(ord(c) < 0x20 for c in target):
        return "/"
    return target


class LoginFlow:
    """Serve the login redirect, GitHub's callback and logout."""

    def __init__(
        self,
        client: OAuthClient | None,
        session_key: bytes | None,
        *,
        public_url: str | None = None,
        http: HttpFactory | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._client = client
        self._key = session_key
        self._public_url = public_url
        self._http = http or (lambda: httpx2.AsyncClient(timeout=30))
        self._clock = clock
        self._secure = bool(public_url and public_url.startswith("https://"))
        self._used: OrderedDict[str, None] = OrderedDict()

    def _base_url(self, request: Request) -> str:
        if self._public_url:
            return self._public_url
        return f"{request.url.scheme}://{request.url.netloc}"

    def _cookie(self, response: Response, name: str, value: str, max_age: int) -> None:
        response.set_cookie(
            name, value, max_age=max_age, httponly=True, samesite="lax", secure=self._secure
        )

    async def login(self, request: Request) -> Response:
        """Send the browser to GitHub's authorize page."""
        if self._client is None or self._key is None:
            return _refused(
                503,
                "Login is not configured",
                "Set GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET (the setup page saves them) "
                "to log in with GitHub.",
            )
        state = secrets.token_urlsafe(24)
        now = int(self._clock())
        cookie = sign(
            {"state": state, "next": safe_next(request.query_params.get("next"))},
            self._key,
            expires=now + STATE_LIFETIME_SECONDS,
        )
        target = authorize_url(
            self._client.web_url,
            client_id=self._client.client_id,
            state=state,
            redirect_uri=self._base_url(request) + LOGIN_CALLBACK_PATH,
        )
        response = RedirectResponse(target, status_code=302, headers={"cache-control": "no-store"})
        self._cookie(response, STATE_COOKIE, cookie, STATE_LIFETIME_SECONDS)
        return response

    def _redeem(self, request: Request) -> str | None:
        """Return where to go after login if the callback's state is the cookie's, else None."""
        assert self._key is not None
        sent = request.query_params.get("state", "")
        cookie = request.cookies.get(STATE_COOKIE)
        data = unsign(cookie, self._key, now=self._clock()) if cookie else None
        expected = data.get("state") if data else None
        if not sent or not isinstance(expected, str) or sent in self._used:
            return None
        if not hmac.compare_digest(sent.encode(), expected.encode()):
            return None
        self._used[sent] = None
        while len(self._used) > REMEMBERED_STATES:
            self._used.popitem(last=False)
        assert data is not None
        return safe_next(str(data.get("next", "/")))

    async def callback(self, request: Request) -> Response:
        """Exchange GitHub's code, read what the user may write to, and start a session."""
        if self._client is None or self._key is None:
            return _refused(503, "Login is not configured", "Set GITHUB_CLIENT_ID first.")
        target = self._redeem(request)
        code = request.query_params.get("code", "")
        if target is None or not code:
            logger.warning("login refused: unknown, used or expired state")
            return self._forget_state(
                _refused(
                    400,
                    "Login link expired",
                    "This login link is unknown, used or expired. Log in again.",
                )
            )
        try:
            async with self._http() as http:
                token = await exchange_code(
                    http,
                    self._client.web_url,
                    client_id=self._client.client_id,
                    client_secret=self._client.client_secret,
                    code=code,
                    redirect_uri=self._base_url(request) + LOGIN_CALLBACK_PATH,
                )
                login, repos = await writable_repositories(http, self._client.api_url, token)
        except GitHubError as exc:
            logger.warning("login failed at GitHub", extra={"error": str(exc)})
            return self._forget_state(
                _refused(502, "Login failed", f"GitHub did not complete the login: {exc}")
            )
        session = Session(login, repos, int(self._clock()) + SESSION_LIFETIME_SECONDS)
        value = session.encode(self._key)
        if len(value) > MAX_COOKIE_VALUE:
            logger.warning("login refused: too many repositories", extra={"login": login})
            return self._forget_state(
                _refused(
                    400,
                    "Too many repositories",
                    f"{login} can write to {len(repos)} repositories through this App, more "
                    "than a session can hold. Use ADMIN_TOKEN and the JSON API instead.",
                )
            )
        logger.info("dashboard login", extra={"login": login, "repositories": len(repos)})
        response = RedirectResponse(target, status_code=302, headers={"cache-control": "no-store"})
        self._cookie(response, SESSION_COOKIE, value, SESSION_LIFETIME_SECONDS)
        return self._forget_state(response)

    async def logout(self, request: Request) -> Response:
        """End the session (the cookie is cleared) and say so."""
        del request
        body = '<p>You are logged out.</p><p><a href="/login">Log in again</a></p>'
        response = HTMLResponse(layout("Logged out", body), headers={"cache-control": "no-store"})
        response.delete_cookie(SESSION_COOKIE, httponly=True, samesite="lax", secure=self._secure)
        return response

    def _forget_state(self, response: Response) -> Response:
        response.delete_cookie(STATE_COOKIE, httponly=True, samesite="lax", secure=self._secure)
        return response


def _refused(status: int, title: str, message: str) -> Response:
    return HTMLResponse(
        error_page(title, message), status_code=status, headers={"cache-control": "no-store"}
    )

"""GitHub App credentials: the App JWT and cached installation access tokens.

The App signs a short-lived JWT with its private key; with it, it mints one access
token per installation. Tokens last an hour; the cache hands out the current one and
mints a new one when less than five minutes remain, one mint at a time per
installation so concurrent jobs share a token instead of minting twice.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

import anyio
import jwt as pyjwt

from pace_app.errors import GitHubError

logger = logging.getLogger(__name__)

# Like gidgethub's get_jwt, the issue time is backdated a minute for clock drift; GitHub
# refuses JWTs that live over ten minutes, so one signed now is good for eight.
JWT_BACKDATE = 60
JWT_LIFETIME = 9 * 60
JWT_REFRESH_AFTER = 6 * 60
TOKEN_REFRESH_MARGIN = 5 * 60


class AppAuth:
    """Sign App JWTs for one GitHub App, reusing each until shortly before it expires."""

    def __init__(
        self, app_id: int, private_key_pem: str, *, clock: Callable[[], float] = time.time
    ) -> None:
        self.app_id = app_id
        self._private_key = private_key_pem
        self._clock = clock
        self._jwt: str | None = None
        self._refresh_at = 0.0

    def __repr__(self) -> str:
        return f"AppAuth(app_id={self.app_id})"

    def jwt(self) -> str:
        """Return a valid App JWT, signing a new one when the cached one is old."""
        now = self._clock()
        if self._jwt is None or now >= self._refresh_at:
            # Signed here rather than with get_jwt so the injected clock sets the claims.
            issued_at = int(now) - JWT_BACKDATE
            claims = {"iat": issued_at, "exp": issued_at + JWT_LIFETIME, "iss": str(self.app_id)}
            self._jwt = pyjwt.encode(claims, self._private_key, algorithm="RS256")
            self._refresh_at = now + JWT_REFRESH_AFTER
        return self._jwt


@dataclass(frozen=True)
class InstallationToken:
    """An installation access token; its value never shows in a repr."""

    value: str = field(repr=False)
    expires_at: float

    def __str__(self) -> str:
        return repr(self)


class _Poster(Protocol):
    """The part of a GitHub client that mints tokens (authenticated with the App JWT)."""

    async def post(self, url: str, url_vars: Any = ..., *, data: Any) -> Any: ...


class InstallationTokens:
    """Mint and cache installation access tokens, keyed by installation id."""

    def __init__(self, app_client: _Poster, *, clock: Callable[[], float] = time.time) -> None:
        self._app_client = app_client
        self._clock = clock
        self._tokens: dict[int, InstallationToken] = {}
        self._locks: dict[int, anyio.Lock] = {}

    def __repr__(self) -> str:
        return f"InstallationTokens(cached={sorted(self._tokens)})"

    async def get(self, installation_id: int) -> InstallationToken:
        """Return a token for the installation with at least five minutes left."""
        cached = self._fresh(installation_id)
        if cached is not None:
            return cached
        # No await between the lookup and the insert, so one lock per id is created.
        lock = self._locks.setdefault(installation_id, anyio.Lock())
        async with lock:
            cached = self._fresh(installation_id)
            if cached is not None:
                return cached
            token = await self._mint(installation_id)
            self._tokens[installation_id] = token
            return token

    def forget(self, installation_id: int) -> None:
        """Drop the cached token, e.g. after GitHub refused it."""
        self._tokens.pop(installation_id, None)

    def _fresh(self, installation_id: int) -> InstallationToken | None:
        token = self._tokens.get(installation_id)
        if token is not None and token.expires_at - self._clock() > TOKEN_REFRESH_MARGIN:
            return token
        return None

    async def _mint(self, installation_id: int) -> InstallationToken:
        response = await self._app_client.post(
            "/app/installations/{installation_id}/access_tokens",
            {"installation_id": installation_id},
            data={},
        )
        try:
            value = response["token"]
            expires_at = datetime.fromisoformat(response["expires_at"]).timestamp()
        except (TypeError, KeyError, ValueError) as exc:
            raise GitHubError(
                "GitHub answered the installation token request without a usable token"
            ) from exc
        if not isinstance(value, str) or not value:
            raise GitHubError("GitHub answered the installation token request with an empty token")
        logger.info(
            "minted installation token",
            extra={"installation_id": installation_id, "expires_at": expires_at},
        )
        return InstallationToken(value=value, expires_at=expires_at)

"""GitHub App credentials: the App JWT and cached installation access tokens.

The App signs a short-lived JWT with its private key; with it, it mints installation
access tokens. Each token is limited to a ``TokenScope``: the repositories and the
permissions one piece of work needs (by default the whole installation with every
permission the App holds). Tokens last an hour; the cache, keyed by installation and
scope, hands out the current one and mints a new one when less than five minutes
remain, one mint at a time per key so concurrent jobs share a token.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Mapping
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


# What each kind of work needs; GitHub adds metadata read to every token.
METADATA_READ: Mapping[str, str] = {"metadata": "read"}
STORY_RUN: Mapping[str, str] = {
    "contents": "write",
    "pull_requests": "write",
    "issues": "write",
    "checks": "write",
}
ISSUES_WRITE: Mapping[str, str] = {"issues": "write", "pull_requests": "write"}


@dataclass(frozen=True)
class TokenScope:
    """What a token may reach: repositories by full name (None: all), permissions (None: all)."""

    repositories: tuple[str, ...] | None = None
    permissions: tuple[tuple[str, str], ...] | None = None

    @classmethod
    def of(
        cls,
        repositories: Iterable[str] | None = None,
        permissions: Mapping[str, str] | None = None,
    ) -> TokenScope:
        """Return the scope for these repositories and permissions, in a canonical order."""
        repos = None if repositories is None else tuple(sorted(set(repositories)))
        perms = None if permissions is None else tuple(sorted(permissions.items()))
        return cls(repos, perms)

    def request(self) -> dict[str, Any]:
        """Return the body of the token request that asks for exactly this scope."""
        body: dict[str, Any] = {}
        if self.repositories is not None:
            # GitHub takes names without the owner: an installation lives in one account.
            body["repositories"] = [full_name.split("/")[-1] for full_name in self.repositories]
        if self.permissions is not None:
            body["permissions"] = dict(self.permissions)
        return body


WHOLE_INSTALLATION = TokenScope()


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


_Key = tuple[int, TokenScope]


class InstallationTokens:
    """Mint and cache installation access tokens, keyed by installation id and scope."""

    def __init__(self, app_client: _Poster, *, clock: Callable[[], float] = time.time) -> None:
        self._app_client = app_client
        self._clock = clock
        self._tokens: dict[_Key, InstallationToken] = {}
        self._locks: dict[_Key, anyio.Lock] = {}

    def __repr__(self) -> str:
        return f"InstallationTokens(cached={sorted({key[0] for key in self._tokens})})"

    async def get(
        self, installation_id: int, scope: TokenScope = WHOLE_INSTALLATION
    ) -> InstallationToken:
        """Return a token for the installation and scope with at least five minutes left."""
        key = (installation_id, scope)
        cached = self._fresh(key)
        if cached is not None:
            return cached
        # No await between the lookup and the insert, so one lock per key is created.
        lock = self._locks.setdefault(key, anyio.Lock())
        async with lock:
            cached = self._fresh(key)
            if cached is not None:
                return cached
            token = await self._mint(installation_id, scope)
            self._tokens[key] = token
            return token

    def forget(self, installation_id: int, scope: TokenScope | None = None) -> None:
        """Drop the cached token of one scope (None: every scope), e.g. after GitHub refused it."""
        for key in [k for k in self._tokens if k[0] == installation_id]:
            if scope is None or key[1] == scope:
                del self._tokens[key]

    def _fresh(self, key: _Key) -> InstallationToken | None:
        token = self._tokens.get(key)
        if token is not None and token.expires_at - self._clock() > TOKEN_REFRESH_MARGIN:
            return token
        return None

    async def _mint(self, installation_id: int, scope: TokenScope) -> InstallationToken:
        response = await self._app_client.post(
            "/app/installations/{installation_id}/access_tokens",
            {"installation_id": installation_id},
            data=scope.request(),
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
            extra={
                "installation_id": installation_id,
                "expires_at": expires_at,
                "repositories": list(scope.repositories or ["*"]),
                "permissions": dict(scope.permissions or {"*": "app"}),
            },
        )
        return InstallationToken(value=value, expires_at=expires_at)

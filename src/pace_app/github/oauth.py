"""GitHub's OAuth web flow for the App's users: authorize, exchange, and what they may write.

The dashboard sends a browser to ``{web}/login/oauth/authorize``; GitHub sends it back
with a one-time ``code`` that is exchanged at ``{web}/login/oauth/access_token`` for a
user token. With that token ``GET /user/installations`` and
``GET /user/installations/{id}/repositories`` list the repositories the user reaches
through this App's installations, each with the user's ``permissions``. The token is
used for these calls only and never kept.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

import httpx2

from pace_app.errors import GitHubError, GitHubUnavailable

PER_PAGE = 100
# Enough for any real account; a longer listing is refused rather than cut short.
MAX_PAGES = 50
WRITE_PERMISSIONS = ("push", "maintain", "admin")


def authorize_url(web_url: str, *, client_id: str, state: str, redirect_uri: str) -> str:
    """Return where a browser starts the login: GitHub's authorize page."""
    query = urlencode({"client_id": client_id, "state": state, "redirect_uri": redirect_uri})
    return f"{web_url.rstrip('/')}/login/oauth/authorize?{query}"


def can_write(permissions: object) -> bool:
    """Say whether a repository's ``permissions`` object grants push, maintain or admin."""
    if not isinstance(permissions, Mapping):
        return False
    return any(permissions.get(level) is True for level in WRITE_PERMISSIONS)


async def exchange_code(
    http: httpx2.AsyncClient,
    web_url: str,
    *,
    client_id: str,
    client_secret: str,
    code: str,
    redirect_uri: str,
) -> str:
    """Exchange the callback's ``code`` for a user token."""
    where = "POST /login/oauth/access_token"
    form = {
        "client_id": client_id,
        "client_secret": client_secret,
        "code": code,
        "redirect_uri": redirect_uri,
    }
    try:
        response = await http.post(
            web_url.rstrip("/") + "/login/oauth/access_token",
            data=form,
            headers={"accept": "application/json"},
        )
    except httpx2.TransportError as exc:
        raise GitHubUnavailable(
            f"GitHub could not be reached for {where} ({type(exc).__name__})"
        ) from exc
    data = _json_object(response, where)
    token = data.get("access_token")
    if isinstance(token, str) and token:
        return token
    # GitHub answers 200 with an ``error`` code (e.g. bad_verification_code) here.
    error = data.get("error")
    reason = error if isinstance(error, str) and error.isidentifier() else "no access_token"
    raise GitHubError(f"GitHub refused the login code ({reason})", status=response.status_code)


async def writable_repositories(
    http: httpx2.AsyncClient, api_url: str, token: str
) -> tuple[str, frozenset[str]]:
    """Return the user's login and the repositories they may write to through this App."""
    headers = {
        "accept": "application/vnd.github+json",
        "authorization": f"Bearer {token}",
        "x-github-api-version": "2022-11-28",
    }
    base = api_url.rstrip("/")
    user = await _get(http, base, "/user", headers)
    login = user.get("login")
    if not isinstance(login, str) or not login:
        raise GitHubError("GitHub's answer to GET /user lacks the login")
    writable: set[str] = set()
    for installation in await _pages(http, base, "/user/installations", "installations", headers):
        installation_id = installation.get("id")
        if not isinstance(installation_id, int):
            raise GitHubError("GitHub's answer to GET /user/installations lacks an id")
        path = f"/user/installations/{installation_id}/repositories"
        for repo in await _pages(http, base, path, "repositories", headers):
            name = repo.get("full_name")
            if isinstance(name, str) and can_write(repo.get("permissions")):
                writable.add(name)
    return login, frozenset(writable)


async def _pages(
    http: httpx2.AsyncClient, base: str, path: str, key: str, headers: dict[str, str]
) -> list[Mapping[str, Any]]:
    items: list[Mapping[str, Any]] = []
    for page in range(1, MAX_PAGES + 1):
        data = await _get(http, base, f"{path}?per_page={PER_PAGE}&page={page}", headers)
        batch = data.get(key)
        if not isinstance(batch, list):
            raise GitHubError(f"GitHub's answer to GET {path} lacks {key}")
        items.extend(item for item in batch if isinstance(item, Mapping))
        total = data.get("total_count")
        if len(batch) < PER_PAGE or (isinstance(total, int) and len(items) >= total):
            return items
    raise GitHubError(f"GET {path} lists more than {MAX_PAGES * PER_PAGE} entries")


async def _get(
    http: httpx2.AsyncClient, base: str, path: str, headers: dict[str, str]
) -> Mapping[str, Any]:
    where = f"GET {path.split('?')[0]}"
    try:
        response = await http.get(base + path, headers=headers)
    except httpx2.TransportError as exc:
        raise GitHubUnavailable(
            f"GitHub could not be reached for {where} ({type(exc).__name__})"
        ) from exc
    if response.status_code != 200:
        raise GitHubError(
            f"GitHub answered {response.status_code} to {where}", status=response.status_code
        )
    return _json_object(response, where)


def _json_object(response: httpx2.Response, where: str) -> Mapping[str, Any]:
    try:
        data = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise GitHubError(f"GitHub's answer to {where} is not JSON") from None
    if not isinstance(data, dict):
        raise GitHubError(f"GitHub's answer to {where} is not a JSON object")
    return data

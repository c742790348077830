"""Request and response plumbing shared by the fake GitHub's routes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse

from tests.fakes.github.state import GitHubState, IssuedToken, Repository

DOCS = "https://docs.github.com/rest"


@dataclass(frozen=True)
class Principal:
    """Who a request authenticated as: the App (JWT), an installation or a user (token), nobody."""

    kind: str
    installation_id: int | None = None
    token: IssuedToken | None = None
    login: str | None = None


class ApiError(Exception):
    """An error answer in GitHub's shape."""

    def __init__(
        self,
        status: int,
        message: str,
        errors: list[Any] | None = None,
        *,
        location: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors
        self.location = location


def error_response(
    status: int, message: str, errors: list[Any] | None = None, *, location: str | None = None
) -> JSONResponse:
    """Render an error the way GitHub does; a move carries the new address."""
    content: dict[str, Any] = {"message": message, "documentation_url": DOCS, "status": str(status)}
    if errors is not None:
        content["errors"] = errors
    if location is None:
        return JSONResponse(content, status_code=status)
    content["url"] = location
    return JSONResponse(content, status_code=status, headers={"location": location})


def state_of(request: Request) -> GitHubState:
    """Return the fake's state."""
    state: GitHubState = request.app.state.github
    return state


def principal_of(request: Request) -> Principal:
    """Return who the request authenticated as."""
    principal: Principal = request.scope["fake_github_principal"]
    return principal


def bot_login(request: Request) -> str:
    """Return the login of the App's bot, the author of what installations create."""
    return state_of(request).app.bot_login


async def json_body(request: Request) -> dict[str, Any]:
    """Return the request's JSON object body, or raise 400 as GitHub does."""
    raw = await request.body()
    try:
        body = json.loads(raw) if raw else {}
    except ValueError:
        raise ApiError(400, "Problems parsing JSON") from None
    if not isinstance(body, dict):
        raise ApiError(400, "Problems parsing JSON")
    return body


def repo_of(request: Request) -> Repository:
    """Return the repository in the path, if the installation may see it."""
    principal = principal_of(request)
    if principal.kind != "installation":
        raise ApiError(401, "Requires authentication")
    full_name = f"{request.path_params['owner']}/{request.path_params['repo']}"
    state = state_of(request)
    repo = state.repos.get(full_name)
    installation = state.installations.get(principal.installation_id or -1)
    if repo is None or installation is None or full_name not in installation.repositories:
        raise ApiError(404, "Not Found")
    return repo


def int_param(request: Request, name: str) -> int:
    """Return an integer path parameter."""
    value: int = request.path_params[name]
    return value


def paginate(request: Request, items: Sequence[Any]) -> JSONResponse:
    """Answer one page of ``items`` with GitHub's ``Link`` header."""
    chunk, headers = page_of(request, items)
    return JSONResponse(chunk, headers=headers)


def page_of(request: Request, items: Sequence[Any]) -> tuple[list[Any], dict[str, str]]:
    """Return one page of ``items`` (``page``, ``per_page``) and its ``Link`` header."""
    per_page = min(int(request.query_params.get("per_page", "30")), 100)
    page = max(int(request.query_params.get("page", "1")), 1)
    chunk = list(items[(page - 1) * per_page : page * per_page])
    last = max((len(items) + per_page - 1) // per_page, 1)
    links = []
    if page < last:
        links.append(f'<{_page_url(request, page + 1)}>; rel="next"')
        links.append(f'<{_page_url(request, last)}>; rel="last"')
    return chunk, {"link": ", ".join(links)} if links else {}


def _page_url(request: Request, page: int) -> str:
    query = dict(request.query_params)
    query["page"] = str(page)
    return str(request.url.replace(query=urlencode(query)))

"""GitHub's OAuth web flow and the endpoints a user access token reaches.

- ``GET /login/oauth/authorize``: with ``state.signed_in`` set to a login, GitHub's
  page redirects straight back to ``redirect_uri`` with a one-time ``code`` and the
  ``state`` (as GitHub does once the user has authorized the App); with nobody signed
  in it shows a sign-in page. An unknown ``client_id`` or a ``redirect_uri`` off this
  App's callback host is refused with GitHub's wording.
- ``POST /login/oauth/access_token``: a code, the client id and secret (form or JSON)
  become a user token; JSON when ``Accept: application/json``, else form-encoded. A
  wrong code answers 200 with ``error=bad_verification_code``, as GitHub does.
- ``GET /user``, ``GET /user/installations`` and
  ``GET /user/installations/{id}/repositories``: the installations and repositories the
  user reaches (any permission in ``Repository.permissions``), each repository with
  the user's ``permissions`` booleans.
"""

from __future__ import annotations

import json
import secrets
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from tests.fakes.github.protocol import ApiError, principal_of, state_of
from tests.fakes.github.routes_issues import repo_json
from tests.fakes.github.state import AppInfo, GitHubState, Repository, user_json

# Paths of GitHub's web host, not its REST API; browsers also ask it for a favicon.
WEB_PAGES = ("/login/oauth/", "/favicon.ico")
# The manifest conversion hands out the same pair (tests.fakes.github.routes_app).
CLIENT_SECRET = "fake-client-secret"
_RANKS = {"read": 1, "triage": 2, "write": 3, "maintain": 4, "admin": 5}


def client_id(app: AppInfo) -> str:
    """Return the App's OAuth client id."""
    return f"Iv1.{app.id:016x}"


def is_web_page(path: str) -> bool:
    """Say whether ``path`` is one of GitHub's web pages rather than a REST operation."""
    return path.startswith(WEB_PAGES)


async def authorize(request: Request) -> Response:
    """``GET /login/oauth/authorize``: back to the App with a code, or a sign-in page."""
    state = state_of(request)
    params = request.query_params
    if params.get("client_id") != client_id(state.app):
        return HTMLResponse("<h1>404</h1><p>The client_id is not known.</p>", status_code=404)
    redirect_uri = params.get("redirect_uri", "")
    if urlsplit(redirect_uri).scheme not in {"http", "https"}:
        return HTMLResponse(
            "<h1>Redirect URI mismatch</h1><p>The redirect_uri MUST match the registered "
            "callback URL for this application.</p>",
            status_code=400,
        )
    if state.signed_in is None:
        return HTMLResponse(
            "<!doctype html><title>Sign in to GitHub</title><h1>Sign in to GitHub</h1>"
            f"<p>to continue to {state.app.name}</p>"
        )
    code = secrets.token_hex(10)
    state.oauth_codes[code] = state.signed_in
    back = {"code": code, **({"state": params["state"]} if "state" in params else {})}
    separator = "&" if "?" in redirect_uri else "?"
    return RedirectResponse(f"{redirect_uri}{separator}{urlencode(back)}", status_code=302)


async def access_token(request: Request) -> Response:
    """``POST /login/oauth/access_token``: exchange a code for a user token (single use)."""
    state = state_of(request)
    raw = (await request.body()).decode()
    if request.headers.get("content-type", "").startswith("application/json"):
        fields = {k: str(v) for k, v in json.loads(raw or "{}").items()}
    else:
        fields = dict(parse_qsl(raw))
    fields.update(request.query_params)
    wants_json = "application/json" in request.headers.get("accept", "")
    if fields.get("client_id") != client_id(state.app) or fields.get("client_secret") != (
        CLIENT_SECRET
    ):
        answer = {"error": "incorrect_client_credentials", "error_description": "wrong client"}
    elif (login := state.oauth_codes.pop(fields.get("code", ""), None)) is None:
        answer = {
            "error": "bad_verification_code",
            "error_description": "The code passed is incorrect or expired.",
        }
    else:
        token = "ghu_" + secrets.token_hex(18)
        state.user_tokens[token] = login
        answer = {"access_token": token, "token_type": "bearer", "scope": ""}
    if wants_json:
        return JSONResponse(answer)
    return Response(urlencode(answer), media_type="application/x-www-form-urlencoded")


async def favicon(request: Request) -> Response:
    """``GET /favicon.ico``: what a browser asks for on the sign-in page; the fake has none."""
    del request
    return Response(status_code=404)


def _user(request: Request) -> str:
    principal = principal_of(request)
    if principal.kind != "user" or principal.login is None:
        raise ApiError(401, "Requires authentication")
    return principal.login


def _reachable(state: GitHubState, login: str) -> list[Repository]:
    return [repo for repo in state.repos.values() if repo.permissions.get(login) in _RANKS]


def _permissions(repo: Repository, login: str) -> dict[str, bool]:
    rank = _RANKS.get(repo.permissions.get(login, ""), 0)
    return {
        "admin": rank >= 5,
        "maintain": rank >= 4,
        "push": rank >= 3,
        "triage": rank >= 2,
        "pull": rank >= 1,
    }


def _page(request: Request, items: list[Any]) -> list[Any]:
    per_page = int(request.query_params.get("per_page", "30"))
    page = int(request.query_params.get("page", "1"))
    return items[(page - 1) * per_page : page * per_page]


async def get_user(request: Request) -> Response:
    """``GET /user``: the user the token belongs to."""
    return JSONResponse(user_json(_user(request)))


async def list_installations(request: Request) -> Response:
    """``GET /user/installations``: installations holding a repository the user reaches."""
    state = state_of(request)
    login = _user(request)
    names = {repo.full_name for repo in _reachable(state, login)}
    found = [
        {
            "id": installation.id,
            "account": user_json(installation.account),
            "app_id": state.app.id,
            "target_type": "Organization",
            "repository_selection": "selected",
        }
        for installation in state.installations.values()
        if names & set(installation.repositories)
    ]
    return JSONResponse({"total_count": len(found), "installations": _page(request, found)})


async def list_repositories(request: Request) -> Response:
    """``GET /user/installations/{id}/repositories``: with the user's permissions on each."""
    state = state_of(request)
    login = _user(request)
    installation = state.installations.get(request.path_params["installation_id"])
    reachable = {repo.full_name: repo for repo in _reachable(state, login)}
    if installation is None or not reachable.keys() & set(installation.repositories):
        raise ApiError(404, "Not Found")
    repos = [
        {**repo_json(reachable[name]), "permissions": _permissions(reachable[name], login)}
        for name in installation.repositories
        if name in reachable
    ]
    return JSONResponse(
        {
            "total_count": len(repos),
            "repository_selection": "selected",
            "repositories": _page(request, repos),
        }
    )


ROUTES = [
    Route("/login/oauth/authorize", authorize, methods=["GET"]),
    Route("/login/oauth/access_token", access_token, methods=["POST"]),
    Route("/favicon.ico", favicon, methods=["GET"]),
    Route("/user", get_user, methods=["GET"]),
    Route("/user/installations", list_installations, methods=["GET"]),
    Route(
        "/user/installations/{installation_id:int}/repositories",
        list_repositories,
        methods=["GET"],
    ),
]

"""App-level endpoints: the App itself, installation tokens, hook deliveries, manifests."""

from __future__ import annotations

import secrets
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fakes.github.access import LEVELS
from tests.fakes.github.protocol import (
    ApiError,
    json_body,
    principal_of,
    state_of,
)
from tests.fakes.github.routes_issues import repo_json
from tests.fakes.github.state import (
    WEB_URL,
    AppInfo,
    GitHubState,
    Installation,
    IssuedToken,
    iso,
    user_json,
)


def require_app(request: Request) -> None:
    """Refuse the request unless it carries a valid App JWT."""
    if principal_of(request).kind != "app":
        raise ApiError(401, "A JSON web token could not be decoded")


def app_json(app: AppInfo) -> dict[str, Any]:
    """Render the App."""
    return {
        "id": app.id,
        "slug": app.slug,
        "node_id": f"A_{app.id}",
        "name": app.name,
        "owner": user_json(app.owner),
        "html_url": f"{WEB_URL}/apps/{app.slug}",
        "permissions": dict(app.permissions),
        "events": ["issues", "issue_comment", "pull_request", "check_run"],
    }


async def get_app(request: Request) -> Response:
    """``GET /app``."""
    require_app(request)
    return JSONResponse(app_json(state_of(request).app))


async def get_user(request: Request) -> Response:
    """``GET /users/{login}``: any login exists, with a stable id."""
    return JSONResponse(user_json(request.path_params["login"]))


async def list_installations(request: Request) -> Response:
    """``GET /app/installations``."""
    require_app(request)
    state = state_of(request)
    return JSONResponse(
        [
            {"id": i.id, "account": user_json(i.account), "app_id": state.app.id}
            for i in state.installations.values()
        ]
    )


async def repo_installation(request: Request) -> Response:
    """``GET /repos/{owner}/{repo}/installation``."""
    require_app(request)
    state = state_of(request)
    full_name = f"{request.path_params['owner']}/{request.path_params['repo']}"
    for installation in state.installations.values():
        if full_name in installation.repositories:
            return JSONResponse({"id": installation.id, "account": user_json(installation.account)})
    raise ApiError(404, "Not Found")


async def create_access_token(request: Request) -> Response:
    """``POST /app/installations/{id}/access_tokens``."""
    require_app(request)
    state = state_of(request)
    installation_id: int = request.path_params["installation_id"]
    installation = state.installations.get(installation_id)
    if installation is None:
        raise ApiError(404, "Not Found")
    body = await json_body(request)
    repositories = _token_repositories(state, installation, body)
    permissions = _token_permissions(state.app, body.get("permissions"))
    token = f"ghs_{secrets.token_hex(18)}"
    expires_at = state.clock() + state.token_lifetime
    state.tokens[token] = IssuedToken(installation_id, expires_at, repositories, permissions)
    answer: dict[str, Any] = {
        "token": token,
        "expires_at": iso(expires_at),
        "permissions": permissions,
        "repository_selection": "selected",
    }
    if repositories is not None:
        answer["repositories"] = [repo_json(state.repos[name]) for name in repositories]
    return JSONResponse(answer, status_code=201)


def _token_repositories(
    state: GitHubState, installation: Installation, body: dict[str, Any]
) -> tuple[str, ...] | None:
    names, ids = body.get("repositories"), body.get("repository_ids")
    if names is None and ids is None:
        return None
    repos = [state.repos[full_name] for full_name in installation.repositories]
    unknown = set(names or []) - {r.name for r in repos} or set(ids or []) - {r.id for r in repos}
    if unknown:
        raise ApiError(
            422,
            "There is at least one repository that does not exist or is not accessible "
            "to the parent installation.",
        )
    return tuple(r.full_name for r in repos if r.name in (names or []) or r.id in (ids or []))


def _token_permissions(app: AppInfo, asked: Any) -> dict[str, str]:
    if asked is None:
        return dict(app.permissions)
    if not isinstance(asked, dict) or any(
        LEVELS.get(app.permissions.get(name, ""), 0) < LEVELS.get(level, 99)
        for name, level in asked.items()
    ):
        raise ApiError(422, "The permissions requested are not granted to this installation.")
    # Every token may read metadata, whatever else it was limited to.
    return {"metadata": "read", **asked}


async def list_deliveries(request: Request) -> Response:
    """``GET /app/hook/deliveries``, newest first, paginated by ``cursor``."""
    require_app(request)
    state = state_of(request)
    per_page = min(int(request.query_params.get("per_page", "30")), 100)
    newest_first = sorted(state.deliveries, key=lambda d: d.id, reverse=True)
    cursor = request.query_params.get("cursor")
    if cursor:
        newest_first = [d for d in newest_first if d.id <= int(cursor.removeprefix("v1_"))]
    page, rest = newest_first[:per_page], newest_first[per_page:]
    headers = {}
    if rest:
        next_url = request.url.include_query_params(per_page=per_page, cursor=f"v1_{rest[0].id}")
        headers["link"] = f'<{next_url}>; rel="next"'
    items = [
        {
            "id": d.id,
            "guid": d.guid,
            "delivered_at": iso(d.delivered_at),
            "redelivery": d.redelivery,
            "duration": 0.1,
            "status": "OK" if d.status_code < 400 else "Invalid HTTP Response",
            "status_code": d.status_code,
            "event": d.event,
            "action": d.action,
            "installation_id": d.installation_id,
            "repository_id": d.repository_id,
        }
        for d in page
    ]
    return JSONResponse(items, headers=headers)


async def redeliver(request: Request) -> Response:
    """``POST /app/hook/deliveries/{id}/attempts``."""
    require_app(request)
    state = state_of(request)
    delivery_id: int = request.path_params["delivery_id"]
    if not any(d.id == delivery_id for d in state.deliveries):
        raise ApiError(404, "Not Found")
    state.redelivered.append(delivery_id)
    return JSONResponse({}, status_code=202)


async def convert_manifest(request: Request) -> Response:
    """``POST /app-manifests/{code}/conversions``: codes are single-use."""
    state = state_of(request)
    code: str = request.path_params["code"]
    if code not in state.manifest_codes:
        raise ApiError(404, "Not Found")
    state.manifest_codes.discard(code)
    app = state.app
    return JSONResponse(
        {
            **app_json(app),
            "client_id": f"Iv1.{app.id:016x}",
            "client_secret": "fake-client-secret",
            "webhook_secret": app.webhook_secret,
            "pem": app.private_key_pem,
        },
        status_code=201,
    )


ROUTES = [
    Route("/app", get_app, methods=["GET"]),
    Route("/app/installations", list_installations, methods=["GET"]),
    Route("/users/{login}", get_user, methods=["GET"]),
    Route(
        "/app/installations/{installation_id:int}/access_tokens",
        create_access_token,
        methods=["POST"],
    ),
    Route("/app/hook/deliveries", list_deliveries, methods=["GET"]),
    Route("/app/hook/deliveries/{delivery_id:int}/attempts", redeliver, methods=["POST"]),
    Route("/app-manifests/{code}/conversions", convert_manifest, methods=["POST"]),
    Route("/repos/{owner}/{repo}/installation", repo_installation, methods=["GET"]),
]

"""A stateful fake GitHub REST API, as an ASGI app the real client talks to.

Serve it through ``httpx2.ASGITransport`` (``fake.transport()``) or over real HTTP
(``tests.fakes.servers.serve``). Requests are authenticated like GitHub does: App
endpoints need a JWT signed with the App's key (``fake.private_key_pem``), everything
else an installation token minted by ``POST /app/installations/{id}/access_tokens``,
limited to the repositories and permissions it was minted for.

Every request is checked against GitHub's REST description (``tests.fakes.github.openapi``)
and authentication rules (``tests.fakes.github.access``): an unknown path answers 404,
the wrong credential 401, a token without the repository 404 or the permission 403, bad
parameters or bodies 422, as GitHub does. Each such request is also kept in
``fake.violations``; the test session fails the test that sent it, unless the test takes
them with ``fake.take_violations()`` and asserts on them.

Tests seed and inspect ``fake.state``, queue failures on ``fake.faults`` and read every
request in ``fake.requests``. Between two calls of the code under test they can change
the world as people do:

- ``fake.state.close_pull(repo, number)``: the pull request (and its issue) is closed.
- ``fake.state.delete_branch(repo, branch)``: the open pull requests it heads are closed
  and every ``fake.state.branch_listeners`` callback is told (e.g. ``GitServer.delete_branch``
  through ``fake.delete_branches_in(git_server)``).
- ``fake.state.transfer_issue(repo, number, to_repo)``: the issue moves; its old address
  answers 301 with the new one in ``location`` and ``url``.
- ``fake.state.delete_issue(repo, number)``: its address answers 410.
- ``fake.state.repos[repo].drafts_allowed = False``: draft pull requests are refused with
  422 "Draft pull requests are not supported in this repository.", as on private
  repositories of GitHub Free.
- ``fake.faults.secondary_rate_limit(method, path, status=429, retry_after=None)``: the
  kinds of secondary rate limit GitHub answers.

``GitServer(root, password=..., access=fake.git_access)`` holds git to the same tokens:
a fetch needs ``contents: read``, a push ``contents: write``, on a repository the token
was minted for.

``fake.use_git_server(git_server)`` serves the Git Data API (blobs, trees, commits, refs)
from that server's bare repositories and applies ``fake.state.require_signed_commits``
to API ref updates and git pushes alike.

Routes, state and validation live in ``tests.fakes.github``.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import httpx2
import jwt as pyjwt
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Message, Receive, Scope, Send

from tests.fakes.git_server import GitServer
from tests.fakes.github import (
    contract,
    routes_app,
    routes_checks,
    routes_contents,
    routes_git,
    routes_issue_list,
    routes_issues,
    routes_pulls,
)
from tests.fakes.github.access import credential_problem, grants, scope_problem
from tests.fakes.github.contract import Refusal, Violation
from tests.fakes.github.faults import SECONDARY_LIMIT_MESSAGE, Fault, FaultKind, FaultQueue
from tests.fakes.github.protocol import ApiError, Principal, error_response
from tests.fakes.github.routes_contents import FileSource
from tests.fakes.github.routes_pulls import DiffSource
from tests.fakes.github.state import AppInfo, GitHubState
from tests.fakes.keys import new_private_key, to_pem

LIVE: weakref.WeakSet[FakeGitHub] = weakref.WeakSet()
RATE_LIMIT = 5000
# GitHub refuses App JWTs that claim to live longer than ten minutes.
MAX_JWT_LIFETIME = 600


class BranchStore(Protocol):
    """Where branches live, e.g. the git server's bare repositories."""

    def delete_branch(self, full_name: str, branch: str) -> None:
        """Delete a branch."""


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the fake received it, without its credentials."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    auth_scheme: str | None
    body: Any


class FakeGitHub:
    """The fake GitHub: an ASGI app over ``GitHubState`` with faults and a request log."""

    def __init__(
        self,
        *,
        app_id: int = 4242,
        clock: Callable[[], float] = time.time,
        diff_source: DiffSource | None = None,
        file_source: FileSource | None = None,
    ) -> None:
        key = new_private_key()
        self.private_key_pem = to_pem(key)
        self._public_key = key.public_key()
        self.state = GitHubState(
            app=AppInfo(id=app_id, private_key_pem=self.private_key_pem), clock=clock
        )
        self.faults = FaultQueue()
        self.requests: list[RecordedRequest] = []
        self.violations: list[Violation] = []
        self._request_ids = itertools.count(1)
        self._lock = threading.Lock()
        self._reset_at = int(clock()) + 3600
        self._router = Starlette(
            routes=[
                *routes_app.ROUTES,
                *routes_issues.ROUTES,
                *routes_pulls.ROUTES,
                *routes_checks.ROUTES,
                *routes_git.ROUTES,
                *routes_issue_list.ROUTES,
                *routes_contents.ROUTES,
            ],
            exception_handlers={ApiError: _api_error},
        )
        self._router.state.github = self.state
        self._router.state.diff_source = diff_source
        self._router.state.git_server = None
        self._router.state.file_source = file_source
        LIVE.add(self)

    def __repr__(self) -> str:
        return f"FakeGitHub(app_id={self.app_id})"

    @property
    def app_id(self) -> int:
        """Return the App's id."""
        return self.state.app.id

    def transport(self) -> httpx2.ASGITransport:
        """Return a transport that serves requests from this fake in-process."""
        return httpx2.ASGITransport(app=self)

    @property
    def validates(self) -> bool:
        """Say whether requests are checked against GitHub's REST description."""
        return contract.shared() is not None

    def take_violations(self) -> list[Violation]:
        """Return the contract violations so far and forget them (the test asserts on them)."""
        with self._lock:
            taken, self.violations = self.violations, []
        return taken

    def delete_branches_in(self, store: BranchStore) -> None:
        """Delete a branch in ``store`` too whenever a test deletes one in the fake."""
        self.state.branch_listeners.append(store.delete_branch)

    def use_git_server(self, server: GitServer) -> None:
        """Serve the Git Data API from ``server``'s bare repositories and hold its pushes to
        the branch protections in ``state`` ("require signed commits")."""
        self._router.state.git_server = server
        server.receive_rules = self._receive_rules

    def _receive_rules(self, repo: str) -> dict[str, str]:
        return {
            "FAKE_SIGNED_BRANCHES": json.dumps(self.state.signed_branches.get(repo, [])),
            "FAKE_SIGNED_COMMITS": json.dumps(sorted(self.state.signed_commits)),
            "FAKE_SIGNING_KEYS": json.dumps(self.state.signing_keys),
        }

    def git_access(self, token: str, repo: str, push: bool) -> int:
        """Decide a git request as GitHub does: 200, or 401, 404 or 403 (kept as a violation)."""
        issued = self.state.tokens.get(token)
        if issued is None or issued.expires_at <= self.state.clock():
            return 401
        installation = self.state.installations.get(issued.installation_id)
        if installation is None or repo not in installation.repositories:
            return 404
        need = "write" if push else "read"
        reason = None
        if issued.repositories is not None and repo not in issued.repositories:
            status, reason = 404, f"the token was minted without {repo}"
        elif not grants(issued.permissions, "contents", need):
            status, reason = (
                403,
                f"git needs contents: {need}; the token holds {issued.permissions}",
            )
        if reason is None:
            return 200
        direction = "push" if push else "fetch"
        with self._lock:
            self.violations.append(Violation("GIT", f"/{repo}.git", direction, status, reason))
        return status

    def requests_to(self, method: str, path: str) -> list[RecordedRequest]:
        """Return the recorded requests with this method and path."""
        return [r for r in self.requests if (r.method, r.path) == (method, path)]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one ASGI connection."""
        if scope["type"] != "http":
            await self._router(scope, receive, send)
            return
        body = await _read_body(receive)
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        method, path = scope["method"], scope["path"]
        query = scope["query_string"].decode()
        self._record(scope, headers, body)
        with self._lock:
            used = next(self._request_ids)
        extra = self._headers(used)
        checks = contract.shared()
        match = checks.match(method, path) if checks is not None else None
        refusal = match if isinstance(match, Refusal) else None
        try:
            principal = self._authenticate(headers.get("authorization"))
        except ApiError as exc:
            if refusal is None:
                await _answer(error_response(exc.status, exc.message), extra, scope, send)
                return
        else:
            scope["fake_github_principal"] = principal
            if checks is not None and match is not None and not isinstance(match, Refusal):
                refusal = (
                    credential_problem(match.operation, principal)
                    or scope_problem(match.operation, match.path_params, principal)
                    or checks.request_problem(match, query, body)
                )
        if refusal is not None:
            with self._lock:
                self.violations.append(
                    Violation(method, path, query, refusal.status, refusal.reason)
                )
            if refusal.status is not None:
                response = error_response(refusal.status, refusal.message)
                await _answer(response, extra, scope, send)
                return
        fault = self.faults.take(method, path)
        if fault is not None:
            await self._fire(fault, extra, scope, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    *message.get("headers", []),
                    *((k.encode(), v.encode()) for k, v in extra.items()),
                ]
            await send(message)

        await self._router(scope, _replay(body), send_with_headers)

    def _record(self, scope: Scope, headers: dict[str, str], body: bytes) -> None:
        authorization = headers.get("authorization", "")
        try:
            parsed = json.loads(body) if body else None
        except ValueError:
            parsed = body.decode("utf-8", "replace")
        self.requests.append(
            RecordedRequest(
                method=scope["method"],
                path=scope["path"],
                query=scope["query_string"].decode(),
                headers={k: v for k, v in headers.items() if k != "authorization"},
                auth_scheme=authorization.split(" ")[0].lower() if authorization else None,
                body=parsed,
            )
        )

    def _headers(self, used: int) -> dict[str, str]:
        return {
            "x-ratelimit-limit": str(RATE_LIMIT),
            "x-ratelimit-remaining": str(max(RATE_LIMIT - used, 0)),
            "x-ratelimit-reset": str(self._reset_at),
            "x-ratelimit-used": str(used),
            "x-ratelimit-resource": "core",
            "x-github-request-id": f"FAKE:{used:08X}",
        }

    def _authenticate(self, authorization: str | None) -> Principal:
        if not authorization:
            return Principal("anonymous")
        scheme, _, credential = authorization.partition(" ")
        if scheme.lower() == "bearer":
            return self._verify_jwt(credential)
        if scheme.lower() == "token":
            issued = self.state.tokens.get(credential)
            if issued is None or issued.expires_at <= self.state.clock():
                raise ApiError(401, "Bad credentials")
            return Principal("installation", issued.installation_id, issued)
        raise ApiError(401, "Bad credentials")

    def _verify_jwt(self, token: str) -> Principal:
        try:
            claims = pyjwt.decode(
                token,
                self._public_key,
                algorithms=["RS256"],
                options={"require": ["iat", "exp", "iss"]},
            )
        except pyjwt.PyJWTError:
            raise ApiError(401, "A JSON web token could not be decoded") from None
        if str(claims["iss"]) != str(self.app_id):
            raise ApiError(401, "Integration not found")
        if int(claims["exp"]) - int(claims["iat"]) > MAX_JWT_LIFETIME:
            raise ApiError(401, "'Expiration time' claim ('exp') is too far in the future")
        return Principal("app")

    async def _fire(self, fault: Fault, extra: dict[str, str], scope: Scope, send: Send) -> None:
        if fault.kind is FaultKind.DROP:
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"content-length", b"64")],
                }
            )
            # Over real HTTP the server closes the connection mid-answer; in-process the
            # transport re-raises, which the client sees as the same transport error.
            raise httpx2.RemoteProtocolError("fake GitHub dropped the connection")
        response = _fault_response(fault, extra, now=self.state.clock())
        await response(scope, _replay(b""), send)


async def _answer(response: Response, extra: dict[str, str], scope: Scope, send: Send) -> None:
    response.headers.update(extra)
    await response(scope, _replay(b""), send)


def _fault_response(fault: Fault, extra: dict[str, str], *, now: float) -> Response:
    headers = dict(extra)
    if fault.kind is FaultKind.SERVER_ERROR:
        response = JSONResponse({"message": "Server Error"}, status_code=fault.status)
    elif fault.kind is FaultKind.SECONDARY_RATE_LIMIT:
        response = error_response(fault.status, SECONDARY_LIMIT_MESSAGE)
        if fault.retry_after is not None:
            headers["retry-after"] = str(fault.retry_after)
    elif fault.kind is FaultKind.PRIMARY_RATE_LIMIT:
        response = error_response(403, "API rate limit exceeded for installation.")
        headers["x-ratelimit-remaining"] = "0"
        headers["x-ratelimit-reset"] = str(int(now) + fault.reset_in)
    else:
        response = error_response(422, fault.message)
    response.headers.update(headers)
    return response


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.message, exc.errors, location=exc.location)


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive

"""Listing a repository's issues, as GitHub pages them (pull requests included)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tests.fakes.github.protocol import ApiError, paginate, repo_of, state_of
from tests.fakes.github.routes_issues import issue_json

STATES = frozenset({"open", "closed", "all"})


async def list_issues(request: Request) -> Response:
    """``GET /repos/{owner}/{repo}/issues`` (``state``, ``creator``, ``direction``)."""
    repo = repo_of(request)
    state = state_of(request)
    wanted = request.query_params.get("state", "open")
    if wanted not in STATES:
        raise ApiError(422, "Validation Failed", [{"field": "state", "code": "invalid"}])
    creator = request.query_params.get("creator")
    issues = [
        issue
        for (name, _number), issue in sorted(state.issues.items())
        if name == repo.full_name
        and not issue.deleted
        and issue.moved_to is None
        and (wanted == "all" or issue.state == wanted)
        and (creator is None or issue.user.lower() == creator.lower())
    ]
    # GitHub's default order is newest first.
    if request.query_params.get("direction", "desc") == "desc":
        issues.reverse()
    return paginate(request, [issue_json(state, issue) for issue in issues])


ROUTES = [Route("/repos/{owner}/{repo}/issues", list_issues, methods=["GET"])]

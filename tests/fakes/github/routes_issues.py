"""Repository, issue, comment, reaction, label and collaborator endpoints."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fakes.github.protocol import (
    ApiError,
    bot_login,
    int_param,
    json_body,
    paginate,
    repo_of,
    state_of,
)
from tests.fakes.github.state import (
    WEB_URL,
    Comment,
    GitHubState,
    Issue,
    Label,
    Reaction,
    Repository,
    iso,
    user_json,
)

REACTIONS = frozenset({"+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"})
PERMISSIONS = ("admin", "maintain", "write", "triage", "read")


def repo_json(repo: Repository) -> dict[str, Any]:
    """Render a repository."""
    return {
        "id": repo.id,
        "name": repo.name,
        "full_name": repo.full_name,
        "owner": user_json(repo.owner),
        "private": True,
        "default_branch": repo.default_branch,
        "clone_url": repo.clone_url,
        "html_url": f"{WEB_URL}/{repo.full_name}",
    }


def issue_json(state: GitHubState, issue: Issue) -> dict[str, Any]:
    """Render an issue."""
    repo = state.repos[issue.repo]
    rendered: dict[str, Any] = {
        "id": issue.number * 1_000_003,
        "number": issue.number,
        "title": issue.title,
        "body": issue.body,
        "state": issue.state,
        "user": user_json(issue.user),
        "labels": labels_json(repo, issue),
        "html_url": f"{WEB_URL}/{issue.repo}/issues/{issue.number}",
        "comments": len(state.comments_on(issue.repo, issue.number)),
    }
    if issue.is_pull:
        rendered["pull_request"] = {"html_url": f"{WEB_URL}/{issue.repo}/pull/{issue.number}"}
    return rendered


def labels_json(repo: Repository, issue: Issue) -> list[dict[str, Any]]:
    """Render an issue's labels."""
    return [label_json(repo.labels.get(name) or Label(name)) for name in issue.labels]


def label_json(label: Label) -> dict[str, Any]:
    """Render a label."""
    return {"name": label.name, "color": label.color, "description": label.description}


def comment_json(comment: Comment) -> dict[str, Any]:
    """Render an issue comment."""
    return {
        "id": comment.id,
        "body": comment.body,
        "user": user_json(comment.user),
        "created_at": iso(comment.created_at),
        "updated_at": iso(comment.updated_at),
        "html_url": f"{WEB_URL}/{comment.repo}/issues/{comment.issue_number}"
        f"#issuecomment-{comment.id}",
        "issue_url": f"/repos/{comment.repo}/issues/{comment.issue_number}",
    }


def reaction_json(reaction: Reaction) -> dict[str, Any]:
    """Render a reaction."""
    return {"id": reaction.id, "content": reaction.content, "user": user_json(reaction.user)}


def issue_of(request: Request) -> Issue:
    """Return the issue in the path; a deleted one answers 410, a transferred one 301."""
    repo = repo_of(request)
    number = int_param(request, "number")
    issue = state_of(request).issues.get((repo.full_name, number))
    if issue is None:
        raise ApiError(404, "Not Found")
    if issue.deleted:
        raise ApiError(410, "This issue was deleted")
    if issue.moved_to is not None:
        # GitHub points at /repositories/{id}/issues/{n}, which its description does not
        # list; the repository address names the same issue.
        new_repo, new_number = issue.moved_to
        tail = request.url.path.split(f"/issues/{number}", 1)[1]
        location = str(request.base_url).rstrip("/") + f"/repos/{new_repo}/issues/{new_number}"
        raise ApiError(301, "Moved Permanently", location=location + tail)
    return issue


def comment_of(request: Request) -> Comment:
    """Return the comment in the path."""
    repo = repo_of(request)
    comment = state_of(request).comments.get(int_param(request, "comment_id"))
    if comment is None or comment.repo != repo.full_name:
        raise ApiError(404, "Not Found")
    return comment


async def get_repo(request: Request) -> Response:
    """``GET /repos/{owner}/{repo}``."""
    return JSONResponse(repo_json(repo_of(request)))


async def create_issue(request: Request) -> Response:
    """``POST /repos/{owner}/{repo}/issues``."""
    repo = repo_of(request)
    body = await json_body(request)
    if not isinstance(body.get("title"), str) or not body["title"]:
        raise ApiError(422, "Validation Failed", [{"field": "title", "code": "missing_field"}])
    state = state_of(request)
    issue = state.add_issue(
        repo.full_name,
        body["title"],
        body.get("body") or "",
        labels=list(body.get("labels", [])),
        user=bot_login(request),
    )
    return JSONResponse(issue_json(state, issue), status_code=201)


async def get_issue(request: Request) -> Response:
    """``GET /repos/{owner}/{repo}/issues/{number}``."""
    return JSONResponse(issue_json(state_of(request), issue_of(request)))


async def update_issue(request: Request) -> Response:
    """``PATCH /repos/{owner}/{repo}/issues/{number}``."""
    issue = issue_of(request)
    body = await json_body(request)
    if body.get("state", "open") not in {"open", "closed"}:
        raise ApiError(422, "Validation Failed", [{"field": "state", "code": "invalid"}])
    issue.title = body.get("title", issue.title)
    issue.body = body.get("body", issue.body)
    issue.state = body.get("state", issue.state)
    issue.labels = list(body.get("labels", issue.labels))
    return JSONResponse(issue_json(state_of(request), issue))


async def list_comments(request: Request) -> Response:
    """``GET /repos/{owner}/{repo}/issues/{number}/comments`` (``since`` filters)."""
    issue = issue_of(request)
    comments = state_of(request).comments_on(issue.repo, issue.number)
    since = request.query_params.get("since")
    if since:
        cutoff = datetime.fromisoformat(since).timestamp()
        comments = [c for c in comments if c.updated_at >= cutoff]
    return paginate(request, [comment_json(c) for c in comments])


async def create_comment(request: Request) -> Response:
    """``POST /repos/{owner}/{repo}/issues/{number}/comments``."""
    issue = issue_of(request)
    body = await json_body(request)
    if not isinstance(body.get("body"), str) or not body["body"]:
        raise ApiError(422, "Validation Failed", [{"field": "body", "code": "missing_field"}])
    comment = state_of(request).add_comment(
        issue.repo, issue.number, body["body"], user=bot_login(request)
    )
    return JSONResponse(comment_json(comment), status_code=201)


async def get_comment(request: Request) -> Response:
    """``GET /repos/{owner}/{repo}/issues/comments/{id}``."""
    return JSONResponse(comment_json(comment_of(request)))


async def update_comment(request: Request) -> Response:
    """``PATCH /repos/{owner}/{repo}/issues/comments/{id}``."""
    comment = comment_of(request)
    body = await json_body(request)
    if not isinstance(body.get("body"), str) or not body["body"]:
        raise ApiError(422, "Validation Failed", [{"field": "body", "code": "missing_field"}])
    comment.body = body["body"]
    comment.updated_at = state_of(request).clock()
    return JSONResponse(comment_json(comment))


async def delete_comment(request: Request) -> Response:
    """``DELETE /repos/{owner}/{repo}/issues/comments/{id}``."""
    comment = comment_of(request)
    del state_of(request).comments[comment.id]
    return Response(status_code=204)


async def react_in(request: Request, reactions: list[Reaction]) -> Response:
    """Add the App's reaction to a list of reactions; the same reaction twice is kept once."""
    body = await json_body(request)
    if body.get("content") not in REACTIONS:
        raise ApiError(422, "Validation Failed", [{"field": "content", "code": "invalid"}])
    user = bot_login(request)
    for existing in reactions:
        if (existing.content, existing.user) == (body["content"], user):
            return JSONResponse(reaction_json(existing), status_code=200)
    reaction = Reaction(state_of(request).next_id(), body["content"], user)
    reactions.append(reaction)
    return JSONResponse(reaction_json(reaction), status_code=201)


async def react_to_comment(request: Request) -> Response:
    """``POST /repos/{owner}/{repo}/issues/comments/{id}/reactions``."""
    return await react_in(request, comment_of(request).reactions)


async def react_to_issue(request: Request) -> Response:
    """``POST /repos/{owner}/{repo}/issues/{number}/reactions``."""
    return await react_in(request, issue_of(request).reactions)


async def list_comment_reactions(request: Request) -> Response:
    """``GET /repos/{owner}/{repo}/issues/comments/{id}/reactions``."""
    return paginate(request, [reaction_json(r) for r in comment_of(request).reactions])


async def add_labels(request: Request) -> Response:
    """``POST /repos/{owner}/{repo}/issues/{number}/labels``."""
    issue = issue_of(request)
    body = await json_body(request)
    labels = body.get("labels")
    if not isinstance(labels, list) or not all(isinstance(name, str) for name in labels):
        raise ApiError(422, "Validation Failed", [{"field": "labels", "code": "invalid"}])
    repo = state_of(request).repos[issue.repo]
    for name in labels:
        repo.labels.setdefault(name, Label(name))
        if name not in issue.labels:
            issue.labels.append(name)
    return JSONResponse(labels_json(repo, issue))


async def remove_label(request: Request) -> Response:
    """``DELETE /repos/{owner}/{repo}/issues/{number}/labels/{name}``."""
    issue = issue_of(request)
    name: str = request.path_params["name"]
    if name not in issue.labels:
        raise ApiError(404, "Label does not exist")
    issue.labels.remove(name)
    return JSONResponse(labels_json(state_of(request).repos[issue.repo], issue))


async def create_label(request: Request) -> Response:
    """``POST /repos/{owner}/{repo}/labels``."""
    repo = repo_of(request)
    body = await json_body(request)
    name = body.get("name")
    if not isinstance(name, str) or not name:
        raise ApiError(422, "Validation Failed", [{"field": "name", "code": "missing_field"}])
    if name in repo.labels:
        raise ApiError(
            422,
            "Validation Failed",
            [{"resource": "Label", "field": "name", "code": "already_exists"}],
        )
    label = Label(name, body.get("color", "ededed"), body.get("description", ""))
    repo.labels[name] = label
    return JSONResponse(label_json(label), status_code=201)


async def get_label(request: Request) -> Response:
    """``GET /repos/{owner}/{repo}/labels/{name}``."""
    label = repo_of(request).labels.get(request.path_params["name"])
    if label is None:
        raise ApiError(404, "Not Found")
    return JSONResponse(label_json(label))


async def collaborator_permission(request: Request) -> Response:
    """``GET /repos/{owner}/{repo}/collaborators/{user}/permission``."""
    repo = repo_of(request)
    user: str = request.path_params["user"]
    permission = repo.permissions.get(user, "none")
    # GitHub folds maintain into write and triage into read in ``permission``.
    legacy = {"maintain": "write", "triage": "read"}.get(permission, permission)
    return JSONResponse({"permission": legacy, "role_name": permission, "user": user_json(user)})


_ISSUE = "/repos/{owner}/{repo}/issues/{number:int}"
_COMMENT = "/repos/{owner}/{repo}/issues/comments/{comment_id:int}"
ROUTES = [
    Route("/repos/{owner}/{repo}", get_repo, methods=["GET"]),
    Route("/repos/{owner}/{repo}/issues", create_issue, methods=["POST"]),
    Route(_ISSUE, get_issue, methods=["GET"]),
    Route(_ISSUE, update_issue, methods=["PATCH"]),
    Route(f"{_ISSUE}/comments", list_comments, methods=["GET"]),
    Route(f"{_ISSUE}/comments", create_comment, methods=["POST"]),
    Route(f"{_ISSUE}/reactions", react_to_issue, methods=["POST"]),
    Route(f"{_ISSUE}/labels", add_labels, methods=["POST"]),
    Route(f"{_ISSUE}/labels/{{name}}", remove_label, methods=["DELETE"]),
    Route(_COMMENT, get_comment, methods=["GET"]),
    Route(_COMMENT, update_comment, methods=["PATCH"]),
    Route(_COMMENT, delete_comment, methods=["DELETE"]),
    Route(f"{_COMMENT}/reactions", react_to_comment, methods=["POST"]),
    Route(f"{_COMMENT}/reactions", list_comment_reactions, methods=["GET"]),
    Route("/repos/{owner}/{repo}/labels", create_label, methods=["POST"]),
    Route("/repos/{owner}/{repo}/labels/{name}", get_label, methods=["GET"]),
    Route(
        "/repos/{owner}/{repo}/collaborators/{user}/permission",
        collaborator_permission,
        methods=["GET"],
    ),
]

"""Pull request, review and review comment endpoints."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
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
from tests.fakes.github.routes_issues import react_in
from tests.fakes.github.state import (
    WEB_URL,
    GitHubState,
    Pull,
    Review,
    ReviewComment,
    iso,
    user_json,
)
from tests.fakes.github.validation import review_comment_problems

DiffSource = Callable[[str, str, str], str]
DRAFTS_UNSUPPORTED = "Draft pull requests are not supported in this repository."
REVIEW_EVENTS = {
    "COMMENT": "COMMENTED",
    "APPROVE": "APPROVED",
    "REQUEST_CHANGES": "CHANGES_REQUESTED",
}


def pull_json(pull: Pull) -> dict[str, Any]:
    """Render a pull request."""
    owner = pull.repo.split("/")[0]
    return {
        "id": pull.number * 1_000_033,
        "number": pull.number,
        "title": pull.title,
        "body": pull.body,
        "state": pull.state,
        "draft": pull.draft,
        "user": user_json(pull.user),
        "head": {"ref": pull.head, "sha": pull.head_sha, "label": f"{owner}:{pull.head}"},
        "base": {"ref": pull.base, "label": f"{owner}:{pull.base}"},
        "html_url": f"{WEB_URL}/{pull.repo}/pull/{pull.number}",
    }


def review_comment_json(comment: ReviewComment) -> dict[str, Any]:
    """Render a review comment."""
    return {
        "id": comment.id,
        "pull_request_review_id": comment.review_id,
        "in_reply_to_id": comment.in_reply_to_id,
        "path": comment.path,
        "line": comment.line or None,
        "original_line": comment.original_line or comment.line or None,
        "created_at": iso(comment.created_at),
        "side": comment.side,
        "start_line": comment.start_line,
        "body": comment.body,
        "user": user_json(comment.user),
        "commit_id": comment.commit_id,
    }


def review_json(review: Review) -> dict[str, Any]:
    """Render a review."""
    return {
        "id": review.id,
        "body": review.body,
        "state": review.state,
        "commit_id": review.commit_id,
        "user": user_json(review.user),
        "submitted_at": iso(review.submitted_at) if review.submitted_at is not None else None,
        "html_url": f"{WEB_URL}/{review.repo}/pull/{review.pull_number}"
        f"#pullrequestreview-{review.id}",
    }


def pull_of(request: Request) -> Pull:
    """Return the pull request in the path."""
    repo = repo_of(request)
    pull = state_of(request).pulls.get((repo.full_name, int_param(request, "number")))
    if pull is None:
        raise ApiError(404, "Not Found")
    return pull


def diff_of(request: Request, pull: Pull) -> str:
    """Return the pull request's diff: set by the test, or computed by the git server."""
    if pull.diff is not None:
        return pull.diff
    source: DiffSource | None = request.app.state.diff_source
    return source(pull.repo, pull.base, pull.head) if source else ""


async def create_pull(request: Request) -> Response:
    """``POST /repos/{owner}/{repo}/pulls``."""
    repo = repo_of(request)
    body = await json_body(request)
    missing = [key for key in ("title", "head", "base") if not isinstance(body.get(key), str)]
    if missing:
        raise ApiError(
            422, "Validation Failed", [{"field": k, "code": "missing_field"} for k in missing]
        )
    if body.get("draft") and not repo.drafts_allowed:
        raise ApiError(
            422,
            "Validation Failed",
            [
                {
                    "resource": "PullRequest",
                    "code": "custom",
                    "message": DRAFTS_UNSUPPORTED,
                }
            ],
        )
    head = body["head"].split(":")[-1]
    state = state_of(request)
    for pull in state.pulls.values():
        if (pull.repo, pull.head, pull.state) == (repo.full_name, head, "open"):
            raise ApiError(
                422,
                "Validation Failed",
                [
                    {
                        "resource": "PullRequest",
                        "code": "custom",
                        "message": f"A pull request already exists for {repo.owner}:{head}.",
                    }
                ],
            )
    issue = state.add_issue(
        repo.full_name, body["title"], body.get("body") or "", user=bot_login(request), is_pull=True
    )
    pull = Pull(
        repo=repo.full_name,
        number=issue.number,
        title=body["title"],
        head=head,
        base=body["base"],
        body=body.get("body") or "",
        draft=bool(body.get("draft", False)),
        user=bot_login(request),
    )
    state.pulls[(repo.full_name, pull.number)] = pull
    return JSONResponse(pull_json(pull), status_code=201)


async def list_pulls(request: Request) -> Response:
    """``GET /repos/{owner}/{repo}/pulls`` (``head=owner:branch``, ``state`` filter)."""
    repo = repo_of(request)
    wanted_state = request.query_params.get("state", "open")
    head = request.query_params.get("head")
    pulls = [
        pull
        for pull in state_of(request).pulls.values()
        if pull.repo == repo.full_name
        and wanted_state in {"all", pull.state}
        and (head is None or head.split(":")[-1] == pull.head)
    ]
    return paginate(request, [pull_json(p) for p in pulls])


async def get_pull(request: Request) -> Response:
    """``GET /repos/{owner}/{repo}/pulls/{number}``; the diff media type answers the diff."""
    pull = pull_of(request)
    if "diff" in request.headers.get("accept", ""):
        return PlainTextResponse(diff_of(request, pull))
    return JSONResponse(pull_json(pull))


async def update_pull(request: Request) -> Response:
    """``PATCH /repos/{owner}/{repo}/pulls/{number}``."""
    pull = pull_of(request)
    body = await json_body(request)
    pull.title = body.get("title", pull.title)
    pull.body = body.get("body", pull.body)
    pull.state = body.get("state", pull.state)
    pull.base = body.get("base", pull.base)
    issue = state_of(request).issues[(pull.repo, pull.number)]
    issue.title, issue.body, issue.state = pull.title, pull.body, pull.state
    return JSONResponse(pull_json(pull))


async def create_review(request: Request) -> Response:
    """``POST /repos/{owner}/{repo}/pulls/{number}/reviews``; comments must be on the diff."""
    pull = pull_of(request)
    body = await json_body(request)
    event = body.get("event", "COMMENT")
    if event not in REVIEW_EVENTS:
        raise ApiError(422, "Validation Failed", [{"field": "event", "code": "invalid"}])
    comments = body.get("comments", [])
    problems = review_comment_problems(comments, diff_of(request, pull))
    if problems:
        raise ApiError(422, "Unprocessable Entity", problems)
    state = state_of(request)
    review = Review(
        id=state.next_id(),
        repo=pull.repo,
        pull_number=pull.number,
        commit_id=body.get("commit_id", pull.head_sha),
        body=body.get("body", ""),
        state=REVIEW_EVENTS[event],
        user=bot_login(request),
        submitted_at=state.clock(),
    )
    review.comments = [_review_comment(state, review, c) for c in comments]
    state.reviews[review.id] = review
    return JSONResponse(review_json(review))


def _review_comment(state: GitHubState, review: Review, comment: dict[str, Any]) -> ReviewComment:
    return ReviewComment(
        id=state.next_id(),
        repo=review.repo,
        pull_number=review.pull_number,
        review_id=review.id,
        path=comment["path"],
        line=comment["line"],
        side=comment.get("side", "RIGHT"),
        start_line=comment.get("start_line"),
        body=comment.get("body", ""),
        user=review.user,
        commit_id=review.commit_id,
    )


async def list_reviews(request: Request) -> Response:
    """``GET /repos/{owner}/{repo}/pulls/{number}/reviews``."""
    pull = pull_of(request)
    reviews = state_of(request).reviews_on(pull.repo, pull.number)
    return paginate(request, [review_json(r) for r in reviews])


async def list_review_comments(request: Request) -> Response:
    """``GET /repos/{owner}/{repo}/pulls/{number}/comments``."""
    pull = pull_of(request)
    comments = [c for r in state_of(request).reviews_on(pull.repo, pull.number) for c in r.comments]
    return paginate(request, [review_comment_json(c) for c in comments])


def review_comment_of(request: Request) -> ReviewComment:
    """Return the inline review comment in the path."""
    repo = repo_of(request)
    comment = state_of(request).review_comment(int_param(request, "comment_id"))
    if comment is None or comment.repo != repo.full_name:
        raise ApiError(404, "Not Found")
    return comment


async def get_review_comment(request: Request) -> Response:
    """``GET /repos/{owner}/{repo}/pulls/comments/{comment_id}``."""
    return JSONResponse(review_comment_json(review_comment_of(request)))


async def react_to_review_comment(request: Request) -> Response:
    """``POST /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions``."""
    return await react_in(request, review_comment_of(request).reactions)


async def reply_to_review_comment(request: Request) -> Response:
    """``POST /repos/{owner}/{repo}/pulls/{number}/comments/{comment_id}/replies``."""
    body = await json_body(request)
    return _reply(request, pull_of(request), review_comment_of(request), body)


async def create_review_comment(request: Request) -> Response:
    """``POST /repos/{owner}/{repo}/pulls/{number}/comments``: a reply, or a comment on the diff."""
    pull = pull_of(request)
    body = await json_body(request)
    state = state_of(request)
    if body.get("in_reply_to") is not None:
        parent = state.review_comment(int(body["in_reply_to"]))
        if parent is None or parent.repo != pull.repo:
            raise ApiError(404, "Not Found")
        return _reply(request, pull, parent, body)
    problems = review_comment_problems([body], diff_of(request, pull))
    if problems:
        raise ApiError(422, "Unprocessable Entity", problems)
    review = _review(request, pull, str(body.get("commit_id", pull.head_sha)))
    comment = _review_comment(state, review, body)
    review.comments.append(comment)
    state.reviews[review.id] = review
    return JSONResponse(review_comment_json(comment), status_code=201)


def _review(request: Request, pull: Pull, commit_id: str) -> Review:
    state = state_of(request)
    return Review(
        state.next_id(),
        pull.repo,
        pull.number,
        commit_id,
        "",
        "COMMENTED",
        bot_login(request),
        submitted_at=state.clock(),
    )


def _reply(request: Request, pull: Pull, parent: ReviewComment, body: dict[str, Any]) -> Response:
    if parent.pull_number != pull.number:
        raise ApiError(404, "Not Found")
    if parent.in_reply_to_id is not None:
        raise ApiError(422, "Validation Failed", [{"message": "replies to replies are refused"}])
    state = state_of(request)
    review = _review(request, pull, parent.commit_id)
    reply = ReviewComment(
        state.next_id(),
        pull.repo,
        pull.number,
        review.id,
        parent.path,
        parent.line,
        parent.side,
        None,
        body.get("body", ""),
        review.user,
        parent.commit_id,
        created_at=state.clock(),
        in_reply_to_id=parent.id,
    )
    review.comments.append(reply)
    state.reviews[review.id] = review
    return JSONResponse(review_comment_json(reply), status_code=201)


async def update_review_comment(request: Request) -> Response:
    """``PATCH /repos/{owner}/{repo}/pulls/comments/{comment_id}``: only its author may."""
    comment = review_comment_of(request)
    body = await json_body(request)
    if not isinstance(body.get("body"), str):
        raise ApiError(422, "Validation Failed", [{"field": "body", "code": "missing_field"}])
    if comment.user != bot_login(request):
        raise ApiError(403, "Resource not accessible by integration")
    comment.body = body["body"]
    return JSONResponse(review_comment_json(comment))


_PULL = "/repos/{owner}/{repo}/pulls/{number:int}"
ROUTES = [
    Route("/repos/{owner}/{repo}/pulls", create_pull, methods=["POST"]),
    Route("/repos/{owner}/{repo}/pulls", list_pulls, methods=["GET"]),
    Route(_PULL, get_pull, methods=["GET"]),
    Route(_PULL, update_pull, methods=["PATCH"]),
    Route(f"{_PULL}/reviews", create_review, methods=["POST"]),
    Route(f"{_PULL}/reviews", list_reviews, methods=["GET"]),
    Route(f"{_PULL}/comments", list_review_comments, methods=["GET"]),
    Route(f"{_PULL}/comments", create_review_comment, methods=["POST"]),
    Route(
        f"{_PULL}/comments/{{comment_id:int}}/replies", reply_to_review_comment, methods=["POST"]
    ),
    Route(
        "/repos/{owner}/{repo}/pulls/comments/{comment_id:int}",
        get_review_comment,
        methods=["GET"],
    ),
    Route(
        "/repos/{owner}/{repo}/pulls/comments/{comment_id:int}/reactions",
        react_to_review_comment,
        methods=["POST"],
    ),
    Route(
        "/repos/{owner}/{repo}/pulls/comments/{comment_id:int}",
        update_review_comment,
        methods=["PATCH"],
    ),
]

"""Route pull request reviews and inline review comments that hold a command line.

A review body (``pull_request_review.submitted``) and an inline review comment
(``pull_request_review_comment.created``) are read with the same grammar as an issue
comment and queue the same command job; the job's ``source`` tells the worker where
to react and reply.
"""

from __future__ import annotations

from gidgethub import routing, sansio

from pace_app.domain.commands import command_body
from pace_app.domain.jobs import Command, RepoRef
from pace_app.github.events import PullRequestReviewCommentEvent, PullRequestReviewEvent, parse
from pace_app.handlers.comments import queue_command
from pace_app.handlers.plan import Plan

router = routing.Router()


@router.register("pull_request_review", action="submitted")
async def on_review(event: sansio.Event, plan: Plan) -> None:
    """Turn a review whose body holds a command line into a command job."""
    payload = parse(PullRequestReviewEvent, event.data)
    body = command_body(payload.review.body or "")
    author = payload.review.user or payload.sender
    if body is None or author is None:
        plan.skip("review has no command line")
        return
    assert payload.installation is not None
    command = Command(
        installation_id=payload.installation.id,
        repo=RepoRef.of(payload.repository),
        issue_number=payload.pull_request.number,
        is_pull_request=True,
        comment_id=payload.review.id,
        body=body,
        author=author.login,
        delivery_id=event.delivery_id,
        source="review",
    )
    queue_command(plan, command)


@router.register("pull_request_review_comment", action="created")
async def on_review_comment(event: sansio.Event, plan: Plan) -> None:
    """Turn an inline review comment holding a command line into a command job."""
    payload = parse(PullRequestReviewCommentEvent, event.data)
    body = command_body(payload.comment.body)
    if body is None:
        plan.skip("review comment has no command line")
        return
    assert payload.installation is not None
    command = Command(
        installation_id=payload.installation.id,
        repo=RepoRef.of(payload.repository),
        issue_number=payload.pull_request.number,
        is_pull_request=True,
        comment_id=payload.comment.id,
        body=body,
        author=payload.comment.user.login,
        delivery_id=event.delivery_id,
        source="review_comment",
        thread_id=payload.comment.in_reply_to_id or payload.comment.id,
    )
    queue_command(plan, command)

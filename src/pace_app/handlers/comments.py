"""Route ``issue_comment`` events: comments starting with ``/pace`` become commands."""

from __future__ import annotations

import dataclasses
import re

from gidgethub import routing, sansio

from pace_app.domain.jobs import Command, RepoRef, story_group, to_new_job
from pace_app.github.events import IssueCommentEvent, parse
from pace_app.handlers.plan import Plan

router = routing.Router()

_COMMAND = re.compile(r"\A\s*/pace(?:\s|\Z)")
MAX_COMMAND_LENGTH = 10_000


def is_command(body: str) -> bool:
    """Say whether a comment body is a ``/pace`` command."""
    return _COMMAND.match(body) is not None


@router.register("issue_comment", action="created")
async def on_comment(event: sansio.Event, plan: Plan) -> None:
    """Turn a ``/pace`` comment into a command job."""
    payload = parse(IssueCommentEvent, event.data)
    if not is_command(payload.comment.body):
        plan.skip("comment is not a /pace command")
        return
    assert payload.installation is not None
    command = Command(
        installation_id=payload.installation.id,
        repo=RepoRef.of(payload.repository),
        issue_number=payload.issue.number,
        is_pull_request=payload.issue.is_pull_request,
        comment_id=payload.comment.id,
        body=payload.comment.body[:MAX_COMMAND_LENGTH],
        author=payload.comment.user.login,
        delivery_id=event.delivery_id,
    )
    group = story_group(payload.repository.full_name, payload.issue.number)
    job = to_new_job(command, group_key=group)
    # Keyed on the comment, not the delivery: a replayed comment never runs twice.
    plan.jobs.append(dataclasses.replace(job, idempotency_key=command_key(command.comment_id)))


def command_key(comment_id: int) -> str:
    """Return the idempotency key of the command job a comment produces."""
    return f"command:comment:{comment_id}"

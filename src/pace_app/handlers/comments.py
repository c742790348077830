"""Route ``issue_comment`` events: comments with a ``/<word>`` command line become commands.

The command word is the repository's choice, so intake queues any word-shaped one and
the worker keeps only the configured word (docs/adr/006-configurable-conventions.md).
"""

from __future__ import annotations

import dataclasses

from gidgethub import routing, sansio

from pace_app.domain.commands import command_body
from pace_app.domain.jobs import Command, RepoRef, story_group, to_new_job
from pace_app.github.events import IssueCommentEvent, parse
from pace_app.handlers.plan import Plan

router = routing.Router()

NOT_A_COMMAND = "comment has no command line"


@router.register("issue_comment", action="created")
async def on_comment(event: sansio.Event, plan: Plan) -> None:
    """Turn a comment with a command line into a command job."""
    payload = parse(IssueCommentEvent, event.data)
    body = command_body(payload.comment.body)
    if body is None:
        plan.skip(NOT_A_COMMAND)
        return
    assert payload.installation is not None
    command = Command(
        installation_id=payload.installation.id,
        repo=RepoRef.of(payload.repository),
        issue_number=payload.issue.number,
        is_pull_request=payload.issue.is_pull_request,
        comment_id=payload.comment.id,
        body=body,
        author=payload.comment.user.login,
        delivery_id=event.delivery_id,
    )
    queue_command(plan, command)


def queue_command(plan: Plan, command: Command) -> None:
    """Add the job for a command, whatever held it, to the story's group."""
    group = story_group(command.repo.full_name, command.issue_number)
    job = to_new_job(command, group_key=group)
    # Keyed on what held the command, not the delivery: a replayed comment never runs twice.
    plan.jobs.append(dataclasses.replace(job, idempotency_key=command_key(command)))


def command_key(command: Command) -> str:
    """Return the idempotency key of a command job: its source and that source's id."""
    return f"command:{command.source}:{command.comment_id}"

"""Route ``issues`` events: a label may start a run; unlabel and close may cancel it.

Which label is the trigger is the repository's choice, written in a config file the
request path cannot read, so every label except the App's status labels is queued
and the worker decides (docs/adr/006-configurable-conventions.md).
"""

from __future__ import annotations

from gidgethub import routing, sansio

from pace_app.domain.jobs import RepoRef, StoryCancel, StoryStart, story_group, to_new_job
from pace_app.domain.labels import is_status_label
from pace_app.github.events import IssuesEvent, parse
from pace_app.handlers.plan import Plan

router = routing.Router()

STATUS_LABEL = "label is a PACE status label"


@router.register("issues", action="labeled")
async def on_labeled(event: sansio.Event, plan: Plan) -> None:
    """Queue a story start for a label that may be the repository's trigger."""
    payload = parse(IssuesEvent, event.data)
    label = payload.label.name if payload.label else None
    if label is None or is_status_label(label):
        plan.skip(STATUS_LABEL if label else "no label in payload")
        return
    if payload.issue.state != "open":
        plan.skip("issue is closed")
        return
    start = StoryStart(
        installation_id=_installation(payload),
        repo=RepoRef.of(payload.repository),
        issue_number=payload.issue.number,
        issue_title=payload.issue.title,
        sender=payload.sender.login if payload.sender else "",
        delivery_id=event.delivery_id,
        label=label,
    )
    group = story_group(payload.repository.full_name, payload.issue.number)
    plan.jobs.append(to_new_job(start, group_key=group))


@router.register("issues", action="unlabeled")
async def on_unlabeled(event: sansio.Event, plan: Plan) -> None:
    """Queue a cancel for a removed label that may be the repository's trigger."""
    payload = parse(IssuesEvent, event.data)
    label = payload.label.name if payload.label else None
    if label is None or is_status_label(label):
        plan.skip(STATUS_LABEL if label else "no label in payload")
        return
    _cancel(event, payload, plan, reason="label removed", label=label)


@router.register("issues", action="closed")
async def on_closed(event: sansio.Event, plan: Plan) -> None:
    """Queue a cancel for a closed issue that carries a label that may be the trigger."""
    payload = parse(IssuesEvent, event.data)
    if all(is_status_label(label.name) for label in payload.issue.labels):
        plan.skip("closed issue is not a story")
        return
    _cancel(event, payload, plan, reason="issue closed", label="")


def _cancel(
    event: sansio.Event, payload: IssuesEvent, plan: Plan, *, reason: str, label: str
) -> None:
    cancel = StoryCancel(
        installation_id=_installation(payload),
        repo=RepoRef.of(payload.repository),
        issue_number=payload.issue.number,
        reason=reason,
        sender=payload.sender.login if payload.sender else "",
        delivery_id=event.delivery_id,
        label=label,
    )
    plan.jobs.append(to_new_job(cancel))


def _installation(payload: IssuesEvent) -> int:
    # The envelope check in routing guarantees an installation before handlers run.
    assert payload.installation is not None
    return payload.installation.id

"""Route ``issues`` events: the story label starts runs; unlabel and close cancel."""

from __future__ import annotations

from gidgethub import routing, sansio

from pace_app.domain.jobs import RepoRef, StoryCancel, StoryStart, story_group, to_new_job
from pace_app.domain.labels import STORY, is_story_label
from pace_app.github.events import IssuesEvent, parse
from pace_app.handlers.plan import Plan

router = routing.Router()


@router.register("issues", action="labeled")
async def on_labeled(event: sansio.Event, plan: Plan) -> None:
    """Start a story when the story label is added."""
    payload = parse(IssuesEvent, event.data)
    if not is_story_label(payload.label.name if payload.label else None):
        plan.skip(f"label is not {STORY}")
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
    )
    group = story_group(payload.repository.full_name, payload.issue.number)
    plan.jobs.append(to_new_job(start, group_key=group))


@router.register("issues", action="unlabeled")
async def on_unlabeled(event: sansio.Event, plan: Plan) -> None:
    """Cancel the story when the story label is removed."""
    payload = parse(IssuesEvent, event.data)
    if not is_story_label(payload.label.name if payload.label else None):
        plan.skip(f"label is not {STORY}")
        return
    _cancel(event, payload, plan, reason="label removed")


@router.register("issues", action="closed")
async def on_closed(event: sansio.Event, plan: Plan) -> None:
    """Cancel the story when its issue is closed."""
    payload = parse(IssuesEvent, event.data)
    if not any(is_story_label(label.name) for label in payload.issue.labels):
        plan.skip("closed issue is not a story")
        return
    _cancel(event, payload, plan, reason="issue closed")


def _cancel(event: sansio.Event, payload: IssuesEvent, plan: Plan, *, reason: str) -> None:
    cancel = StoryCancel(
        installation_id=_installation(payload),
        repo=RepoRef.of(payload.repository),
        issue_number=payload.issue.number,
        reason=reason,
        sender=payload.sender.login if payload.sender else "",
        delivery_id=event.delivery_id,
    )
    plan.jobs.append(to_new_job(cancel))


def _installation(payload: IssuesEvent) -> int:
    # The envelope check in routing guarantees an installation before handlers run.
    assert payload.installation is not None
    return payload.installation.id

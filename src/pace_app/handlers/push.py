"""Route ``push`` events that change ``plan.yaml`` on the default branch to a plan sync.

Whether the repository wants its plan synced is its ``pace.config.yaml`` at the pushed
commit, read by the job from git (the request path reads nothing); here only the
branch and the files the commits touched decide. GitHub lists at most 2,048 commits
in a push; a push that big with the plan among the rest is not noticed, and the next
one that changes the plan syncs it.
"""

from __future__ import annotations

from gidgethub import routing, sansio
from pydantic import BaseModel, ConfigDict, Field

from pace_app.domain.jobs import PlanSync, RepoRef, to_new_job
from pace_app.github.events import Envelope, Repository, parse
from pace_app.handlers.plan import Plan
from pace_app.plans.plan import PLAN_PATHS

router = routing.Router()

_ZERO_SHA = "0" * 40


class PushCommit(BaseModel):
    """The files one pushed commit touched."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    added: tuple[str, ...] = ()
    modified: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


class PushEvent(Envelope):
    """``push`` deliveries."""

    ref: str
    after: str = Field(pattern=r"^[0-9a-f]{40}$")
    deleted: bool = False
    commits: tuple[PushCommit, ...] = ()
    head_commit: PushCommit | None = None
    repository: Repository


def touches_plan(commits: tuple[PushCommit, ...]) -> bool:
    """Say whether any commit added, changed or removed a plan file."""
    return any(
        path in PLAN_PATHS
        for commit in commits
        for path in (*commit.added, *commit.modified, *commit.removed)
    )


@router.register("push")
async def on_push(event: sansio.Event, plan: Plan) -> None:
    """Queue a plan sync for a push to the default branch that changes the plan."""
    payload = parse(PushEvent, event.data)
    branch = payload.repository.default_branch
    if payload.deleted or payload.after == _ZERO_SHA:
        plan.skip("the push deleted a branch")
        return
    if payload.ref != f"refs/heads/{branch}":
        plan.skip(f"push to {payload.ref}, not the default branch")
        return
    commits = payload.commits + ((payload.head_commit,) if payload.head_commit else ())
    if not touches_plan(commits):
        plan.skip("the push does not change plan.yaml")
        return
    assert payload.installation is not None  # routing ignores deliveries without one
    sync = PlanSync(
        installation_id=payload.installation.id,
        repo=RepoRef.of(payload.repository),
        head_sha=payload.after,
        sender=payload.sender.login if payload.sender else "",
        delivery_id=event.delivery_id,
    )
    plan.jobs.append(to_new_job(sync, group_key=f"plan:{payload.repository.full_name}"))

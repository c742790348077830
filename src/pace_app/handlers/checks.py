"""Route ``check_run`` events: re-run buttons on the app's own check runs."""

from __future__ import annotations

from gidgethub import routing, sansio

from pace_app.domain.jobs import CheckRerun, RepoRef, to_new_job
from pace_app.github.events import CheckRunEvent, parse
from pace_app.handlers.plan import Plan

router = routing.Router()

CHECK_PREFIX = "PACE / "


@router.register("check_run", action="rerequested")
@router.register("check_run", action="requested_action")
async def on_rerun(event: sansio.Event, plan: Plan) -> None:
    """Re-run the agent behind one of our check runs."""
    payload = parse(CheckRunEvent, event.data)
    check = payload.check_run
    ours = check.name.startswith(CHECK_PREFIX) and (
        plan.app_id is None or (check.app is not None and check.app.id == plan.app_id)
    )
    if not ours:
        plan.skip("check run belongs to another app")
        return
    assert payload.installation is not None
    rerun = CheckRerun(
        installation_id=payload.installation.id,
        repo=RepoRef.of(payload.repository),
        check_run_id=check.id,
        check_name=check.name,
        head_sha=check.head_sha,
        action=str(payload.action),
        requested_action=(
            payload.requested_action.identifier if payload.requested_action else None
        ),
        sender=payload.sender.login if payload.sender else "",
        delivery_id=event.delivery_id,
        pr_number=check.pull_requests[0].number if check.pull_requests else None,
    )
    plan.jobs.append(to_new_job(rerun))

"""Route ``installation`` and ``installation_repositories`` events to be recorded."""

from __future__ import annotations

from gidgethub import routing, sansio

from pace_app.domain.jobs import InstallationSync, to_new_job
from pace_app.github.events import InstallationEvent, InstallationRepositoriesEvent, parse
from pace_app.handlers.plan import Plan

router = routing.Router()


@router.register("installation")
async def on_installation(event: sansio.Event, plan: Plan) -> None:
    """Record an installation created, deleted, suspended or changed."""
    payload = parse(InstallationEvent, event.data)
    sync = InstallationSync(
        installation_id=payload.installation.id,
        action=str(payload.action),
        account_login=payload.installation.account.login,
        suspended=payload.action == "suspend" or payload.installation.suspended_at is not None,
        repositories=tuple(repo.full_name for repo in payload.repositories),
        repositories_removed=(),
        delivery_id=event.delivery_id,
    )
    plan.jobs.append(to_new_job(sync, group_key=f"installation:{sync.installation_id}"))


@router.register("installation_repositories")
async def on_repositories(event: sansio.Event, plan: Plan) -> None:
    """Record repositories added to or removed from an installation."""
    payload = parse(InstallationRepositoriesEvent, event.data)
    sync = InstallationSync(
        installation_id=payload.installation.id,
        action=str(payload.action),
        account_login=payload.installation.account.login,
        suspended=payload.installation.suspended_at is not None,
        repositories=tuple(repo.full_name for repo in payload.repositories_added),
        repositories_removed=tuple(repo.full_name for repo in payload.repositories_removed),
        delivery_id=event.delivery_id,
    )
    plan.jobs.append(to_new_job(sync, group_key=f"installation:{sync.installation_id}"))

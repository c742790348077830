"""Keep the record of the App's installations current from installation events."""

from __future__ import annotations

import logging

from pace_app.domain.job_store import Installation, JobStore
from pace_app.domain.jobs import InstallationSync

logger = logging.getLogger(__name__)


async def record_installation(store: JobStore, sync: InstallationSync) -> None:
    """Apply one installation event to the stored installation."""
    known = {i.id: i for i in await store.list_installations()}
    previous = known.get(sync.installation_id)
    if sync.action in {"created", "deleted"} or previous is None:
        repositories = set(sync.repositories)
    else:
        repositories = set(previous.repositories) | set(sync.repositories)
    repositories -= set(sync.repositories_removed)
    await store.upsert_installation(
        Installation(
            id=sync.installation_id,
            account_login=sync.account_login,
            repositories=tuple(sorted(repositories)),
            suspended=sync.suspended and sync.action != "unsuspend",
            deleted=sync.action == "deleted",
        )
    )
    logger.info(
        "installation recorded",
        extra={"installation_id": sync.installation_id, "action": sync.action},
    )

"""Ask GitHub to redeliver the webhook deliveries that failed and never reached the store.

GitHub lists an App's recent deliveries, one entry per attempt; attempts of the same
delivery share a ``guid`` (our ``X-GitHub-Delivery``). A guid is redelivered when none
of its attempts succeeded and the store has not recorded it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import anyio
import httpx2

from pace_app.config.settings import Settings
from pace_app.domain.job_store import JobStore
from pace_app.errors import PaceError
from pace_app.github.auth import AppAuth
from pace_app.github.client import GitHubApp, GitHubClient
from pace_app.queue.clock import utc_now
from pace_app.queue.connect import open_store
from pace_app.types import Clock

logger = logging.getLogger(__name__)

STARTUP_LOOKBACK = timedelta(hours=6)


@dataclass(frozen=True)
class Attempt:
    """One delivery attempt as GitHub lists it."""

    id: int
    guid: str
    event: str
    action: str | None
    status_code: int
    status: str
    delivered_at: datetime

    @property
    def succeeded(self) -> bool:
        """Say whether this attempt reached a server that accepted it."""
        return 200 <= self.status_code < 300 and self.status == "OK"

    @property
    def name(self) -> str:
        """Return ``event.action``, or the event alone."""
        return f"{self.event}.{self.action}" if self.action else self.event

    @classmethod
    def from_json(cls, item: Mapping[str, Any]) -> Attempt:
        """Read one entry of ``GET /app/hook/deliveries``."""
        return cls(
            id=int(item["id"]),
            guid=str(item["guid"]),
            event=str(item.get("event") or ""),
            action=item.get("action") if isinstance(item.get("action"), str) else None,
            status_code=int(item.get("status_code") or 0),
            status=str(item.get("status") or ""),
            delivered_at=datetime.fromisoformat(str(item["delivered_at"])),
        )


def failed_guids(attempts: Iterable[Attempt]) -> dict[str, Attempt]:
    """Return the newest attempt of each guid none of whose attempts succeeded."""
    newest: dict[str, Attempt] = {}
    succeeded: set[str] = set()
    for attempt in attempts:
        if attempt.succeeded:
            succeeded.add(attempt.guid)
        held = newest.get(attempt.guid)
        if held is None or attempt.delivered_at > held.delivered_at:
            newest[attempt.guid] = attempt
    return {guid: a for guid, a in newest.items() if guid not in succeeded}


async def recent_attempts(client: GitHubClient, since: datetime) -> list[Attempt]:
    """List attempts newest first, stopping at the first one older than ``since``."""
    found: list[Attempt] = []
    async for item in client.getiter("/app/hook/deliveries?per_page=100"):
        attempt = Attempt.from_json(item)
        if attempt.delivered_at < since:
            break
        found.append(attempt)
    return found


@dataclass(frozen=True)
class Report:
    """What a redelivery pass found and did."""

    redelivered: tuple[Attempt, ...]
    seen: int
    failed: int
    already_stored: int


async def redeliver_missing(
    client: GitHubClient,
    store: JobStore,
    *,
    since: timedelta,
    dry_run: bool = False,
    clock: Clock = utc_now,
) -> Report:
    """Redeliver each failed delivery of the last ``since`` that the store lacks."""
    attempts = await recent_attempts(client, clock() - since)
    failed = failed_guids(attempts)
    known = await store.known_deliveries(sorted(failed))
    missing = tuple(sorted((a for g, a in failed.items() if g not in known), key=_oldest_first))
    if not dry_run:
        for attempt in missing:
            await client.post(f"/app/hook/deliveries/{attempt.id}/attempts", data={})
    return Report(missing, len({a.guid for a in attempts}), len(failed), len(known))


def _oldest_first(attempt: Attempt) -> datetime:
    return attempt.delivered_at


def describe(report: Report, *, dry_run: bool) -> Sequence[str]:
    """Return the lines ``pace redeliver`` prints: one per guid, then a summary."""
    verb = "would redeliver" if dry_run else "redelivered"
    lines = [
        f"{verb} {a.guid} ({a.name}, status {a.status_code or a.status or 'none'})"
        for a in report.redelivered
    ]
    lines.append(
        f"{len(report.redelivered)} {verb}; {report.seen} deliveries seen, "
        f"{report.failed} failed, {report.already_stored} of those already stored"
    )
    return lines


async def redeliver_periodically(
    client: GitHubClient,
    store: JobStore,
    *,
    every: timedelta,
    stop: anyio.Event,
    clock: Clock = utc_now,
) -> None:
    """Pass at once over the last ``STARTUP_LOOKBACK`` (what failed while the service was
    down), then every ``every`` over the last two periods, until ``stop`` is set.

    A failing pass is logged and the next one still runs.
    """
    since = max(STARTUP_LOOKBACK, 2 * every)
    while not stop.is_set():
        try:
            report = await redeliver_missing(client, store, since=since, clock=clock)
        except PaceError as exc:
            logger.warning("periodic redelivery failed", extra={"error": str(exc)})
        else:
            logger.info(
                "periodic redelivery done",
                extra={"redelivered": len(report.redelivered), "failed": report.failed},
            )
        # Twice the period, so a delivery that failed just before a pass is not missed.
        since = 2 * every
        with anyio.move_on_after(every.total_seconds()):
            await stop.wait()


async def run_redeliver(settings: Settings, since: timedelta, *, dry_run: bool) -> int:
    """Run one redelivery pass with the App's credentials and print what it did."""

    # Only the App JWT is needed: no webhook secret, no installation token.
    auth = AppAuth(settings.require_app_id(), settings.private_key_pem())
    async with open_store(settings) as store, httpx2.AsyncClient(timeout=30) as http:
        client = GitHubApp(http, auth=auth, base_url=settings.github_api_url).app_client()
        report = await redeliver_missing(client, store, since=since, dry_run=dry_run)
    for line in describe(report, dry_run=dry_run):
        print(line)
    return 0

"""Accept verified deliveries: route each, then store it with its jobs, many per commit.

Concurrent deliveries are written together (``GroupCommit``): one transaction, one
thread hop on SQLite, one ``NOTIFY`` on PostgreSQL and one log line per batch, and
every delivery is stored before its caller hears back. A failed batch fails exactly
the deliveries in it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pydantic_core

from pace_app.domain.job_store import Delivery, DeliveryOutcome, DeliveryWrite, JobStore
from pace_app.errors import MalformedDelivery, StoreError
from pace_app.handlers.routing import decide
from pace_app.observability.metrics import DeliveryOutcomeLabel, Metrics
from pace_app.queue.clock import utc_now
from pace_app.queue.group_commit import DEFAULT_MAX_BATCH, GroupCommit
from pace_app.types import Clock, JSONObject

logger = logging.getLogger(__name__)

_EVENT_NAME = re.compile(r"\A[a-z_]{1,64}\Z")
_DELIVERY_ID = re.compile(r"\A[A-Za-z0-9._:-]{1,100}\Z")


@dataclass(frozen=True)
class IntakeResult:
    """What happened to a delivery, as the webhook endpoint answers it."""

    status: int
    outcome: str
    reason: str | None
    jobs: int


DUPLICATE = IntakeResult(202, "duplicate", "delivery already received", 0)


def parse_body(body: bytes) -> JSONObject:
    """Decode a delivery body, which must be a JSON object nested at most ~200 deep."""
    try:
        payload = pydantic_core.from_json(body)
    except ValueError as exc:
        if "recursion limit" in str(exc):
            raise MalformedDelivery("body is nested too deeply") from None
        payload = _strict_stdlib(body)
    if not isinstance(payload, dict):
        raise MalformedDelivery("body is not a JSON object")
    return payload


def _strict_stdlib(body: bytes) -> object:
    # The fast parser refuses a few inputs the standard library takes (lone surrogate
    # escapes); the standard library has the last word on what is JSON.
    try:
        return json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise MalformedDelivery("body is not valid JSON") from None
    except RecursionError:
        raise MalformedDelivery("body is nested too deeply") from None


def delivery_digest(event: str, body: bytes) -> str:
    """Return the digest a replayed delivery is recognised by: event name and raw body."""
    return hashlib.sha256(event.encode("ascii") + b"\n" + body).hexdigest()


def check_headers(event: str | None, delivery_id: str | None) -> tuple[str, str]:
    """Validate the event and delivery headers, naming the one that is wrong."""
    if not event:
        raise MalformedDelivery("missing X-GitHub-Event header")
    if not _EVENT_NAME.match(event):
        raise MalformedDelivery("X-GitHub-Event is not an event name")
    if not delivery_id:
        raise MalformedDelivery("missing X-GitHub-Delivery header")
    if not _DELIVERY_ID.match(delivery_id):
        raise MalformedDelivery("X-GitHub-Delivery is not a delivery id")
    return event, delivery_id


def _action(payload: JSONObject) -> str | None:
    action = payload.get("action")
    return action if isinstance(action, str) else None


def _installation_id(payload: JSONObject) -> int | None:
    installation = payload.get("installation")
    if isinstance(installation, dict) and isinstance(installation.get("id"), int):
        return int(installation["id"])
    return None


class Intake:
    """Route deliveries and record them, with their jobs, in shared transactions."""

    def __init__(
        self,
        store: JobStore,
        *,
        app_id: int | None,
        clock: Clock = utc_now,
        on_jobs: Callable[[], None] | None = None,
        metrics: Metrics | None = None,
        batch_window: float = 0.0,
        max_batch: int = DEFAULT_MAX_BATCH,
    ) -> None:
        self._store = store
        self._app_id = app_id
        self._clock = clock
        self._on_jobs = on_jobs
        self._metrics = metrics
        self._commit: GroupCommit[DeliveryWrite, bool] = GroupCommit(
            self._write, window=batch_window, max_batch=max_batch
        )

    async def accept(
        self, event: str, delivery_id: str, payload: JSONObject, *, digest: str | None = None
    ) -> IntakeResult:
        """Store the delivery and its jobs; a delivery seen before creates nothing.

        ``digest`` (see ``delivery_digest``) also makes a replayed body a duplicate.
        """
        decision = await decide(event, delivery_id, payload, self._app_id)
        delivery = Delivery(
            id=delivery_id,
            event=event,
            action=_action(payload),
            installation_id=_installation_id(payload),
            outcome=decision.outcome,
            reason=decision.reason,
            received_at=self._clock(),
            digest=digest,
        )
        recorded = await self._commit.submit((delivery, decision.jobs))
        if not recorded:
            self._count(event, "duplicate")
            return DUPLICATE
        self._count(event, "accepted" if decision.jobs else "ignored")
        status = 200 if event == "ping" else 202
        return IntakeResult(status, decision.outcome.value, decision.reason, len(decision.jobs))

    def _count(self, event: str, outcome: DeliveryOutcomeLabel) -> None:
        if self._metrics is not None:
            self._metrics.delivery(event, outcome)

    async def _write(self, batch: Sequence[DeliveryWrite]) -> list[bool]:
        ids = [delivery.id for delivery, _jobs in batch]
        try:
            recorded = await self._store.record_deliveries(batch)
        except StoreError as exc:
            logger.error("deliveries not stored", extra={"delivery_ids": ids, "error": str(exc)})
            raise
        jobs = sum(len(jobs) for (_d, jobs), new in zip(batch, recorded, strict=True) if new)
        if jobs and self._on_jobs is not None:
            self._on_jobs()
        _log_batch(batch, recorded, jobs)
        return recorded


def _log_batch(batch: Sequence[DeliveryWrite], recorded: Sequence[bool], jobs: int) -> None:
    """Log one line per batch: a line per delivery costs more than storing it."""
    accepted = ignored = 0
    for (delivery, _jobs), new in zip(batch, recorded, strict=True):
        if new and delivery.outcome is DeliveryOutcome.ACCEPTED:
            accepted += 1
        elif new:
            ignored += 1
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "delivery recorded" if new else "duplicate delivery ignored",
                extra={
                    "delivery_id": delivery.id,
                    "event": delivery.event,
                    "action": delivery.action,
                    "installation_id": delivery.installation_id,
                    "reason": delivery.reason,
                },
            )
    logger.info(
        "deliveries stored",
        extra={
            "delivery_ids": [delivery.id for delivery, _jobs in batch],
            "accepted": accepted,
            "ignored": ignored,
            "duplicate": len(batch) - accepted - ignored,
            "jobs": jobs,
        },
    )

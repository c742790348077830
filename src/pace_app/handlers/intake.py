"""Accept one verified delivery: route it, then store it with its jobs atomically."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from pace_app.domain.job_store import Delivery, JobStore
from pace_app.errors import MalformedDelivery
from pace_app.handlers.routing import decide
from pace_app.observability.metrics import Metrics
from pace_app.queue.clock import utc_now
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


def parse_body(body: bytes) -> JSONObject:
    """Decode a delivery body, which must be a JSON object."""
    try:
        payload = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise MalformedDelivery("body is not valid JSON") from None
    if not isinstance(payload, dict):
        raise MalformedDelivery("body is not a JSON object")
    return payload


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


class Intake:
    """Route deliveries and record them, with their jobs, in one transaction."""

    def __init__(
        self,
        store: JobStore,
        *,
        app_id: int | None,
        clock: Clock = utc_now,
        on_jobs: Callable[[], None] | None = None,
        metrics: Metrics | None = None,
    ) -> None:
        self._store = store
        self._app_id = app_id
        self._clock = clock
        self._on_jobs = on_jobs
        self._metrics = metrics

    async def accept(self, event: str, delivery_id: str, payload: JSONObject) -> IntakeResult:
        """Store the delivery and its jobs; a delivery seen before creates nothing."""
        decision = await decide(event, delivery_id, payload, self._app_id)
        installation = payload.get("installation")
        delivery = Delivery(
            id=delivery_id,
            event=event,
            action=payload.get("action") if isinstance(payload.get("action"), str) else None,
            installation_id=(
                installation.get("id")
                if isinstance(installation, dict) and isinstance(installation.get("id"), int)
                else None
            ),
            outcome=decision.outcome,
            reason=decision.reason,
            received_at=self._clock(),
        )
        context = {"delivery_id": delivery_id, "event": event, "action": delivery.action}
        if not await self._store.record_delivery(delivery, decision.jobs):
            logger.info("duplicate delivery ignored", extra=context)
            if self._metrics is not None:
                self._metrics.delivery(event, "duplicate")
            return IntakeResult(202, "duplicate", "delivery already received", 0)
        status = 200 if event == "ping" else 202
        if decision.jobs:
            logger.info("delivery accepted", extra={**context, "jobs": len(decision.jobs)})
            if self._on_jobs is not None:
                self._on_jobs()
        else:
            logger.info("delivery ignored", extra={**context, "reason": decision.reason})
        if self._metrics is not None:
            self._metrics.delivery(event, "accepted" if decision.jobs else "ignored")
        return IntakeResult(status, decision.outcome.value, decision.reason, len(decision.jobs))

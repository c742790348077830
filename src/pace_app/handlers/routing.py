"""Decide what a verified delivery produces: the combined router and its guards."""

from __future__ import annotations

from dataclasses import dataclass

from gidgethub import routing, sansio

from pace_app.domain.job_store import DeliveryOutcome, NewJob
from pace_app.github.events import Envelope, parse
from pace_app.handlers import checks, comments, installations, issues, push, reviews
from pace_app.handlers.plan import Plan
from pace_app.types import JSONObject

router = routing.Router(
    issues.router,
    comments.router,
    reviews.router,
    checks.router,
    installations.router,
    push.router,
)

# Installation bookkeeping is not a trigger, so the bot guard does not apply to it.
_BOOKKEEPING_EVENTS = frozenset({"installation", "installation_repositories"})


@dataclass(frozen=True)
class Decision:
    """The jobs a delivery produces, or the reason it is ignored."""

    outcome: DeliveryOutcome
    jobs: tuple[NewJob, ...]
    reason: str | None


def subscribed_events() -> frozenset[str]:
    """Return the webhook events some router handles."""
    return frozenset(router._shallow_routes) | frozenset(router._deep_routes)


async def decide(event: str, delivery_id: str, payload: JSONObject, app_id: int | None) -> Decision:
    """Route a delivery; raise ``MalformedDelivery`` when a routed payload is malformed."""
    if event == "ping":
        return _ignored("ping")
    envelope = parse(Envelope, payload)
    if envelope.installation is None:
        return _ignored("no installation in payload")
    if event not in _BOOKKEEPING_EVENTS and envelope.sender is not None and envelope.sender.is_bot:
        return _ignored(f"sender {envelope.sender.login} is a bot")
    plan = Plan(app_id=app_id)
    await router.dispatch(sansio.Event(payload, event=event, delivery_id=delivery_id), plan)
    if plan.jobs:
        return Decision(DeliveryOutcome.ACCEPTED, tuple(plan.jobs), None)
    if plan.skipped:
        return _ignored("; ".join(plan.skipped))
    name = f"{event}.{envelope.action}" if envelope.action else event
    return _ignored(f"no route for {name}")


def _ignored(reason: str) -> Decision:
    return Decision(DeliveryOutcome.IGNORED, (), reason)

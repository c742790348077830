"""Routing ``push`` deliveries: only the default branch, only when the plan changed."""

from typing import Any

import pytest

from pace_app.domain import jobs
from pace_app.domain.job_store import DeliveryOutcome
from pace_app.errors import MalformedDelivery
from pace_app.handlers.routing import decide
from tests.fakes import payloads as p

pytestmark = pytest.mark.anyio

HEAD = "a" * 40


def push_event(
    *,
    ref: str = "refs/heads/main",
    modified: tuple[str, ...] = ("plan.yaml",),
    after: str = HEAD,
    clone_url: str | None = None,
    sender: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Return a ``push`` delivery as GitHub sends it to an App (the fields we read)."""
    commit = {"id": after, "added": [], "removed": [], "modified": list(modified)}
    return {
        "ref": ref,
        "before": "b" * 40,
        "after": after,
        "created": False,
        "deleted": after == "0" * 40,
        "forced": False,
        "commits": [commit],
        "head_commit": commit,
        "pusher": {"name": "alice", "email": "alice@example.com"},
        "repository": p.repository(clone_url),
        **p.envelope(sender=sender),
    }


async def test_a_push_changing_the_plan_on_the_default_branch_queues_a_sync() -> None:
    decision = await decide("push", "d-1", push_event(), p.APP_ID)
    [job] = decision.jobs
    assert job.kind == jobs.PLAN_SYNC
    assert job.idempotency_key == "plan.sync:d-1"
    assert job.group_key == "plan:octo-org/widgets"
    sync = jobs.PlanSync.from_json(job.payload)
    assert (sync.head_sha, sync.sender, sync.installation_id) == (HEAD, "alice", p.INSTALLATION_ID)
    assert sync.repo.full_name == "octo-org/widgets"


async def test_the_plan_under_dot_pace_counts_too() -> None:
    decision = await decide("push", "d-1", push_event(modified=(".pace/plan.yaml",)), p.APP_ID)
    assert [job.kind for job in decision.jobs] == [jobs.PLAN_SYNC]


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (
            push_event(ref="refs/heads/feature"),
            "push to refs/heads/feature, not the default branch",
        ),
        (
            push_event(modified=("README.md", "docs/plan.yaml")),
            "the push does not change plan.yaml",
        ),
        (push_event(after="0" * 40), "the push deleted a branch"),
        (push_event(sender=p.account("ci[bot]", bot=True)), "sender ci[bot] is a bot"),
    ],
)
async def test_other_pushes_are_ignored_with_the_reason(
    payload: dict[str, Any], reason: str
) -> None:
    decision = await decide("push", "d-1", payload, p.APP_ID)
    assert decision.outcome is DeliveryOutcome.IGNORED
    assert decision.reason == reason


async def test_a_malformed_push_is_refused_naming_the_field() -> None:
    payload = push_event()
    payload["after"] = "not a sha"
    with pytest.raises(MalformedDelivery, match="after"):
        await decide("push", "d-1", payload, p.APP_ID)

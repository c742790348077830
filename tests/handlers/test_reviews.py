"""Commands in review bodies and inline review comments become command jobs."""

from typing import Any

import pytest

from pace_app.domain import jobs
from pace_app.domain.job_store import DeliveryOutcome
from pace_app.errors import MalformedDelivery
from pace_app.handlers.routing import decide
from tests.fakes import payloads as p

pytestmark = pytest.mark.anyio


async def route(event: str, payload: dict[str, Any]) -> Any:
    return await decide(event, "delivery-7", payload, p.APP_ID)


async def test_a_review_body_command_becomes_a_command_job() -> None:
    body = "/pace retry\nhandle the empty list"
    decision = await route("pull_request_review", p.review_event(body, state="changes_requested"))
    [job] = decision.jobs
    command = jobs.Command.from_json(job.payload)
    assert (job.kind, job.group_key) == (jobs.COMMAND, "octo-org/widgets#12")
    assert (command.source, command.comment_id, command.thread_id) == ("review", 770001, None)
    assert (command.issue_number, command.is_pull_request) == (12, True)
    assert (command.body, command.author, command.installation_id) == (body, "alice", 77)


async def test_an_inline_review_comment_command_becomes_a_command_job() -> None:
    decision = await route("pull_request_review_comment", p.review_comment_event("/pace status"))
    [job] = decision.jobs
    command = jobs.Command.from_json(job.payload)
    assert (command.source, command.comment_id, command.thread_id) == (
        "review_comment",
        660001,
        660001,
    )
    assert (command.issue_number, command.author) == (12, "alice")


async def test_a_reply_in_a_thread_is_answered_through_the_thread_s_first_comment() -> None:
    payload = p.review_comment_event("/pace retry", in_reply_to=650000)
    [job] = (await route("pull_request_review_comment", payload)).jobs
    assert jobs.Command.from_json(job.payload).thread_id == 650000


async def test_a_review_without_a_user_is_the_sender_s() -> None:
    payload = p.review_event("/pace cancel")
    payload["review"]["user"] = None
    payload["sender"] = p.account("carol")
    [job] = (await route("pull_request_review", payload)).jobs
    assert jobs.Command.from_json(job.payload).author == "carol"


@pytest.mark.parametrize(
    ("event", "payload", "reason"),
    [
        ("pull_request_review", p.review_event(None), "review has no command line"),
        ("pull_request_review", p.review_event("LGTM"), "review has no command line"),
        (
            "pull_request_review",
            p.review_event("/pace retry", action="edited"),
            "no route for pull_request_review.edited",
        ),
        (
            "pull_request_review",
            p.review_event("/pace retry", action="dismissed"),
            "no route for pull_request_review.dismissed",
        ),
        (
            "pull_request_review_comment",
            p.review_comment_event("> /pace retry\nquoted"),
            "review comment has no command line",
        ),
        (
            "pull_request_review_comment",
            p.review_comment_event("/pace retry", action="edited"),
            "no route for pull_request_review_comment.edited",
        ),
        (
            "pull_request_review_comment",
            p.review_comment_event("/pace retry", sender=p.account("pace", bot=True)),
            "is a bot",
        ),
        (
            "pull_request_review",
            p.review_event("/pace retry", sender=p.account("ci[bot]")),
            "is a bot",
        ),
        (
            "pull_request_review",
            p.review_event("/pace retry", installation=False),
            "no installation in payload",
        ),
    ],
)
async def test_other_reviews_are_ignored_and_say_why(
    event: str, payload: dict[str, Any], reason: str
) -> None:
    decision = await route(event, payload)
    assert decision.outcome is DeliveryOutcome.IGNORED
    assert decision.jobs == ()
    assert decision.reason is not None
    assert reason in decision.reason


async def test_a_review_comment_without_its_pull_request_is_malformed() -> None:
    payload = p.review_comment_event("/pace retry")
    del payload["pull_request"]
    with pytest.raises(MalformedDelivery, match="pull_request"):
        await route("pull_request_review_comment", payload)

"""Routing decides, for each delivery, the jobs it produces or why it is ignored."""

from typing import Any

import pytest

from pace_app.domain import jobs
from pace_app.domain.job_store import DeliveryOutcome
from pace_app.errors import MalformedDelivery
from pace_app.handlers.routing import decide, subscribed_events
from tests.fakes import payloads as p

pytestmark = pytest.mark.anyio


async def route(event: str, payload: dict[str, Any], app_id: int | None = p.APP_ID) -> Any:
    return await decide(event, "delivery-1", payload, app_id)


async def test_story_label_starts_a_story() -> None:
    decision = await route("issues", p.issues_event("labeled"))
    assert decision.outcome is DeliveryOutcome.ACCEPTED
    [job] = decision.jobs
    assert job.kind == jobs.STORY_START
    assert job.idempotency_key == "story.start:delivery-1"
    assert job.group_key == "octo-org/widgets#12"
    start = jobs.StoryStart.from_json(job.payload)
    assert start.installation_id == p.INSTALLATION_ID
    assert start.repo.clone_url == "https://github.example/octo-org/widgets.git"
    assert (start.issue_number, start.sender) == (12, "alice")


async def test_label_match_ignores_case() -> None:
    decision = await route("issues", p.issues_event("labeled", label="PACE:Story"))
    assert [job.kind for job in decision.jobs] == [jobs.STORY_START]


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (p.issues_event("labeled", label="bug"), "label is not pace:story"),
        (p.issues_event("labeled", state="closed"), "issue is closed"),
        (p.issues_event("unlabeled", label="bug"), "label is not pace:story"),
        (p.issues_event("closed", labels=("bug",)), "closed issue is not a story"),
        (p.issues_event("opened", label=None), "no route for issues.opened"),
        (p.issues_event("labeled", installation=False), "no installation in payload"),
        (p.issues_event("labeled", sender=p.account("pace", bot=True)), "is a bot"),
        (p.issues_event("labeled", sender={"login": "ci[bot]", "id": 3}), "is a bot"),
    ],
)
async def test_ignored_issue_events_say_why(payload: dict[str, Any], reason: str) -> None:
    decision = await route("issues", payload)
    assert decision.outcome is DeliveryOutcome.IGNORED
    assert decision.jobs == ()
    assert decision.reason is not None
    assert reason in decision.reason


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (p.issues_event("unlabeled"), "label removed"),
        (p.issues_event("closed", label=None), "issue closed"),
    ],
)
async def test_unlabel_and_close_cancel_the_story(payload: dict[str, Any], reason: str) -> None:
    decision = await route("issues", payload)
    [job] = decision.jobs
    cancel = jobs.StoryCancel.from_json(job.payload)
    assert (job.kind, cancel.reason, cancel.issue_number) == (jobs.STORY_CANCEL, reason, 12)


@pytest.mark.parametrize(
    "body",
    [
        "/pace retry",
        "/pace",
        "  /pace status\nmore",
        "/pace retry fix the flaky test",
        "/PACE retry",
        "\n\n/pace retry",
    ],
)
async def test_pace_comments_become_commands(body: str) -> None:
    decision = await route("issue_comment", p.comment_event(body))
    [job] = decision.jobs
    command = jobs.Command.from_json(job.payload)
    assert (job.kind, command.body, command.author) == (jobs.COMMAND, body, "alice")
    assert command.is_pull_request
    assert command.comment_id == 880001
    assert job.group_key == "octo-org/widgets#12"


async def test_a_comment_makes_one_command_job_whatever_delivers_it() -> None:
    payload = p.comment_event("/pace retry")
    first = await decide("issue_comment", "delivery-1", payload, p.APP_ID)
    again = await decide("issue_comment", "delivery-2", payload, p.APP_ID)
    [one], [two] = first.jobs, again.jobs
    assert one.idempotency_key == two.idempotency_key == "command:issue_comment:880001"


@pytest.mark.parametrize(
    "body",
    [
        "hello",
        "/paceful",
        "please /pace retry",
        "`/pace retry`",
        "> /pace retry",
        "```\n/pace\n```",
    ],
)
async def test_other_comments_are_ignored(body: str) -> None:
    decision = await route("issue_comment", p.comment_event(body))
    assert decision.reason == "comment is not a /pace command"


async def test_edited_comments_are_not_commands() -> None:
    decision = await route("issue_comment", p.comment_event("/pace retry", action="edited"))
    assert decision.reason == "no route for issue_comment.edited"


async def test_bot_comments_never_trigger() -> None:
    payload = p.comment_event("/pace retry", sender=p.account("pace-app", bot=True))
    decision = await route("issue_comment", payload)
    assert decision.outcome is DeliveryOutcome.IGNORED


@pytest.mark.parametrize(
    ("action", "identifier"), [("rerequested", None), ("requested_action", "rerun")]
)
async def test_our_check_runs_can_be_rerun(action: str, identifier: str | None) -> None:
    decision = await route("check_run", p.check_run_event(action, identifier=identifier))
    [job] = decision.jobs
    rerun = jobs.CheckRerun.from_json(job.payload)
    assert (rerun.check_name, rerun.action, rerun.requested_action, rerun.pr_number) == (
        "PACE / GATE",
        action,
        identifier,
        2,
    )


async def test_a_check_run_outside_a_pull_request_has_no_pr_number() -> None:
    [job] = (await route("check_run", p.check_run_event(pr_number=None))).jobs
    assert jobs.CheckRerun.from_json(job.payload).pr_number is None


@pytest.mark.parametrize(
    "payload",
    [p.check_run_event(name="ci / test"), p.check_run_event(app_id=1)],
)
async def test_other_apps_check_runs_are_ignored(payload: dict[str, Any]) -> None:
    decision = await route("check_run", payload)
    assert decision.reason == "check run belongs to another app"


async def test_check_ownership_falls_back_to_the_name_without_an_app_id() -> None:
    decision = await route("check_run", p.check_run_event(app_id=1), app_id=None)
    assert len(decision.jobs) == 1


async def test_installation_events_are_recorded_even_from_bots() -> None:
    payload = p.installation_event("created", repos=("a", "b"))
    payload["sender"] = p.account("setup", bot=True)
    decision = await route("installation", payload)
    [job] = decision.jobs
    sync = jobs.InstallationSync.from_json(job.payload)
    assert sync.repositories == ("octo-org/a", "octo-org/b")
    assert (sync.account_login, sync.suspended) == ("octo-org", False)


async def test_installation_repository_changes_are_recorded() -> None:
    payload = p.installation_repositories_event(added=("new",), removed=("old",))
    [job] = (await route("installation_repositories", payload)).jobs
    sync = jobs.InstallationSync.from_json(job.payload)
    assert (sync.repositories, sync.repositories_removed) == (
        ("octo-org/new",),
        ("octo-org/old",),
    )


async def test_ping_is_ignored_with_its_own_reason() -> None:
    decision = await route("ping", p.ping_event())
    assert decision.reason == "ping"


async def test_a_routed_payload_missing_fields_is_malformed() -> None:
    payload = p.issues_event("labeled")
    del payload["issue"]["number"]
    with pytest.raises(MalformedDelivery, match=r"issue\.number"):
        await route("issues", payload)


async def test_a_wrongly_typed_envelope_is_malformed() -> None:
    with pytest.raises(MalformedDelivery, match=r"installation"):
        await route("issues", {"installation": "seventy-seven"})


def test_subscribed_events_are_the_routed_families() -> None:
    assert subscribed_events() == {
        "issues",
        "issue_comment",
        "pull_request_review",
        "pull_request_review_comment",
        "check_run",
        "installation",
        "installation_repositories",
        "push",
    }

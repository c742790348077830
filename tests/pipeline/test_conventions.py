"""A repository's own trigger label, command word and branch prefix, in-process.

The repository's ``pace.config.yaml`` says ``ai:build``, ``/bot`` and ``bot/``; the
worker reads it from the default branch through the mirror. What is not the
repository's trigger or word is dropped without any GitHub write.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import anyio
import pytest

from pace_app.domain import jobs
from pace_app.domain.conventions import Conventions
from pace_app.domain.job_store import JobState
from pace_app.domain.run import RunState
from pace_app.domain.run_details import RunDetails
from pace_app.pipeline.conventions import conventions_from
from pace_app.pipeline.stories import Stories
from tests.acceptance.world import PROJECT, REPO, STORY_BODY, World, world
from tests.fakes import payloads
from tests.fakes.fake_model import tool_turn
from tests.pipeline.test_story_run import (
    OUTSIDER,
    WRITER,
    happy_script,
    services,
    start_job,
    status,
    the_run,
)

pytestmark = [pytest.mark.anyio, pytest.mark.slow]

OVERRIDE = "github:\n  trigger_label: ai:build\n  command: bot\n  branch_prefix: bot/\n"
PROJECT_WITH_OVERRIDE = {
    **PROJECT,
    "pace.config.yaml": PROJECT["pace.config.yaml"] + OVERRIDE,
}
TOKEN_PATH = f"/app/installations/{payloads.INSTALLATION_ID}/access_tokens"


def labelled(w: World, label: str) -> int:
    """Open an issue carrying ``label``; return its number."""
    return w.github.state.add_issue(REPO, "Count widgets", STORY_BODY, labels=[label]).number


def start(w: World, number: int, label: str, *, sender: str = WRITER) -> jobs.StoryStart:
    job = start_job(w, number, sender=sender)
    return jobs.StoryStart(**{**vars(job), "label": label, "delivery_id": f"label-{label}"})


def command(w: World, number: int, body: str, *, author: str, delivery: str) -> jobs.Command:
    payload = w.comment_payload(number, body, author=author)
    return jobs.Command(
        installation_id=payloads.INSTALLATION_ID,
        repo=start_job(w, number).repo,
        issue_number=number,
        is_pull_request=True,
        comment_id=payload["comment"]["id"],
        body=payload["comment"]["body"],
        author=author,
        delivery_id=delivery,
    )


def writes(w: World, since: int = 0) -> list[str]:
    """Return every request that changed something on GitHub, but minting tokens."""
    return [
        f"{r.method} {r.path}"
        for r in w.github.requests[since:]
        if r.method != "GET" and r.path != TOKEN_PATH
    ]


async def test_a_repository_override_starts_runs_names_branches_and_answers_its_word(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = [*happy_script(), tool_turn("complete_handoff", {"summary": "Looked again."})]
    with world(tmp_path, script, project=PROJECT_WITH_OVERRIDE) as w:
        number = labelled(w, "ai:build")
        async with services(w, tmp_path, monkeypatch) as built:
            stories = Stories(built)
            await stories.start(start(w, number, "AI:Build"))
            run = await the_run(built, number)
            assert run.state is RunState.DONE, status(w, number)
            assert run.branch == f"bot/issue-{number}-count-widgets"
            [pull] = w.github.state.pulls.values()
            assert pull.head == run.branch
            assert run.branch in w.git.branches(REPO)
            details = RunDetails.from_json(run.details)
            assert details.conventions == Conventions("ai:build", "bot", "bot/")
            assert "`/bot retry [what to change]`" in status(w, number)
            assert run.pr_number is not None

            # The operator's word is not this repository's: nothing answers it.
            before = len(w.github.requests)
            ignored = command(w, run.pr_number, "/pace retry", author=WRITER, delivery="c-1")
            await stories.command(ignored, job_id=1)
            assert writes(w, since=before) == []

            # An outsider's /bot gets one 😕 and one reply naming the word.
            w.grant(OUTSIDER, "read")
            refused = command(w, run.pr_number, "/bot retry", author=OUTSIDER, delivery="c-2")
            await stories.command(refused, job_id=2)
            comment = next(
                c
                for c in w.github.state.comments_on(REPO, run.pr_number)
                if c.id == refused.comment_id
            )
            assert [r.content for r in comment.reactions] == ["confused"]
            replies = [c.body for c in w.github.state.comments_on(REPO, run.pr_number)]
            assert any("can run `/bot` commands" in body for body in replies)

            # A writer's /bot retry is accepted at once and runs FORGE again.
            asked = len(w.model.requests)
            retry = command(
                w, run.pr_number, "/Bot retry keep it simple", author=WRITER, delivery="c-3"
            )
            await stories.command(retry, job_id=3)
            comment = next(
                c
                for c in w.github.state.comments_on(REPO, run.pr_number)
                if c.id == retry.comment_id
            )
            assert [r.content for r in comment.reactions] == ["eyes"]
            again = await the_run(built, number)
            assert again.attempt == 2
            forge_prompts = [
                json.dumps(r.get("system"))
                for r in w.model.requests[asked:]
                if any(tool["name"] == "write_file" for tool in r.get("tools", []))
            ]
            assert forge_prompts, "FORGE ran on the retry"
            assert "keep it simple" in forge_prompts[0]
            # One config read served every event at the same base commit.
            assert stories.conventions.config_reads == 1


@pytest.mark.parametrize("label", ["bug", "pace:story"])
async def test_a_label_that_is_not_the_trigger_costs_no_github_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, label: str
) -> None:
    with world(tmp_path, happy_script(), project=PROJECT_WITH_OVERRIDE) as w:
        # An outsider's label, too: it is not the trigger, so nobody is refused.
        w.grant(OUTSIDER, "read")
        number = labelled(w, label)
        async with services(w, tmp_path, monkeypatch) as built:
            stories = Stories(built)
            await stories.start(start(w, number, label, sender=OUTSIDER))
            await stories.start(start(w, number, label))
            assert await built.runs.find_run(REPO, number) is None
            assert stories.conventions.config_reads == 1
        assert writes(w) == []
        assert w.github.state.comments_on(REPO, number) == []
        assert w.github.state.issues[(REPO, number)].labels == [label]
        # Not even a permission lookup: the label was dropped before anyone was asked.
        assert not any("/collaborators/" in r.path for r in w.github.requests)
        assert w.model.requests == []


async def test_the_operator_defaults_decide_without_an_override(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with world(tmp_path, happy_script(), project=PROJECT) as w:
        number = labelled(w, "ops:go")
        overrides = {"PACE_TRIGGER_LABEL": "ops:go", "PACE_BRANCH_PREFIX": "ops-"}
        async with services(w, tmp_path, monkeypatch, **overrides) as built:
            await Stories(built).start(start(w, number, "ops:go"))
            run = await the_run(built, number)
        assert run.state is RunState.DONE, status(w, number)
        assert run.branch == f"ops-issue-{number}-count-widgets"


@pytest.mark.parametrize(
    ("project", "operator", "message"),
    [
        (PROJECT, "bot/", "the operator's PACE_BRANCH_PREFIX must not put story branches under"),
        (
            {
                **PROJECT,
                "pace.config.yaml": PROJECT["pace.config.yaml"] + "github: {branch_prefix: bot/}\n",
            },
            "pace/",
            "github.branch_prefix: must not put story branches under the branch 'bot'",
        ),
    ],
)
async def test_a_prefix_under_the_default_branch_ends_the_run_visibly(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    project: dict[str, str],
    operator: str,
    message: str,
) -> None:
    with world(tmp_path, happy_script(), project=project) as w:
        number = labelled(w, "pace:story")
        # The repository's default branch is `bot`; both prefixes would put branches under it.
        await anyio.run_process(["git", "branch", "-m", "main", "bot"], cwd=w.git.bare_path(REPO))
        job = start(w, number, "pace:story")
        job = jobs.StoryStart(**{**vars(job), "repo": replace(job.repo, default_branch="bot")})
        async with services(w, tmp_path, monkeypatch, PACE_BRANCH_PREFIX=operator) as built:
            await Stories(built).start(job)
            run = await the_run(built, number)
        assert run.state is RunState.FAILED
        assert message in status(w, number)
        assert w.github.state.pulls == {}
        assert w.model.requests == []


async def test_removing_a_label_cancels_only_the_trigger(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with world(tmp_path, happy_script(), project=PROJECT_WITH_OVERRIDE) as w:
        number = labelled(w, "ai:build")
        async with services(w, tmp_path, monkeypatch) as built:
            stories = Stories(built)
            group = jobs.story_group(REPO, number)
            queued = {}
            for label in ("bug", "ai:build"):
                job = jobs.to_new_job(start(w, number, label), group_key=group)
                queued[label] = (await built.jobs.enqueue(job)).id

            def cancel(label: str) -> jobs.StoryCancel:
                return jobs.StoryCancel(
                    installation_id=payloads.INSTALLATION_ID,
                    repo=start_job(w, number).repo,
                    issue_number=number,
                    reason="label removed",
                    sender=WRITER,
                    delivery_id=f"unlabel-{label}",
                    label=label,
                )

            await stories.cancel(cancel("enhancement"))
            await stories.cancel(cancel("AI:BUILD"))
            states = {
                label: (await built.jobs.get(job_id)).state  # type: ignore[union-attr]
                for label, job_id in queued.items()
            }
            assert states == {"bug": JobState.QUEUED, "ai:build": JobState.CANCELLED}
        assert writes(w) == []


async def test_an_unreadable_repository_falls_back_to_the_operators_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with world(tmp_path, happy_script(), project=PROJECT_WITH_OVERRIDE) as w:
        repo = start_job(w, labelled(w, "bug")).repo
        gone = replace(repo, clone_url=repo.clone_url.replace("widgets", "no-such-repo"))
        async with services(w, tmp_path, monkeypatch, PACE_COMMAND="ops") as built:
            stories = Stories(built)
            assert await stories.conventions.get(payloads.INSTALLATION_ID, gone) == Conventions(
                command="ops"
            )
            assert await stories.conventions.get(payloads.INSTALLATION_ID, repo) == Conventions(
                "ai:build", "bot", "bot/"
            )
            assert stories.conventions.config_reads == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, Conventions("op", "ops", "ops/")),
        ("github: {command: bot}", Conventions("op", "bot", "ops/")),
        # An invalid file is no override: the run the operator's label starts reports it.
        ("github: {command: '/bot'}", Conventions("op", "ops", "ops/")),
        ("forge: {max_turns: 0}\ngithub: {command: bot}", Conventions("op", "ops", "ops/")),
        ("github: [", Conventions("op", "ops", "ops/")),
    ],
)
def test_conventions_from_a_config_text(text: str | None, expected: Conventions) -> None:
    operator = Conventions("op", "ops", "ops/")
    assert conventions_from(text, "pace.config.yaml", operator) == expected

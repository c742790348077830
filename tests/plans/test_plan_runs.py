"""A plan story starts a run as it is: in-process, with the worker's real services.

The App labels plan issues itself, a bot event intake ignores, so syncs queue the
starts: as the operator's for ``pace plan push --start``, or as the pusher's for a
sync on push, whose write access the start still checks.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pace_app.domain import jobs
from pace_app.domain.labels import STORY
from pace_app.domain.run import RunState
from pace_app.domain.run_details import RunDetails
from pace_app.pipeline.plan_sync import PlanSyncer
from pace_app.pipeline.services import Services
from pace_app.pipeline.stories import Stories
from pace_app.plans.plan import parse_plan
from pace_app.plans.starts import start_jobs
from pace_app.plans.sync import apply_changes, by_story, list_app_issues, plan_changes
from tests.acceptance.world import CRITERION, PROJECT, REPO, World, world
from tests.fakes import payloads
from tests.fakes.git_server import git
from tests.pipeline.test_story_run import WRITER, happy_script, services, status

pytestmark = [pytest.mark.anyio, pytest.mark.slow]

PLAN = f"""\
release: v1
stories:
  - id: story-1
    title: Count widgets
    status: pending
    acceptance_criteria: ["{CRITERION}"]
    out_of_scope: ["Counting gadgets"]
  - id: story-2
    title: Sort widgets
    status: shipped
    acceptance_criteria: ["widgets come out sorted"]
"""


def repo_ref(w: World) -> jobs.RepoRef:
    return jobs.RepoRef(id=1, full_name=REPO, clone_url=w.git.url_for(REPO), default_branch="main")


async def push_with_start(built: Services, w: World, *, by_operator: bool) -> list[jobs.StoryStart]:
    """Do what ``pace plan push --start`` does; return the starts it would queue."""
    bot = w.github.state.app.bot_login
    async with built.installation(payloads.INSTALLATION_ID, repo=REPO) as gh:
        issues = by_story(await list_app_issues(gh, REPO, bot))
        done = await apply_changes(gh, REPO, plan_changes(parse_plan(PLAN), issues, start=True))
    new = start_jobs(
        done,
        installation_id=payloads.INSTALLATION_ID,
        repo=repo_ref(w),
        sender=bot,
        origin="plan-push:test",
        by_operator=by_operator,
    )
    return [jobs.StoryStart.from_json(job.payload) for job in new]


async def test_a_story_the_operator_pushed_with_start_runs_to_a_ready_pr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with world(tmp_path, happy_script(), project=PROJECT) as w:
        async with services(w, tmp_path, monkeypatch) as built:
            [start] = await push_with_start(built, w, by_operator=True)
            assert start.by_operator
            await Stories(built).start(start)
            run = await built.runs.find_run(REPO, start.issue_number)
        assert run is not None
        assert run.state is RunState.DONE, status(w, start.issue_number)
        details = RunDetails.from_json(run.details)
        assert details.story is not None
        assert details.story.approved_by == w.github.state.app.bot_login
        assert "PR ready for review" in status(w, start.issue_number)


async def test_a_bot_start_not_marked_as_the_operators_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with world(tmp_path, happy_script(), project=PROJECT) as w:
        async with services(w, tmp_path, monkeypatch) as built:
            [start] = await push_with_start(built, w, by_operator=False)
            await Stories(built).start(start)
            assert await built.runs.find_run(REPO, start.issue_number) is None
        assert w.model.requests == []
        assert STORY not in w.github.state.issues[(REPO, start.issue_number)].labels


async def test_a_sync_on_push_with_start_queues_starts_as_the_pusher(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = PROJECT["pace.config.yaml"] + "plan:\n  sync: true\n  start: true\n"
    project = PROJECT | {"pace.config.yaml": config, ".pace/plan.yaml": PLAN}
    with world(tmp_path, project=project) as w:
        head = git("rev-parse", "main", cwd=w.git.bare_path(REPO)).strip()
        async with services(w, tmp_path, monkeypatch) as built:
            sync = jobs.PlanSync(
                installation_id=payloads.INSTALLATION_ID,
                repo=repo_ref(w),
                head_sha=head,
                sender=WRITER,
                delivery_id="push-1",
            )
            await PlanSyncer(built).sync(sync)
            await PlanSyncer(built).sync(sync)  # a retried job queues nothing twice
            queued = await built.jobs.list_jobs(kind=jobs.STORY_START)
        [job] = queued
        start = jobs.StoryStart.from_json(job.payload)
        assert (start.sender, start.by_operator) == (WRITER, False)
        issue = w.github.state.issues[(REPO, start.issue_number)]
        assert (issue.title, issue.labels) == ("Count widgets", [STORY])
        assert len([i for i in w.github.state.issues.values() if i.repo == REPO]) == 2

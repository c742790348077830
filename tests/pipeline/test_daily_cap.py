"""Daily caps in-process: a run over the day's budget does not start, and says why.

The store keeps the spend of earlier runs, so each test runs a story with one set of
operator settings, then starts the next with the caps it tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pace_app.domain import jobs
from pace_app.domain.run import RunState
from pace_app.domain.run_details import RunDetails
from pace_app.pipeline.stories import Stories
from tests.acceptance.world import PROJECT, REPO, world
from tests.pipeline.test_story_run import (
    WRITER,
    assert_visible_end,
    happy_script,
    services,
    start_job,
    status,
    the_run,
)

pytestmark = [pytest.mark.anyio, pytest.mark.slow]


@pytest.mark.parametrize(
    ("setting", "scope"),
    [
        ("BUDGET_MAX_USD_PER_DAY", "repository"),
        ("BUDGET_MAX_USD_PER_DAY_PER_INSTALLATION", "installation"),
    ],
)
async def test_a_run_over_the_daily_cap_does_not_start_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str, scope: str
) -> None:
    with world(tmp_path, happy_script(), project=PROJECT) as w:
        first = w.open_story()
        async with services(w, tmp_path, monkeypatch) as built:
            await Stories(built).start(start_job(w, first))
            spent = (await the_run(built, first)).cost_usd
        assert spent > 0
        requests = len(w.model.requests)
        second = w.open_story("Count more widgets")

        async with services(w, tmp_path, monkeypatch, **{setting: str(spent)}) as built:
            await Stories(built).start(start_job(w, second))
            run = await the_run(built, second)
            history = await built.runs.run_history(run.id)

        assert run.state is RunState.FAILED
        assert run.outcome is not None
        assert run.outcome.startswith(
            f"The run did not start: the {scope}'s daily model budget is spent:"
        )
        assert "today (UTC). It resets at " in run.outcome
        shown = status(w, second)
        assert f"the {scope}'s daily model budget is spent" in shown
        assert "resets at" in shown
        # No FORGE and no model call: nothing was asked of the model, no PR was opened.
        assert len(w.model.requests) == requests
        assert [s.state for s in history] == [RunState.QUEUED, RunState.PREPARING, RunState.FAILED]
        assert [p.head for p in w.github.state.pulls.values()] == [
            p.head for p in w.github.state.pulls.values() if f"issue-{first}-" in p.head
        ]
        assert_visible_end(w, second)


@pytest.mark.parametrize(
    ("operator", "configured", "budget"),
    [
        ("2.5", None, 2.5),  # what is left today is below the per-run 3.00
        ("100", "0.75", 0.75),  # the repository lowers the operator's cap
        ("0.5", "50", 0.5),  # but cannot raise it
    ],
)
async def test_the_run_budget_is_what_the_day_has_left(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    operator: str,
    configured: str | None,
    budget: float,
) -> None:
    project = dict(PROJECT)
    if configured is not None:
        project["pace.config.yaml"] += f"budget:\n  max_usd_per_day: {configured}\n"
    with world(tmp_path, happy_script(), project=project) as w:
        number = w.open_story()
        async with services(w, tmp_path, monkeypatch, BUDGET_MAX_USD_PER_DAY=operator) as built:
            await Stories(built).start(start_job(w, number))
            run = await the_run(built, number)
        ledger = RunDetails.from_json(run.details).ledger
        assert ledger is not None
        assert run.state is RunState.DONE, status(w, number)
        assert ledger["budget_usd"] == pytest.approx(budget)
        assert w.model.remaining == 0


async def test_links_and_history_are_recorded_as_github_answered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with world(tmp_path, happy_script(), project=PROJECT) as w:
        number = w.open_story()
        async with services(w, tmp_path, monkeypatch) as built:
            await Stories(built).start(start_job(w, number))
            run = await the_run(built, number)
            history = await built.runs.run_history(run.id)
        details = RunDetails.from_json(run.details)
        [comment] = [
            c for c in w.github.state.comments_on(REPO, number) if c.body.startswith("<!-- pace")
        ]
        [pull] = w.github.state.pulls.values()
        assert details.status_comment_url is not None
        assert details.status_comment_url.endswith(f"#issuecomment-{comment.id}")
        assert details.pr_url is not None
        assert details.pr_url.endswith(f"/{REPO}/pull/{pull.number}")
        assert all(check.url for check in details.checks)
        assert [s.state for s in history] == [
            RunState.QUEUED,
            RunState.PREPARING,
            RunState.FORGE,
            RunState.PUSHED,
            RunState.GATE,
            RunState.SENTINEL,
            RunState.SCRIBE,
            RunState.SCRIBE,  # SCRIBE's commit moved the head
            RunState.DONE,
        ]
        assert details.forge is not None
        assert history[3].head_sha == details.forge.head
        assert history[-1].head_sha == run.head_sha != details.forge.head


async def test_a_check_rerun_over_the_cap_runs_without_the_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with world(tmp_path, happy_script(), project=PROJECT) as w:
        number = w.open_story()
        job = start_job(w, number)
        async with services(w, tmp_path, monkeypatch) as built:
            await Stories(built).start(job)
            run = await the_run(built, number)
        requests = len(w.model.requests)
        [gate] = [c for c in w.github.state.check_runs.values() if c.name == "PACE / GATE"]
        rerun = jobs.CheckRerun(
            installation_id=job.installation_id,
            repo=job.repo,
            check_run_id=gate.id,
            check_name="PACE / GATE",
            head_sha=gate.head_sha,
            action="rerequested",
            requested_action=None,
            sender=WRITER,
            delivery_id="rerun-1",
            pr_number=run.pr_number,
        )

        cap = str(run.cost_usd)
        async with services(w, tmp_path, monkeypatch, BUDGET_MAX_USD_PER_DAY=cap) as built:
            await Stories(built).rerun_check(rerun)

        gates = sorted(
            (c for c in w.github.state.check_runs.values() if c.name == "PACE / GATE"),
            key=lambda c: c.id,
        )
        assert len(gates) == 2
        assert gates[-1].status == "completed"
        assert "the run's model budget is spent" in json.dumps(gates[-1].output)
        # The build and tests ran again; judging the criteria would have needed the model.
        assert len(w.model.requests) == requests

"""The ``plan.sync`` job in-process: what the pushed commit holds decides what it does."""

from __future__ import annotations

from pathlib import Path

import pytest

from pace_app.domain import jobs
from pace_app.pipeline.plan_sync import PlanSyncer
from pace_app.plans.report import TITLE
from tests.acceptance.test_plan_sync import commit
from tests.acceptance.world import PROJECT, REPO, World, world
from tests.fakes import payloads
from tests.fakes.git_server import git
from tests.pipeline.test_story_run import WRITER, services
from tests.plans.fixtures import THREE_STORIES

pytestmark = [pytest.mark.anyio, pytest.mark.slow]

SYNC_ON = PROJECT["pace.config.yaml"] + "plan:\n  sync: true\n"


def sync_job(w: World, head: str, delivery: str) -> jobs.PlanSync:
    return jobs.PlanSync(
        installation_id=payloads.INSTALLATION_ID,
        repo=jobs.RepoRef(
            id=1, full_name=REPO, clone_url=w.git.url_for(REPO), default_branch="main"
        ),
        head_sha=head,
        sender=WRITER,
        delivery_id=delivery,
    )


def reports(w: World) -> list[tuple[str, str]]:
    return [(i.body, i.state) for i in w.github.state.issues.values() if i.title == TITLE]


async def test_without_sync_enabled_nothing_happens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with world(tmp_path, project=PROJECT | {"plan.yaml": THREE_STORIES}) as w:
        head = git("rev-parse", "main", cwd=w.git.bare_path(REPO)).strip()
        async with services(w, tmp_path, monkeypatch) as built:
            await PlanSyncer(built).sync(sync_job(w, head, "d-1"))
        assert w.github.state.issues == {}


async def test_one_report_is_edited_in_place_and_closed_by_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = THREE_STORIES.replace('    title: "Delete a note"\n', "    title: 7\n")
    project = PROJECT | {"pace.config.yaml": SYNC_ON, "plan.yaml": broken}
    with world(tmp_path, project=project) as w:
        first = git("rev-parse", "main", cwd=w.git.bare_path(REPO)).strip()
        async with services(w, tmp_path, monkeypatch) as built:
            await PlanSyncer(built).sync(sync_job(w, first, "d-1"))
            [(body, state)] = reports(w)
            assert state == "open"
            assert "stories[2] (story-3).title: must be text; quote it" in body
            assert first[:12] in body

            worse = broken.replace("status: pending", "status: later", 1)
            second = commit(w, {"plan.yaml": worse}, "Break it more")
            await PlanSyncer(built).sync(sync_job(w, second, "d-2"))
            [(body, state)] = reports(w)
            assert "stories[0] (story-1).status: must be one of" in body
            assert second[:12] in body
            assert len(w.github.state.issues) == 1  # nothing but the report

            fixed = commit(w, {"plan.yaml": THREE_STORIES}, "Fix the plan")
            await PlanSyncer(built).sync(sync_job(w, fixed, "d-3"))
        [(_body, state)] = reports(w)
        assert state == "closed"
        assert len(w.github.state.issues) == 4


async def test_a_symlinked_plan_is_refused_and_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = PROJECT | {"pace.config.yaml": SYNC_ON, "notes.yaml": THREE_STORIES}
    with world(tmp_path, project=project) as w:
        async with services(w, tmp_path, monkeypatch) as built:
            work = tmp_path / "link"
            git("clone", "--quiet", str(w.git.bare_path(REPO)), str(work))
            (work / "plan.yaml").symlink_to("notes.yaml")
            git("add", "plan.yaml", cwd=work)
            git("-c", "user.name=A", "-c", "user.email=a@example.com",
                "commit", "--quiet", "-m", "Link the plan", cwd=work)  # fmt: skip
            git("push", "--quiet", "origin", "main", cwd=work)
            head = git("rev-parse", "HEAD", cwd=work).strip()
            await PlanSyncer(built).sync(sync_job(w, head, "d-1"))
        [(body, _state)] = reports(w)
        assert "plan.yaml: is a symlink or submodule; it must be a file" in body

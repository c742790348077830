"""The worker's services hand out installation clients and git tokens, scoped when asked."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import cast

import httpx2
import pytest

from pace_app.domain.run_store import RunStore
from pace_app.github.auth import METADATA_READ, STORY_RUN, AppAuth
from pace_app.github.client import GitHubApp
from pace_app.github.identity import AppIdentity
from pace_app.github.permissions import PermissionChecker
from pace_app.llm.provider import ModelProvider
from pace_app.pipeline.services import Services
from pace_app.queue.sqlite import SQLiteJobStore
from pace_app.workspace import Workspace
from tests.fakes.fake_github import FakeGitHub
from tests.pipeline.github_client import INSTALLATION_ID, REPO

pytestmark = pytest.mark.anyio


def _no_model(provider: str) -> ModelProvider:
    raise AssertionError(f"no model is needed here, not even {provider}")


@pytest.fixture
async def services(tmp_path: Path) -> AsyncIterator[tuple[FakeGitHub, Services]]:
    """Return a fake GitHub and the services of a worker pointed at it."""
    fake = FakeGitHub()
    fake.state.add_repo(REPO, installation_id=INSTALLATION_ID)
    fake.state.add_repo("octo/gadgets", installation_id=INSTALLATION_ID)
    store = SQLiteJobStore(tmp_path / "pace.db")
    await store.open()
    async with httpx2.AsyncClient(transport=fake.transport()) as http:
        github = GitHubApp(
            http, auth=AppAuth(fake.app_id, fake.private_key_pem), base_url="http://fake"
        )
        yield (
            fake,
            Services(
                jobs=store,
                runs=cast(RunStore, store),
                github=github,
                workspace=Workspace(tmp_path / "data"),
                model=_no_model,
                identity=AppIdentity(github),
                permissions=PermissionChecker(),
                data_dir=tmp_path / "data",
            ),
        )
    await store.close()


async def test_a_scoped_client_reaches_only_its_repository(
    services: tuple[FakeGitHub, Services],
) -> None:
    fake, svc = services
    async with svc.installation(INSTALLATION_ID, repo=REPO, permissions=METADATA_READ) as gh:
        assert (await gh.getitem(f"/repos/{REPO}"))["full_name"] == REPO
        assert await gh.getstatus("/repos/octo/gadgets") == 404
    assert len(fake.take_violations()) == int(fake.validates)
    async with svc.installation(INSTALLATION_ID) as gh:
        assert await gh.getstatus("/repos/octo/gadgets") == 200


async def test_git_tokens_are_scoped_and_reused(services: tuple[FakeGitHub, Services]) -> None:
    fake, svc = services
    token = await svc.token(INSTALLATION_ID, repo=REPO, permissions=STORY_RUN)
    assert await svc.token(INSTALLATION_ID, repo=REPO, permissions=STORY_RUN) == token
    issued = fake.state.tokens[token]
    assert (issued.repositories, issued.permissions) == ((REPO,), {"metadata": "read", **STORY_RUN})
    whole = await svc.token(INSTALLATION_ID)
    assert whole != token
    assert fake.state.tokens[whole].repositories is None

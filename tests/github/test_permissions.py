"""Who may run commands: write, maintain or admin, cached briefly per repository and login."""

from collections.abc import AsyncIterator

import pytest

from pace_app.errors import GitHubError
from pace_app.github.client import GitHubClient
from pace_app.github.permissions import PermissionChecker, is_bot
from tests.fakes.fake_github import FakeGitHub
from tests.pipeline.github_client import REPO, installation_client

pytestmark = pytest.mark.anyio

Env = tuple[FakeGitHub, GitHubClient]
ROLES = {
    "ada": "admin",
    "max": "maintain",
    "wes": "write",
    "tia": "triage",
    "rey": "read",
}


class Clock:
    """A monotonic clock tests move by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def env() -> AsyncIterator[Env]:
    """Return a fake GitHub whose repository has one collaborator per role."""
    async with installation_client(permissions=ROLES) as pair:
        yield pair


def permission_requests(fake: FakeGitHub) -> int:
    """Count the collaborator-permission requests the fake received."""
    return sum(1 for r in fake.requests if r.path.endswith("/permission"))


@pytest.mark.parametrize(
    ("login", "allowed"),
    [
        ("ada", True),
        ("max", True),
        ("wes", True),
        ("tia", False),
        ("rey", False),
        ("stranger", False),
    ],
)
async def test_write_maintain_and_admin_may_run_commands(
    env: Env, login: str, allowed: bool
) -> None:
    _, gh = env
    assert await PermissionChecker().can_write(gh, REPO, login) is allowed


async def test_an_answer_is_cached_for_the_ttl(env: Env) -> None:
    fake, gh = env
    clock = Clock()
    checker = PermissionChecker(ttl=60, clock=clock)
    assert await checker.can_write(gh, REPO, "wes")
    clock.now += 59
    assert await checker.can_write(gh, REPO, "WES")  # logins are case-insensitive
    assert permission_requests(fake) == 1
    fake.state.repos[REPO].permissions["wes"] = "read"
    clock.now += 2
    assert not await checker.can_write(gh, REPO, "wes")
    assert permission_requests(fake) == 2


async def test_the_cache_is_per_repository_and_login(env: Env) -> None:
    fake, gh = env
    checker = PermissionChecker(clock=Clock())
    assert await checker.can_write(gh, REPO, "ada")
    assert not await checker.can_write(gh, REPO, "rey")
    assert not await checker.can_write(gh, "octo/other", "ada")  # not installed: 404
    assert permission_requests(fake) == 3


async def test_bots_are_refused_without_asking(env: Env) -> None:
    fake, gh = env
    assert not await PermissionChecker().can_write(gh, REPO, "pace-app[bot]")
    assert is_bot("Dependabot[bot]")
    assert not is_bot("bot")
    assert permission_requests(fake) == 0


async def test_errors_other_than_not_found_are_raised_and_not_cached(env: Env) -> None:
    fake, gh = env
    checker = PermissionChecker(clock=Clock())
    fake.faults.unprocessable("GET", "*/permission")
    with pytest.raises(GitHubError):
        await checker.can_write(gh, REPO, "wes")
    assert await checker.can_write(gh, REPO, "wes")

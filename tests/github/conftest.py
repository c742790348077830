"""Fixtures for the GitHub client tests: a fake GitHub, a fake clock, a recording sleep."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx2
import pytest

from pace_app.github.auth import AppAuth
from pace_app.github.client import GitHubApp
from tests.fakes.fake_github import FakeGitHub

START = 1_800_000_000.0
INSTALLATION_ID = 77
REPO = "octo/widgets"


class FakeClock:
    """A clock tests move by hand."""

    def __init__(self, now: float = START) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move time forward."""
        self.now += seconds


class RecordingSleep:
    """A sleep that returns at once, remembering each wait and advancing the clock."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.clock.advance(seconds)


@pytest.fixture
def clock() -> FakeClock:
    """Return a fake clock."""
    return FakeClock()


@pytest.fixture
def sleep(clock: FakeClock) -> RecordingSleep:
    """Return a recording sleep tied to the fake clock."""
    return RecordingSleep(clock)


@pytest.fixture
def fake(clock: FakeClock) -> FakeGitHub:
    """Return a fake GitHub with one installation, one repository and one issue."""
    github = FakeGitHub(clock=clock)
    github.state.add_repo(REPO, installation_id=INSTALLATION_ID, permissions={"alice": "write"})
    github.state.add_issue(REPO, "Add a widget", "## Acceptance criteria\n- [ ] works")
    return github


@pytest.fixture
async def http(fake: FakeGitHub) -> AsyncIterator[httpx2.AsyncClient]:
    """Return an HTTP client whose requests the fake GitHub serves in-process."""
    async with httpx2.AsyncClient(transport=fake.transport()) as client:
        yield client


@pytest.fixture
def app(
    fake: FakeGitHub, http: httpx2.AsyncClient, clock: FakeClock, sleep: RecordingSleep
) -> GitHubApp:
    """Return the App as the product builds it, pointed at the fake."""
    # The JWT is checked against real time by the fake, so the App signs with real time.
    auth = AppAuth(fake.app_id, fake.private_key_pem)
    return GitHubApp(http, auth=auth, base_url="http://fake-github", clock=clock, sleep=sleep)

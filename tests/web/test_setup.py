"""The setup flow registers the App from its manifest and saves the credentials safely."""

import html
import json
import re
import stat
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx2
import pytest
from dotenv import dotenv_values

from pace_app.config.dotenv import quote_value, write_dotenv
from pace_app.config.settings import Settings
from pace_app.errors import GitHubError, GitHubUnavailable, SettingsError
from pace_app.github.manifest import (
    PACKAGED_MANIFEST,
    build_manifest,
    convert_code,
    load_manifest,
    registration_url,
    web_url,
)
from pace_app.observability.metrics import Metrics
from pace_app.web.app import create_setup_app
from pace_app.web.setup import SetupFlow, States
from tests.fakes.fake_github import FakeGitHub
from tests.fakes.github.routes_oauth import CLIENT_SECRET, client_id

pytestmark = pytest.mark.anyio

ROOT = Path(__file__).resolve().parents[2]


class Clock:
    """A clock tests move by hand."""

    def __init__(self) -> None:
        self.now = datetime(2030, 1, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Setup:
    """The setup app, its fake GitHub, clock and .env path."""

    client: httpx2.AsyncClient
    github: FakeGitHub
    clock: Clock
    env_path: Path


@pytest.fixture
async def setup(tmp_path: Path) -> AsyncIterator[Setup]:
    """Serve the setup app; its GitHub is the fake, reached through an ASGI transport."""
    github = FakeGitHub()
    clock = Clock()
    env_path = tmp_path / ".env"
    flow = SetupFlow(
        api_url="http://fake.github",
        env_path=env_path,
        http=lambda: httpx2.AsyncClient(transport=github.transport()),
        clock=clock,
    )
    transport = httpx2.ASGITransport(app=create_setup_app(flow))
    async with httpx2.AsyncClient(transport=transport, base_url="http://pace.test") as client:
        yield Setup(client, github, clock, env_path)


def form_of(page: str) -> tuple[str, dict[str, Any]]:
    """Return the form's action and the manifest it posts."""
    action = re.search(r'<form id="register" action="([^"]*)"', page)
    manifest = re.search(r'name="manifest" id="manifest" value="([^"]*)"', page)
    assert action, page
    assert manifest, page
    return html.unescape(action.group(1)), json.loads(html.unescape(manifest.group(1)))


async def register(setup: Setup, code: str = "code-1") -> httpx2.Response:
    action, _ = form_of((await setup.client.get("/")).text)
    state = parse_qs(urlsplit(action).query)["state"][0]
    setup.github.state.manifest_codes.add(code)
    return await setup.client.get("/setup/callback", params={"code": code, "state": state})


async def test_the_page_posts_the_manifest_for_this_server(setup: Setup) -> None:
    page = await setup.client.get("/")
    assert page.status_code == 200
    assert "Register GitHub App" in page.text
    action, manifest = form_of(page.text)
    assert action.startswith("http://fake.github/settings/apps/new?state=")
    assert manifest["hook_attributes"]["url"] == "http://pace.test/webhooks/github"
    assert manifest["redirect_url"] == "http://pace.test/setup/callback"
    assert manifest["callback_urls"] == ["http://pace.test/login/callback"]
    assert manifest["request_oauth_on_install"] is False
    assert manifest["default_events"] == load_manifest(PACKAGED_MANIFEST)["default_events"]


async def test_an_organisation_registers_under_its_own_settings(setup: Setup) -> None:
    action, _ = form_of((await setup.client.get("/", params={"org": "acme"})).text)
    assert action.startswith("http://fake.github/organizations/acme/settings/apps/new?state=")


async def test_the_callback_saves_the_credentials_and_links_the_install_page(
    setup: Setup,
) -> None:
    answer = await register(setup)
    assert answer.status_code == 200, answer.text
    app = setup.github.state.app
    assert f"https://github.example/apps/{app.slug}/installations/new" in answer.text
    assert "restart" in answer.text
    assert stat.S_IMODE(setup.env_path.stat().st_mode) == 0o600
    saved = dotenv_values(setup.env_path)
    assert saved["GITHUB_APP_ID"] == str(app.id)
    assert saved["GITHUB_WEBHOOK_SECRET"] == app.webhook_secret
    assert "\n" not in (saved["GITHUB_PRIVATE_KEY"] or "")
    assert saved["GITHUB_CLIENT_ID"] == client_id(app)
    assert saved["GITHUB_CLIENT_SECRET"] == CLIENT_SECRET
    settings = Settings(_env_file=setup.env_path)  # type: ignore[call-arg]
    assert settings.private_key_pem() == app.private_key_pem.strip() + "\n"
    for secret in (app.webhook_secret, app.private_key_pem.splitlines()[1], CLIENT_SECRET):
        assert secret not in answer.text


async def test_a_state_works_once(setup: Setup) -> None:
    action, _ = form_of((await setup.client.get("/")).text)
    state = parse_qs(urlsplit(action).query)["state"][0]
    setup.github.state.manifest_codes.update({"a", "b"})
    first = await setup.client.get("/setup/callback", params={"code": "a", "state": state})
    again = await setup.client.get("/setup/callback", params={"code": "b", "state": state})
    assert (first.status_code, again.status_code) == (200, 400)


@pytest.mark.parametrize("state", ["", "forged"])
async def test_an_unknown_state_is_refused_and_nothing_written(setup: Setup, state: str) -> None:
    setup.github.state.manifest_codes.add("code-1")
    answer = await setup.client.get("/setup/callback", params={"code": "code-1", "state": state})
    assert answer.status_code == 400
    assert not setup.env_path.exists()
    assert "code-1" in setup.github.state.manifest_codes


async def test_an_expired_state_is_refused(setup: Setup) -> None:
    action, _ = form_of((await setup.client.get("/")).text)
    state = parse_qs(urlsplit(action).query)["state"][0]
    setup.clock.now += timedelta(hours=1, seconds=1)
    answer = await setup.client.get("/setup/callback", params={"code": "c", "state": state})
    assert answer.status_code == 400


async def test_a_code_github_does_not_know_is_a_clear_failure(setup: Setup) -> None:
    action, _ = form_of((await setup.client.get("/")).text)
    state = parse_qs(urlsplit(action).query)["state"][0]
    answer = await setup.client.get("/setup/callback", params={"code": "stale", "state": state})
    assert answer.status_code == 502
    assert "GitHub answered 404" in answer.text
    assert not setup.env_path.exists()


async def test_different_credentials_already_in_dotenv_are_never_replaced(setup: Setup) -> None:
    setup.env_path.write_text("PORT=4000\nGITHUB_WEBHOOK_SECRET=operator-chosen\n")
    before = setup.env_path.read_text()
    answer = await register(setup)
    assert answer.status_code == 409
    assert "GITHUB_WEBHOOK_SECRET" in answer.text
    assert "operator-chosen" not in answer.text
    assert setup.env_path.read_text() == before


async def test_other_lines_and_empty_values_in_dotenv_are_kept_or_filled(setup: Setup) -> None:
    setup.env_path.write_text("# mine\nPORT=4000\nexport GITHUB_APP_ID=\n")
    assert (await register(setup)).status_code == 200
    text = setup.env_path.read_text()
    assert text.startswith("# mine\nPORT=4000\nGITHUB_APP_ID=")
    assert dotenv_values(setup.env_path)["GITHUB_APP_ID"] == str(setup.github.state.app.id)


def test_writing_the_same_values_again_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / ".env"
    values = {"GITHUB_APP_ID": "7", "GITHUB_PRIVATE_KEY": "-----BEGIN X-----\nabc\n"}
    write_dotenv(path, values)
    first = path.read_text()
    write_dotenv(path, values)
    assert path.read_text() == first
    with pytest.raises(SettingsError, match="GITHUB_APP_ID"):
        write_dotenv(path, {"GITHUB_APP_ID": "8"})


def test_a_value_that_cannot_be_quoted_is_refused() -> None:
    with pytest.raises(ValueError, match="single quote"):
        quote_value("it's")


def test_states_expire_and_are_forgotten() -> None:
    clock = Clock()
    states = States(clock, lifetime=timedelta(minutes=1))
    old = states.issue()
    clock.now += timedelta(minutes=2)
    states.issue()
    assert not states.redeem(old)


@pytest.mark.parametrize(
    ("api", "web"),
    [
        ("https://api.github.com", "https://github.com"),
        ("https://ghe.example/api/v3", "https://ghe.example"),
        ("http://127.0.0.1:9", "http://127.0.0.1:9"),
    ],
)
def test_the_web_host_is_derived_from_the_api_url(api: str, web: str) -> None:
    assert web_url(api) == web
    assert registration_url(api, "s").startswith(f"{web}/settings/apps/new?state=s")


def test_public_url_and_a_webhook_proxy_shape_the_manifest() -> None:
    manifest = build_manifest(
        {"name": "x"}, "https://pace.example/", webhook_proxy_url="https://smee.io/abc"
    )
    assert manifest["hook_attributes"] == {"url": "https://smee.io/abc", "active": True}
    assert manifest["redirect_url"] == "https://pace.example/setup/callback"
    assert manifest["url"] == "https://pace.example"


async def test_public_url_wins_over_the_request_host(tmp_path: Path) -> None:
    flow = SetupFlow(
        api_url="https://api.github.com",
        env_path=tmp_path / ".env",
        public_url="https://pace.example",
        manifest_path=ROOT / "app.yml",
    )
    transport = httpx2.ASGITransport(app=create_setup_app(flow))
    async with httpx2.AsyncClient(transport=transport, base_url="http://inside:3000") as client:
        action, manifest = form_of((await client.get("/")).text)
    assert action.startswith("https://github.com/settings/apps/new?state=")
    assert manifest["hook_attributes"]["url"] == "https://pace.example/webhooks/github"


def test_a_manifest_that_is_not_a_mapping_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "app.yml"
    path.write_text("- a list\n")
    with pytest.raises(ValueError, match="mapping"):
        load_manifest(path)


def test_the_packaged_manifest_is_the_repository_one() -> None:
    assert PACKAGED_MANIFEST.read_bytes() == (ROOT / "app.yml").read_bytes()


def test_a_failed_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / ".env"
    (target / "occupied").mkdir(parents=True)
    with pytest.raises(IsADirectoryError):
        write_dotenv(target, {"GITHUB_APP_ID": "7"})
    assert sorted(p.name for p in tmp_path.iterdir()) == [".env"]


@pytest.mark.parametrize(
    ("handler", "message"),
    [
        (lambda request: httpx2.Response(201, json={"id": 1}), "lacks the App's credentials"),
        (lambda request: httpx2.Response(201, content=b"not json"), "lacks the App's credentials"),
    ],
)
async def test_an_answer_without_credentials_is_an_error(
    handler: Callable[[httpx2.Request], httpx2.Response], message: str
) -> None:
    async with httpx2.AsyncClient(transport=httpx2.MockTransport(handler)) as http:
        with pytest.raises(GitHubError, match=message):
            await convert_code(http, "http://gh", "c")


async def test_github_out_of_reach_is_unavailable() -> None:
    def refuse(request: httpx2.Request) -> httpx2.Response:
        raise httpx2.ConnectError("refused", request=request)

    async with httpx2.AsyncClient(transport=httpx2.MockTransport(refuse)) as http:
        with pytest.raises(GitHubUnavailable, match="could not be reached"):
            await convert_code(http, "http://gh", "c")


async def test_setup_mode_serves_health_and_metrics_behind_the_token(tmp_path: Path) -> None:
    flow = SetupFlow(api_url="https://api.github.com", env_path=tmp_path / ".env")
    app = create_setup_app(flow, metrics=Metrics(), admin_token="operator-token-0123456789")
    transport = httpx2.ASGITransport(app=app)
    async with httpx2.AsyncClient(transport=transport, base_url="http://pace.test") as client:
        assert (await client.get("/healthz")).status_code == 200
        assert (await client.get("/metrics")).status_code == 401
        scraped = await client.get(
            "/metrics", headers={"authorization": "Bearer operator-token-0123456789"}
        )
    assert scraped.status_code == 200
    assert "pace_webhook_deliveries_total" in scraped.text

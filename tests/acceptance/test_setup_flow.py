"""``pace serve`` without credentials serves the setup page; registering makes it work."""

import html
import json
import os
import re
import shutil
import signal
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx2
import pytest
from dotenv import dotenv_values

from tests.acceptance.harness import PaceProcess, base_environment, free_port
from tests.fakes.fake_github import FakeGitHub
from tests.fakes.servers import serve

pytestmark = pytest.mark.slow


@pytest.fixture
def github() -> Iterator[tuple[FakeGitHub, str]]:
    """Serve a fake GitHub over real HTTP."""
    fake = FakeGitHub()
    with serve(fake) as url:
        yield fake, url


def setup_environment(workdir: Path, api_url: str) -> dict[str, str]:
    """Return an environment with no App credentials at all."""
    return base_environment() | {
        "GITHUB_API_URL": api_url,
        "DATA_DIR": str(workdir / "data"),
        "PORT": str(free_port()),
        "LOG_FORMAT": "json",
    }


def test_register_through_the_setup_page_then_restart(
    tmp_path: Path, github: tuple[FakeGitHub, str]
) -> None:
    fake, api_url = github
    env = setup_environment(tmp_path, api_url)
    operator = {"authorization": "Bearer acceptance-operator-token"}
    env["ADMIN_TOKEN"] = operator["authorization"].removeprefix("Bearer ")
    setup = PaceProcess(("serve",), tmp_path, env, tmp_path / "setup.log").start()
    try:
        setup.wait_http("/healthz")
        # Setup mode serves metrics too, for the operator's token only.
        assert httpx2.get(setup.url + "/metrics").status_code == 401
        assert httpx2.get(setup.url + "/metrics", headers=operator).status_code == 200
        page = httpx2.get(setup.url + "/")
        assert page.status_code == 200
        action = re.search(r'action="([^"]*)"', page.text)
        assert action is not None
        state = parse_qs(urlsplit(html.unescape(action.group(1))).query)["state"][0]
        fake.state.manifest_codes.add("one-time-code")
        done = httpx2.get(
            setup.url + "/setup/callback", params={"code": "one-time-code", "state": state}
        )
        assert done.status_code == 200, done.text
        assert "/installations/new" in done.text
        setup.signal(signal.SIGTERM)
        assert setup.wait() == 0
    finally:
        setup.stop()
    assert any(
        r["message"] == "no App credentials: serving the setup page"
        and r["url"] == f"http://127.0.0.1:{env['PORT']}/"
        for r in setup.log_records()
    )
    dotenv = tmp_path / ".env"
    assert stat.S_IMODE(dotenv.stat().st_mode) == 0o600
    saved = dotenv_values(dotenv)
    assert saved["GITHUB_APP_ID"] == str(fake.state.app.id)
    assert saved["GITHUB_WEBHOOK_SECRET"] == fake.state.app.webhook_secret
    assert saved["GITHUB_PRIVATE_KEY"]
    assert fake.state.app.webhook_secret not in setup.output()
    assert fake.state.app.private_key_pem.splitlines()[1] not in setup.output()

    assert saved["GITHUB_CLIENT_ID"]
    assert (saved["GITHUB_CLIENT_SECRET"] or "-") not in setup.output()

    configured = PaceProcess(("serve",), tmp_path, env, tmp_path / "serve.log").start()
    try:
        configured.wait_http("/readyz")
        status = httpx2.get(configured.url + "/queue", headers=operator)
        assert f"App id: <strong>{fake.state.app.id}</strong>" in status.text
        configured.signal(signal.SIGTERM)
        assert configured.wait() == 0
    finally:
        configured.stop()


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def test_a_headless_browser_sees_the_register_button_and_manifest(
    tmp_path: Path, github: tuple[FakeGitHub, str]
) -> None:
    if CHROMIUM is None:
        if os.environ.get("PACE_TEST_REQUIRE_CHROMIUM") == "1":
            pytest.fail("chromium is required here (PACE_TEST_REQUIRE_CHROMIUM=1) but missing")
        pytest.skip("chromium is not installed (.ci/run installs it)")
    _, api_url = github
    env = setup_environment(tmp_path, api_url)
    setup = PaceProcess(("serve",), tmp_path, env, tmp_path / "setup.log").start()
    try:
        setup.wait_http("/healthz")
        dom = subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={tmp_path / 'chromium'}",
                "--dump-dom",
                setup.url + "/",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
    finally:
        setup.stop()
    assert re.search(r"<button[^>]*>Register GitHub App</button>", dom)
    manifest = re.search(r'name="manifest" id="manifest" value="([^"]*)"', dom)
    assert manifest is not None
    parsed = json.loads(html.unescape(manifest.group(1)))
    assert parsed["hook_attributes"]["url"] == setup.url + "/webhooks/github"

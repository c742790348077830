"""``pace doctor`` reports one line per check and fails when any check fails."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from pace_app.queue.sql import load_migrations
from tests.acceptance.harness import app_environment, run_pace
from tests.fakes.fake_github import FakeGitHub
from tests.fakes.servers import serve

LATEST_SQLITE = load_migrations("sqlite")[-1].version

pytestmark = pytest.mark.slow


@pytest.fixture
def github() -> Iterator[tuple[FakeGitHub, str]]:
    """Serve a fake GitHub over real HTTP."""
    fake = FakeGitHub()
    with serve(fake) as url:
        yield fake, url


def test_doctor_passes_with_good_settings(tmp_path: Path, github: tuple[FakeGitHub, str]) -> None:
    fake, url = github
    env = app_environment(
        tmp_path,
        GITHUB_APP_ID=str(fake.app_id),
        GITHUB_PRIVATE_KEY=fake.private_key_pem,
        GITHUB_API_URL=url,
        ANTHROPIC_API_KEY="sk-ant-doctor-test",
    )
    result = run_pace("doctor", cwd=tmp_path, env=env)
    lines = result.stdout.splitlines()
    assert result.returncode == 0, result.stdout + result.stderr
    assert lines[:6] == [
        f"✓ app id: {fake.app_id}",
        "✓ private key: RSA 2048-bit",
        "✓ webhook secret: set",
        f"✓ database: SQLite, schema version {LATEST_SQLITE}, 0 job(s) stored",
        f"✓ GitHub: {url} knows app 'pace-app'",
        "✓ model: API key set for the Anthropic API",
    ]
    assert lines[6].startswith(("✓ sandbox:", "! sandbox:"))
    assert lines[7] == "✓ signing: commits are created and signed by GitHub (COMMIT_SIGNING=api)"
    assert "sk-ant-doctor-test" not in result.stdout + result.stderr


def test_doctor_fails_on_a_key_github_rejects(
    tmp_path: Path, github: tuple[FakeGitHub, str]
) -> None:
    fake, url = github
    env = app_environment(tmp_path, GITHUB_APP_ID=str(fake.app_id), GITHUB_API_URL=url)
    result = run_pace("doctor", cwd=tmp_path, env=env)
    assert result.returncode == 1
    github_line = next(line for line in result.stdout.splitlines() if "GitHub" in line)
    assert github_line.startswith("✗ GitHub:")
    assert "✗ model: neither ANTHROPIC_API_KEY nor OPENAI_API_KEY is set" in result.stdout


def test_doctor_reports_every_missing_setting(tmp_path: Path) -> None:
    env = app_environment(tmp_path, GITHUB_API_URL="http://127.0.0.1:9")
    for name in ("GITHUB_APP_ID", "GITHUB_PRIVATE_KEY", "GITHUB_WEBHOOK_SECRET"):
        del env[name]
    result = run_pace("doctor", cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert "✗ app id: GITHUB_APP_ID: is not set" in result.stdout
    assert "✗ private key: GITHUB_PRIVATE_KEY: is not set" in result.stdout
    assert "✗ webhook secret: GITHUB_WEBHOOK_SECRET: is not set" in result.stdout
    assert "✓ database:" in result.stdout

"""The dashboard's settings: the OAuth client, the operator token, sessions and metrics."""

from pathlib import Path

import pytest

from pace_app.config.settings import load_settings
from pace_app.errors import SettingsError
from pace_app.observability.scrub import secrets_from_settings
from pace_app.web.dashboard import DashboardSettings
from pace_app.web.session import derive_key

DASHBOARD = (
    "GITHUB_CLIENT_ID",
    "GITHUB_CLIENT_SECRET",
    "ADMIN_TOKEN",
    "SESSION_SECRET",
    "METRICS_ADDRESS",
    "GITHUB_API_URL",
    "PUBLIC_URL",
)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Isolate each test from the developer's environment and .env file."""
    for name in DASHBOARD:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def test_without_settings_there_is_no_login_and_no_operator() -> None:
    config = DashboardSettings.from_settings(load_settings())
    assert (config.oauth, config.admin_token, config.session_key) == (None, None, None)
    assert config.web_url == "https://github.com"


def test_the_oauth_client_goes_to_the_enterprise_web_host(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_API_URL", "https://ghe.example/api/v3")
    monkeypatch.setenv("GITHUB_CLIENT_ID", "Iv1.abc")
    monkeypatch.setenv("GITHUB_CLIENT_SECRET", "client-secret-value")
    config = DashboardSettings.from_settings(load_settings())
    assert config.oauth is not None
    assert (config.oauth.web_url, config.oauth.api_url) == (
        "https://ghe.example",
        "https://ghe.example/api/v3",
    )
    assert config.session_key == derive_key(None, "client-secret-value")
    assert "client-secret-value" not in repr(config)


def test_a_session_secret_wins_over_the_derived_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_CLIENT_SECRET", "client-secret-value")
    monkeypatch.setenv("SESSION_SECRET", "a-session-secret-of-length")
    config = DashboardSettings.from_settings(load_settings())
    assert config.session_key == derive_key("a-session-secret-of-length", None)
    assert config.oauth is None  # no client id: login stays off


@pytest.mark.parametrize(
    ("variable", "value", "problem"),
    [
        ("ADMIN_TOKEN", "short", "at least 16 characters"),
        ("SESSION_SECRET", "short", "at least 16 characters"),
        ("METRICS_ADDRESS", "8125", "HOST:PORT"),
        ("METRICS_ADDRESS", "127.0.0.1:http", "HOST:PORT"),
        ("METRICS_ADDRESS", "127.0.0.1:70000", "HOST:PORT"),
    ],
)
def test_malformed_values_are_named_without_echoing_them(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, problem: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert caught.value.variable == variable
    assert problem in caught.value.problem
    assert value not in str(caught.value)


def test_the_new_secrets_are_redacted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_CLIENT_SECRET", "client-secret-value")
    monkeypatch.setenv("ADMIN_TOKEN", "operator-token-value")
    monkeypatch.setenv("SESSION_SECRET", "session-secret-value")
    monkeypatch.setenv("METRICS_ADDRESS", "[::1]:9100")
    settings = load_settings()
    assert settings.metrics_address == "[::1]:9100"
    found = secrets_from_settings(settings)
    for secret in ("client-secret-value", "operator-token-value", "session-secret-value"):
        assert secret in found
        assert secret not in repr(settings)

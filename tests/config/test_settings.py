"""Service settings: validated once, errors name the variable, secrets stay hidden."""

from datetime import timedelta
from pathlib import Path

import pytest

from pace_app.config.settings import Settings, load_settings
from pace_app.errors import SettingsError
from tests.fakes.keys import private_key_pem

VARIABLES = (
    "GITHUB_APP_ID",
    "GITHUB_PRIVATE_KEY",
    "GITHUB_PRIVATE_KEY_PATH",
    "GITHUB_WEBHOOK_SECRET",
    "GITHUB_API_URL",
    "DATA_DIR",
    "DATABASE_URL",
    "PUBLIC_URL",
    "HOST",
    "PORT",
    "WORKERS",
    "ANTHROPIC_API_KEY",
    "ANTHROPIC_BASE_URL",
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "MODEL_PRICES",
    "UNKNOWN_MODEL_PRICE",
    "SENTRY_DSN",
    "LOG_LEVEL",
    "LOG_FORMAT",
    "REDELIVER_EVERY",
    "REPLAY_WINDOW",
    "WEBHOOK_BODY_TIMEOUT_SECONDS",
    "INTAKE_BATCH_WINDOW_MS",
    "SQLITE_SYNCHRONOUS",
    "PACE_TRIGGER_LABEL",
    "PACE_COMMAND",
    "PACE_BRANCH_PREFIX",
)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Isolate each test from the developer's environment and .env file."""
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def test_defaults_match_the_documented_table() -> None:
    settings = load_settings()
    assert (settings.host, settings.port, settings.workers) == ("127.0.0.1", 3000, 2)
    assert settings.github_api_url == "https://api.github.com"
    assert settings.effective_database_url == "sqlite:///data/pace.db"
    assert (settings.log_level, settings.log_format) == ("INFO", "text")
    assert not settings.has_app_credentials


def test_redeliver_every_reads_like_the_since_option(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_settings().redeliver_every is None
    monkeypatch.setenv("REDELIVER_EVERY", " 6H ")
    assert load_settings().redeliver_every == timedelta(hours=6)


def test_missing_app_id_is_named_first() -> None:
    with pytest.raises(SettingsError) as error:
        load_settings().require_app()
    assert str(error.value) == "GITHUB_APP_ID: is not set"


def test_missing_private_key_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_APP_ID", "12")
    with pytest.raises(SettingsError, match="GITHUB_PRIVATE_KEY: is not set"):
        load_settings().require_app()


def test_missing_secret_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_APP_ID", "12")
    monkeypatch.setenv("GITHUB_PRIVATE_KEY", private_key_pem())
    with pytest.raises(SettingsError, match="GITHUB_WEBHOOK_SECRET: is not set"):
        load_settings().require_app()


def test_inline_key_with_escaped_newlines_is_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    key = private_key_pem()
    monkeypatch.setenv("GITHUB_PRIVATE_KEY", key.replace("\n", "\\n"))
    assert load_settings().private_key_pem() == key


def test_key_from_a_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    key = private_key_pem()
    (tmp_path / "app.pem").write_text(key)
    monkeypatch.setenv("GITHUB_PRIVATE_KEY_PATH", str(tmp_path / "app.pem"))
    assert load_settings().private_key_pem() == key


def test_unreadable_key_path_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GITHUB_PRIVATE_KEY_PATH", str(tmp_path / "missing.pem"))
    with pytest.raises(SettingsError, match="GITHUB_PRIVATE_KEY_PATH: cannot read the file"):
        load_settings().private_key_pem()


@pytest.mark.parametrize("variable", ["GITHUB_PRIVATE_KEY", "GITHUB_PRIVATE_KEY_PATH"])
def test_text_that_is_not_a_key_is_refused_without_echoing_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, variable: str
) -> None:
    (tmp_path / "key.txt").write_text("hunter2-not-a-key")
    value = str(tmp_path / "key.txt") if variable.endswith("PATH") else "hunter2-not-a-key"
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as error:
        load_settings().private_key_pem()
    assert str(error.value) == f"{variable}: is not a PEM private key"
    assert "hunter2" not in str(error.value)


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("PORT", "eighty"),
        ("PORT", "70000"),
        ("WORKERS", "0"),
        ("GITHUB_APP_ID", "abc"),
        ("GITHUB_API_URL", "api.github.com"),
        ("DATABASE_URL", "mysql://db"),
        ("LOG_FORMAT", "xml"),
        ("REDELIVER_EVERY", "soon"),
        ("REDELIVER_EVERY", "0m"),
    ],
)
def test_malformed_values_name_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as error:
        load_settings()
    assert error.value.variable == variable
    assert value not in error.value.problem


def test_settings_come_from_a_dotenv_file(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("GITHUB_APP_ID=99\nLOG_LEVEL=debug\nLOG_FORMAT=JSON\n")
    settings = load_settings()
    assert (settings.github_app_id, settings.log_level, settings.log_format) == (
        99,
        "DEBUG",
        "json",
    )


def test_secrets_never_appear_in_the_settings_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_WEBHOOK_SECRET", "s3cr3t-value")
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-s3cr3t")
    settings = load_settings()
    assert "s3cr3t" not in repr(settings)
    assert "s3cr3t" not in str(settings.model_dump())
    assert settings.require_webhook_secret() == "s3cr3t-value"


def test_settings_are_frozen() -> None:
    settings = Settings()
    with pytest.raises(ValueError, match="frozen"):
        setattr(settings, "port", 1)  # noqa: B010 - the assignment itself is under test


def test_intake_settings_have_documented_defaults() -> None:
    settings = load_settings()
    assert settings.replay_window == timedelta(days=7)
    assert settings.webhook_body_timeout_seconds == 10.0
    assert settings.intake_batch_window_ms == 0.0
    assert settings.sqlite_synchronous == "NORMAL"


def test_intake_settings_are_read_and_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPLAY_WINDOW", "12h")
    monkeypatch.setenv("SQLITE_SYNCHRONOUS", "full")
    monkeypatch.setenv("WEBHOOK_BODY_TIMEOUT_SECONDS", "2.5")
    settings = load_settings()
    assert (settings.replay_window, settings.sqlite_synchronous) == (timedelta(hours=12), "FULL")
    assert settings.webhook_body_timeout_seconds == 2.5
    monkeypatch.setenv("SQLITE_SYNCHRONOUS", "off")
    with pytest.raises(SettingsError, match="SQLITE_SYNCHRONOUS"):
        load_settings()
    monkeypatch.setenv("SQLITE_SYNCHRONOUS", "normal")
    monkeypatch.setenv("REPLAY_WINDOW", "a week")
    with pytest.raises(SettingsError, match="REPLAY_WINDOW"):
        load_settings()


def test_sandbox_settings_default_to_the_strict_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SANDBOX_MODE", "SANDBOX_SETUP_NETWORK", "PROTECTED_PATHS"):
        monkeypatch.delenv(name, raising=False)
    settings = load_settings(env_file=None)
    assert (settings.sandbox_mode, settings.sandbox_setup_network) == ("required", False)
    assert (settings.sandbox_memory_mb, settings.sandbox_processes) == (2048, 256)
    assert (settings.sandbox_file_mb, settings.sandbox_disk_mb) == (1024, 10240)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("SANDBOX_MODE", "sometimes", "SANDBOX_MODE"),
        ("SANDBOX_MEMORY_MB", "1", "SANDBOX_MEMORY_MB"),
        ("SANDBOX_SETUP_NETWORK", "perhaps", "SANDBOX_SETUP_NETWORK"),
    ],
)
def test_bad_sandbox_settings_name_the_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, message: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError, match=message):
        load_settings(env_file=None)


def test_model_provider_settings_and_prices(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-openai-secret")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:11434/v1/")
    monkeypatch.setenv("MODEL_PRICES", '{"llama3.1": {"input": 0, "output": 0}}')
    monkeypatch.setenv("UNKNOWN_MODEL_PRICE", '{"input": 1, "output": 2, "cached_input": 0.1}')

    settings = load_settings()

    assert settings.openai_base_url == "http://127.0.0.1:11434/v1"
    assert settings.model_prices["llama3.1"].output == 0
    assert settings.unknown_model_price is not None
    assert settings.unknown_model_price.cached_input == 0.1
    assert "sk-openai-secret" not in repr(settings)


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("OPENAI_BASE_URL", "localhost:8000"),
        ("MODEL_PRICES", '{"m": {"input": -1, "output": 0}}'),
        ("MODEL_PRICES", '{"m": {"input": 1, "output": 1, "typo": 1}}'),
        ("UNKNOWN_MODEL_PRICE", "cheap"),
    ],
)
def test_bad_model_settings_name_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as error:
        load_settings()
    assert str(error.value).startswith(f"{variable}: ")


def test_the_conventions_default_to_pace_names() -> None:
    conventions = load_settings().conventions()
    assert (conventions.trigger_label, conventions.command, conventions.branch_prefix) == (
        "pace:story",
        "pace",
        "pace/",
    )


def test_the_operator_sets_the_conventions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PACE_TRIGGER_LABEL", "ai:build")
    monkeypatch.setenv("PACE_COMMAND", " Bot ")
    monkeypatch.setenv("PACE_BRANCH_PREFIX", "bot/")
    conventions = load_settings().conventions()
    assert (conventions.trigger_label, conventions.command, conventions.branch_prefix) == (
        "ai:build",
        "bot",
        "bot/",
    )


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("PACE_TRIGGER_LABEL", "a,b", "PACE_TRIGGER_LABEL: must not contain a comma"),
        ("PACE_TRIGGER_LABEL", "pace:running", "PACE_TRIGGER_LABEL: must not be one of"),
        ("PACE_TRIGGER_LABEL", "x" * 51, "PACE_TRIGGER_LABEL: must be at most 50"),
        ("PACE_COMMAND", "/bot", "PACE_COMMAND: must be the word after '/'"),
        ("PACE_COMMAND", "bot_x", "PACE_COMMAND: must be a lowercase letter"),
        ("PACE_BRANCH_PREFIX", "main/", "PACE_BRANCH_PREFIX: must not put story branches"),
        ("PACE_BRANCH_PREFIX", "a..b/", "PACE_BRANCH_PREFIX: does not make a valid git"),
    ],
)
def test_bad_conventions_name_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, message: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as error:
        load_settings()
    assert str(error.value).startswith(message)


def test_daily_budgets_are_off_unless_set_and_must_be_positive(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("BUDGET_MAX_USD_PER_DAY", "BUDGET_MAX_USD_PER_DAY_PER_INSTALLATION"):
        monkeypatch.delenv(name, raising=False)
    settings = load_settings(env_file=None)
    assert settings.budget_max_usd_per_day is None
    assert settings.budget_max_usd_per_day_per_installation is None

    monkeypatch.setenv("BUDGET_MAX_USD_PER_DAY", "12.5")
    monkeypatch.setenv("BUDGET_MAX_USD_PER_DAY_PER_INSTALLATION", "40")
    settings = load_settings(env_file=None)
    assert settings.budget_max_usd_per_day == 12.5
    assert settings.budget_max_usd_per_day_per_installation == 40

    monkeypatch.setenv("BUDGET_MAX_USD_PER_DAY", "0")
    with pytest.raises(SettingsError, match="BUDGET_MAX_USD_PER_DAY"):
        load_settings(env_file=None)

"""Service settings, read from the environment and a ``.env`` file, validated once."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from pace_app.domain.conventions import (
    DEFAULT_BRANCH_PREFIX,
    DEFAULT_COMMAND,
    Conventions,
    branch_prefix_problem,
    command_problem,
    label_problem,
)
from pace_app.domain.duration import parse_duration
from pace_app.domain.labels import STORY
from pace_app.errors import SettingsError

PUBLIC_API_URL = "https://api.github.com"
APP_CREDENTIALS = ("GITHUB_APP_ID", "GITHUB_PRIVATE_KEY", "GITHUB_WEBHOOK_SECRET")
# ADMIN_TOKEN and SESSION_SECRET guard the dashboard: too short is as good as none.
MIN_SECRET_LENGTH = 16


class PriceSetting(BaseModel):
    """A model's price in USD per million tokens, as ``MODEL_PRICES`` entries give it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    input: float = Field(ge=0, allow_inf_nan=False)
    output: float = Field(ge=0, allow_inf_nan=False)
    cached_input: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    cache_write_input: float | None = Field(default=None, ge=0, allow_inf_nan=False)


class Settings(BaseSettings):
    """Everything the service reads from its environment."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        frozen=True,
        case_sensitive=False,
    )

    github_app_id: int | None = None
    github_private_key: SecretStr | None = None
    github_private_key_path: Path | None = None
    github_webhook_secret: SecretStr | None = None
    github_api_url: str = PUBLIC_API_URL
    github_client_id: str | None = None
    github_client_secret: SecretStr | None = None
    admin_token: SecretStr | None = None
    session_secret: SecretStr | None = None
    metrics_address: str | None = None
    data_dir: Path = Path("data")
    database_url: str | None = None
    public_url: str | None = None
    webhook_proxy_url: str | None = None
    host: str = "127.0.0.1"
    port: int = Field(default=3000, ge=1, le=65535)
    workers: int = Field(default=2, ge=1, le=64)
    job_lease_seconds: int = Field(default=60, ge=5, le=3600)
    redeliver_every: timedelta | None = None
    replay_window: timedelta = timedelta(days=7)
    webhook_body_timeout_seconds: float = Field(default=10.0, gt=0, le=300)
    intake_batch_window_ms: float = Field(default=0.0, ge=0, le=100)
    sqlite_synchronous: Literal["NORMAL", "FULL", "EXTRA"] = "NORMAL"
    anthropic_api_key: SecretStr | None = None
    anthropic_base_url: str | None = None
    openai_api_key: SecretStr | None = None
    openai_base_url: str | None = None
    # JSON: {"model-id": {"input": 1.0, "output": 2.0, "cached_input": 0.1}, ...}
    model_prices: dict[str, PriceSetting] = Field(default_factory=dict)
    # JSON: {"input": 3.0, "output": 15.0}; charged for a model no table lists.
    unknown_model_price: PriceSetting | None = None
    sentry_dsn: SecretStr | None = None
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    log_format: Literal["text", "json"] = "text"
    sandbox_mode: Literal["required", "auto", "off"] = "required"
    sandbox_bwrap: str = "bwrap"
    sandbox_setup_network: bool = False
    sandbox_setup_hosts: str | None = None
    sandbox_memory_mb: int = Field(default=2048, ge=64, le=1024 * 1024)
    sandbox_processes: int = Field(default=256, ge=8, le=1_000_000)
    sandbox_file_mb: int = Field(default=1024, ge=1, le=1024 * 1024)
    sandbox_disk_mb: int = Field(default=10240, ge=16, le=1024 * 1024 * 64)
    protected_paths: str | None = None
    commit_signing: Literal["api", "key", "off"] = "api"
    git_signing_key: SecretStr | None = None
    git_signing_key_path: Path | None = None
    # The names users drive PACE with; a repository's `github` section overrides them.
    pace_trigger_label: str = STORY
    pace_command: str = DEFAULT_COMMAND
    pace_branch_prefix: str = DEFAULT_BRANCH_PREFIX
    # USD of model calls per UTC day; off when unset. A repository may lower its own.
    budget_max_usd_per_day: float | None = Field(default=None, gt=0, allow_inf_nan=False)
    budget_max_usd_per_day_per_installation: float | None = Field(
        default=None, gt=0, allow_inf_nan=False
    )

    @field_validator("sqlite_synchronous", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("log_level", "log_format", "sandbox_mode", "commit_signing", mode="before")
    @classmethod
    def _normalise_case(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        return (
            value.upper()
            if value.lower() in {"debug", "info", "warning", "error", "critical"}
            else value.lower()
        )

    @field_validator(
        "github_api_url",
        "public_url",
        "webhook_proxy_url",
        "anthropic_base_url",
        "openai_base_url",
    )
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/") if value else value

    @field_validator("admin_token", "session_secret")
    @classmethod
    def _long_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value()) < MIN_SECRET_LENGTH:
            raise ValueError(f"must be at least {MIN_SECRET_LENGTH} characters")
        return value

    @field_validator("metrics_address")
    @classmethod
    def _host_port(cls, value: str | None) -> str | None:
        if value is None:
            return value
        host, _, port = value.rpartition(":")
        if not host or not port.isdigit() or not 1 <= int(port) <= 65535:
            raise ValueError("must be HOST:PORT, e.g. 127.0.0.1:9100")
        return value

    @field_validator("redeliver_every", "replay_window", mode="before")
    @classmethod
    def _duration(cls, value: object) -> object:
        return parse_duration(value) if isinstance(value, str) else value

    @field_validator("database_url")
    @classmethod
    def _database_scheme(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(
            ("sqlite:///", "postgresql://", "postgres://")
        ):
            raise ValueError("must be sqlite:///PATH or postgresql://...")
        return value

    @field_validator("pace_trigger_label")
    @classmethod
    def _trigger_label(cls, value: str) -> str:
        return _checked(value, label_problem(value))

    @field_validator("pace_command", mode="before")
    @classmethod
    def _command(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        word = value.strip().lower()
        return _checked(word, command_problem(word))

    @field_validator("pace_branch_prefix")
    @classmethod
    def _branch_prefix(cls, value: str) -> str:
        return _checked(value, branch_prefix_problem(value))

    def conventions(self) -> Conventions:
        """Return the operator's trigger label, command word and branch prefix."""
        return Conventions(
            trigger_label=self.pace_trigger_label,
            command=self.pace_command,
            branch_prefix=self.pace_branch_prefix,
        )

    @property
    def effective_database_url(self) -> str:
        """Return ``DATABASE_URL``, defaulting to SQLite inside ``DATA_DIR``."""
        return self.database_url or f"sqlite:///{self.data_dir / 'pace.db'}"

    @property
    def has_app_credentials(self) -> bool:
        """Say whether any App credential is configured at all."""
        return any(
            value is not None
            for value in (
                self.github_app_id,
                self.github_private_key,
                self.github_private_key_path,
                self.github_webhook_secret,
            )
        )

    def private_key_pem(self) -> str:
        """Return the App's private key as PEM text, from inline text or a file."""
        if self.github_private_key is not None:
            pem = self.github_private_key.get_secret_value().replace("\\n", "\n").strip()
        elif self.github_private_key_path is not None:
            try:
                pem = self.github_private_key_path.read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise SettingsError(
                    "GITHUB_PRIVATE_KEY_PATH", f"cannot read the file ({exc.strerror})"
                ) from None
        else:
            raise SettingsError("GITHUB_PRIVATE_KEY", "is not set (nor GITHUB_PRIVATE_KEY_PATH)")
        if "-----BEGIN" not in pem or "PRIVATE KEY-----" not in pem:
            variable = (
                "GITHUB_PRIVATE_KEY" if self.github_private_key else "GITHUB_PRIVATE_KEY_PATH"
            )
            raise SettingsError(variable, "is not a PEM private key")
        return pem + "\n"

    def require_app(self) -> None:
        """Raise ``SettingsError`` naming the first App credential that is missing."""
        self.require_app_id()
        self.private_key_pem()
        self.require_webhook_secret()

    def require_app_id(self) -> int:
        """Return the App id, or raise ``SettingsError`` if it is unset."""
        if self.github_app_id is None:
            raise SettingsError("GITHUB_APP_ID", "is not set")
        return self.github_app_id

    def require_webhook_secret(self) -> str:
        """Return the webhook secret, or raise ``SettingsError`` if it is unset."""
        if self.github_webhook_secret is None or not self.github_webhook_secret.get_secret_value():
            raise SettingsError("GITHUB_WEBHOOK_SECRET", "is not set")
        return self.github_webhook_secret.get_secret_value()


def load_settings(env_file: Path | None = Path(".env")) -> Settings:
    """Read and validate the settings, turning the first problem into ``SettingsError``."""
    try:
        return Settings(_env_file=env_file)  # type: ignore[call-arg]
    except ValidationError as exc:
        error = exc.errors()[0]
        variable = str(error["loc"][0]).upper() if error["loc"] else "settings"
        raise SettingsError(variable, _describe(error["msg"], error.get("input"))) from None


def _checked(value: str, problem: str | None) -> str:
    """Return ``value``, or raise the problem a conventions rule found with it."""
    if problem is not None:
        raise ValueError(problem)
    return value


def _describe(message: str, value: object) -> str:
    """Phrase a validation message without echoing the value (it may be a secret)."""
    del value
    message = message.removeprefix("Value error, ")
    return message[0].lower() + message[1:] if message else "is invalid"

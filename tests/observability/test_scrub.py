"""Secret values and credential shapes are removed from text and structures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from pace_app.config.settings import Settings
from pace_app.observability.scrub import (
    REDACTED,
    Redactor,
    is_sensitive_key,
    redact_text,
    scrub_mapping,
    secrets_from_settings,
)

from .conftest import Planted

TOKEN = "ghs_" + "T0k3n" * 8
JWT = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiIxMjMifQ.c2lnbmF0dXJlLWJ5dGVz"
SIGNATURE = "sha256=" + "ab12" * 16

SHAPES = [
    ("installation token", f"token {TOKEN} expired", f"token {REDACTED} expired"),
    ("personal token", "ghp_" + "a" * 36, REDACTED),
    ("oauth token", "gho_" + "B" * 36, REDACTED),
    ("user-to-server token", "ghu_" + "c1" * 18, REDACTED),
    ("refresh token", "ghr_" + "d2" * 18, REDACTED),
    ("fine-grained token", "use github_pat_11ABC_" + "x9" * 20, f"use {REDACTED}"),
    (
        "token in a clone URL",
        f"git clone https://x-access-token:{TOKEN}@example.test/o/r.git",
        f"git clone https://x-access-token:{REDACTED}@example.test/o/r.git",
    ),
    (
        "opaque password in a URL",
        "https://user:hunter2hunter2@db.example.test/x",
        f"https://user:{REDACTED}@db.example.test/x",
    ),
    ("bearer header", "Authorization: Bearer abc.def-ghi", f"Authorization: Bearer {REDACTED}"),
    ("token header", "authorization=token abcdef123", f"authorization=token {REDACTED}"),
    ("basic header", "AUTHORIZATION: basic eC1hY2Nlc3M=", f"AUTHORIZATION: basic {REDACTED}"),
    (
        "header inside a dict repr",
        "{'Authorization': 'Bearer abcdef'}",
        f"{{'Authorization': 'Bearer {REDACTED}'}}",
    ),
    ("bare bearer", "sent Bearer abcdefghijklmnop", f"sent Bearer {REDACTED}"),
    ("anthropic key", "key=sk-ant-api03-AbC_dEf-123", f"key={REDACTED}"),
    ("jwt", f"jwt {JWT} sent", f"jwt {REDACTED} sent"),
    (
        "hub signature",
        f"X-Hub-Signature-256: {SIGNATURE}",
        f"X-Hub-Signature-256: sha256={REDACTED}",
    ),
    ("legacy signature", "sha1=" + "0f" * 20, f"sha1={REDACTED}"),
    ("harmless text", "job 42 finished in 3.2 s", "job 42 finished in 3.2 s"),
    ("bearer prose", "a bearer token is required", "a bearer token is required"),
    ("short sha", "sha256=abc", "sha256=abc"),
]


@pytest.mark.parametrize(("text", "expected"), [s[1:] for s in SHAPES], ids=[s[0] for s in SHAPES])
def test_known_shapes_are_redacted(text: str, expected: str) -> None:
    assert redact_text(text) == expected


def test_pem_block_is_removed_whole(planted: Planted) -> None:
    text = f"key loaded: {planted.private_key.strip()} done"
    assert redact_text(text) == f"key loaded: {REDACTED} done"


def test_pem_block_escaped_in_json_is_removed(planted: Planted) -> None:
    line = json.dumps({"message": planted.private_key.strip(), "n": 1})
    redacted = redact_text(line)
    assert json.loads(redacted) == {"message": REDACTED, "n": 1}


def test_truncated_pem_block_is_removed(planted: Planted) -> None:
    truncated = planted.private_key[:300]
    assert redact_text(f"[{truncated}]") == f"[{REDACTED}]"


SECRETS = [
    ("plain", "s3cr3t-value", "value s3cr3t-value here", f"value {REDACTED} here"),
    ("repeated", "abcd", "abcd-abcd", f"{REDACTED}-{REDACTED}"),
    ("too short to match safely", "abc", "abc abc", "abc abc"),
    ("empty", "", "nothing", "nothing"),
    ("regex characters", "a.b*c+(d)", "x a.b*c+(d) y", f"x {REDACTED} y"),
    ("escaped newline", "line1\nline2", "got line1\\nline2", f"got {REDACTED}"),
    ("json escaped quote", 'pa"ss', 'v="pa\\"ss"', f'v="{REDACTED}"'),
]


@pytest.mark.parametrize(
    ("secret", "text", "expected"), [s[1:] for s in SECRETS], ids=[s[0] for s in SECRETS]
)
def test_configured_secret_values_are_redacted(secret: str, text: str, expected: str) -> None:
    assert redact_text(text, [secret]) == expected


def test_longer_secret_wins_over_its_prefix() -> None:
    assert redact_text("xx abcdefgh yy", ["abcd", "abcdefgh"]) == f"xx {REDACTED} yy"


def test_a_key_line_logged_alone_is_redacted(planted: Planted) -> None:
    line = planted.private_key.splitlines()[3]
    assert redact_text(f"read {line}", planted.configured()) == f"read {REDACTED}"


KEYS = [
    ("Authorization", True),
    ("HTTP_AUTHORIZATION", True),
    ("X-Hub-Signature-256", True),
    ("x-hub-signature", True),
    ("access_token", True),
    ("accessToken", True),
    ("github_webhook_secret", True),
    ("password", True),
    ("private_key", True),
    ("GITHUB_PRIVATE_KEY", True),
    ("api_key", True),
    ("apiKey", True),
    ("Cookie", True),
    ("set-cookie", True),
    ("sentry_dsn", True),
    ("input_tokens", False),
    ("idempotency_key", False),
    ("delivery_id", False),
    ("keyboard", False),
    ("repo", False),
]


@pytest.mark.parametrize(("key", "sensitive"), KEYS)
def test_sensitive_keys_are_recognised(key: str, sensitive: bool) -> None:
    assert is_sensitive_key(key) is sensitive


def test_scrub_mapping_redacts_keys_and_text(planted: Planted) -> None:
    event: dict[str, Any] = {
        "headers": {
            "Authorization": "Bearer x",
            "X-Hub-Signature-256": SIGNATURE,
            "Content-Type": "application/json",
        },
        "nested": [{"token": {"deep": "value"}}, ("msg " + planted.webhook_secret, 3)],
        "counts": {"input_tokens": 12, "token": 7, "password": None, "secret": True},
        "raw": b"body " + planted.anthropic_key.encode(),
        "n": 1.5,
    }
    scrubbed = scrub_mapping(event, planted.configured())
    assert scrubbed == {
        "headers": {
            "Authorization": REDACTED,
            "X-Hub-Signature-256": REDACTED,
            "Content-Type": "application/json",
        },
        "nested": [{"token": REDACTED}, [f"msg {REDACTED}", 3]],
        "counts": {"input_tokens": 12, "token": 7, "password": None, "secret": True},
        "raw": f"body {REDACTED}",
        "n": 1.5,
    }
    assert event["headers"]["Authorization"] == "Bearer x", "the input is left untouched"


def test_redactor_can_be_reused() -> None:
    redactor = Redactor(["first-secret", "second-secret"])
    assert redactor.text("first-secret") == REDACTED
    assert redactor.mapping({"k": ["second-secret"]}) == {"k": [REDACTED]}


SECRET_VARIABLES = (
    "GITHUB_WEBHOOK_SECRET",
    "GITHUB_PRIVATE_KEY",
    "GITHUB_PRIVATE_KEY_PATH",
    "ANTHROPIC_API_KEY",
    "OPENAI_API_KEY",
    "SENTRY_DSN",
)


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the machine's own settings out of the Settings these tests build."""
    for name in SECRET_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.mark.usefixtures("clean_env")
def test_secrets_from_settings_reads_every_configured_secret(
    planted: Planted, tmp_path: Path
) -> None:
    key_file = tmp_path / "app.pem"
    key_file.write_text(planted.private_key, encoding="utf-8")
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        github_webhook_secret=SecretStr(planted.webhook_secret),
        github_private_key_path=key_file,
        anthropic_api_key=SecretStr(planted.anthropic_key),
        openai_api_key=SecretStr("sk-openai-planted-key"),
        sentry_dsn=SecretStr("https://public@sentry.invalid/1"),
    )
    found = secrets_from_settings(settings)
    assert set(found) == {
        planted.webhook_secret,
        planted.private_key,
        planted.anthropic_key,
        "sk-openai-planted-key",
        "https://public@sentry.invalid/1",
    }


@pytest.mark.usefixtures("clean_env")
def test_secrets_from_settings_escaped_inline_key_and_bad_path(
    planted: Planted, tmp_path: Path
) -> None:
    escaped = planted.private_key.strip().replace("\n", "\\n")
    inline = Settings(_env_file=None, github_private_key=SecretStr(escaped))  # type: ignore[call-arg]
    assert set(secrets_from_settings(inline)) == {escaped, planted.private_key}
    missing = Settings(
        _env_file=None,  # type: ignore[call-arg]
        github_private_key_path=tmp_path / "absent.pem",
    )
    assert secrets_from_settings(missing) == []
    assert secrets_from_settings(Settings(_env_file=None)) == []  # type: ignore[call-arg]

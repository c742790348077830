"""Remove secrets from text and nested structures before they leave the process.

Two layers: the exact values the service knows to be secret (webhook secret, private
key, API keys), and the shapes of credentials it cannot know in advance (installation
tokens minted at run time, signatures, bearer headers, PEM blocks, JWTs).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pace_app.errors import SettingsError

if TYPE_CHECKING:
    from pace_app.config.settings import Settings

REDACTED = "[redacted]"
MIN_SECRET_LENGTH = 4

# Each pattern's first group (when present) is kept: it is the harmless label before
# the credential, which keeps the redacted line readable. Each comes with the
# lower-case literals one of which any match contains: a line holding none of them
# (most log lines) skips the pattern, which keeps redaction cheap on the hot path.
_TOKEN_PATTERNS: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = (
    # A PEM private key; the body class also takes JSON's escaped newlines, and the
    # END line is optional so a truncated key is still removed.
    (
        ("-----begin",),
        re.compile(
            r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----"
            r"[A-Za-z0-9+/=\s\\]*"
            r"(?:-----END [A-Z0-9 ]*PRIVATE KEY-----)?"
        ),
    ),
    (
        ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
        re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9_]{8,}|github_pat_[A-Za-z0-9_]{8,})"),
    ),
    (("sk-ant-",), re.compile(r"\bsk-ant-[A-Za-z0-9_\-]{4,}")),
    (("eyj",), re.compile(r"\beyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*")),
    (("sha1=", "sha256="), re.compile(r"(?i)\b(sha(?:1|256)=)[0-9a-f]{16,}")),
    # The password part of credentials in a URL (x-access-token:TOKEN@host and kin).
    (("://",), re.compile(r"(://[^/\s:@]+:)[^/\s@]+(?=@)")),
    # A bare token as URL userinfo (https://TOKEN@host).
    (("://",), re.compile(r"(://)[^/\s:@]{8,}(?=@)")),
    (
        ("authorization",),
        re.compile(
            r"(?i)\b(authorization[\"']?\s*[:=]\s*[\"']?(?:bearer|token|basic)\s+)[^\s\"',;]+"
        ),
    ),
    (("bearer",), re.compile(r"(?i)\b(bearer\s+)[A-Za-z0-9._~+/\-]{12,}=*")),
)
_MARKERS = tuple(sorted({marker for markers, _ in _TOKEN_PATTERNS for marker in markers}))

_SENSITIVE_WORDS = frozenset(
    {
        "authorization",
        "token",
        "secret",
        "secrets",
        "password",
        "passwd",
        "signature",
        "cookie",
        "dsn",
        "apikey",
        "credentials",
    }
)
_SENSITIVE_PAIRS = frozenset({("private", "key"), ("api", "key"), ("set", "cookie")})
_WORD_SPLIT = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])")


def _variants(secret: str) -> set[str]:
    """Return the forms a secret takes once escaped by repr, JSON or a .env file."""
    forms = {secret, json.dumps(secret)[1:-1], secret.replace("\n", "\\n")}
    # A multi-line secret (a PEM key) may be logged one line at a time.
    forms.update(line.strip() for line in secret.splitlines() if len(line.strip()) >= 16)
    return {form for form in forms if len(form) >= MIN_SECRET_LENGTH}


class Redactor:
    """Redact known secret values and credential shapes from text, compiled once."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        forms: set[str] = set()
        for secret in secrets:
            if secret and len(secret) >= MIN_SECRET_LENGTH:
                forms |= _variants(secret)
        # Longest first so a secret that contains another is removed whole.
        ordered = sorted(forms, key=len, reverse=True)
        self._forms = tuple(ordered)
        self._values = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    def text(self, text: str) -> str:
        """Return ``text`` with every secret value and credential shape replaced."""
        if self._values is not None and self._contains_secret(text):
            text = self._values.sub(REDACTED, text)
        lowered = text.lower()
        present = {marker for marker in _MARKERS if marker in lowered}
        if present:
            for markers, pattern in _TOKEN_PATTERNS:
                if not present.isdisjoint(markers):
                    text = pattern.sub(_keep_label, text)
        return text

    def _contains_secret(self, text: str) -> bool:
        # Substring tests are far cheaper than the alternation; most text holds none.
        return any(map(text.__contains__, self._forms))

    def strings(self, obj: Any) -> Any:
        """Return a copy of a JSON value with every string in it redacted, keys kept."""
        if isinstance(obj, Mapping):
            return {key: self.strings(value) for key, value in obj.items()}
        if isinstance(obj, list | tuple):
            return [self.strings(item) for item in obj]
        return self.text(obj) if isinstance(obj, str) else obj

    def mapping(self, obj: Any) -> Any:
        """Return a copy of ``obj`` with sensitive keys and secrets in text redacted."""
        if isinstance(obj, Mapping):
            return {
                key: (
                    _redact_whole(value)
                    if isinstance(key, str) and is_sensitive_key(key)
                    else self.mapping(value)
                )
                for key, value in obj.items()
            }
        if isinstance(obj, list | tuple):
            return [self.mapping(item) for item in obj]
        if isinstance(obj, str):
            return self.text(obj)
        if isinstance(obj, bytes | bytearray):
            return self.text(bytes(obj).decode("utf-8", errors="replace"))
        return obj


def _keep_label(match: re.Match[str]) -> str:
    label = match.group(1) if match.re.groups else None
    return (label or "") + REDACTED


def _redact_whole(value: Any) -> Any:
    """Redact a value stored under a sensitive key, keeping only harmless scalars."""
    if value is None or isinstance(value, bool | int | float):
        return value
    return REDACTED


def is_sensitive_key(key: str) -> bool:
    """Say whether a mapping key names a credential (``X-Hub-Signature-256``, ``apiKey``)."""
    words = [word.lower() for word in _WORD_SPLIT.split(key) if word]
    if any(word in _SENSITIVE_WORDS for word in words):
        return True
    return any(pair in _SENSITIVE_PAIRS for pair in itertools.pairwise(words))


@lru_cache(maxsize=32)
def _redactor(secrets: tuple[str, ...]) -> Redactor:
    return Redactor(secrets)


def redact_text(text: str, secrets: Iterable[str] = ()) -> str:
    """Return ``text`` with the given secret values and known token shapes redacted."""
    return _redactor(tuple(secrets)).text(text)


def scrub_mapping(obj: Any, secrets: Iterable[str] = ()) -> Any:
    """Return a copy of ``obj`` with sensitive keys and secrets in its text redacted."""
    return _redactor(tuple(secrets)).mapping(obj)


def secrets_from_settings(settings: Settings) -> list[str]:
    """Return the secret values configured in ``settings``, for the redactors."""
    found = [
        secret.get_secret_value()
        for secret in (
            settings.github_webhook_secret,
            settings.github_private_key,
            settings.anthropic_api_key,
            settings.openai_api_key,
            settings.sentry_dsn,
            settings.git_signing_key,
        )
        if secret is not None
    ]
    if settings.github_private_key is not None or settings.github_private_key_path is not None:
        # An unreadable or malformed key is reported by the settings check, not here.
        with contextlib.suppress(SettingsError):
            found.append(settings.private_key_pem())
    return [secret for secret in found if secret]

"""Signed cookie values: the dashboard's login sessions and OAuth states.

A value is ``base64url(json) "." base64url(HMAC-SHA256(key, json))`` and carries its
own expiry, so any web process holding the key can check it and nothing is stored on
the server. The key is ``SESSION_SECRET``, or derived from the OAuth client secret.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

SESSION_COOKIE = "pace_session"
STATE_COOKIE = "pace_oauth_state"
SESSION_LIFETIME_SECONDS = 8 * 3600
STATE_LIFETIME_SECONDS = 600
# Browsers keep cookies up to 4096 bytes; stay below with the name and attributes.
MAX_COOKIE_VALUE = 3800
_DERIVATION_LABEL = b"pace-app dashboard session key v1"


def derive_key(session_secret: str | None, client_secret: str | None) -> bytes | None:
    """Return the signing key: from ``SESSION_SECRET``, else from the OAuth client secret."""
    source = session_secret or client_secret
    if not source:
        return None
    return hmac.new(source.encode(), _DERIVATION_LABEL, hashlib.sha256).digest()


def sign(data: dict[str, Any], key: bytes, *, expires: int) -> str:
    """Return ``data`` with its expiry (epoch seconds) as a signed cookie value."""
    body = json.dumps({**data, "exp": expires}, separators=(",", ":"), sort_keys=True).encode()
    mac = hmac.new(key, body, hashlib.sha256).digest()
    return f"{_b64(body)}.{_b64(mac)}"


def unsign(value: str, key: bytes, *, now: float) -> dict[str, Any] | None:
    """Return the data (with ``exp``) ``sign`` made with ``key``; None if forged or expired."""
    body_text, dot, mac_text = value.partition(".")
    if not dot:
        return None
    try:
        body, mac = _unb64(body_text), _unb64(mac_text)
    except ValueError:
        return None
    if not hmac.compare_digest(mac, hmac.new(key, body, hashlib.sha256).digest()):
        return None
    try:
        data = json.loads(body)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    expires = data.get("exp")
    if not isinstance(expires, int) or expires <= now:
        return None
    return data


@dataclass(frozen=True)
class Session:
    """Who logged in, and the repositories they could write to when they did."""

    login: str
    repos: frozenset[str]
    expires: int

    def encode(self, key: bytes) -> str:
        """Return the session as a signed cookie value."""
        return sign({"login": self.login, "repos": sorted(self.repos)}, key, expires=self.expires)

    @classmethod
    def decode(cls, value: str, key: bytes, *, now: float) -> Session | None:
        """Return the session in a cookie value; None if forged, expired or malformed."""
        data = unsign(value, key, now=now)
        if data is None:
            return None
        login, repos = data.get("login"), data.get("repos")
        if not isinstance(login, str) or not isinstance(repos, list):
            return None
        if not all(isinstance(repo, str) for repo in repos):
            return None
        return cls(login, frozenset(repos), int(data["exp"]))


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    if not text or not text.isascii():
        raise ValueError("empty or non-ASCII")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (ValueError, TypeError) as exc:
        raise ValueError("not base64url") from exc

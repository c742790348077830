"""Webhook signatures (``X-Hub-Signature-256``): compute and verify, no I/O."""

from __future__ import annotations

import hmac

from pace_app.errors import SignatureError

PREFIX = "sha256="


def sign(body: bytes, secret: str) -> str:
    """Return the ``X-Hub-Signature-256`` value GitHub sends for ``body``."""
    # hmac.digest is the one-shot C path: no HMAC object per request.
    return PREFIX + hmac.digest(secret.encode("utf-8"), body, "sha256").hex()


def verify(body: bytes, signature: str | None, secret: str) -> None:
    """Raise ``SignatureError`` unless ``signature`` matches ``body`` (constant time)."""
    if not signature:
        raise SignatureError("missing X-Hub-Signature-256 header")
    if not signature.startswith(PREFIX):
        raise SignatureError("X-Hub-Signature-256 must start with sha256=")
    if not hmac.compare_digest(sign(body, secret).encode("ascii"), signature.encode("utf-8")):
        raise SignatureError("X-Hub-Signature-256 does not match the body")

"""Planted secrets shared by the observability tests, made fresh for each run."""

from __future__ import annotations

import secrets as random_secrets
from dataclasses import dataclass

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


@dataclass(frozen=True)
class Planted:
    """Secret values the tests try to leak; none of them may come out."""

    webhook_secret: str
    private_key: str
    installation_token: str
    anthropic_key: str

    def configured(self) -> list[str]:
        """Return the values the service knows at start (the token is minted later)."""
        return [self.webhook_secret, self.private_key, self.anthropic_key]

    def all(self) -> list[str]:
        """Return every planted value, with the PEM body lines that could leak alone."""
        lines = self.private_key.splitlines()
        body = [line for line in lines if "-----" not in line and len(line) >= 16]
        return [*self.configured(), self.installation_token, *body]


@pytest.fixture(scope="session")
def planted() -> Planted:
    """Return freshly generated secrets (a real RSA key, random tokens)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    ).decode()
    return Planted(
        webhook_secret="whsec-" + random_secrets.token_hex(16),
        private_key=pem,
        installation_token="ghs_" + random_secrets.token_hex(18),
        anthropic_key="sk-ant-api03-" + random_secrets.token_urlsafe(32),
    )

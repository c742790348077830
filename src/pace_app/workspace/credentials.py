"""How the installation token reaches git, and how it is kept out of everything else.

The token travels as an ``http.<origin>.extraHeader`` setting in git's
``GIT_CONFIG_COUNT``/``GIT_CONFIG_KEY_n``/``GIT_CONFIG_VALUE_n`` environment variables:
per command, scoped to the clone URL's origin, in neither argv (which ``ps`` shows to
every user) nor any config file. ``Redactor`` removes it, its Basic encoding and any
``Authorization`` header value from text git wrote before that text goes anywhere.
"""

from __future__ import annotations

import base64
import re

from pace_app.errors import WorkspaceError

USERNAME = "x-access-token"
REDACTED = "[redacted]"
_AUTH_HEADER = re.compile(r"(authorization\s*:\s*)[^\r\n]*", re.IGNORECASE)
_URL_USERINFO = re.compile(r"(\w+://)[^/\s@]+@")
# Token alphabets GitHub uses, plus what test fixtures and GHES use; never whitespace.
_TOKEN = re.compile(r"[A-Za-z0-9_.~+/=-]{1,1024}")


def check_token(token: str) -> str:
    """Return ``token`` if it can travel in a header, else raise without echoing it."""
    if not _TOKEN.fullmatch(token):
        raise WorkspaceError("installation token is empty or has characters a token cannot have")
    return token


def basic_credentials(token: str) -> str:
    """Return the base64 ``x-access-token:TOKEN`` pair of a Basic Authorization header."""
    return base64.b64encode(f"{USERNAME}:{check_token(token)}".encode()).decode("ascii")


def auth_config(token: str, origin: str) -> list[tuple[str, str]]:
    """Return the git settings that send ``token`` to ``origin`` and nowhere else."""
    return [(f"http.{origin}.extraHeader", f"Authorization: Basic {basic_credentials(token)}")]


class Redactor:
    """Remove known secrets, Authorization header values and URL userinfo from text."""

    def __init__(self, secrets: tuple[str, ...] = ()) -> None:
        self._secrets = tuple(s for s in secrets if s)

    def __repr__(self) -> str:
        return f"Redactor({len(self._secrets)} secrets)"

    @classmethod
    def for_token(cls, token: str | None) -> Redactor:
        """Return a redactor for a token and its Basic encoding."""
        if not token:
            return cls()
        return cls((token, basic_credentials(token)))

    def __call__(self, text: str) -> str:
        """Return ``text`` with every secret replaced."""
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        text = _AUTH_HEADER.sub(lambda m: m.group(1) + REDACTED, text)
        return _URL_USERINFO.sub(lambda m: m.group(1) + REDACTED + "@", text)

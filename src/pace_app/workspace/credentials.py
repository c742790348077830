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
from pace_app.observability.scrub import Redactor

USERNAME = "x-access-token"
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


def token_redactor(token: str | None) -> Redactor:
    """Return the service's redactor also knowing a token and its Basic encoding."""
    return Redactor((token, basic_credentials(token)) if token else ())

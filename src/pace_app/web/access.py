"""Who is asking: the operator (``ADMIN_TOKEN`` as a bearer token), a logged-in user, or nobody.

An operator sees everything; a user sees only the repositories they could write to
when they logged in; nobody sees nothing but the way to log in.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from starlette.requests import Request

from pace_app.web.session import SESSION_COOKIE, Session


@dataclass(frozen=True)
class Viewer:
    """Someone allowed in: the operator, or a user with the repositories they may write to."""

    login: str | None
    repos: frozenset[str] = field(default_factory=frozenset)
    operator: bool = False

    def can_see(self, repo: str) -> bool:
        """Say whether this viewer may see runs of ``repo`` (names compare case-blind)."""
        return self.operator or repo.lower() in {r.lower() for r in self.repos}


OPERATOR = Viewer(login=None, operator=True)


def bearer_token(request: Request) -> str | None:
    """Return the request's ``Authorization: Bearer`` credential, if any."""
    scheme, _, credential = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not credential.strip():
        return None
    return credential.strip()


def is_operator(request: Request, admin_token: str | None) -> bool:
    """Say whether the request carries ``ADMIN_TOKEN`` (never true when it is unset)."""
    sent = bearer_token(request)
    if not admin_token or sent is None:
        return False
    return hmac.compare_digest(sent.encode(), admin_token.encode())


@dataclass(frozen=True)
class Access:
    """What decides who a request comes from."""

    admin_token: str | None = field(default=None, repr=False)
    session_key: bytes | None = field(default=None, repr=False)
    clock: Callable[[], float] = time.time

    def viewer(self, request: Request) -> Viewer | None:
        """Return who sent ``request``, or None when nobody is logged in."""
        if is_operator(request, self.admin_token):
            return OPERATOR
        cookie = request.cookies.get(SESSION_COOKIE)
        if cookie is None or self.session_key is None:
            return None
        session = Session.decode(cookie, self.session_key, now=self.clock())
        if session is None:
            return None
        return Viewer(login=session.login, repos=session.repos)

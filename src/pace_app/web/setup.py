"""The setup flow: register the GitHub App from its manifest and save its credentials.

``GET /`` offers a form that POSTs the manifest to GitHub with a random ``state``
remembered here for an hour. GitHub redirects to ``GET /setup/callback`` with a
one-time code; a known state lets the code be exchanged and the credentials written
to ``.env``. No credential is ever rendered or logged.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import httpx2
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from pace_app.config.dotenv import write_dotenv
from pace_app.errors import GitHubError, SettingsError
from pace_app.github.manifest import (
    AppCredentials,
    build_manifest,
    convert_code,
    load_manifest,
    registration_url,
)
from pace_app.queue.clock import utc_now
from pace_app.types import Clock
from pace_app.web.pages import error_page, registered_page, setup_page

logger = logging.getLogger(__name__)

STATE_LIFETIME = timedelta(hours=1)
HttpFactory = Callable[[], httpx2.AsyncClient]


class States:
    """Single-use random tokens that expire, kept in memory."""

    def __init__(self, clock: Clock, lifetime: timedelta = STATE_LIFETIME) -> None:
        self._clock = clock
        self._lifetime = lifetime
        self._issued: dict[str, datetime] = {}

    def issue(self) -> str:
        """Return a new token, forgetting the expired ones."""
        now = self._clock()
        self._issued = {s: at for s, at in self._issued.items() if now - at < self._lifetime}
        state = secrets.token_urlsafe(24)
        self._issued[state] = now
        return state

    def redeem(self, state: str) -> bool:
        """Consume ``state``; False when it is unknown, used or expired."""
        issued = self._issued.pop(state, None)
        return issued is not None and self._clock() - issued < self._lifetime


class SetupFlow:
    """Serve the registration page and the callback GitHub redirects to."""

    def __init__(
        self,
        *,
        api_url: str,
        env_path: Path,
        public_url: str | None = None,
        webhook_proxy_url: str | None = None,
        manifest_path: Path | None = None,
        http: HttpFactory = lambda: httpx2.AsyncClient(timeout=30),
        clock: Clock = utc_now,
    ) -> None:
        self._api_url = api_url
        self._env_path = env_path
        self._public_url = public_url
        self._proxy_url = webhook_proxy_url
        self._manifest_path = manifest_path
        self._http = http
        self.states = States(clock)

    def base_url(self, request: Request) -> str:
        """Return where browsers and GitHub reach this server."""
        if self._public_url:
            return self._public_url
        return f"{request.url.scheme}://{request.url.netloc}"

    async def page(self, request: Request) -> Response:
        """Render the registration form for the user, or ``?org=`` for an organisation."""
        org = request.query_params.get("org") or None
        manifest = build_manifest(
            load_manifest(self._manifest_path),
            self.base_url(request),
            webhook_proxy_url=self._proxy_url,
        )
        action = registration_url(self._api_url, self.states.issue(), org)
        page = setup_page(action, manifest, manifest["hook_attributes"]["url"])
        return HTMLResponse(page, headers={"cache-control": "no-store"})

    async def callback(self, request: Request) -> Response:
        """Exchange GitHub's code for credentials and save them to ``.env``."""
        code = request.query_params.get("code", "")
        state = request.query_params.get("state", "")
        if not code or not self.states.redeem(state):
            logger.warning("setup callback refused: unknown or expired state")
            return _refused(
                400,
                "Setup link expired",
                "This link is unknown or has expired. Open the setup page and register again.",
            )
        try:
            async with self._http() as http:
                app = await convert_code(http, self._api_url, code)
        except GitHubError as exc:
            logger.warning("setup: manifest conversion failed", extra={"error": str(exc)})
            return _refused(502, "Registration failed", f"GitHub did not register the App: {exc}")
        try:
            write_dotenv(self._env_path, _credentials(app))
        except SettingsError as exc:
            logger.warning(
                "setup: .env not written", extra={"app_id": app.app_id, "variable": exc.variable}
            )
            return _refused(
                409,
                "Nothing written",
                f"{exc}. GitHub App {app.app_id} was registered, but .env already holds "
                "other credentials: remove them (or delete the new App on GitHub) and retry.",
            )
        logger.info("setup: app registered, restart to use it", extra={"app_id": app.app_id})
        return HTMLResponse(registered_page(app.app_id, app.install_url))


def _credentials(app: AppCredentials) -> dict[str, str]:
    values = {
        "GITHUB_APP_ID": str(app.app_id),
        "GITHUB_PRIVATE_KEY": app.pem,
        "GITHUB_WEBHOOK_SECRET": app.webhook_secret,
    }
    # The OAuth client lets people log in to the dashboard with their GitHub account.
    if app.client_id and app.client_secret:
        values["GITHUB_CLIENT_ID"] = app.client_id
        values["GITHUB_CLIENT_SECRET"] = app.client_secret
    return values


def _refused(status: int, title: str, message: str) -> Response:
    return HTMLResponse(error_page(title, message), status_code=status)

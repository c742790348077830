"""The App manifest: fill it in for one server, and turn GitHub's code into credentials.

GitHub's manifest flow registers an App from a JSON manifest POSTed by the user's
browser; GitHub then redirects back with a one-time ``code`` that this server
exchanges (without authentication) for the App's id, private key and webhook secret.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import httpx2
import yaml

from pace_app.config.settings import PUBLIC_API_URL
from pace_app.errors import GitHubError, GitHubUnavailable

# A copy of the repository's app.yml ships inside the package (a test keeps them equal),
# so an installed wheel or the container image can register the App too.
PACKAGED_MANIFEST = Path(__file__).with_name("app.yml")
WEBHOOK_PATH = "/webhooks/github"
CALLBACK_PATH = "/setup/callback"
LOGIN_CALLBACK_PATH = "/login/callback"
PUBLIC_WEB_URL = "https://github.com"


def load_manifest(path: Path | None = None) -> dict[str, Any]:
    """Read a manifest: ``path``, else ``./app.yml`` if present, else the packaged one."""
    if path is None:
        local = Path("app.yml")
        path = local if local.is_file() else PACKAGED_MANIFEST
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(loaded, dict):
        raise ValueError(f"{path} does not hold a YAML mapping")
    return loaded


def build_manifest(
    template: dict[str, Any], base_url: str, *, webhook_proxy_url: str | None = None
) -> dict[str, Any]:
    """Return the manifest for a server reached at ``base_url``.

    With a webhook proxy (smee.io) GitHub posts to the channel itself and the proxy
    client forwards to this server, so the channel URL is used as it is.
    """
    base = base_url.rstrip("/")
    manifest = dict(template)
    hook = dict(manifest.get("hook_attributes") or {})
    hook["url"] = webhook_proxy_url or base + WEBHOOK_PATH
    hook.setdefault("active", True)
    manifest["hook_attributes"] = hook
    manifest["redirect_url"] = base + CALLBACK_PATH
    # Where GitHub may send a user back after the dashboard's login.
    manifest["callback_urls"] = [base + LOGIN_CALLBACK_PATH]
    manifest.setdefault("request_oauth_on_install", False)
    manifest["setup_url"] = base + "/"
    manifest.setdefault("url", base)
    return manifest


def web_url(api_url: str) -> str:
    """Return GitHub's web host for a REST base: ``https://HOST/api/v3`` → ``https://HOST``."""
    api = api_url.rstrip("/")
    if api == PUBLIC_API_URL:
        return PUBLIC_WEB_URL
    parts = urlsplit(api)
    if parts.path.rstrip("/").endswith("/api/v3"):
        return f"{parts.scheme}://{parts.netloc}"
    return api


def registration_url(api_url: str, state: str, org: str | None = None) -> str:
    """Return where the browser POSTs the manifest, for a user or an organisation."""
    owner = f"/organizations/{quote(org, safe='')}" if org else ""
    return f"{web_url(api_url)}{owner}/settings/apps/new?{urlencode({'state': state})}"


@dataclass(frozen=True)
class AppCredentials:
    """What GitHub hands back for a registered App."""

    app_id: int
    slug: str
    html_url: str
    pem: str = field(repr=False)
    webhook_secret: str = field(repr=False)
    client_id: str = ""
    client_secret: str = field(default="", repr=False)

    @property
    def install_url(self) -> str:
        """Return the page where the App is installed on accounts and repositories."""
        return self.html_url.rstrip("/") + "/installations/new"


async def convert_code(http: httpx2.AsyncClient, api_url: str, code: str) -> AppCredentials:
    """Exchange a manifest ``code`` for the new App's credentials (no auth needed)."""
    path = f"/app-manifests/{quote(code, safe='')}/conversions"
    try:
        response = await http.post(
            api_url.rstrip("/") + path, headers={"accept": "application/vnd.github+json"}
        )
    except httpx2.TransportError as exc:
        raise GitHubUnavailable(
            f"GitHub could not be reached for POST {path} ({type(exc).__name__})"
        ) from exc
    if response.status_code != 201:
        raise GitHubError(
            f"GitHub answered {response.status_code} to POST {path}",
            status=response.status_code,
        )
    try:
        data = response.json()
        return AppCredentials(
            app_id=int(data["id"]),
            slug=str(data.get("slug", "")),
            html_url=str(data["html_url"]),
            pem=str(data["pem"]),
            webhook_secret=str(data["webhook_secret"]),
            client_id=str(data.get("client_id") or ""),
            client_secret=str(data.get("client_secret") or ""),
        )
    except (json.JSONDecodeError, KeyError, TypeError, ValueError):
        raise GitHubError(f"GitHub's answer to POST {path} lacks the App's credentials") from None

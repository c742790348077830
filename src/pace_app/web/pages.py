"""HTML for the setup pages and the page layout; every value is escaped where it is rendered."""

from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape
from typing import Any

_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem}"
    "table{border-collapse:collapse}td,th{padding:.2rem .6rem;text-align:left}"
    "button{font-size:1.1rem;padding:.5rem 1rem}"
    "nav{margin-bottom:1rem}.filters{margin:1rem 0}.problem{color:#cf222e}"
    "tr:nth-child(even){background:#f6f8fa}"
)


def layout(title: str, body: str) -> str:
    """Wrap ``body`` (already escaped HTML) in a page titled ``title``."""
    return (
        "<!doctype html>\n<html lang=en><head><meta charset=utf-8>"
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body><h1>{escape(title)}</h1>\n{body}\n</body></html>\n"
    )


def setup_page(action: str, manifest: Mapping[str, Any], webhook_url: str) -> str:
    """Render the page whose button registers the App through GitHub's manifest flow."""
    manifest_json = json.dumps(manifest, separators=(",", ":"))
    body = (
        "<p>This PACE App server has no GitHub App credentials yet. Register a new GitHub "
        "App from its manifest; GitHub sends you back here and the credentials are saved "
        "to <code>.env</code>.</p>"
        f"<p>Webhooks will go to <code>{escape(webhook_url)}</code>. Set "
        "<code>PUBLIC_URL</code> (or <code>WEBHOOK_PROXY_URL</code>) first if GitHub cannot "
        "reach that address.</p>"
        f'<form id="register" action="{escape(action)}" method="post">'
        f'<input type="hidden" name="manifest" id="manifest" value="{escape(manifest_json)}">'
        '<button type="submit">Register GitHub App</button></form>'
        "<p>For an organisation, open this page with <code>?org=NAME</code>.</p>"
    )
    return layout("Set up PACE App", body)


def registered_page(app_id: int, install_url: str) -> str:
    """Render the page shown once the App's credentials are saved."""
    body = (
        f"<p>GitHub App <strong>{app_id}</strong> is registered and its credentials are "
        "saved to <code>.env</code>.</p>"
        f'<p><a href="{escape(install_url)}">Install the App</a> on the repositories it '
        "should work on.</p>"
        "<p>Then restart <code>pace serve</code> so it starts with the new settings.</p>"
    )
    return layout("PACE App registered", body)


def error_page(title: str, message: str) -> str:
    """Render a short page explaining why a setup step was refused."""
    return layout(title, f"<p>{escape(message)}</p>")

"""HTML for the setup and status pages; every value is escaped here, nothing else is."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from pace_app.domain.job_store import Installation, Job

_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}"
    "table{border-collapse:collapse}td,th{padding:.2rem .6rem;text-align:left}"
    "button{font-size:1.1rem;padding:.5rem 1rem}"
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


def status_page(
    app_id: int | None,
    installations: Sequence[Installation],
    counts: Mapping[str, int],
    jobs: Sequence[Job],
) -> str:
    """Render the status of a configured server: no secrets, no payloads."""
    installed = "".join(
        f"<tr><td>{i.id}</td><td>{escape(i.account_login)}</td>"
        f"<td>{escape(', '.join(i.repositories) or 'all')}</td>"
        f"<td>{'suspended' if i.suspended else 'active'}</td></tr>"
        for i in installations
    )
    depth = "".join(
        f"<tr><td>{escape(state)}</td><td>{count}</td></tr>" for state, count in counts.items()
    )
    recent = "".join(
        f"<tr><td>{job.id}</td><td>{escape(job.kind)}</td><td>{escape(job.state.value)}</td>"
        f"<td>{job.attempts}</td><td>{escape(job.updated_at.isoformat(timespec='seconds'))}"
        "</td></tr>"
        for job in jobs
    )
    body = (
        f"<p>App id: <strong>{escape(str(app_id)) if app_id is not None else 'unknown'}"
        "</strong></p>"
        "<h2>Installations</h2>"
        + (
            "<table><tr><th>id</th><th>account</th><th>repositories</th><th>status</th></tr>"
            f"{installed}</table>"
            if installations
            else "<p>None yet.</p>"
        )
        + "<h2>Queue</h2><table><tr><th>state</th><th>jobs</th></tr>"
        f"{depth}</table>"
        "<h2>Recent jobs</h2>"
        + (
            "<table><tr><th>id</th><th>kind</th><th>state</th><th>attempts</th>"
            f"<th>updated</th></tr>{recent}</table>"
            if jobs
            else "<p>None yet.</p>"
        )
    )
    return layout("PACE App", body)

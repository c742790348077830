"""Events reach Sentry's transport with request bodies, credentials and secrets removed."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import socket
from collections.abc import Iterator
from typing import Any

import pytest
import sentry_sdk
from sentry_sdk.envelope import Envelope
from sentry_sdk.transport import Transport
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.testclient import TestClient

from pace_app.observability.scrub import REDACTED, Redactor
from pace_app.observability.sentry import EventScrubber, init_sentry, scrub_query, stop_sentry

from .conftest import Planted

DSN = "https://publickey@sentry.invalid/1"


class MemoryTransport(Transport):
    """A transport that keeps envelopes in memory instead of sending them."""

    def __init__(self) -> None:
        super().__init__()
        self.envelopes: list[Envelope] = []

    def capture_envelope(self, envelope: Envelope) -> None:
        """Keep the envelope."""
        self.envelopes.append(envelope)

    def text(self) -> str:
        """Return every envelope as the bytes Sentry would have received, decoded."""
        return "\n".join(envelope.serialize().decode() for envelope in self.envelopes)

    def events(self) -> list[dict[str, Any]]:
        """Return the error events captured so far."""
        found = []
        for envelope in self.envelopes:
            event = envelope.get_event()
            if event is not None:
                found.append(json.loads(json.dumps(event, default=str)))
        return found


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Record (and refuse) every outbound socket connection made during the test."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


def _clear_scopes() -> None:
    sentry_sdk.get_isolation_scope().clear()
    sentry_sdk.get_current_scope().clear()


@pytest.fixture
def transport(planted: Planted, no_network: list[object]) -> Iterator[MemoryTransport]:
    """Start Sentry with an in-memory transport; detach the client afterwards."""
    memory = MemoryTransport()
    _clear_scopes()
    started = init_sentry(
        DSN,
        environment="test",
        release="pace-app@0.0.0",
        secrets=planted.configured(),
        transport=memory,
    )
    assert started
    options = sentry_sdk.get_client().options
    assert not options["send_default_pii"]
    assert options["data_collection"]["user_info"] is False
    assert options["max_request_body_size"] == "never"
    yield memory
    stop_sentry()
    _clear_scopes()
    assert no_network == []
    assert not sentry_sdk.get_client().is_active()


def _assert_clean(text: str, planted: Planted) -> None:
    for secret in planted.all():
        assert secret not in text
        assert json.dumps(secret)[1:-1] not in text


def _signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def test_no_dsn_means_no_client() -> None:
    assert init_sentry(None, environment=None, release="r", secrets=[]) is False
    assert init_sentry("", environment=None, release="r", secrets=[]) is False
    assert not sentry_sdk.get_client().is_active()


def test_starlette_request_event_is_scrubbed(transport: MemoryTransport, planted: Planted) -> None:
    async def webhook(request: Request) -> Response:
        body = await request.body()
        token = planted.installation_token
        private_key = planted.private_key
        webhook_secret = planted.webhook_secret
        api_key = planted.anthropic_key
        del body, private_key
        raise RuntimeError(f"cannot push with {token}, model key {api_key}, {webhook_secret}")

    app = Starlette(routes=[Route("/webhook", webhook, methods=["POST"])])
    body = json.dumps(
        {"action": "labeled", "note": planted.webhook_secret, "token": planted.installation_token}
    ).encode()
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.post(
            "/webhook?access_token=" + planted.installation_token + "&page=2",
            content=body,
            headers={
                "Content-Type": "application/json",
                "Authorization": f"token {planted.installation_token}",
                "X-Hub-Signature-256": _signature(planted.webhook_secret, body),
                "X-Hub-Signature": "sha1=" + "0" * 40,
                "Cookie": "session=" + planted.webhook_secret,
                "X-GitHub-Event": "issues",
            },
        )
    assert response.status_code == 500

    [event] = [e for e in transport.events() if e.get("exception")]
    [exception] = event["exception"]["values"]
    assert exception["type"] == "RuntimeError"
    assert exception["value"] == f"cannot push with {REDACTED}, model key {REDACTED}, {REDACTED}"
    request = event["request"]
    assert "data" not in request
    assert "cookies" not in request
    assert {name.lower() for name in request["headers"]} >= {"content-type", "x-github-event"}
    assert not {name.lower() for name in request["headers"]} & {
        "authorization",
        "cookie",
        "x-hub-signature",
        "x-hub-signature-256",
    }
    assert request["query_string"] == f"access_token={REDACTED}&page=2"
    frame_vars = [frame.get("vars", {}) for frame in exception["stacktrace"]["frames"]]
    webhook_vars = next(v for v in frame_vars if "webhook_secret" in v)
    assert webhook_vars["token"] == REDACTED
    assert webhook_vars["webhook_secret"] == REDACTED
    _assert_clean(transport.text(), planted)


def test_locals_extra_contexts_and_breadcrumbs_are_scrubbed(
    transport: MemoryTransport, planted: Planted, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="pace_app.tests.sentry")
    pem = planted.private_key
    header_value = f"Bearer {planted.installation_token}"
    sentry_sdk.set_extra("note", "secret is " + planted.webhook_secret)
    sentry_sdk.set_extra("installation_token", planted.installation_token)
    sentry_sdk.set_context("model", {"api_key": planted.anthropic_key, "model": "claude"})
    sentry_sdk.add_breadcrumb(
        category="http",
        message="POST with " + header_value,
        data={"headers": {"Authorization": header_value}, "body": pem, "status": 201},
    )
    logging.getLogger("pace_app.tests.sentry").info("loaded key %s", pem)
    try:
        raise ValueError("key was " + pem)
    except ValueError:
        sentry_sdk.capture_exception()
    logging.getLogger("pace_app.tests.sentry").error(
        "model call failed with %s", planted.anthropic_key, extra={"repo": "o/r"}
    )
    sentry_sdk.flush()

    events = transport.events()
    assert len(events) == 2
    error = events[0]
    assert error["extra"]["installation_token"] == REDACTED
    assert error["extra"]["note"] == f"secret is {REDACTED}"
    assert error["contexts"]["model"] == {"api_key": REDACTED, "model": "claude"}
    crumbs = error["breadcrumbs"]["values"]
    http = next(c for c in crumbs if c.get("category") == "http")
    assert http["message"] == f"POST with Bearer {REDACTED}"
    assert http["data"] == {"headers": {"Authorization": REDACTED}, "status": 201}
    logged = next(c for c in crumbs if c.get("category") == "pace_app.tests.sentry")
    assert pem.splitlines()[1] not in json.dumps(logged)
    assert events[1]["logentry"]["message"] == "model call failed with %s"
    _assert_clean(transport.text(), planted)


def test_scrub_query_keeps_harmless_parameters() -> None:
    redactor = Redactor(["hunter22"])
    assert scrub_query("page=2&token=abc&q=hunter22&flag", redactor) == (
        f"page=2&token={REDACTED}&q={REDACTED}&flag"
    )


def test_hooks_tolerate_events_without_requests_or_data() -> None:
    scrubber = EventScrubber(["hunter22"])
    assert scrubber.event({"message": "hunter22"}, {}) == {"message": REDACTED}
    assert scrubber.event({"request": {"headers": "odd", "query_string": None}}, {}) == {
        "request": {"headers": "odd", "query_string": None}
    }
    assert scrubber.breadcrumb({"message": "x hunter22"}, {}) == {"message": f"x {REDACTED}"}


def test_the_command_line_starts_sentry_only_with_a_dsn(
    monkeypatch: pytest.MonkeyPatch, no_network: list[object]
) -> None:
    from pace_app import cli
    from pace_app.cli import _configure_observability
    from pace_app.config.settings import load_settings

    # Only Sentry is under test here: leave the process's log handlers alone.
    monkeypatch.setattr(cli, "configure_logging", lambda *args, **kwargs: None)
    monkeypatch.delenv("SENTRY_DSN", raising=False)
    _configure_observability(load_settings(env_file=None))
    assert not sentry_sdk.get_client().is_active()
    monkeypatch.setenv("SENTRY_DSN", DSN)
    try:
        _configure_observability(load_settings(env_file=None))
        assert sentry_sdk.get_client().is_active()
    finally:
        stop_sentry()
        _clear_scopes()
    assert no_network == []

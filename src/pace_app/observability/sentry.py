"""Error reporting to Sentry, with every event and breadcrumb scrubbed before it leaves."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from urllib.parse import unquote_plus

import sentry_sdk
from sentry_sdk.integrations.logging import LoggingIntegration
from sentry_sdk.integrations.starlette import StarletteIntegration
from sentry_sdk.transport import Transport
from sentry_sdk.types import Breadcrumb, BreadcrumbHint, Event, Hint

from pace_app.observability.scrub import REDACTED, Redactor, is_sensitive_key

# Request fields that carry what a client sent rather than where it sent it.
_REQUEST_CONTENT = ("data", "cookies", "env")
_BREADCRUMB_CONTENT = ("body", "request_body", "response_body")


def scrub_query(query: str, redactor: Redactor) -> str:
    """Redact the values of credential-named parameters, then secrets in what is left."""
    pairs = []
    for part in query.split("&"):
        name, sep, value = part.partition("=")
        if sep and is_sensitive_key(unquote_plus(name)):
            value = REDACTED
        pairs.append(f"{name}{sep}{value}")
    return redactor.text("&".join(pairs))


class EventScrubber:
    """``before_send`` and ``before_breadcrumb`` hooks that keep secrets out of Sentry."""

    def __init__(self, secrets: Iterable[str]) -> None:
        self.redactor = Redactor(secrets)

    def event(self, event: Event, hint: Hint) -> Event | None:
        """Drop request bodies and credentials, then redact secrets everywhere."""
        del hint
        request = event.get("request")
        if isinstance(request, dict):
            for field in _REQUEST_CONTENT:
                request.pop(field, None)
            headers = request.get("headers")
            if isinstance(headers, dict):
                request["headers"] = {
                    name: value for name, value in headers.items() if not is_sensitive_key(name)
                }
            query = request.get("query_string")
            if isinstance(query, str):
                request["query_string"] = scrub_query(query, self.redactor)
        scrubbed: Event = self.redactor.mapping(event)
        return scrubbed

    def breadcrumb(self, crumb: Breadcrumb, hint: BreadcrumbHint) -> Breadcrumb | None:
        """Drop bodies a breadcrumb recorded, then redact secrets everywhere in it."""
        del hint
        data = crumb.get("data")
        if isinstance(data, dict):
            for field in _BREADCRUMB_CONTENT:
                data.pop(field, None)
        scrubbed: Breadcrumb = self.redactor.mapping(crumb)
        return scrubbed


def init_sentry(
    dsn: str | None,
    *,
    environment: str | None,
    release: str,
    secrets: Iterable[str],
    transport: Transport | type[Transport] | None = None,
) -> bool:
    """Start reporting errors to Sentry when a DSN is set; say whether it started."""
    if not dsn:
        return False
    scrubber = EventScrubber(secrets)
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        integrations=[
            StarletteIntegration(),
            LoggingIntegration(level=logging.INFO, event_level=logging.ERROR),
        ],
        # Integrations found by import (model SDKs, HTTP clients) are left off: what they
        # would record is not needed to debug a failure and widens what could leak.
        auto_enabling_integrations=False,
        # send_default_pii is left unset: unset means off (no user data, no IPs, cookies
        # and auth headers filtered by the SDK's own scrubber too), while passing False
        # explicitly is deprecated in favour of data_collection in this SDK.
        # Webhook bodies carry whole issues and repository data: never send them.
        max_request_body_size="never",
        before_send=scrubber.event,
        before_breadcrumb=scrubber.breadcrumb,
        # None means the SDK's own HTTP transport; tests pass an in-memory one.
        transport=transport,
    )
    return True


def stop_sentry(timeout: float = 2.0) -> None:
    """Flush pending events and detach the Sentry client, so reporting stops."""
    client = sentry_sdk.get_client()
    client.close(timeout=timeout)
    sentry_sdk.get_global_scope().set_client(None)

"""The webhook endpoint: read within limits, verify, then hand over to intake.

It is a plain ASGI application mounted in front of the Starlette routes (see
``app.WebhookFirst``): every delivery passes here, and Starlette's request, response,
routing and middleware objects cost more than the rest of the endpoint's own work.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
from collections.abc import Callable

from starlette.types import Receive, Scope, Send

from pace_app.errors import (
    MalformedDelivery,
    PayloadTooLarge,
    RequestTimeout,
    StoreError,
    WebhookError,
)
from pace_app.github import signature
from pace_app.handlers.intake import (
    Intake,
    IntakeResult,
    check_headers,
    delivery_digest,
    parse_body,
)

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 25 * 1024 * 1024
BODY_TIMEOUT_SECONDS = 10.0
# Answers after which the rest of the request is not read, so the connection must go.
_CLOSING = (PayloadTooLarge, RequestTimeout)
# The request headers the endpoint reads; ASGI servers give names in lower case.
_WANTED = {
    b"content-length": "content-length",
    b"x-github-delivery": "x-github-delivery",
    b"x-github-event": "x-github-event",
    b"x-hub-signature-256": "x-hub-signature-256",
}
_JSON = (b"content-type", b"application/json")
_CLOSE = (b"connection", b"close")
STORE_FAILED = b'{"error":"the delivery could not be stored"}'


def wanted_headers(scope: Scope) -> dict[str, str]:
    """Return the headers the endpoint reads (the first of each), decoded as latin-1."""
    found: dict[str, str] = {}
    for name, value in scope["headers"]:
        key = _WANTED.get(name)
        if key is not None and key not in found:
            found[key] = value.decode("latin-1")
    return found


async def read_limited(
    receive: Receive, declared: str | None, limit: int, seconds: float = BODY_TIMEOUT_SECONDS
) -> bytes:
    """Read the body within ``seconds``, refusing it once it exceeds ``limit`` bytes.

    ``declared`` is the request's ``Content-Length``, if it has one.
    """
    if declared is not None:
        if not declared.isdigit():
            raise MalformedDelivery("Content-Length is not a number")
        if int(declared) > limit:
            raise PayloadTooLarge(f"body exceeds {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    try:
        # One deadline for the whole body: a client trickling a byte at a time is cut off
        # too. asyncio's own timeout and the raw ASGI messages: this runs for every
        # delivery, and both cost less than their wrappers.
        async with asyncio.timeout(seconds):
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    raise MalformedDelivery("the client went away before the body ended")
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > limit:
                    raise PayloadTooLarge(f"body exceeds {limit} bytes")
                chunks.append(chunk)
                if not message.get("more_body", False):
                    break
    except TimeoutError:
        raise RequestTimeout(f"body not received within {seconds:g} s") from None
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


@functools.lru_cache(maxsize=256)
def _answer(result: IntakeResult) -> bytes:
    # Most answers are one of a handful; rendering each once saves work per delivery.
    body = {"outcome": result.outcome, "reason": result.reason, "jobs": result.jobs}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


def _error(message: str) -> bytes:
    return json.dumps({"error": message}, ensure_ascii=False, separators=(",", ":")).encode()


async def _respond(send: Send, status: int, body: bytes, *, close: bool = False) -> None:
    headers = [_JSON, (b"content-length", str(len(body)).encode())]
    if close:
        headers.append(_CLOSE)
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class WebhookEndpoint:
    """``POST /webhooks/github``: answers 401, 400, 408, 413, 503, 200 (ping) or 202.

    ``on_rejected`` is called for every 4xx answer (the request was not a delivery).
    """

    def __init__(
        self,
        intake: Intake,
        secret: str,
        *,
        max_body: int = MAX_BODY_BYTES,
        body_timeout: float = BODY_TIMEOUT_SECONDS,
        on_rejected: Callable[[], None] | None = None,
    ) -> None:
        self._intake = intake
        self._secret = secret
        self._max_body = max_body
        self._body_timeout = body_timeout
        self._on_rejected = on_rejected

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one delivery (an ASGI ``http`` request)."""
        headers = wanted_headers(scope)
        delivery_id = headers.get("x-github-delivery")
        try:
            body = await read_limited(
                receive, headers.get("content-length"), self._max_body, self._body_timeout
            )
            signature.verify(body, headers.get("x-hub-signature-256"), self._secret)
            event, delivery_id = check_headers(headers.get("x-github-event"), delivery_id)
            payload = parse_body(body)
            result = await self._intake.accept(
                event, delivery_id, payload, digest=delivery_digest(event, body)
            )
        except WebhookError as exc:
            logger.warning(
                "delivery rejected",
                extra={"delivery_id": delivery_id, "status": exc.status, "reason": str(exc)},
            )
            if self._on_rejected is not None and 400 <= exc.status < 500:
                self._on_rejected()
            closing = isinstance(exc, _CLOSING)
            await _respond(send, exc.status, _error(str(exc)), close=closing)
            return
        except StoreError:
            # Logged once for the whole batch by the intake; the cause may name the database.
            await _respond(send, 503, STORE_FAILED)
            return
        await _respond(send, result.status, _answer(result))

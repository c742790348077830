"""The webhook endpoint: read within limits, verify, then hand over to intake."""

from __future__ import annotations

import asyncio
import functools
import json
import logging

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

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


async def read_limited(
    request: Request, limit: int, seconds: float = BODY_TIMEOUT_SECONDS
) -> bytes:
    """Read the body within ``seconds``, refusing it once it exceeds ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise MalformedDelivery("Content-Length is not a number")
        if int(declared) > limit:
            raise PayloadTooLarge(f"body exceeds {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    receive = request.receive
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


class WebhookEndpoint:
    """``POST /webhooks/github``: answers 401, 400, 408, 413, 503, 200 (ping) or 202."""

    def __init__(
        self,
        intake: Intake,
        secret: str,
        *,
        max_body: int = MAX_BODY_BYTES,
        body_timeout: float = BODY_TIMEOUT_SECONDS,
    ) -> None:
        self._intake = intake
        self._secret = secret
        self._max_body = max_body
        self._body_timeout = body_timeout

    async def handle(self, request: Request) -> Response:
        """Handle one delivery."""
        delivery_id = request.headers.get("x-github-delivery")
        try:
            body = await read_limited(request, self._max_body, self._body_timeout)
            signature.verify(body, request.headers.get("x-hub-signature-256"), self._secret)
            event, delivery_id = check_headers(request.headers.get("x-github-event"), delivery_id)
            payload = parse_body(body)
            result = await self._intake.accept(
                event, delivery_id, payload, digest=delivery_digest(event, body)
            )
        except WebhookError as exc:
            logger.warning(
                "delivery rejected",
                extra={"delivery_id": delivery_id, "status": exc.status, "reason": str(exc)},
            )
            headers = {"connection": "close"} if isinstance(exc, _CLOSING) else None
            return JSONResponse({"error": str(exc)}, status_code=exc.status, headers=headers)
        except StoreError:
            # Logged once for the whole batch by the intake; the cause may name the database.
            return JSONResponse({"error": "the delivery could not be stored"}, status_code=503)
        return Response(_answer(result), status_code=result.status, media_type="application/json")

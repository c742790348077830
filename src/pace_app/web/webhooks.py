"""The webhook endpoint: read within limits, verify, then hand over to intake."""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from pace_app.errors import MalformedDelivery, PayloadTooLarge, WebhookError
from pace_app.github import signature
from pace_app.handlers.intake import Intake, check_headers, parse_body

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 25 * 1024 * 1024


async def read_limited(request: Request, limit: int) -> bytes:
    """Read the body, refusing it as soon as it is known to exceed ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise MalformedDelivery("Content-Length is not a number")
        if int(declared) > limit:
            raise PayloadTooLarge(f"body exceeds {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"body exceeds {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


class WebhookEndpoint:
    """``POST /webhooks/github``: answers 401, 400, 413, 200 (ping) or 202."""

    def __init__(self, intake: Intake, secret: str, *, max_body: int = MAX_BODY_BYTES) -> None:
        self._intake = intake
        self._secret = secret
        self._max_body = max_body

    async def handle(self, request: Request) -> Response:
        """Handle one delivery."""
        delivery_id = request.headers.get("x-github-delivery")
        try:
            body = await read_limited(request, self._max_body)
            signature.verify(body, request.headers.get("x-hub-signature-256"), self._secret)
            event, delivery_id = check_headers(request.headers.get("x-github-event"), delivery_id)
            payload = parse_body(body)
            result = await self._intake.accept(event, delivery_id, payload)
        except WebhookError as exc:
            logger.warning(
                "delivery rejected",
                extra={"delivery_id": delivery_id, "status": exc.status, "reason": str(exc)},
            )
            headers = {"connection": "close"} if isinstance(exc, PayloadTooLarge) else None
            return JSONResponse({"error": str(exc)}, status_code=exc.status, headers=headers)
        return JSONResponse(
            {"outcome": result.outcome, "reason": result.reason, "jobs": result.jobs},
            status_code=result.status,
        )

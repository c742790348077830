"""``pace receive``: run one delivery from a file through the same intake as the web."""

from __future__ import annotations

import sys
from pathlib import Path

from pace_app.config.settings import Settings
from pace_app.errors import MalformedDelivery
from pace_app.handlers.intake import Intake, check_headers, parse_body
from pace_app.queue.connect import open_store


def read_payload(path: Path) -> bytes:
    """Read a payload file, turning an unreadable file into a clear error."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise MalformedDelivery(f"cannot read {path}: {exc.strerror}") from None


async def receive(settings: Settings, event: str, body: bytes, delivery_id: str) -> int:
    """Store one delivery and its jobs; print what happened."""
    event, delivery_id = check_headers(event, delivery_id)
    payload = parse_body(body)
    async with open_store(settings) as store:
        result = await Intake(store, app_id=settings.github_app_id).accept(
            event, delivery_id, payload
        )
    detail = f"{result.jobs} job(s) queued" if result.jobs else (result.reason or "")
    print(f"{delivery_id}: {result.outcome}: {detail}", file=sys.stdout)
    return 0

"""Log lines carry their context, parse as JSON, and never carry a secret."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from datetime import datetime
from typing import Any, Literal

import pytest

from pace_app.observability.logs import configure_logging
from pace_app.observability.scrub import REDACTED

from .conftest import Planted

logger = logging.getLogger("pace_app.tests.logs")


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    """Put the root logger and the quieted loggers back as they were."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    names = ("uvicorn.access", "httpx2", "httpcore2")
    levels = {name: logging.getLogger(name).level for name in names}
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, old in levels.items():
        logging.getLogger(name).setLevel(old)


def _configure(fmt: Literal["text", "json"], secrets: list[str] | None = None) -> io.StringIO:
    stream = io.StringIO()
    configure_logging("INFO", fmt, secrets=secrets or [], stream=stream)
    return stream


def _json_lines(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


class Opaque:
    """A value JSON cannot encode, logged through ``extra``."""

    def __str__(self) -> str:
        return "opaque-value"


def test_json_lines_carry_core_fields_and_context() -> None:
    stream = _configure("json")
    logger.info(
        "delivery accepted",
        extra={
            "delivery_id": "d-1",
            "run_id": 7,
            "job_id": 9,
            "installation_id": 42,
            "repo": "octo/repo",
            "agent": "forge",
            "event": "issues",
            "kind": "run_story",
            "labels": ("a", "b"),
            "sizes": {"diff": 3},
            "other": Opaque(),
            "ts": "clash",
        },
    )
    [entry] = _json_lines(stream)
    assert entry.pop("ts").endswith("Z")
    assert entry == {
        "level": "INFO",
        "logger": "pace_app.tests.logs",
        "message": "delivery accepted",
        "delivery_id": "d-1",
        "run_id": 7,
        "job_id": 9,
        "installation_id": 42,
        "repo": "octo/repo",
        "agent": "forge",
        "event": "issues",
        "kind": "run_story",
        "labels": ["a", "b"],
        "sizes": {"diff": 3},
        "other": "opaque-value",
        "extra_ts": "clash",
    }


def test_json_timestamp_is_iso_utc() -> None:
    stream = _configure("json")
    logger.warning("tick")
    [entry] = _json_lines(stream)
    moment = datetime.fromisoformat(entry["ts"])
    assert moment.utcoffset() is not None
    assert moment.utcoffset().total_seconds() == 0  # type: ignore[union-attr]


def test_json_exception_fields() -> None:
    stream = _configure("json")
    try:
        raise ValueError("bad input")
    except ValueError:
        logger.exception("job failed", extra={"job_id": 3})
    [entry] = _json_lines(stream)
    assert entry["exc_type"] == "ValueError"
    assert "Traceback" in entry["exc"]
    assert entry["exc"].endswith("ValueError: bad input")
    assert entry["job_id"] == 3


def test_text_line_is_readable_with_key_values() -> None:
    stream = _configure("text")
    logger.info("run started", extra={"run_id": 5, "repo": "octo/repo", "note": "two words"})
    line = stream.getvalue().rstrip("\n")
    assert "\n" not in line
    assert line.split(" ", 1)[1] == (
        'INFO    pace_app.tests.logs: run started run_id=5 repo=octo/repo note="two words"'
    )


def test_text_traceback_and_stack_follow_the_line() -> None:
    stream = _configure("text")
    try:
        raise KeyError("missing")
    except KeyError:
        logger.error("lookup failed", exc_info=True, stack_info=True)
    first, *rest = stream.getvalue().splitlines()
    assert first.endswith("lookup failed")
    assert rest[0] == "Traceback (most recent call last):"
    assert any(line.startswith("Stack (most recent call last):") for line in rest)


def test_configuring_twice_replaces_the_handler() -> None:
    first = _configure("json")
    second = _configure("text")
    logger.info("once")
    assert first.getvalue() == ""
    assert second.getvalue().count("once") == 1


def test_levels_and_noisy_libraries() -> None:
    stream = io.StringIO()
    configure_logging("warning", "text", stream=stream)
    logger.info("hidden")
    logger.warning("shown")
    assert "hidden" not in stream.getvalue()
    assert "shown" in stream.getvalue()
    assert logging.getLogger("uvicorn.access").getEffectiveLevel() == logging.WARNING
    assert logging.getLogger("httpx2").getEffectiveLevel() == logging.WARNING
    assert logging.getLogger("httpcore2").getEffectiveLevel() == logging.WARNING

    configure_logging("DEBUG", "text", stream=stream)
    assert logging.getLogger("uvicorn.access").getEffectiveLevel() == logging.DEBUG
    assert logging.getLogger("httpx2").getEffectiveLevel() == logging.WARNING


def test_unknown_level_falls_back_to_info() -> None:
    stream = io.StringIO()
    configure_logging("chatty", "json", stream=stream)
    assert logging.getLogger().level == logging.INFO


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_secrets_logged_by_mistake_are_redacted(
    fmt: Literal["text", "json"], planted: Planted
) -> None:
    stream = _configure(fmt, planted.configured())
    logger.info("webhook secret is " + planted.webhook_secret)
    logger.info("key %s and token %s", planted.private_key, planted.installation_token)
    logger.info("calling model", extra={"api_key": planted.anthropic_key, "repo": "o/r"})
    logger.info("header", extra={"note": f"Authorization: token {planted.installation_token}"})
    try:
        raise RuntimeError(
            f"push failed for https://x-access-token:{planted.installation_token}@h/"
        )
    except RuntimeError:
        logger.exception("push failed")
    try:
        raise ValueError(planted.anthropic_key)
    except ValueError as exc:
        logger.error("model failed: %r", exc, exc_info=exc)
    output = stream.getvalue()
    for secret in planted.all():
        assert secret not in output
    assert REDACTED in output
    if fmt == "json":
        entries = _json_lines(stream)
        assert len(entries) == 6
        assert entries[2]["api_key"] == REDACTED
        assert entries[2]["repo"] == "o/r"


def test_preformatted_exception_text_is_redacted(planted: Planted) -> None:
    stream = _configure("json", planted.configured())
    record = logger.makeRecord(logger.name, logging.ERROR, __file__, 1, "from elsewhere", (), None)
    record.exc_text = "Traceback: " + planted.webhook_secret
    logger.handle(record)
    [entry] = _json_lines(stream)
    assert entry["exc"] == f"Traceback: {REDACTED}"
    assert entry["exc_type"] is None


def test_json_stack_info_is_a_field() -> None:
    stream = _configure("json")
    logger.warning("where am I", stack_info=True)
    [entry] = _json_lines(stream)
    assert entry["stack"].startswith("Stack (most recent call last):")
    assert "exc" not in entry

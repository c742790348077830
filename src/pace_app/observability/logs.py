"""Process-wide logging: JSON lines or readable text, with secrets redacted last."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any, Literal, TextIO

from pace_app.observability.scrub import Redactor

# Attributes every LogRecord has; anything else on a record came in through ``extra``.
_RECORD_ATTRIBUTES = frozenset(
    vars(logging.LogRecord("", logging.INFO, "", 0, "", (), None)).keys()
    | {"message", "asctime", "taskName"}
)
_CORE_FIELDS = ("ts", "level", "logger", "message")

# Libraries whose INFO lines are per-request noise.
_QUIET_LOGGERS = ("httpx2", "httpcore2", "httpx", "httpcore", "hpack")


def _timestamp(record: logging.LogRecord) -> str:
    moment = datetime.fromtimestamp(record.created, tz=UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _plain(value: Any) -> Any:
    """Return ``value`` as JSON-ready data, turning anything unknown into its text."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(item) for item in value]
    return str(value)


def context_fields(record: logging.LogRecord) -> dict[str, Any]:
    """Return the fields passed to a log call through ``extra``, JSON-ready."""
    fields: dict[str, Any] = {}
    for key, value in vars(record).items():
        if key in _RECORD_ATTRIBUTES or key.startswith("_"):
            continue
        fields[f"extra_{key}" if key in _CORE_FIELDS else key] = _plain(value)
    return fields


class _RedactingFormatter(logging.Formatter):
    """Shared parts: redact the fields, then redact the finished line again."""

    def __init__(self, redactor: Redactor) -> None:
        super().__init__()
        self.redactor = redactor

    def format(self, record: logging.LogRecord) -> str:
        """Render the record and redact the finished line (defence in depth)."""
        return self.redactor.text(self.render(record))

    def render(self, record: logging.LogRecord) -> str:
        """Render the record as one entry."""
        raise NotImplementedError

    def parts(self, record: logging.LogRecord) -> tuple[str, dict[str, Any], str | None]:
        """Return the redacted message, context fields and traceback text."""
        message = self.redactor.text(record.getMessage())
        fields = self.redactor.mapping(context_fields(record))
        trace = None
        if record.exc_info and record.exc_info[0] is not None:
            trace = self.redactor.text(self.formatException(record.exc_info))
        elif record.exc_text:
            trace = self.redactor.text(record.exc_text)
        return message, fields, trace


class JsonFormatter(_RedactingFormatter):
    """One JSON object per line: ts, level, logger, message, context, exception."""

    def render(self, record: logging.LogRecord) -> str:
        """Render the record as a single JSON line."""
        message, fields, trace = self.parts(record)
        entry: dict[str, Any] = {
            "ts": _timestamp(record),
            "level": record.levelname,
            "logger": record.name,
            "message": message,
            **fields,
        }
        if trace is not None:
            exc_type = record.exc_info[0] if record.exc_info else None
            entry["exc_type"] = exc_type.__name__ if exc_type is not None else None
            entry["exc"] = trace
        if record.stack_info:
            entry["stack"] = self.redactor.text(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, separators=(",", ":"))


class TextFormatter(_RedactingFormatter):
    """A readable line: time, level, logger, message, then ``key=value`` context."""

    def render(self, record: logging.LogRecord) -> str:
        """Render the record as one line, with any traceback on the lines after it."""
        message, fields, trace = self.parts(record)
        line = f"{_timestamp(record)} {record.levelname:<7} {record.name}: {message}"
        if fields:
            line += " " + " ".join(f"{key}={_text_value(value)}" for key, value in fields.items())
        if trace is not None:
            line += "\n" + trace
        if record.stack_info:
            line += "\n" + self.redactor.text(record.stack_info)
        return line


def _text_value(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    # Quote values a reader could not otherwise tell apart from the next pair.
    needs_quotes = not text or any(char in text for char in ' ="\n')
    return json.dumps(text, ensure_ascii=False) if needs_quotes else text


class _PaceHandler(logging.StreamHandler[TextIO]):
    """The handler this module installs; found again by type so it is never stacked."""


def configure_logging(
    level: str,
    fmt: Literal["text", "json"],
    *,
    secrets: Iterable[str] = (),
    stream: TextIO | None = None,
) -> None:
    """Send every log record to ``stream`` (stderr) in ``fmt``, replacing our handler."""
    redactor = Redactor(secrets)
    formatter: logging.Formatter = (
        JsonFormatter(redactor) if fmt == "json" else TextFormatter(redactor)
    )
    handler = _PaceHandler(stream if stream is not None else sys.stderr)
    handler.setFormatter(formatter)

    root = logging.getLogger()
    for existing in [h for h in root.handlers if isinstance(h, _PaceHandler)]:
        root.removeHandler(existing)
    root.addHandler(handler)
    numeric = logging.getLevelName(level.upper())
    root.setLevel(numeric if isinstance(numeric, int) else logging.INFO)

    debug = root.level <= logging.DEBUG
    logging.getLogger("uvicorn.access").setLevel(logging.NOTSET if debug else logging.WARNING)
    for name in _QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)

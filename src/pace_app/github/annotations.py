"""Check-run annotations within GitHub's limits.

GitHub refuses an annotation whose message or raw details exceed 64 KB, a title over
255 characters, columns on a multi-line range, or more than 50 annotations in one
request; ``batches`` splits a list into requests of at most 50.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

from pace_app.types import JSONObject

AnnotationLevel = Literal["notice", "warning", "failure"]

MAX_MESSAGE_BYTES = 64 * 1024
MAX_TITLE_CHARS = 255
MAX_PER_REQUEST = 50
CUT_MARK = "…"

T = TypeVar("T")


@dataclass(frozen=True)
class Annotation:
    """One check-run annotation at a file and line range."""

    path: str
    start_line: int
    end_line: int
    level: AnnotationLevel
    message: str
    title: str | None = None
    raw_details: str | None = None
    start_column: int | None = None
    end_column: int | None = None

    def to_json(self) -> JSONObject:
        """Return the annotation as GitHub's API takes it, within its limits."""
        data: JSONObject = {
            "path": self.path,
            "start_line": self.start_line,
            "end_line": self.end_line,
            "annotation_level": self.level,
            "message": clip_bytes(self.message, MAX_MESSAGE_BYTES) or self.level,
        }
        if self.title:
            data["title"] = clip_chars(self.title, MAX_TITLE_CHARS)
        if self.raw_details:
            data["raw_details"] = clip_bytes(self.raw_details, MAX_MESSAGE_BYTES)
        # GitHub allows columns only on a single-line annotation.
        if self.start_line == self.end_line and self.start_column is not None:
            data["start_column"] = self.start_column
            data["end_column"] = self.end_column or self.start_column
        return data


def clip_chars(text: str, limit: int) -> str:
    """Return ``text`` cut to ``limit`` characters, marking the cut."""
    return text if len(text) <= limit else text[: limit - len(CUT_MARK)] + CUT_MARK


def clip_bytes(text: str, limit: int) -> str:
    """Return ``text`` cut so its UTF-8 form fits ``limit`` bytes, marking the cut."""
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    room = limit - len(CUT_MARK.encode("utf-8"))
    # Dropping a partial multi-byte character at the cut keeps the text valid.
    return encoded[:room].decode("utf-8", errors="ignore") + CUT_MARK


def batches(items: Sequence[T], size: int = MAX_PER_REQUEST) -> list[list[T]]:
    """Split ``items`` into lists of at most ``size``, in order."""
    if size < 1:
        raise ValueError("a batch holds at least one item")
    return [list(items[start : start + size]) for start in range(0, len(items), size)]

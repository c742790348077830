"""Turn failing tests and build output into check-run annotations within GitHub's limits.

GitHub refuses an annotation whose message or raw details exceed 64 KB, a title over
255 characters, columns on a multi-line range, or more than 50 annotations in one
request; ``batches`` splits a list into requests of at most 50.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

from pace_app.agents.gate.junit import Failure
from pace_app.types import JSONObject

AnnotationLevel = Literal["notice", "warning", "failure"]

MAX_MESSAGE_BYTES = 64 * 1024
MAX_TITLE_CHARS = 255
MAX_PER_REQUEST = 50
# Build output can repeat one warning thousands of times; a check run needs a few.
MAX_OUTPUT_ANNOTATIONS = 200
CUT_MARK = "…"

_LOCATED = re.compile(
    r"^(?P<path>[^\s:][^:\n]*?):(?P<line>\d+):(?:(?P<col>\d+):)?[ \t]*(?P<message>\S.*)$"
)

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


def normalise_path(path: str, root: str | None = None) -> str | None:
    """Return ``path`` relative to the repository root, or None if it points outside."""
    path = path.strip()
    if root is not None:
        prefix = root.rstrip("/") + "/"
        if path.startswith(prefix):
            path = path[len(prefix) :]
    while path.startswith("./"):
        path = path[2:]
    parts = path.split("/")
    if not path or path.startswith("/") or ".." in parts or "" in parts:
        return None
    return path


def failure_annotations(
    failures: Iterable[Failure], known_files: Container[str], *, root: str | None = None
) -> list[Annotation]:
    """Return one ``failure`` annotation per failing test whose file is known."""
    annotations: list[Annotation] = []
    for failure in failures:
        path = normalise_path(failure.file, root) if failure.file else None
        if path is None or path not in known_files:
            continue
        line = failure.line or 1
        annotations.append(
            Annotation(
                path=path,
                start_line=line,
                end_line=line,
                level="failure",
                title=f"{failure.test_id} {'failed' if failure.kind == 'failure' else 'errored'}",
                message=failure.message or failure.kind,
                raw_details=failure.text or None,
            )
        )
    return annotations


def output_annotations(
    output: str,
    known_files: Container[str],
    *,
    root: str | None = None,
    title: str = "build",
    limit: int = MAX_OUTPUT_ANNOTATIONS,
) -> list[Annotation]:
    """Return ``warning`` annotations for ``path:line[:col]: message`` lines on known files."""
    annotations: list[Annotation] = []
    seen: set[tuple[str, int, str]] = set()
    for raw in output.splitlines():
        match = _LOCATED.match(raw.strip())
        if match is None:
            continue
        path = normalise_path(match.group("path"), root)
        line = int(match.group("line"))
        message = match.group("message").strip()
        if path is None or line < 1 or path not in known_files:
            continue
        if (path, line, message) in seen:
            continue
        seen.add((path, line, message))
        column = int(match.group("col")) if match.group("col") else None
        annotations.append(
            Annotation(
                path=path,
                start_line=line,
                end_line=line,
                level="warning",
                title=title,
                message=message,
                start_column=column if column else None,
            )
        )
        if len(annotations) >= limit:
            break
    return annotations


def batches(items: Sequence[T], size: int = MAX_PER_REQUEST) -> list[list[T]]:
    """Split ``items`` into lists of at most ``size``, in order."""
    if size < 1:
        raise ValueError("a batch holds at least one item")
    return [list(items[start : start + size]) for start in range(0, len(items), size)]

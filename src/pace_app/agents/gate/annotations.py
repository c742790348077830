"""Turn failing tests and build output into check-run annotations within GitHub's limits.

The annotation type and GitHub's limits live in ``github/annotations.py``.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable

from pace_app.agents.gate.junit import Failure
from pace_app.github.annotations import Annotation

# Build output can repeat one warning thousands of times; a check run needs a few.
MAX_OUTPUT_ANNOTATIONS = 200

_LOCATED = re.compile(
    r"^(?P<path>[^\s:][^:\n]*?):(?P<line>\d+):(?:(?P<col>\d+):)?[ \t]*(?P<message>\S.*)$"
)


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

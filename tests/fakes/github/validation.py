"""GitHub's documented input rules, as pure functions returning the problems found."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

CHECK_STATUSES = frozenset(
    {"queued", "in_progress", "completed", "waiting", "requested", "pending"}
)
CHECK_CONCLUSIONS = frozenset(
    {
        "action_required",
        "cancelled",
        "failure",
        "neutral",
        "success",
        "skipped",
        "stale",
        "timed_out",
    }
)
ANNOTATION_LEVELS = frozenset({"notice", "warning", "failure"})
MAX_OUTPUT_TEXT = 65_535
MAX_ANNOTATIONS = 50

_HUNK = re.compile(r"^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@")


def check_run_problems(body: dict[str, Any], *, creating: bool) -> list[str]:
    """List what GitHub would reject in a check-run create or update body."""
    problems: list[str] = []
    if creating or "name" in body:
        name = body.get("name")
        if not isinstance(name, str) or not name.strip():
            problems.append("name is required")
    if creating and not isinstance(body.get("head_sha"), str):
        problems.append("head_sha is required")
    status = body.get("status")
    if status is not None and status not in CHECK_STATUSES:
        problems.append(f"status {status!r} is not one of {sorted(CHECK_STATUSES)}")
    conclusion = body.get("conclusion")
    if conclusion is not None and conclusion not in CHECK_CONCLUSIONS:
        problems.append(f"conclusion {conclusion!r} is not one of {sorted(CHECK_CONCLUSIONS)}")
    if (status == "completed" or body.get("completed_at")) and conclusion is None:
        problems.append("conclusion is required when status is completed")
    if "output" in body:
        problems.extend(_output_problems(body["output"]))
    return problems


def _output_problems(output: Any) -> list[str]:
    if not isinstance(output, dict):
        return ["output must be an object"]
    problems = [
        f"output.{key} is required"
        for key in ("title", "summary")
        if not isinstance(output.get(key), str)
    ]
    for key in ("summary", "text"):
        value = output.get(key)
        if isinstance(value, str) and len(value) > MAX_OUTPUT_TEXT:
            problems.append(f"output.{key} is longer than {MAX_OUTPUT_TEXT} characters")
    annotations = output.get("annotations", [])
    if not isinstance(annotations, list):
        return [*problems, "output.annotations must be an array"]
    if len(annotations) > MAX_ANNOTATIONS:
        problems.append(f"output.annotations has more than {MAX_ANNOTATIONS} items")
    for index, annotation in enumerate(annotations):
        problems.extend(_annotation_problems(index, annotation))
    return problems


def _annotation_problems(index: int, annotation: Any) -> list[str]:
    where = f"output.annotations[{index}]"
    if not isinstance(annotation, dict):
        return [f"{where} must be an object"]
    problems = [
        f"{where}.{key} is required"
        for key in ("path", "message")
        if not isinstance(annotation.get(key), str)
    ]
    problems.extend(
        f"{where}.{key} is required"
        for key in ("start_line", "end_line")
        if not isinstance(annotation.get(key), int)
    )
    level = annotation.get("annotation_level")
    if level not in ANNOTATION_LEVELS:
        problems.append(f"{where}.annotation_level {level!r} is not one of notice|warning|failure")
    same_line = annotation.get("start_line") == annotation.get("end_line")
    if not same_line and ("start_column" in annotation or "end_column" in annotation):
        problems.append(f"{where}: columns are only allowed when start_line equals end_line")
    return problems


@dataclass
class DiffLines:
    """Which lines of which files a unified diff shows, per side."""

    right: dict[str, set[int]] = field(default_factory=dict)
    left: dict[str, set[int]] = field(default_factory=dict)


def diff_lines(diff: str) -> DiffLines:
    """Parse a unified diff into the lines a review comment may point at."""
    lines = DiffLines()
    path = ""
    old = new = 0
    for raw in diff.splitlines():
        if raw.startswith("+++ "):
            target = raw[4:].strip()
            path = target[2:] if target.startswith("b/") else target
            lines.right.setdefault(path, set())
            lines.left.setdefault(path, set())
        elif raw.startswith("--- ") or raw.startswith("diff --git"):
            continue
        elif match := _HUNK.match(raw):
            old, new = int(match.group(1)), int(match.group(2))
        elif not path or raw.startswith("\\"):
            continue
        elif raw.startswith("+"):
            lines.right[path].add(new)
            new += 1
        elif raw.startswith("-"):
            lines.left[path].add(old)
            old += 1
        else:
            lines.right[path].add(new)
            lines.left[path].add(old)
            old += 1
            new += 1
    return lines


def review_comment_problems(comments: Any, diff: str) -> list[str]:
    """List review comments GitHub would refuse because they are not on the diff."""
    if not isinstance(comments, list):
        return ["comments must be an array"]
    shown = diff_lines(diff)
    problems: list[str] = []
    for comment in comments:
        if not isinstance(comment, dict) or not isinstance(comment.get("path"), str):
            problems.append("Path could not be resolved")
            continue
        path = comment["path"]
        side = comment.get("side", "RIGHT")
        visible = (shown.right if side == "RIGHT" else shown.left).get(path)
        if visible is None:
            problems.append("Path could not be resolved")
            continue
        line = comment.get("line")
        start = comment.get("start_line", line)
        if not isinstance(line, int) or line not in visible or start not in visible:
            problems.append("Pull request review thread line must be part of the diff")
    return problems

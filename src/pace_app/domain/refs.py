"""Git's rules for a branch name (``git check-ref-format --branch``), in one place."""

from __future__ import annotations

import re

MAX_BRANCH_CHARS = 255
_BAD_REF_CHARS = re.compile(r"[\x00-\x20\x7f~^:?*\[\\]")


def branch_problem(value: str) -> str | None:
    """Say why git would refuse ``value`` as a branch (or read it as an option), or None."""
    if not value:
        return "is empty"
    if len(value) > MAX_BRANCH_CHARS:
        return f"is longer than {MAX_BRANCH_CHARS} characters"
    if value.startswith(("-", "/")) or value.endswith(("/", ".", ".lock")) or value == "@":
        return "starts with '-' or '/', or ends with '/', '.' or '.lock'"
    if ".." in value or "@{" in value or _BAD_REF_CHARS.search(value):
        return "holds '..', '@{', a space, a control character or one of ~^:?*[\\"
    if any(not part or part.startswith(".") or part.endswith(".lock") for part in value.split("/")):
        return "has an empty component or one starting with '.' or ending with '.lock'"
    return None

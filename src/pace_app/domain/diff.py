"""Parse a unified diff into the lines each file adds and the lines a review may point at.

GitHub accepts an inline review comment (``line`` with ``side: RIGHT``) only on a line
the diff shows on the new side: an added line or a context line inside a hunk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

FileStatus: TypeAlias = Literal["added", "modified", "deleted", "renamed"]

_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f"}
_ESCAPES |= {"r": "\r", "v": "\v"}


@dataclass(frozen=True, slots=True)
class Hunk:
    """One hunk's ranges on the old and the new side."""

    old_start: int
    old_count: int
    new_start: int
    new_count: int


@dataclass(slots=True)
class FileDiff:
    """What the diff says about one file; ``path`` is the new path (old path if deleted)."""

    path: str
    old_path: str
    status: FileStatus = "modified"
    binary: bool = False
    hunks: list[Hunk] = field(default_factory=list)
    added: set[int] = field(default_factory=set)
    context: set[int] = field(default_factory=set)

    @property
    def right_lines(self) -> set[int]:
        """Return the new-side lines the diff shows: added and context lines."""
        return self.added | self.context


@dataclass(slots=True)
class Diff:
    """A parsed diff: its files by (new) path."""

    files: dict[str, FileDiff] = field(default_factory=dict)

    def commentable(self, path: str, line: int) -> bool:
        """Return whether GitHub accepts a RIGHT-side review comment on this line."""
        found = self.files.get(path)
        return found is not None and found.status != "deleted" and line in found.right_lines

    def same_hunk(self, path: str, first: int, last: int) -> bool:
        """Return whether new-side lines ``first`` and ``last`` lie in one hunk of ``path``."""
        found = self.files.get(path)
        if found is None:
            return False
        return (
            any(h.new_start <= first and last < h.new_start + h.new_count for h in found.hunks)
            and {first, last} <= found.right_lines
        )

    def added_lines(self, path: str) -> set[int]:
        """Return the new-side line numbers this diff adds or changes in ``path``."""
        found = self.files.get(path)
        return set(found.added) if found is not None else set()

    def present_paths(self) -> list[str]:
        """Return the paths that still exist at the head (every file but deleted ones)."""
        return [path for path, found in self.files.items() if found.status != "deleted"]


def unquote_path(text: str) -> str:
    """Undo git's C-style quoting of a path with unusual characters."""
    if not (len(text) >= 2 and text.startswith('"') and text.endswith('"')):
        return text
    raw = bytearray()
    body = text[1:-1]
    index = 0
    while index < len(body):
        char = body[index]
        if char == "\\" and index + 1 < len(body):
            following = body[index + 1]
            octal = body[index + 1 : index + 4]
            if len(octal) == 3 and all(c in "01234567" for c in octal):
                raw.append(int(octal, 8) & 0xFF)
                index += 4
                continue
            raw.extend(_ESCAPES.get(following, following).encode())
            index += 2
            continue
        raw.extend(char.encode())
        index += 1
    return raw.decode("utf-8", "replace")


def _strip_prefix(path: str) -> str:
    path = unquote_path(path.strip())
    return path[2:] if path[:2] in {"a/", "b/"} else path


def _header_paths(rest: str) -> tuple[str, str]:
    """Split ``a/X b/Y`` from a ``diff --git`` line (names may contain spaces)."""
    if rest.startswith('"'):
        end = rest.index('"', 1)
        while rest[end - 1] == "\\":
            end = rest.index('"', end + 1)
        return _strip_prefix(rest[: end + 1]), _strip_prefix(rest[end + 2 :])
    half = (len(rest) - 1) // 2
    # Without a rename both halves name the same file, so the middle space splits them.
    if len(rest) % 2 == 1 and rest[half] == " " and rest[2:half] == rest[half + 3 :]:
        return _strip_prefix(rest[:half]), _strip_prefix(rest[half + 1 :])
    old, _, new = rest.partition(" b/")
    return _strip_prefix(old), new


def parse_diff(text: str) -> Diff:
    """Parse ``git diff`` output into files, hunks and new-side line numbers."""
    diff = Diff()
    current: FileDiff | None = None
    old_left = new_left = 0
    new_line = 0

    def finish() -> None:
        if current is not None:
            diff.files[current.path] = current

    for raw in text.splitlines():
        if current is not None and (old_left > 0 or new_left > 0):
            marker = raw[:1]
            if marker == "+":
                current.added.add(new_line)
                new_line += 1
                new_left -= 1
                continue
            if marker == "-":
                old_left -= 1
                continue
            if marker in {" ", ""}:
                current.context.add(new_line)
                new_line += 1
                new_left -= 1
                old_left -= 1
                continue
            if marker == "\\":
                continue
            # A malformed hunk ended early; read the line as a header.
            old_left = new_left = 0
        if raw.startswith("diff --git "):
            finish()
            old, new = _header_paths(raw[len("diff --git ") :])
            current = FileDiff(path=new, old_path=old)
        elif current is None:
            continue
        elif raw.startswith("new file mode"):
            current.status = "added"
        elif raw.startswith("deleted file mode"):
            current.status = "deleted"
            current.path = current.old_path
        elif raw.startswith("rename from "):
            current.old_path = unquote_path(raw[len("rename from ") :])
            current.status = "renamed"
        elif raw.startswith("rename to "):
            current.path = unquote_path(raw[len("rename to ") :])
        elif raw.startswith("Binary files ") or raw.startswith("GIT binary patch"):
            current.binary = True
        elif raw.startswith("--- "):
            source = raw[4:]
            if source.strip() != "/dev/null":
                current.old_path = _strip_prefix(source)
        elif raw.startswith("+++ "):
            target = raw[4:]
            if target.strip() == "/dev/null":
                current.status = "deleted"
                current.path = current.old_path
            else:
                current.path = _strip_prefix(target)
        elif match := _HUNK.match(raw):
            old_start, old_count, new_start, new_count = match.groups()
            hunk = Hunk(
                int(old_start),
                1 if old_count is None else int(old_count),
                int(new_start),
                1 if new_count is None else int(new_count),
            )
            current.hunks.append(hunk)
            old_left, new_left, new_line = hunk.old_count, hunk.new_count, hunk.new_start
    finish()
    return diff

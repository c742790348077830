"""The diff as the model reads it: per-file, line-numbered hunks with extra context.

Each file becomes one block whose lines carry their new-side number (removed lines are
marked and unnumbered), with a few head lines around each hunk, so the model never
counts from ``@@`` headers. Files are packed into chunks within a character budget; a
file too large for one chunk, or beyond the last chunk, is listed as not reviewed
rather than cut in the middle.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from pace_app.agents.text import frame
from pace_app.domain.diff import unquote_path

CONTEXT_LINES = 5
_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


@dataclass(frozen=True, slots=True)
class FileBlock:
    """One file's rendering for the model."""

    path: str
    text: str


@dataclass(slots=True)
class Chunk:
    """Files reviewed together in one model call."""

    blocks: list[FileBlock] = field(default_factory=list)

    @property
    def size(self) -> int:
        """Return the characters the chunk's files take."""
        return sum(len(b.text) for b in self.blocks)

    @property
    def paths(self) -> list[str]:
        """Return the chunk's file paths."""
        return [b.path for b in self.blocks]


def split_files(diff: str) -> dict[str, list[str]]:
    """Return each file's part of a ``git diff`` by its new path (old path if deleted)."""
    parts: dict[str, list[str]] = {}
    current: list[str] = []
    path = ""

    def finish() -> None:
        if path and current:
            parts[path] = current

    for line in diff.splitlines():
        if line.startswith("diff --git "):
            finish()
            current, path = [line], ""
            continue
        if not current:
            continue
        current.append(line)
        named = line[4:].strip() != "/dev/null"
        # The new path names the file; a deleted file keeps its old one.
        if named and (line.startswith("+++ ") or (line.startswith("--- ") and not path)):
            path = _strip(line[4:])
    finish()
    return parts


def _strip(text: str) -> str:
    text = unquote_path(text.strip())
    return text[2:] if text[:2] in {"a/", "b/"} else text


def render_file(
    path: str, lines: Sequence[str], head: str | None, context: int = CONTEXT_LINES
) -> str:
    """Return one file's hunks with new-side numbers and ``context`` head lines around."""
    head_lines = head.splitlines() if head is not None else []
    out: list[str] = []
    shown_until = 0
    new_line = 0
    old_left = new_left = 0
    for raw in lines:
        match = _HUNK.match(raw)
        if match:
            start = int(match.group(3))
            count = 1 if match.group(4) is None else int(match.group(4))
            # Lines of the head before the hunk that no earlier hunk showed.
            first = max(shown_until + 1, start - context, 1)
            if first > shown_until + 1 and shown_until:
                out.append("     ⋮")
            out.extend(_numbered(head_lines, first, start - 1))
            new_line, new_left = start, count
            old_left = 1 if match.group(2) is None else int(match.group(2))
            shown_until = start - 1
            continue
        if not (old_left > 0 or new_left > 0):
            continue
        marker, body = raw[:1], raw[1:]
        if marker == "+":
            out.append(f"{new_line:>5} + {body}")
            shown_until = new_line
            new_line += 1
            new_left -= 1
        elif marker == "-":
            out.append(f"      - {body}")
            old_left -= 1
        elif marker in {" ", ""}:
            out.append(f"{new_line:>5}   {body}")
            shown_until = new_line
            new_line += 1
            new_left -= 1
            old_left -= 1
        if new_left == 0 and old_left == 0:
            end = min(shown_until + context, len(head_lines))
            out.extend(_numbered(head_lines, shown_until + 1, end))
            shown_until = max(shown_until, end)
    # A file's text cannot close its own block and talk to the model in its own voice.
    shown = path.translate({ord('"'): "%22", ord("<"): "%3C", ord(">"): "%3E"})
    return frame("file", "\n".join(out), attributes=f'path="{shown}"')


def _numbered(lines: Sequence[str], first: int, last: int) -> list[str]:
    return [f"{n:>5}   {lines[n - 1]}" for n in range(first, last + 1) if 0 < n <= len(lines)]


def chunk(
    diff: str, heads: Mapping[str, str], paths: Sequence[str], *, budget: int, max_chunks: int
) -> tuple[list[Chunk], list[str]]:
    """Pack the files into chunks of at most ``budget`` characters; return the leftovers."""
    parts = split_files(diff)
    chunks: list[Chunk] = []
    skipped: list[str] = []
    current = Chunk()
    for path in paths:
        if path not in parts:
            continue
        block = FileBlock(path, render_file(path, parts[path], heads.get(path)))
        if len(block.text) > budget:
            skipped.append(f"{path}: {len(block.text)} characters, over the {budget} per call")
            continue
        if current.blocks and current.size + len(block.text) > budget:
            chunks.append(current)
            current = Chunk()
        if len(chunks) >= max_chunks:
            skipped.append(f"{path}: beyond the {max_chunks} model calls per review")
            continue
        current.blocks.append(block)
    if current.blocks and len(chunks) < max_chunks:
        chunks.append(current)
    return chunks, skipped

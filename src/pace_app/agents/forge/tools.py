"""FORGE's file tools: list, read, write, edit and search inside one worktree.

``run_build``, ``run_tests`` and ``complete_handoff`` are dispatched by the FORGE loop;
their specs and input models live in ``tool_specs`` with the rest. Every refusal is a
``ToolError`` whose message goes back to the model as the tool result.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from pace_app.agents.forge import views
from pace_app.agents.forge.tool_specs import (
    MAX_WRITE_BYTES,
    TOOL_NAMES,
    TOOL_SPECS,
    EditFileInput,
    ListFilesInput,
    ReadFileInput,
    SearchCodeInput,
    ToolSpec,
    WriteFileInput,
    parse_tool_input,
)
from pace_app.agents.paths import Worktree, is_git_name
from pace_app.errors import ToolError

__all__ = ["FILE_TOOL_NAMES", "TOOL_NAMES", "TOOL_SPECS", "FileTools", "ToolSpec"]

FILE_TOOL_NAMES = frozenset({"list_files", "read_file", "write_file", "edit_file", "search_code"})
MAX_LINE_CHARS = 2000
MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_LIST_ENTRIES = 1000
MAX_SEARCH_FILE_BYTES = 1024 * 1024
MAX_MATCHES = 200
MAX_MATCH_TEXT = 300
SEARCH_SECONDS = 10.0
# Dependency and cache directories: listed, never expanded or searched.
UNEXPANDED_DIRS = frozenset(
    {"node_modules", ".venv", "venv", "__pycache__", ".mypy_cache", ".pytest_cache", ".tox"}
    | {".ruff_cache"}
)
_BINARY_SNIFF = 8192
_SUFFIXES = {"file": "", "dir": "/", "unexpanded": "/ (not expanded)", "symlink": " (symlink)"}


class FileTools:
    """The file tools of one FORGE run, confined to its worktree."""

    def __init__(
        self,
        root: Path,
        *,
        clock: Callable[[], float] = time.monotonic,
        search_seconds: float = SEARCH_SECONDS,
    ) -> None:
        self.worktree = Worktree(root)
        self._clock = clock
        self._search_seconds = search_seconds
        self._changed: set[str] = set()

    @property
    def changed_paths(self) -> tuple[str, ...]:
        """Return the paths written or edited so far, sorted."""
        return tuple(sorted(self._changed))

    def call(self, name: str, arguments: object) -> str:
        """Validate a file tool call and run it, raising ``ToolError`` on refusal."""
        if name not in FILE_TOOL_NAMES:
            raise ValueError(f"{name} is not a file tool")
        request = parse_tool_input(name, arguments)
        if isinstance(request, ListFilesInput):
            return self.list_files(request.path)
        if isinstance(request, ReadFileInput):
            return self.read_file(request.path, request.start_line, request.end_line)
        if isinstance(request, WriteFileInput):
            return self.write_file(request.path, request.content)
        if isinstance(request, EditFileInput):
            return self.edit_file(request.path, request.old_text, request.new_text)
        assert isinstance(request, SearchCodeInput)
        return self.search_code(request.pattern, request.path)

    def list_files(self, path: str) -> str:
        """List the entries under ``path`` recursively, directories ending with ``/``."""
        real = self.worktree.resolve(path, allow_root=True)
        if real.is_file():
            return self.worktree.display(real)
        if not real.is_dir():
            raise ToolError(f"{path!r} does not exist")
        lines: list[str] = []
        for entry, kind in _walk(real):
            if len(lines) == MAX_LIST_ENTRIES:
                lines.append(
                    f"[listing stopped at {MAX_LIST_ENTRIES} entries; list a subdirectory]"
                )
                break
            lines.append(self.worktree.display(entry) + _SUFFIXES[kind])
        return "\n".join(lines) if lines else "(empty directory)"

    def read_file(
        self, path: str, start_line: int | None = None, end_line: int | None = None
    ) -> str:
        """Return a window of a file's lines, numbered, with what lies outside it."""
        real = self._existing_file(path)
        data = _read_bytes(real, path)
        if b"\x00" in data[:_BINARY_SNIFF]:
            raise ToolError(f"{path!r} is a binary file")
        lines = _split_lines(data.decode("utf-8", errors="replace"))
        shown = self.worktree.display(real)
        if not lines:
            return views.read_view(shown, lines, 1, None)
        first = start_line or 1
        if first > len(lines):
            raise ToolError(f"start_line {first} is past the end; {path!r} has {len(lines)} lines")
        if end_line is not None and end_line < first:
            raise ToolError(f"end_line {end_line} is before start_line {first}")
        return views.read_view(shown, lines, first, end_line)

    def write_file(self, path: str, content: str) -> str:
        """Create or replace a file with ``content``."""
        if len(content.encode("utf-8", errors="replace")) > MAX_WRITE_BYTES:
            raise ToolError(f"content is larger than {MAX_WRITE_BYTES // 1024} KiB")
        real = self.worktree.resolve(path)
        if real.is_dir():
            raise ToolError(f"{path!r} is a directory")
        existed = real.exists()
        try:
            real.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ToolError(f"cannot create the directory for {path!r}: {exc.strerror}") from None
        _write_text(real, content, path)
        shown = self.worktree.display(real)
        self._changed.add(shown)
        verb = "replaced" if existed else "created"
        answer = f"{verb} {shown} ({len(_split_lines(content))} lines)"
        return views.with_syntax(answer, shown, content)

    def edit_file(self, path: str, old_text: str, new_text: str) -> str:
        """Replace the one exact occurrence of ``old_text`` with ``new_text``."""
        if not old_text:
            raise ToolError("old_text is empty; give the exact text to replace")
        real = self._existing_file(path)
        try:
            text = _read_bytes(real, path).decode("utf-8")
        except UnicodeDecodeError:
            raise ToolError(f"{path!r} is not UTF-8 text; use write_file instead") from None
        if old_text not in text and "\r\n" in text and "\r\n" not in old_text:
            # The file uses CRLF line endings; the model almost always sends LF.
            old_text, new_text = (s.replace("\n", "\r\n") for s in (old_text, new_text))
        starts = _occurrences(text, old_text)
        if not starts:
            hint = ""
            if old_text.strip() and old_text.strip() in text:
                hint = " (it does match with different surrounding whitespace)"
            raise ToolError(
                f"old_text was not found in {path!r}{hint}; read the file again and copy "
                "the text exactly, whitespace included"
            )
        if len(starts) > 1:
            where = ", ".join(str(text.count("\n", 0, start) + 1) for start in starts[:10])
            raise ToolError(
                f"old_text occurs {len(starts)} times in {path!r} (at lines {where}); include "
                "more surrounding lines so it matches exactly once"
            )
        start = starts[0]
        updated = text[:start] + new_text + text[start + len(old_text) :]
        if len(updated.encode("utf-8", errors="replace")) > MAX_FILE_BYTES:
            raise ToolError(f"the edited file would be larger than {MAX_FILE_BYTES // 1024} KiB")
        _write_text(real, updated, path)
        shown = self.worktree.display(real)
        self._changed.add(shown)
        first = text.count("\n", 0, start) + 1
        # The line holding the last character of the new text; none if it is empty.
        last = updated.count("\n", 0, start + len(new_text) - 1) + 1 if new_text else first - 1
        answer = views.edit_view(shown, _split_lines(updated), first, last)
        return views.with_syntax(answer, shown, updated)

    def search_code(self, pattern: str, path: str = ".") -> str:
        """Return ``path:line: text`` for each line matching the regular expression."""
        try:
            regex = re.compile(pattern)
        except re.error as exc:
            raise ToolError(f"invalid regular expression: {exc}") from None
        except (OverflowError, RecursionError):
            raise ToolError("invalid regular expression: too complex") from None
        real = self.worktree.resolve(path, allow_root=True)
        if real.is_file():
            files: Iterator[Path] = iter([real])
        elif real.is_dir():
            files = (entry for entry, kind in _walk(real) if kind == "file")
        else:
            raise ToolError(f"{path!r} does not exist")
        deadline = self._clock() + self._search_seconds
        matches: list[str] = []
        skipped = 0
        notes: list[str] = []
        for file in files:
            if self._clock() > deadline:
                notes.append(f"[search stopped after {self._search_seconds:g} s; narrow the path]")
                break
            text = _searchable_text(file)
            if text is None:
                skipped += 1
                continue
            shown = self.worktree.display(file)
            for number, line in enumerate(_split_lines(text), start=1):
                if regex.search(line[:MAX_LINE_CHARS]):
                    matches.append(f"{shown}:{number}: {line.strip()[:MAX_MATCH_TEXT]}")
                    if len(matches) == MAX_MATCHES:
                        break
            if len(matches) == MAX_MATCHES:
                notes.append(f"[stopped at {MAX_MATCHES} matches; narrow the pattern or path]")
                break
        if skipped:
            notes.append(f"[skipped {skipped} binary or over-1-MB files]")
        return "\n".join(matches + notes) if matches else "\n".join(["no matches", *notes])

    def _existing_file(self, path: str) -> Path:
        real = self.worktree.resolve(path)
        if real.is_dir():
            raise ToolError(f"{path!r} is a directory; use list_files")
        if not real.is_file():
            raise ToolError(f"{path!r} does not exist; use list_files to see what does")
        return real


def _walk(directory: Path) -> Iterator[tuple[Path, str]]:
    """Yield entries under ``directory`` depth first, sorted, never following symlinks."""
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if is_git_name(entry.name):
            continue
        path = Path(entry.path)
        if entry.is_symlink():
            yield path, "symlink"
        elif entry.is_dir():
            if entry.name in UNEXPANDED_DIRS:
                yield path, "unexpanded"
            else:
                yield path, "dir"
                yield from _walk(path)
        else:
            yield path, "file"


def _split_lines(text: str) -> list[str]:
    """Split on newlines only (not on form feeds and the like), as editors number lines."""
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return [line.removesuffix("\r") for line in lines]


def _occurrences(text: str, needle: str) -> list[int]:
    """Return every start of ``needle`` in ``text``, overlapping ones included."""
    starts: list[int] = []
    start = text.find(needle)
    while start != -1:
        starts.append(start)
        start = text.find(needle, start + 1)
    return starts


def _read_bytes(real: Path, path: str) -> bytes:
    """Read a confined file without following a symlink swapped in since the check."""
    try:
        fd = os.open(real, os.O_RDONLY | os.O_NOFOLLOW)
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ToolError(f"cannot read {path!r}: {exc.strerror}") from None
    if len(data) > MAX_FILE_BYTES:
        raise ToolError(f"{path!r} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    return data


def _write_text(real: Path, content: str, path: str) -> None:
    """Write a confined file without following a symlink swapped in since the check."""
    try:
        fd = os.open(real, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644)
        # A lone surrogate from the model's JSON must not abort the write halfway.
        with os.fdopen(fd, "w", encoding="utf-8", errors="replace", newline="") as handle:
            handle.write(content)
    except OSError as exc:
        raise ToolError(f"cannot write {path!r}: {exc.strerror}") from None


def _searchable_text(file: Path) -> str | None:
    """Return a file's text for searching, or None if it is too large or binary."""
    try:
        if file.stat().st_size > MAX_SEARCH_FILE_BYTES:
            return None
        data = file.read_bytes()
    except OSError:
        return None
    if b"\x00" in data[:_BINARY_SNIFF]:
        return None
    return data.decode("utf-8", errors="replace")

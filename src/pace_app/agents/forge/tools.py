"""FORGE's file tools: list, read, write, edit and search inside one worktree.

``run_build``, ``run_tests`` and ``complete_handoff`` are dispatched by the FORGE loop;
their specs and input models live in ``tool_specs`` with the rest. Every refusal is a
``ToolError`` whose message goes back to the model as the tool result.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from pace_app.agents.code_search import run_search
from pace_app.agents.code_search import split_lines as _split_lines
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
from pace_app.agents.forge.views import edit_view, read_view, with_syntax
from pace_app.agents.paths import Worktree, is_git_name, is_protected, protected_refusal
from pace_app.errors import ToolError

__all__ = ["FILE_TOOL_NAMES", "TOOL_NAMES", "TOOL_SPECS", "FileTools", "ToolSpec"]

FILE_TOOL_NAMES = frozenset({"list_files", "read_file", "write_file", "edit_file", "search_code"})
MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_LIST_ENTRIES = 1000
SEARCH_SECONDS = 10.0
# Dependency and cache directories: listed, never expanded or searched.
UNEXPANDED_DIRS = frozenset(
    {"node_modules", ".venv", "venv", "__pycache__", ".mypy_cache", ".pytest_cache", ".tox"}
    | {".ruff_cache"}
)
_BINARY_SNIFF = 8192
_SUFFIXES = {"file": "", "dir": "/", "unexpanded": "/ (not expanded)", "symlink": " (symlink)"}


# A refused path is shown to people; the model chose it, so it is kept short.
MAX_REFUSED_PATH_CHARS = 200


class FileTools:
    """The file tools of one FORGE run, confined to its worktree."""

    def __init__(
        self,
        root: Path,
        *,
        search_seconds: float = SEARCH_SECONDS,
        extra_protected: Sequence[str] = (),
    ) -> None:
        self.worktree = Worktree(root)
        self._search_seconds = search_seconds
        self._extra_protected = tuple(extra_protected)
        self._changed: set[str] = set()
        self._refused: set[str] = set()

    @property
    def changed_paths(self) -> tuple[str, ...]:
        """Return the paths written or edited so far, sorted."""
        return tuple(sorted(self._changed))

    @property
    def refused_paths(self) -> tuple[str, ...]:
        """Return the protected paths FORGE tried to write, sorted."""
        return tuple(sorted(self._refused))

    def call(self, name: str, arguments: object) -> str:
        """Validate a file tool call and run it, raising ``ToolError`` on refusal.

        Writes to protected paths are refused here, and any ``OSError`` a tool meets
        (a name too long, a permission, a full disk) becomes a ``ToolError`` naming the
        path as the model gave it, never the worktree's location on this host.
        """
        if name not in FILE_TOOL_NAMES:
            raise ValueError(f"{name} is not a file tool")
        request = parse_tool_input(name, arguments)
        try:
            if isinstance(request, WriteFileInput | EditFileInput):
                self._refuse_protected(request.path)
            return self._dispatch(request)
        except OSError as exc:
            raise ToolError(_os_problem(name, getattr(request, "path", "."), exc)) from None

    def _dispatch(self, request: object) -> str:
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

    def _refuse_protected(self, path: str) -> None:
        """Refuse a write to a file that steers the App, by its name or where it leads."""
        real = self.worktree.resolve(path)
        for name in (path, self.worktree.display(real)):
            if is_protected(name, self._extra_protected):
                self._refused.add(path[:MAX_REFUSED_PATH_CHARS])
                raise ToolError(protected_refusal(path))

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
            return read_view(shown, lines, 1, None)
        first = start_line or 1
        if first > len(lines):
            raise ToolError(f"start_line {first} is past the end; {path!r} has {len(lines)} lines")
        if end_line is not None and end_line < first:
            raise ToolError(f"end_line {end_line} is before start_line {first}")
        return read_view(shown, lines, first, end_line)

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
        return with_syntax(answer, shown, content)

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
        answer = edit_view(shown, _split_lines(updated), first, last)
        return with_syntax(answer, shown, updated)

    def search_code(self, pattern: str, path: str = ".") -> str:
        """Return ``path:line: text`` for each line matching the regular expression.

        The pattern runs in a child process killed at the deadline, so a pattern that
        backtracks without end costs a tool error, not the service's responsiveness.
        """
        real = self.worktree.resolve(path, allow_root=True)
        if real.is_file():
            found: Iterator[Path] = iter([real])
        elif real.is_dir():
            found = (entry for entry, kind in _walk(real) if kind == "file")
        else:
            raise ToolError(f"{path!r} does not exist")
        files = [(self.worktree.display(file), str(file)) for file in found]
        return run_search(pattern, files, deadline=self._search_seconds)

    def _existing_file(self, path: str) -> Path:
        real = self.worktree.resolve(path)
        if real.is_dir():
            raise ToolError(f"{path!r} is a directory; use list_files")
        if not real.is_file():
            raise ToolError(f"{path!r} does not exist; use list_files to see what does")
        return real


def _os_problem(tool: str, path: str, exc: OSError) -> str:
    """Phrase an ``OSError`` for the model without the host's absolute paths."""
    shown = path if len(path) <= 200 else path[:199] + "…"
    reason = exc.strerror or type(exc).__name__
    return f"{tool} failed on {shown!r}: {reason}"


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

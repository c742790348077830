"""Run a model's regular expression over files in a child process with a hard deadline.

Python's ``re`` backtracks: a pattern such as ``^(a+)+$`` over a line of ``a``s ends
only after an astronomical number of steps, holding the GIL all along, so a search in
a thread would still freeze the event loop. The search therefore runs in its own
interpreter (``python -I -m pace_app.agents.code_search``), fed the pattern and the
file list on stdin, and is killed when the deadline passes; the caller gets a tool
error instead of a frozen service. ``search_lines`` is the pure part both sides share.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterable, Sequence

from pace_app.errors import ToolError

MAX_MATCHES = 200
MAX_MATCH_TEXT = 300
MAX_LINE_CHARS = 2000
MAX_SEARCH_FILE_BYTES = 1024 * 1024
_BINARY_SNIFF = 8192
# Enough for the child to start and read its input; the rest of the deadline is search.
_ENV = {"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"}


def search_lines(pattern: str, files: Iterable[tuple[str, str]]) -> str:
    """Return ``shown:line: text`` per matching line of each (shown name, path) file."""
    try:
        regex = re.compile(pattern)
    except re.error as exc:
        raise ToolError(f"invalid regular expression: {exc}") from None
    except (OverflowError, RecursionError):
        raise ToolError("invalid regular expression: too complex") from None
    matches: list[str] = []
    skipped = 0
    notes: list[str] = []
    for shown, path in files:
        text = searchable_text(path)
        if text is None:
            skipped += 1
            continue
        for number, line in enumerate(split_lines(text), start=1):
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


def run_search(pattern: str, files: Sequence[tuple[str, str]], *, deadline: float) -> str:
    """Search in a child interpreter; a ``ToolError`` when it fails or runs out of time."""
    request = json.dumps({"pattern": pattern, "files": list(files)})
    try:
        done = subprocess.run(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-I", "-m", __name__],
            input=request.encode("utf-8", errors="surrogatepass"),
            capture_output=True,
            timeout=deadline,
            env=_ENV,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ToolError(
            f"search_code stopped after {deadline:g} s: the pattern backtracks too much or "
            "the path is too large; use a simpler pattern (no nested repeats like (a+)+) "
            "or a narrower path"
        ) from None
    except OSError as exc:
        raise ToolError(f"search_code could not start ({exc.strerror})") from None
    try:
        answer = json.loads(done.stdout.decode("utf-8", errors="replace"))
    except json.JSONDecodeError:
        answer = None
    if not isinstance(answer, dict):
        raise ToolError(f"search_code failed (exit status {done.returncode})")
    if "error" in answer:
        raise ToolError(str(answer["error"]))
    return str(answer.get("text", ""))


def split_lines(text: str) -> list[str]:
    """Split on newlines only (not on form feeds and the like), as editors number lines."""
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return [line.removesuffix("\r") for line in lines]


def searchable_text(path: str) -> str | None:
    """Return a file's text for searching, or None if it is too large or binary."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(MAX_SEARCH_FILE_BYTES + 1)
    except OSError:
        return None
    if len(data) > MAX_SEARCH_FILE_BYTES or b"\x00" in data[:_BINARY_SNIFF]:
        return None
    return data.decode("utf-8", errors="replace")


def main() -> None:
    """Answer one search request read from stdin with a JSON object on stdout."""
    request = json.loads(sys.stdin.buffer.read().decode("utf-8", errors="surrogatepass"))
    try:
        answer = {"text": search_lines(request["pattern"], request["files"])}
    except ToolError as exc:
        answer = {"error": str(exc)}
    sys.stdout.write(json.dumps(answer))


if __name__ == "__main__":
    main()

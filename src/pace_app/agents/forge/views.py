"""How FORGE's file tools show a file to the model: numbered, windowed, checked.

A read answers with a header naming the file and the window, line-numbered rows, and
a hint saying how many lines lie outside it and how to read on. An edit answers with
the edited region and a few lines around it, numbered as the file now is, so the model
holds the current text of what it just changed and can make its next exact-text edit
without reading the file again. A Python file's syntax is checked after every write or
edit and the result is part of the same answer.
"""

from __future__ import annotations

import ast
import warnings

# A read without a range shows this many lines; a range may ask for more, up to the cap.
DEFAULT_WINDOW_LINES = 400
MAX_WINDOW_LINES = 2000
MAX_VIEW_CHARS = 16_000
MAX_LINE_CHARS = 2000
EDIT_CONTEXT_LINES = 3
# An edit longer than this shows its first and last lines only; the rest is known.
MAX_EDIT_VIEW_LINES = 80
PYTHON_SUFFIXES = (".py", ".pyi")


def row(number: int, text: str) -> str:
    """Return one numbered line, cut if it is very long."""
    if len(text) > MAX_LINE_CHARS:
        text = text[:MAX_LINE_CHARS] + " [… line truncated]"
    return f"{number:>6}\t{text}"


def read_view(path: str, lines: list[str], first: int, last: int | None) -> str:
    """Return lines ``first``..``last`` (a default window if None) of ``path``, numbered."""
    total = len(lines)
    if total == 0:
        return f"{path}: (empty file)"
    cap = first - 1 + (DEFAULT_WINDOW_LINES if last is None else MAX_WINDOW_LINES)
    end = min(total, cap if last is None else min(last, cap))
    rows: list[str] = []
    size = 0
    shown = first - 1
    for number in range(first, end + 1):
        text = row(number, lines[number - 1])
        if rows and size + len(text) > MAX_VIEW_CHARS:
            break
        rows.append(text)
        size += len(text) + 1
        shown = number
    if first == 1 and shown == total:
        header = f"{path}: {total} line{'s' if total != 1 else ''}"
    else:
        header = f"{path}: lines {first}-{shown} of {total}"
        if first > 1:
            header += f" ({first - 1} more above)"
    out = [header, *rows]
    if shown < total:
        out.append(f"[{total - shown} more lines below; read on with start_line={shown + 1}]")
    return "\n".join(out)


def edit_view(path: str, lines: list[str], first: int, last: int) -> str:
    """Return the answer to an edit whose new text is at lines ``first``..``last`` now."""
    total = len(lines)
    if total == 0:
        return f"edited {path}: the file is now empty"
    if last < first:
        what = f"the old text was removed at line {first}"
    else:
        what = f"the new text is at lines {first}-{last}"
    start = max(1, first - EDIT_CONTEXT_LINES)
    end = min(total, max(first, last) + EDIT_CONTEXT_LINES)
    numbers = list(range(start, end + 1))
    if len(numbers) > MAX_EDIT_VIEW_LINES:
        half = MAX_EDIT_VIEW_LINES // 2
        numbers = [*numbers[:half], 0, *numbers[-half:]]
    rows = [
        row(number, lines[number - 1])
        if number
        else f"[… {end - start + 1 - 2 * (MAX_EDIT_VIEW_LINES // 2)} lines of the new text …]"
        for number in numbers
    ]
    header = f"edited {path}: {what}; lines {start}-{end} of {total} now read:"
    return "\n".join([header, *rows])


def syntax_note(path: str, text: str) -> str | None:
    """Return the result of a Python syntax check of ``text``, or None if not Python."""
    if not path.endswith(PYTHON_SUFFIXES):
        return None
    try:
        with warnings.catch_warnings():
            # Invalid escape sequences and the like warn; only errors matter here.
            warnings.simplefilter("ignore")
            ast.parse(text, filename=path)
    except (SyntaxError, ValueError) as exc:
        # Older Pythons raise ValueError for a NUL byte; it has no position.
        line = getattr(exc, "lineno", None)
        offset = getattr(exc, "offset", None)
        where = f"line {line}" if line else "an unknown line"
        if line and offset:
            where += f", column {offset}"
        message = getattr(exc, "msg", None) or str(exc)
        return (
            f"Python syntax error at {where}: {message}. The file was saved as it is; "
            "fix it before running the tests."
        )
    return "Python syntax: OK."


def with_syntax(answer: str, path: str, text: str) -> str:
    """Return ``answer`` followed by the syntax check of the file, when it is Python."""
    note = syntax_note(path, text)
    return answer if note is None else f"{answer}\n{note}"

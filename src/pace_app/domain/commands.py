"""The command grammar (``/pace retry``), shared by webhook intake and the worker.

A comment holds a command when its command line, the first non-blank line outside
fenced code blocks and ``>`` quotes, reads ``/<word> [verb] [free text]`` (any case, at
most three spaces of indent: four make an indented code block). The free text is the
rest of that line plus every line after it, as written. A quoted, fenced or indented
command line is text about a command, not a command.

The word is ``pace`` unless the operator or the repository configures another
(``pace_app.domain.conventions``). Intake cannot read a repository's configuration,
so it queues any comment whose command line has a word-shaped token after ``/``; the
worker keeps only the configured word (see docs/adr/006-configurable-conventions.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pace_app.domain.conventions import COMMAND_PATTERN, DEFAULT_COMMAND
from pace_app.domain.story import sanitise
from pace_app.domain.text import truncate

Verb = Literal["retry", "cancel", "status", "help", "unknown"]
VERBS: frozenset[str] = frozenset({"retry", "cancel", "status", "help"})

MAX_COMMAND_CHARS = 10_000  # of a comment kept in the job; the worker parses the same text
MAX_FREE_TEXT_CHARS = 4_000
MAX_RAW_VERB_CHARS = 40

# CommonMark: a fence is three or more backticks or tildes after at most three spaces.
_FENCE = re.compile(r"\A {0,3}(`{3,}|~{3,})")
_QUOTE = re.compile(r"\A {0,3}>")
# The word is bounded (at most 20 characters), so a failed match backtracks little.
_COMMAND = re.compile(
    rf"\A {{0,3}}/({COMMAND_PATTERN})(?:\s+(\S+))?(?:\s+(.*))?\s*\Z", re.IGNORECASE
)
_INDENTED_CODE = re.compile(r"\A(?: {4}| {0,3}\t)")


@dataclass(frozen=True)
class ParsedCommand:
    """A command read from a comment: ``/<word> <verb> <free text>``."""

    verb: Verb
    free_text: str = ""
    raw_verb: str = ""  # what the user typed, kept for an unknown verb's answer
    word: str = DEFAULT_COMMAND  # lowercased


def read_command(body: str) -> ParsedCommand | None:
    """Return the command a comment holds whatever its word, or None if it holds none."""
    found = _find(body)
    return None if found is None else _parsed(*found)


def parse_command(body: str, word: str = DEFAULT_COMMAND) -> ParsedCommand | None:
    """Return the ``/<word>`` command a comment holds, or None if it holds none."""
    found = _find(body)
    if found is None or found[0].group(1).lower() != word:
        return None
    return _parsed(*found)


def _parsed(match: re.Match[str], lines: list[str], index: int) -> ParsedCommand:
    """Build the command from its line's match and the lines after it."""
    rest = "\n".join(lines[index + 1 :]).strip()
    raw_verb = (match.group(2) or "help").lower()
    verb: Verb = raw_verb if raw_verb in VERBS else "unknown"  # type: ignore[assignment]
    free = "\n".join(part for part in ((match.group(3) or "").strip(), rest) if part)
    free_text = truncate(sanitise(free).strip(), MAX_FREE_TEXT_CHARS)
    return ParsedCommand(verb, free_text, raw_verb[:MAX_RAW_VERB_CHARS], match.group(1).lower())


def command_body(body: str) -> str | None:
    """Return the bounded comment text to queue if it may hold a command, else None.

    Intake decides on exactly the text the worker will parse, so a queued command
    always parses again; which word counts is the worker's decision.
    """
    bounded = body[:MAX_COMMAND_CHARS]
    return bounded if _find(bounded) is not None else None


def _find(body: str) -> tuple[re.Match[str], list[str], int] | None:
    """Return the command line's match, the comment's lines and that line's index."""
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    index = _command_line(lines)
    if index is None:
        return None
    match = _COMMAND.match(lines[index])
    if match is None:
        return None
    return match, lines, index


def _command_line(lines: list[str]) -> int | None:
    """Return the index of the first non-blank line outside fences and quotes."""
    fence: str | None = None
    for index, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence is not None:
            if opened is not None and _closes(opened.group(1), line, fence):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        if not line.strip() or _QUOTE.match(line):
            continue
        return None if _INDENTED_CODE.match(line) else index
    return None


def _closes(marks: str, line: str, fence: str) -> bool:
    """Say whether a fence line closes ``fence``: same character, as long, nothing after."""
    return marks[0] == fence[0] and len(marks) >= len(fence) and not line.strip().strip(marks[0])

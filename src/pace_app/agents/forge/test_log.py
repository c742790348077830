"""Shorten a test run's log to what the model acts on: the failures and the totals.

A test log is re-read on every later turn, and most of it (the session header, the
progress dots, the names of passing tests, warnings) does not help fix anything. The
two formats FORGE meets most are recognised:

- pytest: the ``FAILURES`` and ``ERRORS`` sections (each failing test's block), the
  short test summary and the final count line are kept;
- unittest: each ``FAIL:`` or ``ERROR:`` block and the closing ``Ran N tests`` and
  ``OK``/``FAILED (...)`` lines are kept.

The first ``MAX_FULL_BLOCKS`` failures are shown whole (a long one keeps its head and
its end, where the assertion is); later ones as one line each, their title and the
exception. Every removed stretch is replaced by ``[N lines omitted]``. Any other log
is left alone (``summarise_test_log`` returns None) and the caller keeps its end.
Pure functions over text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A summary must save at least this many lines, or the log is shown as it is.
MIN_SAVED_LINES = 5
MAX_FULL_BLOCKS = 5
MAX_BLOCK_LINES = 40
BLOCK_HEAD_LINES = 8
MAX_CAPTURED_LINES = 10
MAX_BRIEF_BLOCKS = 30
MAX_BRIEF_PER_TEST = 10
MAX_SUMMARY_LINES = 40

_PYTEST_SECTION = re.compile(r"^=+ (?P<title>.+?) =+$")
_PYTEST_BLOCK = re.compile(r"^_{3,} (?P<title>.+?) _{3,}$")
_PYTEST_TOTALS = re.compile(
    r"^=*\s*(no tests ran|\d+ (passed|failed|errors?|skipped|deselected|xfailed|xpassed)\b)"
    r".* in [\d.]+s\b.*?=*$"
)
_UNITTEST_RULE = re.compile(r"^={20,}$")
_UNITTEST_TITLE = re.compile(r"^(FAIL|ERROR|UNEXPECTED SUCCESS): ")
_UNITTEST_END = re.compile(r"^-{20,}$")
_UNITTEST_RAN = re.compile(r"^Ran \d+ tests? in ")
_EXCEPTION = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Failure|Exit|Interrupt)\b")
_CAPTURED = re.compile(r"^-{3,} Captured .+ -{3,}$")
# The case of a parametrised test (``test_x[3]``) or a unittest sub-test (``(word='a')``).
_CASE = re.compile(r"(\[[^\]]*\]|(?<=\)) \(.*\))$")


@dataclass(frozen=True, slots=True)
class _Piece:
    """A kept stretch of the log, or a count of removed lines (``lines`` empty)."""

    lines: tuple[str, ...] = ()
    omitted: int = 0


def summarise_test_log(output: str) -> str | None:
    """Return the failures and totals of a pytest or unittest log, or None if neither."""
    lines = output.splitlines()
    if any(_PYTEST_SECTION.match(line) for line in lines) or _is_pytest_totals(lines):
        pieces = _pytest(lines)
    elif any(_UNITTEST_RAN.match(line) for line in lines):
        pieces = _unittest(lines)
    else:
        return None
    if not any(piece.lines for piece in pieces):
        return None  # nothing recognised worth keeping (a crash, say): the raw log is better
    summary = _render(pieces)
    return summary if summary.count("\n") + 1 <= len(lines) - MIN_SAVED_LINES else None


def omitted_line(count: int) -> str:
    """Return the marker standing for ``count`` removed lines."""
    return f"[{count} line{'s' if count != 1 else ''} omitted]"


def _is_pytest_totals(lines: list[str]) -> bool:
    last = next((line for line in reversed(lines) if line.strip()), "")
    return bool(_PYTEST_TOTALS.match(last.strip()))


def _pytest(lines: list[str]) -> list[_Piece]:
    """Keep the failure sections, the short summary and the totals line of a pytest log."""
    sections: list[tuple[str | None, list[str]]] = [(None, [])]
    for line in lines:
        match = _PYTEST_SECTION.match(line)
        if match:
            sections.append((match.group("title"), [line]))
        else:
            sections[-1][1].append(line)
    pieces: list[_Piece] = []
    for title, body in sections:
        if title in ("FAILURES", "ERRORS"):
            rest = body[1:]
            starts = [i for i, line in enumerate(rest) if _PYTEST_BLOCK.match(line)]
            pieces += [_Piece((body[0],)), *_blocks(rest, starts)]
        elif title == "short test summary info":
            pieces += _bounded(body, MAX_SUMMARY_LINES)
        else:
            pieces += _totals_only(body)
    return pieces


def _totals_only(body: list[str]) -> list[_Piece]:
    """Keep only the totals line of a section (pytest prints it last, framed or not)."""
    for index in range(len(body) - 1, -1, -1):
        if _PYTEST_TOTALS.match(body[index].strip()):
            return [
                _Piece(omitted=index),
                _Piece((body[index],)),
                _Piece(omitted=len(body) - 1 - index),
            ]
    return [_Piece(omitted=len(body))]


def _unittest(lines: list[str]) -> list[_Piece]:
    """Keep the FAIL and ERROR blocks and the closing lines of a unittest log."""
    starts = [
        index
        for index in range(len(lines) - 1)
        if _UNITTEST_RULE.match(lines[index]) and _UNITTEST_TITLE.match(lines[index + 1])
    ]
    ran = next((i for i, line in enumerate(lines) if _UNITTEST_RAN.match(line)), len(lines))
    # The rule of dashes just above "Ran N tests" closes the last block.
    end = ran - 1 if ran > 0 and _UNITTEST_END.match(lines[ran - 1]) else ran
    # Without failures everything before "Ran" goes; after one, its closing rule does.
    first = starts[0] if starts else ran
    pieces = [_Piece(omitted=first)]
    body = lines[first:end]
    pieces += _blocks(body, [start - first for start in starts if start < end], title_offset=1)
    pieces.append(_Piece(tuple(line for line in lines[ran:] if line.strip())))
    return pieces


def _blocks(body: list[str], starts: list[int], *, title_offset: int = 0) -> list[_Piece]:
    """Bound the failure blocks starting at ``starts``: the first few whole, then briefly."""
    if not starts:
        return _bounded(body, MAX_BLOCK_LINES)
    pieces: list[_Piece] = [_Piece(omitted=starts[0])]
    briefs: list[tuple[str, str]] = []
    for number, start in enumerate(starts):
        stop = starts[number + 1] if number + 1 < len(starts) else len(body)
        block = body[start:stop]
        while block and not block[-1].strip():
            block.pop()
        if number < MAX_FULL_BLOCKS:
            pieces += _bounded_block(block)
        else:
            briefs.append(_brief(block[min(title_offset, len(block) - 1)], block))
    if briefs:
        pieces.append(_Piece(tuple(_brief_lines(briefs))))
    return pieces


def _brief_lines(briefs: list[tuple[str, str]]) -> list[str]:
    """List the later failures, a few per test, so one test's many cases hide no other."""
    per_test: dict[str, int] = {}
    shown: list[str] = []
    left: dict[str, int] = {}
    for test, line in briefs:
        per_test[test] = per_test.get(test, 0) + 1
        if per_test[test] <= MAX_BRIEF_PER_TEST and len(shown) < MAX_BRIEF_BLOCKS:
            shown.append(line)
        else:
            left[test] = left.get(test, 0) + 1
    lines = [f"{len(briefs)} more failure{'s' if len(briefs) != 1 else ''}, in brief:", *shown]
    if left:
        counts = ", ".join(f"{count} of {test}" for test, count in left.items())
        lines.append(f"[and {sum(left.values())} more: {counts[:1000]}]")
    return lines


def _brief(title: str, block: list[str]) -> tuple[str, str]:
    """Return a failure's test (cases of one test alike) and one line: title, exception."""
    name = title.strip(" _=")
    test = _CASE.sub("", name)
    # pytest marks the error lines with "E"; unittest ends with the exception's line.
    marked = (line.strip() for line in block if line.startswith("E "))
    named = (line.strip() for line in reversed(block) if _EXCEPTION.match(line))
    exception = next(marked, None) or next(named, "")
    return test, (f"- {name}: {exception[:200]}" if exception else f"- {name}")


def _bounded_block(block: list[str]) -> list[_Piece]:
    """Bound one failure: its traceback's head and end, and the end of each captured output."""
    cuts = [index for index, line in enumerate(block) if _CAPTURED.match(line)]
    pieces = _bounded(
        block[: cuts[0] if cuts else len(block)], MAX_BLOCK_LINES, head=BLOCK_HEAD_LINES
    )
    for number, cut in enumerate(cuts):
        section = block[cut : cuts[number + 1] if number + 1 < len(cuts) else len(block)]
        pieces.append(_Piece((section[0],)))
        pieces += _bounded(section[1:], MAX_CAPTURED_LINES)
    return pieces


def _bounded(lines: list[str], limit: int, *, head: int = 0) -> list[_Piece]:
    """Keep ``lines`` whole if short enough, else their first ``head`` and their end."""
    if len(lines) <= limit:
        return [_Piece(tuple(lines))]
    tail = limit - head
    return [
        _Piece(tuple(lines[:head])),
        _Piece(omitted=len(lines) - limit),
        _Piece(tuple(lines[-tail:])),
    ]


def _render(pieces: list[_Piece]) -> str:
    """Join the kept lines, merging neighbouring omissions into one marker."""
    out: list[str] = []
    pending = 0
    for piece in pieces:
        if not piece.lines:
            pending += piece.omitted
            continue
        if pending:
            out.append(omitted_line(pending))
            pending = 0
        out += piece.lines
    if pending:
        out.append(omitted_line(pending))
    return "\n".join(out)

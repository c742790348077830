"""Repository-owned instructions for FORGE: which documents count and how much of each.

The pipeline reads these files from the base branch's commit (never from the run
branch, which FORGE writes) and passes them in as ``(path, text)`` pairs. They are
data written by the repository's maintainers, framed as such in the prompt; each is
bounded, and a document whose text repeats one already taken (``CLAUDE.md`` is often a
copy of ``AGENTS.md``) is taken once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pace_app.agents.text import truncate_middle

# In this order in the prompt; the first of two identical texts is the one kept.
INSTRUCTION_PATHS = ("AGENTS.md", "CLAUDE.md", ".github/copilot-instructions.md")
MAX_DOCUMENT_CHARS = 12_000
MAX_TOTAL_CHARS = 24_000
PRODUCT_DESCRIPTION = "pace.config.yaml (product.description)"


@dataclass(frozen=True, slots=True)
class Instruction:
    """One repository document as it goes into the prompt."""

    path: str
    text: str
    truncated: bool = False


def select_instructions(documents: Iterable[tuple[str, str]]) -> tuple[Instruction, ...]:
    """Return the known, non-empty, distinct documents, bounded, in a fixed order."""
    by_path: dict[str, str] = {}
    for path, text in documents:
        if path in INSTRUCTION_PATHS and text.strip() and path not in by_path:
            by_path[path] = text.strip()
    chosen: list[Instruction] = []
    seen: set[str] = set()
    room = MAX_TOTAL_CHARS
    for path in INSTRUCTION_PATHS:
        found = by_path.get(path)
        if found is None or found in seen or room <= 0:
            continue
        seen.add(found)
        limit = min(MAX_DOCUMENT_CHARS, room)
        bounded = truncate_middle(found, limit)
        room -= len(bounded)
        chosen.append(Instruction(path, bounded, truncated=len(found) > limit))
    return tuple(chosen)

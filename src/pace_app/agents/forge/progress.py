"""What FORGE reports after each model turn, for the status comment and the run record."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TurnProgress:
    """Where a FORGE run stands after one model turn.

    ``tools`` are the names of this turn's tool calls, in order (empty for a turn of
    text alone); ``files`` the paths written or edited so far, sorted.
    """

    turn: int
    max_turns: int
    tools: tuple[str, ...]
    files: tuple[str, ...]


# Called by the loop after every turn; a failure inside it is the caller's to handle.
ProgressHook = Callable[[TurnProgress], Awaitable[None]]

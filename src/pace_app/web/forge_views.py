"""FORGE's rounds as the dashboard shows them: per-turn progress and the round's checkpoint.

The run record may carry ``forge_progress``, one timeline per round:
``[{round, max_turns, turns: [{turn, tools, files, cost_usd}]}]``. It is read from the
stored JSON as it is, so records with or without it show alike; the last round's
checkpoint (``forge``) adds how the round ended, its summary and its files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from pace_app.domain.run_details import ForgeCheckpoint

# A hostile or corrupt record must not make a page unbounded.
MAX_ROUNDS = 20
MAX_TURNS = 200
MAX_ITEMS = 50


@dataclass(frozen=True)
class TurnView:
    """One FORGE turn: the tools it called, the files it first wrote, the run's cost after it."""

    turn: int
    tools: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    cost_usd: float | None = None


@dataclass(frozen=True)
class ForgeRound:
    """One FORGE round: its turns and, once it ended, how."""

    round: int
    turns: int
    max_turns: int | None = None
    stop_reason: str = ""
    summary: str = ""
    files: tuple[str, ...] = ()
    turn_list: tuple[TurnView, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """Return the round for the JSON API."""
        return {
            "round": self.round,
            "turns": self.turns,
            "max_turns": self.max_turns,
            "stop_reason": self.stop_reason,
            "summary": self.summary,
            "files": list(self.files),
            "turn_list": [
                {
                    "turn": t.turn,
                    "tools": list(t.tools),
                    "files": list(t.files),
                    "cost_usd": t.cost_usd,
                }
                for t in self.turn_list
            ],
        }


def forge_rounds(
    stored: Mapping[str, Any], checkpoint: ForgeCheckpoint | None
) -> tuple[ForgeRound, ...]:
    """Return the rounds recorded in a run's stored details, oldest first."""
    progress = stored.get("forge_progress")
    rounds: dict[int, ForgeRound] = {}
    if isinstance(progress, list):
        for entry in progress[-MAX_ROUNDS:]:
            parsed = _timeline(entry)
            if parsed is not None:
                rounds[parsed.round] = parsed
    if checkpoint is not None:
        known = rounds.get(checkpoint.round, ForgeRound(checkpoint.round, checkpoint.turns))
        rounds[checkpoint.round] = replace(
            known,
            turns=max(known.turns, checkpoint.turns),
            stop_reason=checkpoint.stop_reason,
            summary=checkpoint.summary,
            files=checkpoint.files,
        )
    return tuple(rounds[number] for number in sorted(rounds))


def _timeline(entry: object) -> ForgeRound | None:
    if not isinstance(entry, Mapping) or not isinstance(entry.get("round"), int):
        return None
    turns = entry.get("turns")
    listed = tuple(
        turn
        for turn in (_turn(t) for t in (turns if isinstance(turns, list) else ())[-MAX_TURNS:])
        if turn
    )
    limit = entry.get("max_turns")
    return ForgeRound(
        round=entry["round"],
        turns=len(listed),
        max_turns=limit if isinstance(limit, int) and limit > 0 else None,
        turn_list=listed,
    )


def _turn(entry: object) -> TurnView | None:
    if not isinstance(entry, Mapping) or not isinstance(entry.get("turn"), int):
        return None
    cost = entry.get("cost_usd")
    return TurnView(
        turn=entry["turn"],
        tools=_strings(entry.get("tools")),
        files=_strings(entry.get("files")),
        cost_usd=float(cost)
        if isinstance(cost, int | float) and not isinstance(cost, bool)
        else None,
    )


def _strings(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(str(item) for item in value[:MAX_ITEMS] if isinstance(item, str))

"""A plan story as the rest of the App sees it, and what makes a valid story id."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

STATUSES = ("pending", "in_progress", "shipped", "hold")
MAX_ID_CHARS = 64
# A story id: what the marker in an issue body may name.
STORY_ID = rf"[A-Za-z0-9][A-Za-z0-9._-]{{0,{MAX_ID_CHARS - 1}}}"

Status = Literal["pending", "in_progress", "shipped", "hold"]


@dataclass(frozen=True)
class PlanStory:
    """One story of a plan, as its issue shows it."""

    id: str
    title: str
    status: Status
    criteria: tuple[str, ...]
    out_of_scope: tuple[str, ...]
    notes: str
    human_gate: bool = False
    context: tuple[str, ...] = ()  # lines the legacy format adds: sprint goal, day theme

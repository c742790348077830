"""The labels PACE manages: their names, colours and descriptions."""

from __future__ import annotations

from dataclasses import dataclass

STORY = "pace:story"
RUNNING = "pace:running"
HOLD = "pace:hold"
ADVISORY = "pace:advisory"


@dataclass(frozen=True)
class LabelSpec:
    """A label the app manages: its colour (hex, no ``#``) and description."""

    color: str
    description: str


LABELS: dict[str, LabelSpec] = {
    STORY: LabelSpec("1d76db", "PACE: deliver this issue as a pull request"),
    RUNNING: LabelSpec("fbca04", "PACE: a story run is in progress"),
    HOLD: LabelSpec("d93f0b", "PACE: retries exhausted; a human must look"),
    ADVISORY: LabelSpec("c5def5", f"PACE: advisory; add {STORY} to start a run"),
}


def is_story_label(name: str | None) -> bool:
    """Say whether a label name is the story trigger (labels are case-insensitive)."""
    return name is not None and name.casefold() == STORY

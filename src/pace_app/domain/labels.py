"""The labels PACE manages: their names, colours and descriptions.

``STORY`` is the default trigger; the trigger in force for a repository is
``pace_app.domain.conventions.Conventions.trigger_label``. The status labels keep their
names everywhere: they are the App's own state, recognised without any configuration.
"""

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
    ADVISORY: LabelSpec("c5def5", "PACE: advisory; add the story label to start a run"),
}

# Casefolded, as GitHub compares label names case-insensitively.
STATUS_LABELS = frozenset({RUNNING, HOLD, ADVISORY})


def is_status_label(name: str | None) -> bool:
    """Say whether a label name is one of the App's status labels, never a trigger."""
    return name is not None and name.casefold() in STATUS_LABELS

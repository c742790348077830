"""SCRIBE keeps ``.pace/context/engineering.md`` current; see docs/scribe.md."""

from pace_app.agents.scribe.context_doc import CONTEXT_PATH
from pace_app.agents.scribe.scribe import (
    COMMIT_MESSAGE,
    RECORD_DECISIONS,
    WRITE_CONTEXT,
    bootstrap_context,
    commit_context,
    update_context,
)

__all__ = [
    "COMMIT_MESSAGE",
    "CONTEXT_PATH",
    "RECORD_DECISIONS",
    "WRITE_CONTEXT",
    "bootstrap_context",
    "commit_context",
    "update_context",
]

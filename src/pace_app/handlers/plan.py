"""What routing decides for one delivery: the jobs to store, or why it is ignored."""

from __future__ import annotations

from dataclasses import dataclass, field

from pace_app.domain.job_store import NewJob


@dataclass
class Plan:
    """The jobs a delivery produces; handlers append to it while routing."""

    app_id: int | None
    jobs: list[NewJob] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def skip(self, reason: str) -> None:
        """Note why a matching handler chose to do nothing."""
        self.skipped.append(reason)

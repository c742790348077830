"""The one database a service keeps: jobs and deliveries, and the story runs they drive."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from pace_app.domain.job_store import JobStore
from pace_app.domain.run_store import RunStore


@runtime_checkable
class Store(JobStore, RunStore, Protocol):
    """What every backend provides: the job store and the run store over one database."""

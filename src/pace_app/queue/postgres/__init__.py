"""The PostgreSQL job store: many workers on many machines share one queue."""

from pace_app.queue.postgres.store import PostgresJobStore

__all__ = ["PostgresJobStore"]
